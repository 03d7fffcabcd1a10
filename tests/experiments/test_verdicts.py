"""Verdict texts for a clear difference, a null difference, too few seeds and many variants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from experiments.results.evidence_table import COLUMNS, evidence_table
from experiments.results.verdicts import estimate_text, holm_note, verdicts

SGD = [0.50, 0.52, 0.48, 0.51, 0.49]  # mean 0.50, variance 0.00025
ADAM = [0.29, 0.31, 0.27, 0.30, 0.28]  # mean 0.29, the same spread
TWIN = [0.51, 0.49, 0.50, 0.48, 0.52]  # the SGD seeds in another order: no difference


def frame(**variants: list[float]) -> pd.DataFrame:
    rows = [(label, v) for label, values in variants.items() for v in values]
    return pd.DataFrame(rows, columns=["label", "best_val_loss"])


def test_a_clear_difference_in_plain_words():
    # by hand: difference -0.21, se = sqrt(2 * 0.00025 / 5) = 0.01, df 8, t(0.975, 8) = 2.306
    (found,) = verdicts(frame(sgd=SGD, adam=ADAM), "best_val_loss")
    assert found.kind == "lower" and found.baseline == "sgd"
    want = "adam is lower (better) than sgd by 0.210 ± 0.023 (p < 0.001, 5 seeds each)"
    assert found.text == want
    assert holm_note([found]) is None


def test_a_null_difference_asks_for_seeds():
    (found,) = verdicts(frame(sgd=SGD, twin=TWIN), "best_val_loss")
    assert found.kind == "same"
    assert found.text.startswith("twin vs sgd: not distinguishable with 5 seeds: add seeds")
    assert "p = 1.00" in found.text


def test_two_seeds_of_a_real_difference_are_not_enough():
    (found,) = verdicts(frame(sgd=[0.50, 0.56], adam=[0.47, 0.55]), "best_val_loss")
    assert found.text.startswith("adam vs sgd: not distinguishable with 2 seeds: add seeds")


def test_one_seed_never_gives_a_verdict():
    for a, b in ((SGD[:1], ADAM), (SGD, ADAM[:1]), (SGD[:1], ADAM[:1])):
        (found,) = verdicts(frame(sgd=a, adam=b), "best_val_loss")
        assert found.kind == "one_seed"
        assert found.text == "adam vs sgd: one seed: no verdict; add seeds"


def test_runs_still_training_give_no_verdict():
    for pending in ({"adam"}, {"sgd"}):
        (found,) = verdicts(frame(sgd=SGD, adam=ADAM), "best_val_loss", pending=pending)
        assert found.kind == "provisional" and "no verdict" in found.text


def test_seeds_that_all_agree_are_certain():
    found = verdicts(frame(a=[12, 12, 12], b=[9, 9, 9], c=[12, 12]), "best_val_loss")
    same = "every seed gave the same value"
    assert found[0].text == f"b is lower (better) than a by 3 ({same}, 3 seeds each)"
    assert found[1].text == "c vs a: the same on every seed (2 and 3 seeds)"


def test_more_variants_are_holm_adjusted():
    rng = np.random.default_rng(0)
    noisy = list(0.5 + rng.normal(0, 0.02, 5))
    found = verdicts(frame(sgd=SGD, adam=ADAM, twin=TWIN, noisy=noisy), "best_val_loss", "sgd")
    raw = [v.difference.pvalue for v in found]
    # Holm: the smallest p times 3, the next the larger of (itself x 2, the one before)
    order = np.argsort(raw)
    assert found[order[0]].p_adjusted == pytest.approx(3 * raw[order[0]])
    assert found[order[1]].p_adjusted == pytest.approx(
        min(1.0, max(2 * raw[order[1]], 3 * raw[order[0]]))
    )
    assert "Holm-adjusted for 3 comparisons" in holm_note(found)
    assert "each ± stays the interval before adjustment" in holm_note(found)


def test_many_comparisons_say_the_raw_and_the_adjusted_p():
    # adagrad alone would be called real (raw p < 0.05) but not after Holm over 3 comparisons
    adagrad = [0.46, 0.49, 0.48, 0.45, 0.49]  # scipy: p 0.0428, CI (-0.051, -0.001)
    found = verdicts(frame(sgd=SGD, adagrad=adagrad, twin=TWIN, adam=ADAM), "best_val_loss")
    ada = found[0]
    assert ada.difference.pvalue < 0.05 < ada.p_adjusted
    assert ada.difference.low < ada.difference.high < 0  # the interval excludes 0 ...
    assert ada.text == (  # ... so the text says it is the interval before adjustment
        "adagrad vs sgd: not distinguishable with 5 seeds: add seeds (difference -0.026 ± "
        "0.025 before adjustment, p = 0.04; Holm-adjusted p = 0.09 for 3 comparisons)"
    )
    assert found[2].text == (
        "adam is lower (better) than sgd by 0.210 ± 0.023 before adjustment (p < 0.001; "
        "Holm-adjusted p < 0.001 for 3 comparisons, 5 seeds each)"
    )


def test_which_side_is_better_depends_on_the_metric():
    accuracy = frame(sgd=SGD, adam=ADAM).rename(columns={"best_val_loss": "best_val_accuracy"})
    (found,) = verdicts(accuracy, "best_val_accuracy")
    assert found.text.startswith("adam is lower (worse) than sgd by 0.210")
    gap = frame(sgd=ADAM, adam=SGD).rename(columns={"best_val_loss": "gap_at_best_epoch"})
    assert verdicts(gap, "gap_at_best_epoch")[0].text.startswith("adam is higher (worse) than")
    epoch = frame(sgd=[10, 11, 12], adam=[40, 41, 42]).rename(columns={"best_val_loss": "e"})
    assert verdicts(epoch, "e")[0].text.startswith("adam is higher than sgd")


def test_an_unknown_baseline_is_refused_by_name():
    with pytest.raises(ValueError, match="baseline 'rms' is not a variant"):
        verdicts(frame(sgd=SGD, adam=ADAM), "best_val_loss", "rms")


def test_the_evidence_table_carries_the_page_numbers():
    per_run = frame(sgd=SGD, adam=ADAM).assign(best_epoch=[10, 12, 11, 10, 12] * 2)
    table = evidence_table(per_run, ["best_val_loss", "best_epoch"])
    assert list(table.columns) == list(COLUMNS) and len(table) == 4
    base = table[table["variant"] == "sgd"]
    assert (base["verdict"] == "baseline").all() and base["p_value"].isna().all()
    adam = table[(table["variant"] == "adam") & (table["metric"] == "best_val_loss")].iloc[0]
    assert adam["difference"] == pytest.approx(-0.21) and adam["n"] == 5
    assert adam["verdict"] == verdicts(per_run, "best_val_loss")[0].text
    assert adam["mean"] == pytest.approx(0.29)


def test_runs_stopped_early_are_no_seeds() -> None:
    from experiments.results.run_metrics import as_seeds

    per_run = frame(sgd=SGD, adam=ADAM).assign(status=["done"] * 8 + ["cancelled", "running"])
    seeds = as_seeds(per_run)
    assert seeds["best_val_loss"].isna().tolist() == [False] * 8 + [True, False]
    (found,) = verdicts(seeds, "best_val_loss", pending={"adam"})
    assert found.kind == "provisional"
    assert found.difference.n_a == 4  # the cancelled seed is not counted


def test_rounding_noise_is_no_spread():
    # 0.95 reached by different float paths: 1 ulp apart, which Welch would call a 1e-16 width
    same = [0.95, 0.1 * 9.5, 0.95]
    assert np.ptp(same) > 0  # the noise is real, not a 0 that the old code already handled
    mean, std = float(np.mean(same)), float(np.std(same, ddof=1))
    assert estimate_text(mean, std) == "0.95"
    (found,) = verdicts(frame(a=same, b=same[::-1]), "best_val_loss")
    assert found.kind == "same" and "the same on every seed" in found.text
    found = verdicts(frame(a=same, b=[0.5 * v for v in same]), "best_val_loss")[0]
    assert found.text.startswith("b is lower") and "by 0.475 (every seed gave" in found.text


def test_no_exponents_and_no_runaway_decimals():
    assert estimate_text(1.788e-07, np.nan) == "0"  # a gap of a ten-millionth: 0 in the table
    assert estimate_text(0.0123456, np.nan) == "0.01235"
    assert estimate_text(12.0, np.nan) == "12"
    assert estimate_text(2.1, 1.2) == "2.1 ± 1.2"
    assert estimate_text(1.788e-07, 1e-8) == "0"  # a width below a millionth cannot be shown
    assert estimate_text(0.5, 2e-6) == "0.500000 ± 0.000002"  # 6 decimals at most
    # a mean that rounds to zero has no sign (the sigmoid lesson's gap read "-0.000000 ± ...")
    assert estimate_text(-4e-7, 1e-6) == "0.000000 ± 0.000001"


def test_the_best_epoch_is_a_median_and_range_never_an_interval():
    # 3 seeds of a 150-epoch run: a t interval reads 65 ± 176, far outside [1, 150]
    per_run = frame(sgd=SGD[:3], adam=ADAM[:3]).assign(best_epoch=[80, 60, 100, 3, 52, 140])
    (found,) = verdicts(per_run, "best_epoch")
    assert found.kind == "described" and "±" not in found.text
    assert found.text == (
        "adam vs sgd: median 52 (3–140) against 80 (60–100) (3 seeds each); "
        "no interval or p for a bounded, skewed count"
    )
    assert found.difference.diff == -28 and np.isnan(found.p_adjusted)
    table = evidence_table(per_run, ["best_epoch"]).set_index("variant")
    assert (table.loc["adam", ["median", "min", "max"]] == [52, 3, 140]).all()
    assert table["ci95"].isna().all() and table["difference_low"].isna().all()
    assert table.loc["adam", "difference"] == -28 and table.loc["adam", "verdict"] == found.text


def test_seeds_without_a_value_are_named_not_called_one_seed():
    # the clipping lesson: two of no clipping's three seeds diverged in epoch 1 (no best loss)
    losses = [np.nan, 0.149, np.nan, 0.05, 0.08, 0.11]
    per_run = pd.DataFrame({"label": ["none"] * 3 + ["clip"] * 3, "best_val_loss": losses})
    (found,) = verdicts(per_run, "best_val_loss", "none")
    assert found.kind == "one_seed"
    assert found.text == (
        "clip vs none: no verdict: none has a value on 1 of its 3 seeds "
        "(the others diverged or stopped before one)"
    )
    assert (found.params["case"], found.params["k"], found.params["n"]) == ("few_values", 1, 3)
    one = pd.DataFrame({"label": ["a", "b"], "best_val_loss": [0.1, 0.2]})  # truly one seed each
    assert verdicts(one, "best_val_loss")[0].text == "b vs a: one seed: no verdict; add seeds"


def test_a_p_value_near_the_line_keeps_the_digit_that_decides():
    from experiments.results.verdicts import _p_text

    # 0.0496 is real (p < 0.05) and must not read "p = 0.05"; 0.0504 is not and says so
    assert [_p_text(p) for p in (0.0496, 0.049999, 0.0504, 0.05, 0.03, 0.2)] == [
        "p = 0.0496", "p = 0.0499", "p = 0.0504", "p = 0.0500", "p = 0.03", "p = 0.20"
    ]  # fmt: skip
