"""The confidence interval of a mean over seeds against scipy.stats and a hand-computed case."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from experiments.results.evidence import ci_halfwidth, holm, variant_evidence, welch


def test_halfwidth_matches_scipy_t_interval():
    values = np.array([0.31, 0.27, 0.35, 0.29, 0.33])
    low, high = stats.t.interval(0.95, len(values) - 1, loc=values.mean(), scale=stats.sem(values))
    got = ci_halfwidth(values.std(ddof=1), len(values))
    assert got == pytest.approx((high - low) / 2, rel=1e-12)


def test_halfwidth_by_hand_for_two_seeds():
    # two seeds 1 and 3: std = sqrt(2), t(0.975, 1) = 12.7062047...,
    # half-width = t * sqrt(2) / sqrt(2)
    assert ci_halfwidth(np.sqrt(2.0), 2) == pytest.approx(12.706204736, rel=1e-9)


def test_one_seed_is_unknown_not_certain():
    got = ci_halfwidth(np.array([0.0, 0.1]), np.array([1, 3]))
    assert np.isnan(got[0]) and got[1] > 0


# two variants x 5 seeds, worked by hand: a has mean 3 and variance 2.5, b mean 5 and variance
# 2.5; Welch: se = sqrt(2.5/5 + 2.5/5) = 1, t = -2, df = (0.5 + 0.5)^2 / (2 * 0.5^2 / 4) = 8;
# t(0.975, 8) = 2.306004 (tables), two-sided p(|t| > 2, 8 df) = 0.0805 (tables);
# each mean's half-width t(0.975, 4) * sqrt(2.5 / 5) = 2.776445 * 0.707107 = 1.963243
A, B = [1.0, 2.0, 3.0, 4.0, 5.0], [3.0, 4.0, 5.0, 6.0, 7.0]


def test_welch_by_hand_for_two_variants_of_five_seeds():
    d = welch(A, B)
    assert d.diff == pytest.approx(-2.0)
    assert (d.low, d.high) == pytest.approx((-2 - 2.306004, -2 + 2.306004), abs=1e-6)
    assert d.halfwidth == pytest.approx(2.306004, abs=1e-6)
    assert d.pvalue == pytest.approx(0.0805, abs=1e-4)
    assert (d.n_a, d.n_b) == (5, 5)


def test_welch_matches_scipy_with_unequal_sizes_and_spreads():
    rng = np.random.default_rng(3)
    a, b = rng.normal(0.3, 0.05, 7), rng.normal(0.35, 0.2, 4)
    d = welch(a, b)
    ref = stats.ttest_ind(a, b, equal_var=False)
    # the Welch-Satterthwaite degrees of freedom, written out as the independent check
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    dof = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    half = stats.t.ppf(0.975, dof) * np.sqrt(va + vb)
    assert d.pvalue == pytest.approx(ref.pvalue, rel=1e-12)
    assert d.halfwidth == pytest.approx(half, rel=1e-9)
    assert d.diff == pytest.approx(a.mean() - b.mean())


def test_welch_says_nothing_below_two_seeds_or_without_spread():
    assert np.isnan(welch([0.3], [0.4, 0.5]).pvalue)
    same = welch([0.2, 0.2], [0.3, 0.3])
    assert np.isnan(same.pvalue) and same.diff == pytest.approx(-0.1)
    assert welch([0.1, np.nan, 0.3], [0.2, 0.4, np.inf]).n_a == 2  # non-finite seeds left out


def test_variant_evidence_by_hand():
    frame = pd.DataFrame({"label": ["b"] * 5 + ["a"] * 5 + ["one"], "m": [*B, *A, 0.7]})
    got = variant_evidence(frame, ["m"]).set_index("label")
    assert list(got.index) == ["b", "a", "one"]  # order of first appearance
    assert got.loc["a", "mean"] == 3.0 and got.loc["b", "mean"] == 5.0
    assert got.loc["a", "std"] == pytest.approx(np.sqrt(2.5))
    assert got.loc["a", "ci95"] == pytest.approx(1.963243, abs=1e-6)
    assert got.loc["one", "n"] == 1 and np.isnan(got.loc["one", "ci95"])


def test_holm_by_hand():
    # sorted: 0.005 * 4 = 0.02, 0.01 * 3 = 0.03, 0.03 * 2 = 0.06, 0.04 * 1 = 0.04 -> 0.06
    assert holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    got = holm([np.nan, 0.2, 0.6])
    assert np.isnan(got[0]) and got[1:] == pytest.approx([0.4, 0.6])
    assert holm([0.9, 0.8]) == pytest.approx([1.0, 1.0])  # capped at 1
