"""Korean verdict sentences (``verdict.<...>``): their English lives with the verdicts
(``experiments/results/verdicts.py``), which hand their facts over as ``Verdict.params``;
``dashboard/i18n/verdicts.py`` words them. Numbers arrive formatted, as the English shows them."""

VERDICTS: dict[str, str] = {
    "verdict.case.provisional": "{label} 대 {baseline}: 아직 훈련 중: 두 변형의 모든 시드가 "
    "끝날 때까지 판정하지 않습니다",
    "verdict.case.one_seed": "{label} 대 {baseline}: 시드 하나: 판정할 수 없습니다; 시드를 "
    "늘리세요",
    "verdict.case.few_values": "{label} 대 {baseline}: 판정할 수 없습니다: {who}은(는) 시드 "
    "{n}개 중 {k}개에만 값이 있습니다 (나머지는 발산했거나 값이 나오기 전에 멈췄습니다)",
    "verdict.case.same_every_seed": "{label} 대 {baseline}: 모든 시드에서 같습니다 ({seeds})",
    "verdict.case.agreed": "{label}은(는) {baseline}보다 {diff}만큼 {direction} (모든 시드가 "
    "같은 값, {seeds})",
    "verdict.case.real": "{label}은(는) {baseline}보다 {diff} ± {halfwidth}{adjusted}만큼 "
    "{direction} ({ps}, {seeds})",
    "verdict.case.same": "{label} 대 {baseline}: 시드 {counts}개로는 구별되지 않습니다: 시드를 "
    "늘리세요 (차이 {diff} ± {halfwidth}{adjusted}, {ps})",
    "verdict.case.described": "{label} 대 {baseline}: 중앙값 {a} 대 {b} ({seeds}); 범위가 "
    "정해지고 치우친 개수라 구간이나 p를 쓰지 않습니다",
    "verdict.lower": "낮습니다",
    "verdict.higher": "높습니다",
    "verdict.better": " (더 좋음)",
    "verdict.worse": " (더 나쁨)",
    "verdict.seeds_each": "시드 각 {n}개",
    "verdict.seeds_two": "시드 {n_a}개와 {n_b}개",
    "verdict.counts_two": "{n_a}개와 {n_b}",
    "verdict.p_holm": "{p_raw}; 비교 {m}번에 대한 다중 비교 보정 후 {p}",
    "verdict.before_adjustment": " (보정 전)",
    "verdict.holm_note": "변형 {k}개를 각각 {baseline}과(와) 비교합니다: p값은 비교 {k}번에 "
    "맞게 보정되어, 여러 차이 중 운 좋은 하나를 진짜로 읽지 않습니다; 각 ±는 보정 전 "
    "구간입니다.",
}
