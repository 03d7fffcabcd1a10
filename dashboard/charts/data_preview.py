"""The data every variant trains on, drawn before the first run."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import plotly.graph_objects as go

from dashboard.charts.predictions import SYMBOLS
from dashboard.charts.style import base_layout, figure
from dashboard.i18n.catalog import lookup

SPLIT_COLORS = {"training": "#222222", "validation": "#999999"}
Words = Callable[..., str]  # a key's text in the figure's language (``dashboard.i18n``)


def _scatter(x: np.ndarray, y: np.ndarray, name: str, split: str, symbol: str, w: Words) -> dict:
    shown = w(f"chart.data.{split}")
    return {
        "type": "scatter",
        "x": x,
        "y": y,
        "mode": "markers",
        "name": f"{name} · {shown}",
        "marker": {"symbol": symbol, "size": 6, "color": SPLIT_COLORS[split]},
        "hovertemplate": f"{name} ({shown})<br>x %{{x:.3f}}<br>y %{{y:.3f}}<extra></extra>",
    }


def _points(data, w: Words) -> tuple[list[dict], dict]:
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
            name = w("chart.data.class", k=cls)
            traces.append(_scatter(x[sel, 0], x[sel, 1], name, split, symbol, w))
    return traces, {"x_title": w("chart.data.x0"), "y_title": w("chart.data.x1")}


def _curve(data, w: Words) -> tuple[list[dict], dict]:
    """One feature, a regression target: the target against the feature."""
    traces = [
        _scatter(x[:, 0], np.ravel(y), w("chart.data.target"), split, symbol, w)
        for split, x, y, symbol in (
            ("training", data.x_train, data.y_train, "circle"),
            ("validation", data.x_val, data.y_val, "circle-open"),
        )
    ]
    return traces, {"x_title": w("chart.data.x0"), "y_title": w("chart.data.target_scaled")}


def _counts(data, w: Words) -> tuple[list[dict], dict]:
    """More than two features: how many examples each class has, per split."""
    classes = np.arange(data.n_classes)
    traces = [
        {
            "type": "bar",
            "x": [w("chart.data.class", k=c) for c in classes],
            "y": np.bincount(y, minlength=data.n_classes),
            "name": w(f"chart.data.{split}"),
            "marker": {"color": SPLIT_COLORS[split]},
            "hovertemplate": f"%{{x}}: %{{y}} {w('chart.data.examples')} "
            f"({w(f'chart.data.{split}')})<extra></extra>",
        }
        for split, y in (("training", data.y_train), ("validation", data.y_val))
    ]
    axes = {"x_title": w("chart.data.class_axis"), "y_title": w("chart.data.examples")}
    return traces, {**axes, "barmode": "group"}


def _histogram(data, w: Words) -> tuple[list[dict], dict]:
    """More than one feature, a regression target: the target's distribution, per split."""
    traces = [
        {
            "type": "histogram",
            "x": np.ravel(y),
            "name": w(f"chart.data.{split}"),
            "opacity": 0.7,
            "marker": {"color": SPLIT_COLORS[split]},
        }
        for split, y in (("training", data.y_train), ("validation", data.y_val))
    ]
    axes = {"x_title": w("chart.data.target_scaled"), "y_title": w("chart.data.examples")}
    return traces, {**axes, "barmode": "overlay"}


def data_figure(data, lang: str = "en") -> go.Figure:
    """The training and validation split of ``data``, as the networks will see them.

    Parameters
    ----------
    data : experiments.spec.data.ArrayData
        The comparison's arrays (scaled, split).
    lang : str
        Language of the names and axis titles (``dashboard.i18n``).

    Returns
    -------
    plotly Figure
        2-D classification: the points per class and split (``"class <k> · training"``,
        hollow markers for validation); one-feature regression: target against feature;
        otherwise class counts (bars) or the target's histogram, per split.
    """
    w = partial(lookup, lang)
    classification = data.n_classes > 0
    if classification and data.n_features == 2:
        traces, axes = _points(data, w)
    elif not classification and data.n_features == 1:
        traces, axes = _curve(data, w)
    else:
        traces, axes = (_counts if classification else _histogram)(data, w)
    return figure(traces, base_layout(**axes, height=380))
