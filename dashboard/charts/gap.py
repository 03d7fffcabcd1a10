"""Overfitting gap: validation minus training loss per variant, best epoch marked."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import finish


def gap_figure(gap: pd.DataFrame, best: pd.DataFrame, colors: dict[str, str]) -> go.Figure:
    """One line per variant and a star at its best epoch (lowest validation loss).

    Parameters
    ----------
    gap : DataFrame
        From ``transforms.gap``: ``label, epoch, gap, val``.
    best : DataFrame
        From ``transforms.best_epochs``: ``label, epoch, val``.
    colors : dict of str to str
        Variant label to colour, in variant order.

    Returns
    -------
    plotly Figure
        Per variant a line trace ``"<label>"`` and a marker trace ``"<label> · best epoch"``.
    """
    fig = go.Figure()
    fig.add_hline(y=0, line={"color": "#999999", "width": 1})
    for label, color in colors.items():
        part = gap[gap["label"] == label].sort_values("epoch")
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["epoch"],
                y=part["gap"],
                mode="lines",
                name=label,
                legendgroup=label,
                line={"color": color, "width": 2.5},
                hovertemplate=f"<b>{label}</b><br>epoch %{{x}}<br>gap %{{y:.6g}}<extra></extra>",
            )
        )
        mark = part.merge(best[best["label"] == label][["epoch"]], on="epoch")
        fig.add_trace(
            go.Scatter(
                x=mark["epoch"],
                y=mark["gap"],
                mode="markers",
                name=f"{label} · best epoch",
                legendgroup=label,
                showlegend=False,
                marker={"color": color, "symbol": "star", "size": 16, "line": {"width": 1}},
                customdata=mark[["val"]].to_numpy(),
                hovertemplate=(
                    f"<b>{label}</b> best epoch %{{x}}<br>validation loss %{{customdata[0]:.6g}}"
                    "<br>gap %{y:.6g}<extra></extra>"
                ),
            )
        )
    return finish(fig, x_title="epoch", y_title="validation − training loss")
