"""Overfitting gap: validation minus training loss per variant, best epoch marked."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import base_layout, figure, fixed_margins, focus_y, hline


def _marks(part: pd.DataFrame, best: pd.DataFrame, label: str, color: str) -> dict:
    mark = part.merge(best[best["label"] == label][["epoch"]], on="epoch")
    return {
        "type": "scatter",
        "x": mark["epoch"].to_numpy(),
        "y": mark["gap"].to_numpy(dtype=float),
        "mode": "markers",
        "name": f"{label} · best epoch",
        "legendgroup": label,
        "showlegend": False,
        "marker": {"color": color, "symbol": "star", "size": 16, "line": {"width": 1}},
        "customdata": mark[["val"]].to_numpy(dtype=float),
        "hovertemplate": (
            f"<b>{label}</b> best epoch %{{x}}<br>validation loss %{{customdata[0]:.6g}}"
            "<br>gap %{y:.6g}<extra></extra>"
        ),
    }


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
    traces = []
    for label, color in colors.items():
        part = gap[gap["label"] == label].sort_values("epoch")
        if part.empty:
            continue
        traces.append(
            {
                "type": "scatter",
                "x": part["epoch"].to_numpy(),
                "y": part["gap"].to_numpy(dtype=float),
                "mode": "lines",
                "name": label,
                "legendgroup": label,
                "line": {"color": color, "width": 2.5},
                "hovertemplate": f"<b>{label}</b><br>epoch %{{x}}<br>gap %{{y:.6g}}<extra></extra>",
            }
        )
        traces.append(_marks(part, best, label, color))
    layout = fixed_margins(
        base_layout(x_title="epoch", y_title="validation − training loss", shapes=[hline(0)])
    )
    focus_y(layout, gap["gap"].to_numpy(dtype=float))
    return figure(traces, layout)
