"""The confidence interval of a mean over seeds against scipy.stats and a hand-computed case."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from experiments.results.evidence import ci_halfwidth


def test_halfwidth_matches_scipy_t_interval():
    values = np.array([0.31, 0.27, 0.35, 0.29, 0.33])
    low, high = stats.t.interval(0.95, len(values) - 1, loc=values.mean(), scale=stats.sem(values))
    got = ci_halfwidth(values.std(ddof=1), len(values))
    assert got == pytest.approx((high - low) / 2, rel=1e-12)


def test_halfwidth_by_hand_for_two_seeds():
    # two seeds 1 and 3: std = sqrt(2), t(0.975, 1) = 12.7062047..., half-width = t * sqrt(2) / sqrt(2)
    assert ci_halfwidth(np.sqrt(2.0), 2) == pytest.approx(12.706204736, rel=1e-9)


def test_one_seed_is_unknown_not_certain():
    got = ci_halfwidth(np.array([0.0, 0.1]), np.array([1, 3]))
    assert np.isnan(got[0]) and got[1] > 0
