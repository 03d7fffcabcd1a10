"""What a trained variant predicts: decision boundary (2-D classification) or predicted vs true."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from dashboard.charts.style import base_layout, figure

SYMBOLS = ("circle", "x", "diamond", "square", "triangle-up", "cross", "star", "pentagon")


def _class_points(points: np.ndarray, labels: np.ndarray) -> list[dict]:
    """One marker trace per class of the training points ``(n, 2)`` with labels ``(n,)``."""
    traces = []
    for k, cls in enumerate(np.unique(labels)):
        sel = labels == cls
        traces.append(
            {
                "type": "scatter",
                "x": points[sel, 0],
                "y": points[sel, 1],
                "mode": "markers",
                "name": f"class {cls}",
                "marker": {"symbol": SYMBOLS[k % len(SYMBOLS)], "size": 6, "color": "#222222"},
                "hovertemplate": f"class {cls}<br>x0 %{{x:.3f}}<br>x1 %{{y:.3f}}<extra></extra>",
            }
        )
    return traces


def _contour(artifact: dict[str, Any], z: Any, name: str) -> list[dict]:
    """The filled contour of ``z`` (g1, g0) over the artifact's grid."""
    binary = name == "P(class 1)"
    return [
        {
            "type": "contour",
            # arrays, not the artifact's nested lists: they travel as compact typed arrays and
            # cost nothing to copy when Streamlit serialises the figure
            "x": np.asarray(artifact["x0"], dtype=float),
            "y": np.asarray(artifact["x1"], dtype=float),
            "z": np.asarray(z, dtype=float),
            # plotly.js names only (unvalidated figures skip plotly.py's "_r" variants); its
            # RdBu runs blue (0) to red (1)
            "colorscale": "RdBu" if binary else "Viridis",
            "opacity": 0.55,
            "contours": {"coloring": "fill", "showlines": False},
            "colorbar": {"title": {"text": name}, "thickness": 12},
            "hovertemplate": "x0 %{x:.3f}<br>x1 %{y:.3f}<br>" + name + " %{z:.3f}<extra></extra>",
        }
    ]


def boundary_figure(artifact: dict[str, Any], title: str, color: str) -> go.Figure:
    """Decision regions on a grid with the training points on top.

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

    Returns
    -------
    plotly Figure
        A ``Contour`` of P(class 1) (binary) or of the predicted class, then a ``Scatter``
        per class.
    """
    points = np.asarray(artifact["points"]["x"], dtype=float)
    labels = np.asarray(artifact["points"]["y"])
    # the points carry every class of the training split; the grid may predict fewer of them
    binary = len(np.unique(labels)) <= 2
    z, name = (artifact["proba"], "P(class 1)") if binary else (artifact["pred"], "predicted class")
    traces = _contour(artifact, z, name)
    traces += _class_points(points, labels)
    layout = base_layout(
        x_title="feature x0 (scaled)", y_title="feature x1 (scaled)", height=360,
        title={"text": title, "font": {"color": color}}, showlegend=False,
    )  # fmt: skip
    return figure(traces, layout)


def prediction_figure(artifact: dict[str, Any], title: str, color: str) -> go.Figure:
    """Predicted against true target on the validation split, with the ideal diagonal.

    Parameters
    ----------
    artifact : dict
        The run's ``"predictions"`` artifact: ``y_true`` (n,), ``y_pred`` (n,).
    title, color : str
        Variant label and colour.

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
    traces = [
        {"type": "scatter", "x": [lo, hi], "y": [lo, hi], "mode": "lines", "name": "ideal",
         "line": {"dash": "dash", "color": "#555555"}},
        {
            "type": "scatter",
            "x": y_true,
            "y": y_pred,
            "mode": "markers",
            "name": title,
            "marker": {"color": color, "size": 7, "opacity": 0.7},
            "hovertemplate": "true %{x:.4g}<br>predicted %{y:.4g}<extra></extra>",
        },
    ]  # fmt: skip
    layout = base_layout(
        x_title="true target (validation)", y_title="predicted", height=360,
        title={"text": title, "font": {"color": color}}, showlegend=False,
    )  # fmt: skip
    return figure(traces, layout)
