"""Training and validation curves for every variant on shared axes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import finish
from dashboard.palette import with_alpha

SPLITS = {"train": ("training", "dash"), "val": ("validation", "solid")}


def _band(part: pd.DataFrame, color: str, group: str) -> list[go.Scatter]:
    """Min-max band over seeds: the upper edge, then the lower edge filled up to it."""
    edges = [("high", None), ("low", "tonexty")]
    return [
        go.Scatter(
            x=part["epoch"],
            y=part[col],
            mode="lines",
            line={"width": 0},
            fill=fill,
            fillcolor=with_alpha(color, 0.18),
            legendgroup=group,
            showlegend=False,
            hoverinfo="skip",
            name=f"{group} band",
        )
        for col, fill in edges
    ]


def loss_figure(
    curve: pd.DataFrame,
    colors: dict[str, str],
    *,
    y_title: str = "loss",
    log_y: bool = False,
) -> go.Figure:
    """Train (dashed) and validation (solid) curves per variant.

    Parameters
    ----------
    curve : DataFrame
        From ``transforms.curves``: ``label, split, epoch, mean, low, high, n``.
    colors : dict of str to str
        Variant label to colour, in variant order (traces follow this order).
    y_title : str
        Axis title with the metric's name and unit.
    log_y : bool
        Logarithmic y axis.

    Returns
    -------
    plotly Figure
        Two line traces per variant named ``"<label> · training"`` / ``"<label> · validation"``,
        plus band traces (hover disabled) where a variant has several seeds.
    """
    fig = go.Figure()
    for label, color in colors.items():
        for split, (split_name, dash) in SPLITS.items():
            part = curve[(curve["label"] == label) & (curve["split"] == split)]
            if part.empty:
                continue
            part = part.sort_values("epoch")
            if part["n"].max() > 1:
                fig.add_traces(_band(part, color, label))
            fig.add_trace(
                go.Scatter(
                    x=part["epoch"],
                    y=part["mean"],
                    mode="lines",
                    name=f"{label} · {split_name}",
                    legendgroup=label,
                    line={"color": color, "dash": dash, "width": 2.5},
                    customdata=part[["low", "high", "n"]].to_numpy(),
                    hovertemplate=(
                        f"<b>{label}</b> {split_name}<br>epoch %{{x}}<br>{y_title} %{{y:.6g}}"
                        "<br>seeds %{customdata[2]}: %{customdata[0]:.6g} to %{customdata[1]:.6g}"
                        "<extra></extra>"
                    ),
                )
            )
    fig = finish(fig, x_title="epoch", y_title=y_title)
    fig.update_yaxes(type="log" if log_y else "linear")
    return fig
