"""Training and validation curves for every variant on shared axes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import base_layout, figure, fixed_margins, focus_y
from dashboard.palette import with_alpha

SPLITS = {"train": ("training", "dash"), "val": ("validation", "solid")}


def _band(part: pd.DataFrame, color: str, group: str) -> list[dict]:
    """Min-max band over seeds: the upper edge, then the lower edge filled up to it."""
    edges = [("high", None), ("low", "tonexty")]
    return [
        {
            "type": "scatter",
            "x": part["epoch"].to_numpy(),
            "y": part[col].to_numpy(dtype=float),
            "mode": "lines",
            "line": {"width": 0},
            "fill": fill,
            "fillcolor": with_alpha(color, 0.18),
            "legendgroup": group,
            "showlegend": False,
            "hoverinfo": "skip",
            "name": f"{group} band",
        }
        for col, fill in edges
    ]


def _line(part: pd.DataFrame, label: str, split: str, color: str, y_title: str) -> dict:
    split_name, dash = SPLITS[split]
    # the seeds' range per point, only with several seeds: with one it would repeat y, and it
    # was two thirds of what a live refresh sends per curve
    seeds = part["n"].max() > 1
    seeds_hover = "<br>seeds %{customdata[2]}: %{customdata[0]:.6g} to %{customdata[1]:.6g}"
    return {
        "type": "scatter",
        "x": part["epoch"].to_numpy(),
        "y": part["mean"].to_numpy(dtype=float),
        "mode": "lines",
        "name": f"{label} · {split_name}",
        "legendgroup": label,
        "line": {"color": color, "dash": dash, "width": 2.5},
        "customdata": part[["low", "high", "n"]].to_numpy(dtype=float) if seeds else None,
        "hovertemplate": (
            f"<b>{label}</b> {split_name}<br>epoch %{{x}}<br>{y_title} %{{y:.6g}}"
            f"{seeds_hover if seeds else ''}<extra></extra>"
        ),
    }


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
    traces = []
    groups = dict(tuple(curve.sort_values("epoch").groupby(["label", "split"], sort=False)))
    for label, color in colors.items():
        for split in SPLITS:
            part = groups.get((label, split))
            if part is None or part.empty:
                continue
            if part["n"].max() > 1:
                traces += _band(part, color, label)
            traces.append(_line(part, label, split, color, y_title))
    layout = fixed_margins(base_layout(x_title="epoch", y_title=y_title))
    layout["yaxis"]["type"] = "log" if log_y else "linear"
    if not log_y:
        focus_y(layout, curve["mean"].to_numpy(dtype=float))
    return figure(traces, layout)
