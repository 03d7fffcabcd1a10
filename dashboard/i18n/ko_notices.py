"""Korean notices of the Compare page's actions (English in ``en_notices.py``)."""

NOTICES: dict[str, str] = {
    "notice.full": "비교에는 변형을 최대 {n}개까지 담을 수 있습니다.",
    "notice.too_few": "비교에는 변형이 적어도 {n}개 있어야 합니다.",
    "notice.too_many": "변형 {n}개를 더하면 {total}개가 됩니다; 비교에는 최대 {most}개까지 담을 "
    "수 있습니다. 몇 개를 지우거나, 비교를 바꾸세요.",
    "notice.showing": "{name}을(를) 보여 줍니다: 실행 {n}개, 다시 훈련하지 않았습니다.",
    "notice.data_differs": " 변형들이 서로 다른 데이터를 썼습니다; 양식은 첫 변형의 데이터를 "
    "보여 줍니다.",
    "opened.none": "고른 실행 중 보여 줄 수 있는 것이 없습니다.",
    "opened.too_many": "이 실행들에는 (시드 말고도) 서로 다른 설정이 {n}개 있습니다; 비교 페이지는 "
    "최대 {most}개까지 보여 줍니다. 먼저 걸러 내세요, 예를 들어 한 설정의 한 값으로; 그리고 "
    "묶음을 다시 여세요.",
    "opened.data_differs": "이 실행들은 서로 다른 데이터로 훈련되었습니다; 비교 페이지는 한 번에 "
    "데이터셋 하나를 보여 줍니다.",
    "opened.left_out": " (시드가 더 큰 실행 {n}개는 뺐습니다)",
    "opened.showing": "실행 기록 페이지에서 연 저장된 실행 {n}개를 보여 줍니다{extra}.",
    # why a share link could not be read (dashboard/share.py ShareLinkError's rules; their
    # English stays with the error)
    "sharelink.length": "공유 링크의 매개변수 'c'가 {n}자입니다; 1자에서 {most}자까지 받습니다",
    "sharelink.not_gradlab": "공유 링크의 매개변수 'c'가 gradlab 링크가 아닙니다 (받은 값 "
    "{received}...); 공유 상자에서 링크 전체를 복사하세요",
    "sharelink.too_big": "공유 링크의 매개변수 'c'를 풀면 {most}바이트를 넘습니다",
    "sharelink.not_json": "공유 링크의 매개변수 'c'를 읽을 수 없습니다 (JSON이 아님)",
    "sharelink.shape": "공유 링크의 매개변수 'c'에는 변형이 1개에서 {most}개까지 있어야 합니다",
    "sharelink.label": "공유 링크의 레이블 {label}...이(가) {n}자입니다; 최대 {most}자까지 "
    "받습니다",
    "sharelink.fields": "공유 링크의 변형에 필드가 {n}개 있습니다; 최대 {most}개까지 받습니다",
    "sharelink.value": "공유 링크의 필드 {field}의 값이 {value}입니다; 숫자, {chars}자 이하의 "
    "텍스트, 또는 그것들을 최대 {items}개 담은 목록을 받습니다",
    "sharelink.unusable": "공유 링크에 쓸 수 없는 설정이 있습니다: {error}",
    # why runs could not start: a full queue (experiments/run/runner.py QueueFullError's rules)
    "queue.owner": "대기 중이거나 실행 중인 실행이 이미 {active}개인데 {adding}개를 더 "
    "요청했습니다; 한 사람당 한도는 {limit}개입니다. 몇 개가 끝나기를 기다리거나 취소하세요.",
    "queue.server": "서버에 대기 중이거나 실행 중인 실행이 {active}개인데 {adding}개를 더 "
    "요청했습니다; 전체 한도는 {limit}개입니다. 몇 분 뒤에 다시 해 보세요.",
    "streamlit.upload": "올리기",
    "streamlit.upload_limit": "파일당 최대 {mb}MB • CSV",
    "streamlit.enter": "Enter 키를 누르면 적용",
}
