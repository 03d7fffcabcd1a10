"""What a trained variant predicts: decision boundary (2-D classification) or predicted vs true."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.colors import diverging, make_colorscale

from dashboard.charts.style import base_layout, figure
from dashboard.i18n.catalog import lookup

SYMBOLS = ("circle", "x", "diamond", "square", "triangle-up", "cross", "star", "pentagon")
# plotly.js's RdBu ends, so a binary class's points wear the colour of the region predicting it
BINARY_COLORS = ("#053061", "#67001F")
# Classes of a multi-class problem: the same colour for a class in every panel; Tol's bright set
# (colour-blind safe), distinct from nothing else on the panel
CLASS_COLORS = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB",
                "#000000", "#EE7733", "#0077BB")  # fmt: skip
# ColorBrewer RdBu reversed: blue (0) to red (1) through rgb(247,247,247) at 0.5. Given as
# colours, not the name "RdBu": plotly.js's own RdBu is grey, rgb(190,190,190), at 0.5
PROBABILITY_SCALE = make_colorscale(diverging.RdBu_r)
PROBABILITY_LEVELS = {"start": 0.0, "end": 1.0, "size": 0.1, "coloring": "fill", "showlines": False}


def class_color(k: int, n_classes: int) -> str:
    """The colour of class ``k`` (points and regions alike) in a problem of ``n_classes``."""
    palette = BINARY_COLORS if n_classes <= 2 else CLASS_COLORS
    return palette[k % len(palette)]


def _class_points(points: np.ndarray, labels: np.ndarray, n_classes: int, lang: str) -> list[dict]:
    """One marker trace per class of the training points ``(n, 2)`` with labels ``(n,)``."""
    traces = []
    for k, cls in enumerate(np.unique(labels)):
        sel = labels == cls
        name = lookup(lang, "chart.data.class", k=cls)
        traces.append(
            {
                "type": "scatter",
                "x": points[sel, 0],
                "y": points[sel, 1],
                "mode": "markers",
                "name": name,
                "marker": {"symbol": SYMBOLS[k % len(SYMBOLS)], "size": 6,
                           "color": class_color(int(cls), n_classes),
                           "line": {"color": "white", "width": 0.5}},
                "hovertemplate": f"{name}<br>x0 %{{x:.3f}}<br>x1 %{{y:.3f}}<extra></extra>",
            }
        )  # fmt: skip
    return traces


def _grid(artifact: dict[str, Any]) -> dict[str, np.ndarray]:
    # arrays, not the artifact's nested lists: they travel as compact typed arrays and cost
    # nothing to copy when Streamlit serialises the figure
    return {
        "x": np.asarray(artifact["x0"], dtype=float),
        "y": np.asarray(artifact["x1"], dtype=float),
    }


def _probability(artifact: dict[str, Any], show_scale: bool, lang: str) -> dict:
    """P(class 1) on a fixed 0-1 scale: 0.5 is the middle colour in every panel.

    A panel fitted to its own range would paint a model stuck at 0.5 solid, and one that
    outputs 0.5500-0.5501 as a crisp boundary.
    """
    p1 = lookup(lang, "pred.p1")
    return {
        "type": "contour", **_grid(artifact), "z": np.asarray(artifact["proba"], dtype=float),
        "colorscale": PROBABILITY_SCALE, "zmin": 0.0, "zmax": 1.0, "zauto": False,
        "autocontour": False,
        "contours": PROBABILITY_LEVELS, "opacity": 0.55, "showscale": show_scale,
        "colorbar": {"title": {"text": p1}, "thickness": 12, "tickvals": [0, 0.5, 1]},
        "hovertemplate": f"x0 %{{x:.3f}}<br>x1 %{{y:.3f}}<br>{p1} %{{z:.3f}}<extra></extra>",
    }  # fmt: skip


def _regions(artifact: dict[str, Any], n_classes: int, lang: str) -> dict:
    """The predicted class in each class's own colour: a class index is no quantity to shade."""
    steps = []
    for k in range(n_classes):
        color = class_color(k, n_classes)
        steps += [[k / n_classes, color], [(k + 1) / n_classes, color]]
    return {
        "type": "heatmap", **_grid(artifact), "z": np.asarray(artifact["pred"], dtype=float),
        "colorscale": steps, "zmin": -0.5, "zmax": n_classes - 0.5, "zsmooth": False,
        "opacity": 0.35, "showscale": False,
        "hovertemplate": f"x0 %{{x:.3f}}<br>x1 %{{y:.3f}}<br>{lookup(lang, 'pred.class')} "
        "%{z}<extra></extra>",
    }  # fmt: skip


