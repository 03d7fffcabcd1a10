"""Korean reasons an uploaded results CSV is refused (``CsvFormatError``'s rules in
``experiments/results/csv_*.py``) and the data preview's loader refusals (``DatasetError``'s
rules in ``datasets/splits.py``); their English stays with the error, word for word.
"""

NOT_OURS = "gradlab 결과 CSV가 아닙니다: "

CSV: dict[str, str] = {
    "csv.columns": NOT_OURS + "열이 {n}개입니다; 최대 {most}개까지 받습니다",
    "csv.missing": NOT_OURS + "열 {missing}이(가) 없습니다 (파일의 열: {found})",
    "csv.repeated": NOT_OURS + "열 {names}이(가) 두 번 이상 나옵니다",
    "csv.unknown_column": NOT_OURS + "알 수 없는 열 {name}; 받는 열: 문서에 있는 열, 그리고 "
    "k가 {most}보다 작은 layer<k>.<{fields}>",
    "csv.layer_lacks": NOT_OURS + "{layer}에 열 {lacking}이(가) 없습니다",
    # the parser's own words, quoted as they are (pandas speaks English only)
    "csv.unparsable": NOT_OURS + "읽을 수 없습니다 (pandas의 메시지: {detail})",
    "csv.invalid_config": NOT_OURS + "파일에 담긴 설정이 올바르지 않습니다: {error}",
    "csv.too_many_rows": "행이 너무 많습니다: {most:,}행을 넘습니다; CSV 하나에는 비교 하나만 "
    "담깁니다 (최대 실행 {runs}개 × 1,000 에포크 × 데이터 분할 2개)",
    "csv.too_many_runs": "실행이 너무 많습니다: {most}개를 넘습니다; CSV 하나에는 비교 하나만 "
    "담깁니다 (최대 변형 8개 × 시드 5개)",
    "csv.too_many_labels": "레이블이 너무 많습니다: {n}개; CSV 하나에는 비교 하나만 담깁니다 "
    "(최대 변형 {most}개), 예: {examples}",
    "csv.epoch": NOT_OURS + "epoch 열의 에포크는 1부터 그 실행의 config.epochs ({most})까지의 "
    "정수여야 합니다; {line}번째 줄의 값은 {received}입니다",
    "csv.range": "결과 CSV의 값이 문서에 적힌 범위를 벗어났습니다: {line}번째 줄, {column} 열: "
    "받은 값 {received}; 받는 값: {accepted}",
    "csv.encoding": NOT_OURS + "파일이 UTF-8도 CP949 텍스트도 아닙니다; "
    "“CSV UTF-8(쉼표로 분리)” 형식으로 다시 저장하세요",
    "csv.empty": NOT_OURS + "파일이 비어 있습니다",
    # what a column accepts (csv_checks.ACCEPTS)
    "csv.accepts.number": "숫자",
    "csv.accepts.whole": "0부터 {most}까지의 정수",
    "csv.accepts.whole_non_negative": "0 이상의 정수",
    "csv.accepts.finite": "유한한 숫자",
    "csv.accepts.non_negative": "0 이상의 숫자",
    "csv.accepts.finite_non_negative": "0 이상의 유한한 숫자",
    "csv.accepts.share": "0부터 1까지의 숫자",
    "csv.accepts.one_of": "{names} 중 하나",
    "csv.accepts.label": "최대 {most}자",
    "csv.accepts.one_row": "실행 × 에포크 × 데이터 분할마다 한 행",
    "csv.accepts.known_epoch": "데이터 분할 행이 있는 에포크",
    # the data preview's loader (datasets/splits.py check_splittable); {field} as the form names it
    "dataerror.regression_rows": "{field}: 행 {n}개로는 훈련/검증/테스트로 60/20/20 분할하기에 "
    "너무 적습니다; 최소 {least}개가 필요합니다.",
    "dataerror.class_rows": "{field}: 클래스 {classes}{more}의 행이 너무 적어 훈련/검증/테스트로 "
    "60/20/20 분할할 수 없습니다; 모든 클래스에 행이 최소 {least}개 필요합니다.",
    "dataerror.more": " 외 {n}개",
}
