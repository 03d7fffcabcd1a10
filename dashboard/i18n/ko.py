"""Korean texts, in the seed tutorial's own terms (``docs/glossary.ko.md``).

Keras names, code and formulas stay as they are; a key missing here shows its English text.
"""

from dashboard.i18n.ko_charts import CHARTS
from dashboard.i18n.ko_csv import CSV
from dashboard.i18n.ko_lessons import LESSONS
from dashboard.i18n.ko_notices import NOTICES
from dashboard.i18n.ko_runs import RUNS
from dashboard.i18n.ko_spec import SPEC
from dashboard.i18n.ko_verdicts import VERDICTS

TEXT: dict[str, str] = {
    # navigation
    "page.compare": "비교",
    "page.runs": "실행 기록",
    "page.activations": "활성화 함수",
    "page.backprop": "역전파",
    # Activations page
    "act.title": "활성화 함수와 그 미분",
    "act.caption": "튜토리얼 2) 3. 활성화 함수: 각 활성화 함수가 순전파와 역전파에서 신호에 "
    "무엇을 하는지 봅니다.",
    "act.shown": "활성화 함수",
    "act.span": "z 범위 (±)",
    "act.dead_region": "죽은 영역:<br>출력 0,<br>기울기 0",
    "act.step_region": "모든 곳에서<br>기울기 0<br>(z = 0에서는<br>정의되지 않음)",
    "act.note.step": "계단 함수의 미분값은 모든 곳에서 0입니다 (0에서는 정의되지 않음). 기울기가 "
    "가중치에 전혀 전달되지 않으므로, 퍼셉트론의 계단 함수는 매끄러운 함수로 대체되었습니다.",
    "act.note.sigmoid": "sigmoid'(z) = a(1 − a)는 최대 0.25입니다 (z = 0에서). 시그모이드 "
    "함수 층마다 역전파 신호에 0.25 이하가 곱해지므로, 깊은 시그모이드 신경망은 기울기 소실을 "
    "겪습니다.",
    "act.note.tanh": "tanh는 0을 중심으로 하고 기울기가 1까지 올라가지만, |z| > 2에서는 여전히 "
    "포화됩니다.",
    "act.note.relu": "z < 0이면 출력과 기울기가 모두 0입니다. 그곳에 갇힌 뉴런은 죽어서 더 이상 "
    "학습하지 않습니다 (죽은 렐루). z > 0이면 기울기가 정확히 1이라 기울기가 그대로 "
    "전달됩니다.",
    "act.note.leaky_relu": "z < 0에서 작은 기울기 (Keras: 0.2)가 기울기를 계속 흐르게 하므로 "
    "뉴런이 죽지 않습니다.",
    "act.note.linear": "직선입니다. 선형 층을 여러 개 쌓아도 선형 층 하나와 같습니다 (아래 참고).",
    "act.linear.title": "선형 활성화 함수를 쓰면 층을 쌓아도 소용없는 이유",
    "act.linear.body": "비선형 활성화 함수가 없으면 두 층은 "
    "$y = (xW_1 + b_1)W_2 + b_2 = x(W_1W_2) + (b_1W_2 + b_2)$를 계산합니다. 가중치 행렬이 "
    "$W_1W_2$인 층 하나입니다. 선형 층을 아무리 많이 쌓아도 신경망은 직선 결정 경계만 그릴 수 "
    "있습니다 (튜토리얼 2) 3: 활성화 함수는 비선형 함수여야 합니다).",
    "act.linear.two": "선형 층 두 개",
    "act.linear.one": "층 하나 W1·W2",
    "act.linear.caption": "임의의 입력 네 개를 2→3→1 선형 층과 두 가중치 행렬의 곱에 각각 "
    "통과시킨 결과입니다.",
    "act.softmax.title": "소프트맥스 함수: 점수를 클래스별 확률로",
    "act.softmax.body": "다중 클래스 분류의 출력층 (튜토리얼 2) 3, 4) 1)은 점수 $z$를 확률 "
    "$p_i = e^{{z_i}} / \\sum_j e^{{z_j}}$로 바꿉니다. 모두 양수이고 합은 1입니다. 위의 함수들과 "
    "달리 출력들이 서로 묶여 있어 변수 하나의 곡선으로 그릴 수 없습니다. 점수 하나를 올리면 "
    "다른 모든 확률이 내려갑니다: $\\partial p_i / \\partial z_j = p_i(\\delta_{{ij}} - p_j)$. "
    "클래스가 두 개이면 $z_1 - z_2$의 시그모이드 함수와 같습니다.",
    "act.softmax.score": "점수 z{k}",
    "act.softmax.class": "클래스 {k}",
    "act.softmax.jacobian": "야코비 행렬 ∂p/∂z: 대각선은 양수, 나머지는 음수입니다.",
    "act.depth.title": "층이 깊어질수록 시그모이드 함수의 기울기가 얼마나 빨리 줄어드는가",
    "act.depth.layers": "시그모이드 층 수",
    "act.depth.factor": "가능한 최대 배율 0.25ⁿ",
    "act.depth.caption": "튜토리얼 2) 3 (3): 시그모이드 층 10개를 지나면 기울기는 많아야 "
    "~1e-6배가 됩니다.",
    "chart.act.x": "활성화 함수 입력 z",
    "chart.act.y": "값",
    "chart.softmax.y": "확률",
    # Backprop page
    "bp.title": "역전파, 한 단계씩",
    "bp.caption": "튜토리얼 4-3) 역전파 이해하기: 2-2-2 신경망, 모든 층에 시그모이드 함수, 편향 "
    "없음, E = ½(t1 − o1)² + ½(t2 − o2)² (출력이 두 개인 Keras의 `mse`), 경사 하강법 한 "
    "단계. 아래의 모든 숫자는 gradlab의 `core`가 계산합니다 "
    "(`core.backprop.trace_train_step`). 기본값은 튜토리얼의 값입니다.",
    "bp.inputs": "입력과 실제값",
    "bp.hidden_weights": "은닉층 가중치",
    "bp.output_weights": "출력층 가중치",
    "bp.descent": "경사 하강법",
    "bp.lr": "학습률",
    "bp.compute": "한 단계 계산",
    "bp.col.quantity": "항목",
    "bp.col.value": "값",
    "bp.col.weight": "가중치",
    "bp.col.path": "경로",
    "bp.col.before": "업데이트 전",
    "bp.col.after": "업데이트 후",
    "bp.col.dz/dw (input)": "dz/dw (입력)",
    "bp.after.title": "5. 결과 확인",
    "bp.after.before": "업데이트 전 E_total",
    "bp.after.after": "업데이트 후 E_total",
    "bp.diagram": "입력 x, 은닉층 뉴런 h = sigmoid(z), 출력 o = sigmoid(z): 아래 순전파의 "
    "값이며, 각 가중치는 (업데이트 전 값으로) 연결선 위에 있습니다.",
    "bp.forward.title": "1. 순전파",
    "bp.forward.caption": "z = x·W (편향 없음), h = sigmoid(z), 출력층도 마찬가지입니다.",
    "bp.error.title": "2. 오차",
    "bp.error.caption": "출력마다 제곱 오차의 절반이며, 그 합이 여기서는 Keras의 mse입니다.",
    "bp.output.title": "3. 역전파 1단계 (출력층): dE/dw = dE/do · do/dz · dz/dw",
    "bp.output.caption": "시그모이드 함수에서 do/dz = o(1 − o)이고, dz/dw는 그 가중치로 "
    "들어오는 은닉층 뉴런의 값입니다. 새 가중치는 w − 학습률 · dE/dw입니다.",
    "bp.hidden.title": "4. 역전파 2단계 (은닉층): dE/dw = dE/dh · dh/dz · dz/dw",
    "bp.hidden.caption": "dE/dh는 두 출력이 돌려보내는 값의 합입니다 (각 δ에 업데이트 전 출력층 "
    "가중치를 곱한 값). dz/dw는 그 가중치로 들어오는 입력입니다.",
    # dashboard/guard.py
    "guard.failed": "이 페이지에서 문제가 생겼습니다 ({kind}: {error}). 설정은 그대로 있습니다. "
    "문제가 된 입력을 고치거나 페이지를 새로 고치세요.",
    "guard.store": "실행 기록 저장소를 쓸 수 없습니다: {error}",
    "guard.fresh_store": "새 저장소로 시작 (기존 파일은 옆에 보관됩니다)",
    # the comparison form
    "form.data": "데이터 (모든 변형이 공유)",
    "form.run": "▶ 실행",
    "form.variants": "변형",
    "form.choose": "하나를 고르세요",
    "form.copy": "이 변형 복사",
    "form.apply": "적용",
    "form.blocked": "실행할 수 없습니다: {first}{more}",
    "form.blocked_more": " (외 {n}개, 위에 표시됨)",
    "form.label": "이름",
    "form.label_error": "이름 {label}: 비어 있지 않고 서로 달라야 합니다",
    "form.variant_count": "비교에는 변형이 {low}~{high}개 있어야 합니다. 지금은 {n}개입니다",
    "form.depth": "은닉층 수",
    "form.width": "뉴런 수",
    "form.optimizer_details": "옵티마이저 세부 설정",
    "form.more": "규제, 클리핑, 시드",
    "form.mini_batch": "미니 배치 크기",
    "form.regime.full": "배치 경사 하강법 (전체 데이터)",
    "form.regime.sgd": "확률적 경사 하강법 (배치 크기 1)",
    "form.regime.mini": "미니 배치 경사 하강법",
    "form.keras_default": "Keras 기본값",
    "form.keras_default_for": "Keras 기본값({optimizer}): {value}",
    "form.default": "기본값",
    "form.same_settings": "다른 변형과 설정이 같음",
    "task.binary": "이진 분류",
    "task.multiclass": "다중 클래스 분류",
    "task.regression": "회귀",
    # above the form
    "setup.preset": "수업 예제",
    "setup.load": "예제 불러오기",
    "setup.modified": "불러온 뒤 바뀌었습니다: 아래 비교는 수업 예제가 아니라 직접 바꾼 것입니다.",
    "setup.press_load": "**예제 불러오기**를 누르면 비교가 “{title}”(으)로 바뀝니다.",
    "preset.caption": "**튜토리얼 {section}.** {explanation}",
    "setup.manage": "변형 관리: 추가, 복제, 삭제, 설정 하나만 바꿔 보기",
    "setup.pick_lesson": "불러올 수업을 고르세요",
    "setup.variant": "변형",
    "setup.duplicate": "복제",
    "setup.remove": "삭제",
    "setup.add": "새로 추가",
    "setup.copy_note": "복제와 ‘설정 하나만 바꿔 보기’는 마지막으로 적용한 설정을 복사합니다. "
    "카드의 복사 버튼은 카드에 지금 보이는 값을 복사합니다.",
    "setup.vary": "설정 하나만 바꿔 보기",
    "setup.field": "설정",
    "setup.values": "값 (쉼표로 구분)",
    "setup.then": "만든 다음",
    "setup.mode.add": "비교에 추가",
    "setup.mode.replace": "비교를 대체",
    "setup.make": "변형 만들기",
    "setup.vary_note": "“{name}”에서 {knob}만 다른 변형들입니다.",
    # the data preview
    "preview.title": "데이터",
    "preview.cannot": "이 설정으로는 데이터를 준비할 수 없습니다: {error}",
    "preview.classes": "클래스 {n}개",
    "preview.noise": "; 노이즈 {noise} ({meaning})",
    "preview.facts": "- 훈련 데이터 {train}개 (검정), 검증 데이터 {val}개 (회색)\n"
    "- 특성 {features}개, {kind}{noise}\n"
    "- 모든 변형이 정확히 이 분할로, 보이는 대로 스케일된 데이터로 학습합니다",
    "preview.caption": "튜토리얼 5) 과적합을 막는 방법들: 훈련 데이터가 적거나 노이즈가 많을수록 "
    "과적합이 쉽게 일어납니다. 변형을 실행하면 과적합 차이로 드러납니다.",
    "chart.data.training": "훈련",
    "chart.data.validation": "검증",
    "chart.data.class": "클래스 {k}",
    "chart.data.class_axis": "클래스",
    "chart.data.target": "실제값",
    "chart.data.target_scaled": "실제값 (표준화)",
    "chart.data.x0": "특성 x0 (스케일 조정)",
    "chart.data.x1": "특성 x1 (스케일 조정)",
    "chart.data.examples": "샘플 수",
    # model summary and Keras code
    "code.title": "모델 요약과 Keras 코드",
    "code.caption": "튜토리얼 3) 4: 매개변수 수는 Keras의 `model.summary()`가 출력하는 값과 "
    "같습니다. 스크립트는 Keras 3에서 그대로 실행됩니다.",
    "code.fix_first": "먼저 {label}의 설정을 고치세요: {error}",
    # the Compare page
    "compare.title": "변형을 나란히 비교하기",
    "compare.run_hint": "**▶ 실행**을 누르면 모든 변형을 백그라운드에서 훈련합니다.",
    "compare.cannot_start": "실행을 시작할 수 없습니다: {error}",
    "compare.link_failed": "이 공유 링크를 열 수 없습니다: {error}",
    "compare.link_fix": "공유된 비교에 고쳐야 할 설정이 있습니다 (아래에 표시).",
    "compare.link_stored": "이 링크의 저장된 실행 결과를 보여 줍니다.",
    "compare.link_not_run": "이 링크의 변형들은 아직 이 서버에서 실행되지 않았습니다.",
    "compare.link_run": "▶ 공유된 비교 실행",
    "compare.fix_marked": "표시된 항목을 고치세요: {errors}",
    # share and export
    "share.title": "공유와 내보내기",
    "share.link_caption": "링크에 모든 변형의 설정이 담겨 있습니다. 열면 저장된 실행 결과를 "
    "보여 주거나 실행을 제안합니다. 복사 아이콘을 쓰세요.",
    "share.download": "CSV 내려받기",
    "share.rows": "{rows:,}행: 실행 × 에포크 × 데이터 분할마다 한 행, 실행 {runs}개.",
    "share.upload": "내려받은 비교 보기 (CSV)",
    "share.upload_help": "아무것도 훈련하지 않고 파일의 곡선과 표를 보여 줍니다.",
    "share.cannot_show": "{name}을(를) 보여 줄 수 없습니다: {error}",
    # the results area's charts and table
    "charts.line_key": "손실과 정확도: 실선 = 검증, 점선 = 훈련",
    "charts.loss": "손실",
    "charts.log_y": "손실 로그 축",
    "charts.loss_caption": "튜토리얼 4) 1과 5): 점선 = 훈련 (훈련 데이터 전체, 추론 모드), "
    "실선 = 검증. 시드가 여럿이면 선은 그 평균이고 띠는 95% 신뢰 구간(또는 시드들의 최솟값에서 "
    "최댓값)입니다.",
    "charts.accuracy": "정확도",
    "charts.accuracy_axis": "정확도 (맞힌 비율)",
    "charts.gap": "과적합 차이",
    "charts.gap_caption": "튜토리얼 5): 검증 손실에서 훈련 손실을 뺀 값. 차이가 커지면 "
    "과적합입니다. 별은 각 변형의 최적 에포크(검증 손실이 가장 낮은 에포크)입니다.",
    "charts.pause": "차트 멈추기",
    "charts.pause_help": "실행이 훈련하는 동안 차트를 멈춰 정확한 값에 마우스를 올리거나 확대할 수 "
    "있게 합니다 (새로 고칠 때마다 차트를 새로 그립니다). 훈련과 진행은 계속됩니다.",
    "charts.show": "보여 줄 변형",
    "charts.show_help": "손실, 정확도, 차이 차트에서 변형을 숨기거나 하나만 봅니다. 실행이 "
    "훈련하는 동안에도 선택이 유지됩니다 (차트 자체의 범례 클릭은 다음 새로 고침에 사라집니다).",
    "live.progress": "**{label}**{seeds}: {done}/{total} 에포크 · {statuses}",
    "live.seeds": " (시드 {n}개)",
    "live.cancel": "취소",
    "live.waiting": "첫 에포크를 기다리는 중…",
    "status.queued": "대기 중",
    "status.running": "실행 중",
    "status.done": "완료",
    "status.diverged": "발산",
    "status.failed": "실패",
    "status.cancelled": "취소됨",
    "status.interrupted": "중단됨",
    "table.diverged_at": "에포크 {epochs}에서 발산",
    "evidence.band": "시드에 걸친 띠",
    "evidence.band_help": "평균의 95% 신뢰 구간(시드들에 대한 스튜던트 t 분포)은 평균선이 얼마나 "
    "확실한지 말해 줍니다. 최소–최대는 시드 하나하나가 얼마나 벗어났는지 보여 줍니다.",
    "evidence.baseline": "기준 변형",
    "evidence.metric": "지표",
    "evidence.title": "차이가 진짜일까?",
    "evidence.need_two": "판정은 변형 두 개 이상을 비교합니다.",
    "evidence.how": "각 변형의 시드들을 기준 변형과 웰치의 t-검정으로 비교합니다. ±는 차이의 "
    "95% 신뢰 구간입니다. p < {alpha}이면 차이가 진짜라고 판정하고, 아니면 시드를 더 늘리면 "
    "드러날 수도 있습니다.",
    "evidence.download": "근거 내려받기 (CSV)",
    "evidence.download_help": "변형마다 모든 지표: 시드 수, 평균, 표준편차, 95% 신뢰 구간 반폭, "
    "그리고 기준 변형과의 차이와 그 신뢰 구간, p, Holm p, 판정 (여기 보이는 대로).",
    "chart.epoch": "에포크",
    "chart.split.train": "훈련",
    "chart.split.val": "검증",
    "chart.gap.y": "검증 손실 − 훈련 손실",
    "chart.gap.best": "최적 에포크",
    "chart.gap.val_loss": "검증 손실",
    "chart.gap.gap": "차이",
    "charts.loss_axis": "손실",
    "charts.loss_named": "손실 ({name})",
    "charts.data_loss": "데이터 손실",
    "charts.data_loss_named": "데이터 {title}, 페널티 제외)",
    "heat.grad_title": "층별 기울기 크기 (층 × 에포크)",
    "heat.grad_caption": "튜토리얼 2) 3 (3), 6) 2: 각 Dense 커널 기울기 노름의 상용로그, 에포크 "
    "스텝들의 평균; 모든 변형이 한 색 척도를 씁니다. 조금 더 어두운 것은 몇 배 작을 뿐이고, "
    "기울기 소실은 첫 행들이 자릿수 단위로 작아지는 것이며 그때는 차트 아래에 경고가 나옵니다.",
    "heat.dead_later": "층별 죽은 뉴런은 실행이 끝나면 나타납니다.",
    "heat.dead_title": "층별 죽은 뉴런 (층 × 에포크)",
    "heat.dead_caption": "튜토리얼 2) 3 (4): ReLU 계열 층마다 에포크 끝에 모든 훈련 데이터 "
    "샘플에 대해 0을 출력하는 뉴런의 비율 (기울기를 뒤로 전달하지 못함), 모든 패널에서 0에서 1. "
    "행이 빨갛게 변하면 그 층이 죽어 가는 것입니다.",
    "pred.title": "각 변형이 학습한 것",
    "pred.final_caption": "튜토리얼 2) 1-2: 마지막 에포크 뒤, 훈련 데이터 위의 결정 영역 "
    "(2차원 분류) 또는 검증 데이터의 예측값 대 실제값 (회귀). 패널마다 실행 하나, 변형의 첫 번째 "
    "시드입니다 (위의 곡선은 시드들의 평균입니다). 확률은 하나의 고정 척도를 씁니다: "
    "0 (파랑)에서 1 (빨강), 모든 패널에서 0.5는 흰색입니다.",
    "pred.live_caption": "튜토리얼 2) 1-2: 실행이 훈련하는 동안 몇 에포크마다 다시 그리는 훈련 "
    "데이터(점 샘플 일부) 위의 결정 영역 (패널마다 에포크를 적습니다; 모든 점이 있는 최종 그림은 "
    "실행이 끝나면 나옵니다). 패널은 변형의 첫 번째 시드입니다. 확률은 하나의 고정 척도를 "
    "씁니다: 0 (파랑)에서 1 (빨강), 모든 패널에서 0.5는 흰색입니다.",
    "table.title": "결과",
    "table.caption": "변형마다 시드들에 걸쳐: 각 실행의 최저·최종 검증 손실과 최고·최종 검증 "
    "정확도, 검증 손실이 가장 낮은 에포크와 그때의 차이(검증 손실 − 훈련 손실)를 평균 ± 95% "
    "신뢰 구간의 반폭으로 (스튜던트 t 분포; 시드가 하나면 평균만; 시드 k개만 값이 있으면 n=k) "
    "보여 줍니다. 매개변수 수, 에포크당 이터레이션(튜토리얼 5): 에포크마다의 옵티마이저 스텝 수), "
    "클리핑이 기울기를 바꾼 스텝의 비율, 훈련 시간.",
    "table.variant": "변형",
    "table.status": "상태",
    "table.seeds": "시드 수",
    "table.best_val_loss": "최저 검증 손실",
    "table.final_val_loss": "최종 검증 손실",
    "table.best_val_accuracy": "최고 검증 정확도",
    "table.final_val_accuracy": "최종 검증 정확도",
    "table.best_epoch": "최적 에포크",
    "table.gap_at_best_epoch": "최적 에포크의 차이",
    "table.epochs_done": "완료한 에포크",
    "table.final_train_loss": "최종 훈련 손실",
    "table.final_train_accuracy": "최종 훈련 정확도",
    "table.parameters": "매개변수 수",
    "table.iterations": "에포크당 이터레이션",
    "table.clipped": "클리핑된 스텝",
    "table.time": "실행당 시간 (초)",
    **CHARTS,
    **NOTICES,
    **SPEC,
    **LESSONS,
    **RUNS,
    **VERDICTS,
    **CSV,
}
