"""Korean notices of the Compare page's actions (English in ``en_notices.py``)."""

NOTICES: dict[str, str] = {
    "notice.full": "비교에는 변형을 최대 {n}개까지 담을 수 있습니다.",
    "notice.too_few": "비교에는 변형이 적어도 {n}개 있어야 합니다.",
    "notice.too_many": "변형 {n}개를 더하면 {total}개가 됩니다; 비교에는 최대 {most}개까지 담을 "
    "수 있습니다. 몇 개를 지우거나, 비교를 바꾸세요.",
    "notice.showing": "{name}을(를) 보여 줍니다: 실행 {n}개, 다시 훈련하지 않았습니다.",
    "notice.data_differs": " 변형들이 서로 다른 데이터를 썼습니다; 양식은 첫 변형의 데이터를 "
    "보여 줍니다.",
}
