"""The sensitivity table against scipy.stats and numbers worked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from experiments.results.sensitivity import sensitivity


def test_mean_and_interval_over_seeds_by_hand_and_scipy():
    frame = pd.DataFrame(
        {
            "lr": [0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.01],
            "act": ["relu", "relu", "tanh", "relu", "relu", "relu", "tanh"],
            "loss": [1.0, 3.0, 5.0, 0.2, 0.4, 0.6, np.nan],
        }
    )
    table = sensitivity(frame, "lr", "loss", line="act").set_index(["act", "lr"])
    two = table.loc[("relu", 0.1)]
    # two seeds 1 and 3: mean 2, std sqrt(2), half-width t(0.975, 1) * sqrt(2) / sqrt(2)
    assert (two["n"], two["mean"], two["std"]) == (2, 2.0, pytest.approx(np.sqrt(2)))
    assert two["ci"] == pytest.approx(12.706204736, rel=1e-9)
    three = table.loc[("relu", 0.01)]
    low, high = stats.t.interval(0.95, 2, loc=0.4, scale=stats.sem([0.2, 0.4, 0.6]))
    assert three["ci"] == pytest.approx((high - low) / 2)
    assert np.isnan(table.loc[("tanh", 0.1), "ci"])  # one seed: nothing known about the spread
    assert ("tanh", 0.01) not in table.index  # its only run has no metric


def test_without_a_second_knob():
    frame = pd.DataFrame({"lr": [1, 1, 2], "loss": [1.0, 2.0, 4.0]})
    table = sensitivity(frame, "lr", "loss")
    assert list(table["lr"]) == [1, 2] and list(table["mean"]) == [1.5, 4.0]
