"""An activation function with its derivative, and the regions the tutorial points at."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from dashboard.charts.style import base_layout, figure
from dashboard.charts.style import hline as hline_shape
from dashboard.i18n.catalog import lookup


def _marks(
    shade: Sequence[tuple[float, float, str]], hline: tuple[float, str] | None
) -> tuple[list[dict], list[dict]]:
    """Layout shapes and their captions for the shaded ranges and the reference line."""
    shapes = [
        {"type": "rect", "xref": "x", "yref": "paper", "x0": low, "x1": high, "y0": 0, "y1": 1,
         "fillcolor": "#D55E00", "opacity": 0.12, "line": {"width": 0}}
        for low, high, _ in shade
    ]  # fmt: skip
    # notes sit where the curves are not: halfway up, in the negative part of the shaded range
    # (the curves run along 0 or 1 there), and the reference line's above its right end
    notes = [
        {"x": (low + min(high, 0.0)) / 2, "xref": "x", "y": 0.5, "yref": "paper", "text": text,
         "showarrow": False, "xanchor": "center", "bgcolor": "rgba(255,255,255,0.85)"}
        for low, high, text in shade
    ]  # fmt: skip
    if hline is not None:
        shapes.append(hline_shape(hline[0], color="#555555", dash="dot"))
        notes.append(
            {"x": 1, "xref": "paper", "y": hline[0], "yref": "y", "text": hline[1],
             "showarrow": False, "xanchor": "right", "yanchor": "bottom",
             "bgcolor": "rgba(255,255,255,0.85)"}
        )  # fmt: skip
    return shapes, notes


def activation_figure(
    z: np.ndarray,
    a: np.ndarray,
    da: np.ndarray,
    name: str,
    *,
    shade: Sequence[tuple[float, float, str]] = (),
    hline: tuple[float, str] | None = None,
    lang: str = "en",
) -> go.Figure:
    """Plot a(z) and da/dz on one axis.

    Parameters
    ----------
    z, a, da : ndarray, shape (n,)
        Inputs, activation values and derivative values.
    name : str
        Activation name, used in trace names.
    shade : sequence of (z_from, z_to, text)
        Shaded z ranges with a caption (for example ReLU's dead region).
    hline : (y, text), optional
        A dotted reference line (for example sigmoid's maximum slope 0.25).
    lang : str
        Language of the axis titles (``dashboard.i18n``).

    Returns
    -------
    plotly Figure
        Traces ``"<name>(z)"`` and ``"<name>'(z)"``.
    """
    shapes, notes = _marks(shade, hline)
    traces = [
        {"type": "scatter", "x": z, "y": a, "mode": "lines", "name": f"{name}(z)",
         "line": {"width": 3, "color": "#0072B2"},
         "hovertemplate": "z %{x:.3f}<br>a %{y:.6g}<extra></extra>"},
        {"type": "scatter", "x": z, "y": da, "mode": "lines", "name": f"{name}'(z)",
         "line": {"width": 3, "dash": "dash", "color": "#D55E00"},
         "hovertemplate": "z %{x:.3f}<br>da/dz %{y:.6g}<extra></extra>"},
    ]  # fmt: skip
    axes = {"x_title": lookup(lang, "chart.act.x"), "y_title": lookup(lang, "chart.act.y"),
            "height": 380}  # fmt: skip
    return figure(traces, base_layout(**axes, shapes=shapes, annotations=notes))


def softmax_figure(p: np.ndarray, names: Sequence[str], lang: str = "en") -> go.Figure:
    """Softmax probabilities as bars on their whole 0-1 range, each labelled with its value.

    Parameters
    ----------
    p : ndarray, shape (k,)
        Probabilities summing to 1.
    names : sequence of str, length k
        Class names.
    lang : str
        Language of the axis title.
    """
    bar = {"type": "bar", "name": "softmax", "x": list(names), "y": p,
           "text": [f"{v:.3f}" for v in p],
           "textposition": "outside", "marker": {"color": "#0072B2"},
           "hovertemplate": "%{x}<br>p %{y:.4f}<extra></extra>"}  # fmt: skip
    layout = base_layout(x_title="", y_title=lookup(lang, "chart.softmax.y"), height=320,
                         showlegend=False)  # fmt: skip
    layout["yaxis"]["range"] = [0, 1.1]
    return figure([bar], layout)
