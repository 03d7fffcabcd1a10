"""An activation function with its derivative, and the regions the tutorial points at."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from dashboard.charts.style import finish


def activation_figure(
    z: np.ndarray,
    a: np.ndarray,
    da: np.ndarray,
    name: str,
    *,
    shade: Sequence[tuple[float, float, str]] = (),
    hline: tuple[float, str] | None = None,
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

    Returns
    -------
    plotly Figure
        Traces ``"<name>(z)"`` and ``"<name>'(z)"``.
    """
    fig = go.Figure()
    for low, high, text in shade:
        fig.add_vrect(
            x0=low,
            x1=high,
            fillcolor="#D55E00",
            opacity=0.12,
            line_width=0,
            annotation_text=text,
            annotation_position="top left",
        )
    if hline is not None:
        fig.add_hline(
            y=hline[0],
            line={"dash": "dot", "color": "#555555"},
            annotation_text=hline[1],
            annotation_position="bottom right",
        )
    fig.add_trace(
        go.Scatter(
            x=z,
            y=a,
            mode="lines",
            name=f"{name}(z)",
            line={"width": 3, "color": "#0072B2"},
            hovertemplate="z %{x:.3f}<br>a %{y:.6g}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=z,
            y=da,
            mode="lines",
            name=f"{name}'(z)",
            line={"width": 3, "dash": "dash", "color": "#D55E00"},
            hovertemplate="z %{x:.3f}<br>da/dz %{y:.6g}<extra></extra>",
        )
    )
    return finish(fig, x_title="pre-activation z", y_title="value", height=380)
