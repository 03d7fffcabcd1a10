"""The Runs page in Korean; its English lives in ``dashboard/views/runs_text.py``."""

RUNS: dict[str, str] = {
    "runs.TITLE": "실행 기록",
    "runs.SCOPE_LOCAL": "이 저장소의 모든 실행: 비교, 스윕, 단일 실행.",
    "runs.SCOPE_PUBLIC": "내 실행과 내가 연 링크의 실행입니다 "
    "(다른 방문자의 실행은 보이지 않습니다).",
    "runs.VIEW": "보기",
    "runs.VIEW_GROUPS": "그룹",
    "runs.VIEW_RUNS": "실행",
    "runs.SEARCH": "이름, 태그, 메모 검색",
    "runs.STATUS": "상태",
    "runs.SORT": "정렬 기준",
    "runs.DESCENDING": "내림차순",
    "runs.METRIC": "지표",
    "runs.PAGE": "페이지",
    "runs.ADD_FILTER": "필터 추가",
    "runs.FIELD": "항목",
    "runs.OP": "조건",
    "runs.VALUE": "값",
    "runs.VALUE_HELP": "숫자, true/false, created_at에는 YYYY-MM-DD 형식의 날짜, 또는 텍스트; "
    "'in'에는 [a, b]",
    "runs.ADD": "추가",
    "runs.REMOVE": "✕ {text}",
    "runs.BAD_FILTER": "이 필터는 쓸 수 없습니다: {error}",
    "runs.COUNT_RUNS": "일치하는 실행: {n:,}개 · {page}/{pages} 페이지",
    "runs.COUNT_GROUPS": "일치하는 그룹: {n:,}개 · {page}/{pages} 페이지",
    "runs.OLD_STORE": "이 저장소는 이전 버전의 gradlab이 쓴 것이라 지금은 쓸 수 없어 "
    "여기에 나열할 수 없습니다. 쓸 수 있는 곳에서 한 번 여세요 (실행 기록은 보존됩니다).",
    "runs.EMPTY": "일치하는 실행이 없습니다. 비교 페이지에서 비교를 훈련하거나 "
    "필터를 느슨하게 하세요.",
    "runs.NONE_YET": "아직 실행이 없습니다. 비교 페이지에서 훈련한 실행과 연 공유 링크의 실행이 "
    "여기에 나열됩니다. 공개 앱에서는 이 브라우저를 닫기 전까지 이 브라우저의 실행만 보입니다: "
    "나중에 다시 보려면 비교의 공유 링크를 간직하세요. gradlab을 직접 실행한다면 "
    "GRADLAB_AUDIENCE=local로 시작해 저장소의 모든 실행(명령줄 스윕 포함)을 보세요.",
    "runs.NONE_YET_LOCAL": "이 저장소에는 아직 실행이 없습니다: 비교 페이지에서 비교를 훈련하세요.",
    "runs.PICK": "비교에서 열 행을 최대 {most}개까지 체크하세요.",
    "runs.TOO_MANY": "{n}개 행이 체크되어 있습니다. 처음 {most}개를 씁니다.",
    "runs.OPEN": "비교에서 열기",
    "runs.LINK": "체크한 행의 공유 링크",
    "runs.LINK_NONE": "체크한 행들에는 비교 하나가 보여 줄 수 있는 것보다 많은 설정이 있습니다.",
    "runs.NOTES_TITLE": "체크한 실행의 태그와 메모 ({n})",
    "runs.TAGS": "태그 (쉼표로 구분)",
    "runs.NOTE": "메모",
    "runs.SAVE": "태그와 메모 저장",
    "runs.SAVED": "태그와 메모를 저장했습니다.",
    "runs.READ_ONLY": "이 저장소는 읽기 전용이라 태그와 메모를 저장할 수 없습니다.",
    "runs.ANALYSIS": "하이퍼파라미터와 {metric} (실행 {n:,}개)",
    "runs.ANALYSIS_FEW": "일치하는 실행들의 설정이 서로 다르면 평행 좌표 그래프와 민감도 그래프가 "
    "나타납니다.",
    "runs.ANALYSIS_CAP": "일치하는 실행 {n:,}개 중 처음 {limit:,}개로 그렸습니다. 나머지를 보려면 "
    "필터를 쓰세요.",
    "runs.LINES": "실행 {of:,}개 중 {n:,}개를 고르게 골라 그렸습니다. 아래 그림은 모두를 씁니다.",
    "runs.PARCOORDS": "선 하나가 실행 하나입니다. 축을 따라 드래그하면 범위를 고릅니다.",
    "runs.KNOB_X": "x축의 설정",
    "runs.KNOB_LINE": "선을 나눌 설정 (값마다 선 하나)",
    "runs.NO_LINE": "(없음)",
    "runs.OTHERS_AVERAGED": "{others}도 달라지므로 그에 대해서도 평균을 냈습니다.",
    "runs.SENSITIVITY_NOTE": "시드에 대한 평균과 95% 신뢰 구간 (스튜던트 t 분포)입니다. 시드가 "
    "하나면 구간이 없습니다.",
    "runs.COLUMNS.label": "이름",
    "runs.COLUMNS.status": "상태",
    "runs.COLUMNS.seed": "시드",
    "runs.COLUMNS.created_at": "만든 시각",
    "runs.COLUMNS.kind": "종류",
    "runs.COLUMNS.tags": "태그",
    "runs.COLUMNS.group": "그룹",
    "runs.COLUMNS.runs": "실행",
    "runs.COLUMNS.finished": "끝남",  # done, diverged or stopped: "완료" is the done status
    "runs.KINDS.comparison": "비교",
    "runs.KINDS.sweep": "스윕",
    "runs.KINDS.run": "단일 실행",
    "runs.ANY_STATUS": "모든 상태",
    "runs.COLUMNS.labels": "이름",
    "runs.COLUMNS.best": "최고 {metric}",
}
