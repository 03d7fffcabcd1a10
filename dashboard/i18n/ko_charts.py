"""Korean texts of the results area's heatmaps, gradient warnings and decision boundaries
(English in ``en_charts.py``), in the seed tutorial's terms (``docs/glossary.ko.md``)."""

CHARTS: dict[str, str] = {
    "heat.scale.grad.title": "기울기 노름 (상용로그)",
    "heat.scale.grad.hover": "기울기 노름의 상용로그 %{z:.3f}<br>‖∂L/∂W‖ %{customdata:.3e}",
    "heat.scale.dead.title": "죽은 뉴런 (비율)",
    "heat.scale.dead.hover": "죽은 뉴런 %{z:.0%}",
    "heat.layer": "층",
    "heat.layer_axis": "층 (입력 → 출력)",
    "heat.nothing": "기록된 것 없음",
    "heat.no_relu": "ReLU 계열 층이 없음:<br>죽을 수 있는 뉴런이 없습니다",
    "heat.diverged": "에포크 {epoch}에서 발산:<br>기록된 에포크 없음",
    "heat.no_epoch_yet": "아직 기록된 에포크 없음",
    "heat.died": "신경망이 에포크 {epoch}에서 죽었습니다: 그 뒤로 모든 기울기가 0이라 어떤 "
    "가중치도 다시 바뀌지 않습니다 (튜토리얼 2) 3 (4): 모든 입력에 0을 출력하는 렐루 뉴런은 "
    "기울기를 뒤로 전달하지 못합니다; He 초기화, 더 작은 학습률 또는 leaky_relu가 뉴런을 살려 "
    "둡니다)",
    "grad.zero": "{layers}의 기울기가 0: 아무것도 전달되지 않습니다",
    "grad.non_finite": "유한하지 않은 기울기 노름 (숫자가 아닌 값 또는 무한대)",
    "grad.exploding": "기울기 폭주 (노름이 {norm}보다 큼)",
    "grad.vanishing": "기울기 소실 (첫 층/마지막 층 비율 {ratio})",
    "pred.p1": "클래스 1의 확률",
    "pred.class": "예측한 클래스",
    "pred.ideal": "이상적인 예측",
    "pred.true": "실제값",
    "pred.predicted": "예측값",
    "pred.true_axis": "실제값 (검증 데이터)",
    "pred.titled": "{label} · 에포크 {epoch}",
    "pred.diverged": "시드 {seed}: 에포크 {epoch}에서 발산:<br>보여 줄 결정 경계가 없습니다",
    "pred.nothing": "{status}: 보여 줄 것이 없습니다",
    "pred.imported": "올린 결과에는 결정 경계가 없습니다: 결과 CSV에는 곡선만 있고, 훈련된 "
    "모델이나 예측 격자는 없습니다. 각 변형이 학습한 것을 보려면 비교를 실행하세요.",
    # the loss chart's hover over seeds and the band's choice (charts/loss.py, widgets/evidence.py)
    "chart.seeds_hover": "<br>± %{customdata[3]:.3g} (95% 신뢰 구간, 시드 %{customdata[2]}개)"
    "<br>시드별 값 %{customdata[0]:.6g}에서 %{customdata[1]:.6g}까지",
    "chart.band.ci": "평균의 95% 신뢰 구간",
    "chart.band.range": "시드들의 최소–최대",
    "chart.off_axis": "발산한 실행의 값이 축 밖에 있습니다 (마우스 또는 로그 척도)",
    "chart.off_axis_gap": "발산한 실행의 값이 축 밖에 있습니다 (마우스를 올려 보세요)",
    "sweep.log": "{name} (로그 척도)",
    "sweep.all_runs": "모든 실행",
    "sweep.y": "{metric} (평균, 95% 신뢰 구간)",
    "loss.shown": "보여 줄 손실",
    "loss.option.data": "데이터 손실 (페널티 제외)",
    "loss.option.keras": "페널티를 포함한 손실 (Keras)",
    "loss.help": "Keras의 loss와 val_loss는 데이터 손실에 L1/L2 규제 페널티를 더합니다. 그러면 "
    "페널티가 있는 변형은 다른 변형보다 훨씬 위에서 시작하고, 오차가 아닌 숫자 때문에 순위가 "
    "나빠집니다: 데이터 손실은 같은 것끼리 비교합니다.",
    "loss.shown_data": "표시: 데이터 손실, {names}의 규제 페널티를 뺀 값이라 모든 변형의 손실이 "
    "같은 것을 잽니다; 결과 표도 이것으로 순위를 매깁니다.",
    "loss.shown_keras": "표시: Keras의 손실, {names}의 데이터 손실에 페널티를 더한 값입니다; "
    "결과 표도 이것으로 순위를 매깁니다.",
}
