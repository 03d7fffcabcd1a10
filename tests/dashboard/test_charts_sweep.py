"""The sweep charts' builders: what each trace holds, without Streamlit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.charts.sweep import parallel_coordinates, sensitivity_figure
from experiments.results.sensitivity import sensitivity


@pytest.fixture
def frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    rows = [
        {"config.learning_rate": lr, "config.activation": act, "best_val_loss": rng.uniform()}
        for lr in (0.001, 0.01, 0.1)
        for act in ("tanh", "relu")
        for _ in range(3)
    ]
    return pd.DataFrame(rows)


def test_parallel_coordinates_axes(frame):
    knobs = ["config.learning_rate", "config.activation"]
    trace = parallel_coordinates(frame, knobs, "best_val_loss").data[0]
    lr, act, metric = trace.dimensions
    # two decades: a log axis, ticked with the grid's own values
    assert lr["label"] == "learning_rate (log)" and list(lr["ticktext"]) == ["0.001", "0.01", "0.1"]
    np.testing.assert_allclose(lr["tickvals"], [-3, -2, -1])
    np.testing.assert_allclose(lr["values"], np.log10(frame["config.learning_rate"]))
    # text becomes evenly spaced codes in sorted order, named by their ticks
    assert list(act["ticktext"]) == ["relu", "tanh"]
    assert list(act["values"][:6]) == [1, 1, 1, 0, 0, 0]
    np.testing.assert_array_equal(metric["values"], frame["best_val_loss"])
    assert metric["label"] == "best val loss"  # as the results table heads it
    korean = parallel_coordinates(frame, knobs, "best_val_loss", lang="ko").data[0]
    assert korean.dimensions[-1]["label"] == "최저 검증 손실"
    assert trace.line["reversescale"] is True  # a lower loss is the better run


def test_sensitivity_lines_and_bands(frame):
    table = sensitivity(frame, "config.learning_rate", "best_val_loss", "config.activation")
    fig = sensitivity_figure(table, "config.learning_rate", "best_val_loss", "config.activation")
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    assert [t.name for t in lines] == ["activation=relu", "activation=tanh"]
    relu = table[table["config.activation"] == "relu"]
    np.testing.assert_allclose(lines[0].y, relu["mean"])
    band = fig.data[0]
    np.testing.assert_allclose(band.y[:3], relu["mean"] + relu["ci"])
    assert fig.layout.xaxis.type == "log"  # 0.001 to 0.1: two decades


def test_a_band_far_wider_than_the_means_does_not_flatten_them():
    # two seeds each: half-widths of 3 around means 0.2-0.5 (the reviewer's -3..4 axis)
    table = pd.DataFrame(
        {"config.learning_rate": [0.01, 0.1], "n": [2, 2], "mean": [0.2, 0.5], "ci": [3.0, 3.0]}
    )
    fig = sensitivity_figure(table, "config.learning_rate", "best_val_loss")
    low, high = fig.layout.yaxis.range
    assert low < 0.2 and high > 0.5  # both means inside
    assert high - low < 1.0  # the axis is about the means, not the bands (6.3 wide)
    # a narrow band stays whole on the axis
    table["ci"] = [0.01, 0.01]
    low, high = sensitivity_figure(
        table, "config.learning_rate", "best_val_loss"
    ).layout.yaxis.range
    assert low < 0.19 and high > 0.51