def boundary_figure(
    artifact: dict[str, Any],
    title: str,
    color: str,
    *,
    show_scale: bool = True,
    lang: str = "en",
) -> go.Figure:
    """Decision regions on a grid with the training points on top, coloured by class.

    Parameters
    ----------
    artifact : dict
        The run's ``"boundary"`` artifact: ``x0`` (g0,), ``x1`` (g1,), ``proba`` (g1, g0)
        (P(class 1) for binary, max-class probability otherwise), ``pred`` (g1, g0) class index,
        ``points``: ``{"x": (n, 2), "y": (n,)}``.
    title : str
        Variant label, shown in the variant's colour.
    color : str
        The variant's colour.
    show_scale : bool
        Draw the probability colour bar (one panel of a row carries it for all: they share it).
    lang : str
        The language of the axis titles, class names, colour bar and hover text.

    Returns
    -------
    plotly Figure
        Binary: a ``Contour`` of P(class 1) on fixed levels 0, 0.1, ..., 1. Multi-class: a
        ``Heatmap`` of the predicted class in discrete class colours. Then a ``Scatter`` per
        class, in that class's colour, named in the legend.
    """
    points = np.asarray(artifact["points"]["x"], dtype=float)
    labels = np.asarray(artifact["points"]["y"])
    # the points carry every class of the training split; the grid may predict fewer of them
    n_classes = max(int(labels.max()) + 1 if labels.size else 0, 2)
    region = (_probability(artifact, show_scale, lang) if n_classes == 2
              else _regions(artifact, n_classes, lang))  # fmt: skip
    traces = [region, *_class_points(points, labels, n_classes, lang)]
    layout = base_layout(
        x_title=lookup(lang, "chart.data.x0"), y_title=lookup(lang, "chart.data.x1"), height=380,
        title={"text": title, "font": {"color": color}}, showlegend=True,
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
    )  # fmt: skip
    # one unit is as long on both axes, and the plot shrinks to the grid rather than padding it
    grid = _grid(artifact)
    for axis, values in (("xaxis", grid["x"]), ("yaxis", grid["y"])):
        layout[axis] = {**layout[axis], "range": [float(values.min()), float(values.max())],
                        "constrain": "domain"}  # fmt: skip
    layout["yaxis"]["scaleanchor"] = "x"
    return figure(traces, layout)


def failed_figure(title: str, color: str, reason: str) -> go.Figure:
    """An empty panel that says why a variant has no decision boundary (it diverged, failed)."""
    layout = base_layout(
        x_title="", y_title="", height=380, title={"text": title, "font": {"color": color}},
        showlegend=False, xaxis={"visible": False}, yaxis={"visible": False},
        annotations=[{"text": reason, "showarrow": False, "x": 0.5, "y": 0.5, "xref": "paper",
                      "yref": "paper", "font": {"size": 16}}],
    )  # fmt: skip
    return figure([], layout)


def prediction_figure(
    artifact: dict[str, Any], title: str, color: str, lang: str = "en"
) -> go.Figure:
    """Predicted against true target on the validation split, with the ideal diagonal.

    Parameters
    ----------
    artifact : dict
        The run's ``"predictions"`` artifact: ``y_true`` (n,), ``y_pred`` (n,).
    title, color : str
        Variant label and colour.
    lang : str
        The language of the axis titles and hover text.

    Returns
    -------
    plotly Figure
        A ``Scatter`` of the points and a dashed ``y = x`` line.
    """
    y_true = np.ravel(np.asarray(artifact["y_true"], dtype=float))
    y_pred = np.ravel(np.asarray(artifact["y_pred"], dtype=float))
    finite = np.concatenate([y_true, y_pred])
    finite = finite[np.isfinite(finite)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    predicted = lookup(lang, "pred.predicted")
    traces = [
        {"type": "scatter", "x": [lo, hi], "y": [lo, hi], "mode": "lines",
         "name": lookup(lang, "pred.ideal"), "line": {"dash": "dash", "color": "#555555"}},
        {
            "type": "scatter",
            "x": y_true,
            "y": y_pred,
            "mode": "markers",
            "name": title,
            "marker": {"color": color, "size": 7, "opacity": 0.7},
            "hovertemplate": f"{lookup(lang, 'pred.true')} %{{x:.4g}}<br>"
            f"{predicted} %{{y:.4g}}<extra></extra>",
        },
    ]  # fmt: skip
    layout = base_layout(
        x_title=lookup(lang, "pred.true_axis"), y_title=predicted, height=360,
        title={"text": title, "font": {"color": color}}, showlegend=False,
    )  # fmt: skip
    return figure(traces, layout)
