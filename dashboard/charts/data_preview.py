"""The data every variant trains on, drawn before the first run."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from dashboard.charts.predictions import SYMBOLS
from dashboard.charts.style import base_layout, figure

SPLIT_COLORS = {"training": "#222222", "validation": "#999999"}


def _scatter(x: np.ndarray, y: np.ndarray, name: str, split: str, symbol: str) -> dict:
    return {
        "type": "scatter",
        "x": x,
        "y": y,
        "mode": "markers",
        "name": f"{name} · {split}",
        "marker": {"symbol": symbol, "size": 6, "color": SPLIT_COLORS[split]},
        "hovertemplate": f"{name} ({split})<br>x %{{x:.3f}}<br>y %{{y:.3f}}<extra></extra>",
    }


def _points(data) -> tuple[list[dict], dict]:
    """2-D classification: each class's points, filled for training, hollow for validation."""
    traces = []
    classes = np.unique(np.concatenate([data.y_train, data.y_val]))
    for split, x, y in (
        ("training", data.x_train, data.y_train),
        ("validation", data.x_val, data.y_val),
    ):
        for k, cls in enumerate(classes):
            symbol = SYMBOLS[k % len(SYMBOLS)] + ("" if split == "training" else "-open")
            sel = y == cls
            traces.append(_scatter(x[sel, 0], x[sel, 1], f"class {cls}", split, symbol))
    return traces, {"x_title": "feature x0 (scaled)", "y_title": "feature x1 (scaled)"}


def _curve(data) -> tuple[list[dict], dict]:
    """One feature, a regression target: the target against the feature."""
    traces = [
        _scatter(x[:, 0], np.ravel(y), "target", split, symbol)
        for split, x, y, symbol in (
            ("training", data.x_train, data.y_train, "circle"),
            ("validation", data.x_val, data.y_val, "circle-open"),
        )
    ]
    return traces, {"x_title": "feature x0 (scaled)", "y_title": "target (standardised)"}


def _counts(data) -> tuple[list[dict], dict]:
    """More than two features: how many examples each class has, per split."""
    classes = np.arange(data.n_classes)
    traces = [
        {
            "type": "bar",
            "x": [f"class {c}" for c in classes],
            "y": np.bincount(y, minlength=data.n_classes),
            "name": split,
            "marker": {"color": SPLIT_COLORS[split]},
            "hovertemplate": f"%{{x}}: %{{y}} examples ({split})<extra></extra>",
        }
        for split, y in (("training", data.y_train), ("validation", data.y_val))
    ]
    return traces, {"x_title": "class", "y_title": "examples", "barmode": "group"}


def _histogram(data) -> tuple[list[dict], dict]:
    """More than one feature, a regression target: the target's distribution, per split."""
    traces = [
        {
            "type": "histogram",
            "x": np.ravel(y),
            "name": split,
            "opacity": 0.7,
            "marker": {"color": SPLIT_COLORS[split]},
        }
        for split, y in (("training", data.y_train), ("validation", data.y_val))
    ]
    return traces, {"x_title": "target (standardised)", "y_title": "examples", "barmode": "overlay"}


def data_figure(data) -> go.Figure:
    """The training and validation split of ``data``, as the networks will see them.

    Parameters
    ----------
    data : experiments.spec.data.ArrayData
        The comparison's arrays (scaled, split).

    Returns
    -------
    plotly Figure
        2-D classification: the points per class and split (``"class <k> · training"``,
        hollow markers for validation); one-feature regression: target against feature;
        otherwise class counts (bars) or the target's histogram, per split.
    """
    classification = data.n_classes > 0
    if classification and data.n_features == 2:
        traces, axes = _points(data)
    elif not classification and data.n_features == 1:
        traces, axes = _curve(data)
    else:
        traces, axes = (_counts if classification else _histogram)(data)
    return figure(traces, base_layout(**axes, height=380))
