"""Training and validation curves for every variant on shared axes."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from dashboard.charts.style import base_layout, figure, fixed_margins, focus_y, whole_epochs
from dashboard.palette import with_alpha
from dashboard.transforms import Curve, Curves

SPLITS = {"train": ("training", "dash"), "val": ("validation", "solid")}


def _band(part: Curve, color: str, group: str) -> list[dict]:
    """Min-max band over seeds: the upper edge, then the lower edge filled up to it."""
    edges = [(part.high, None), (part.low, "tonexty")]
    return [
        {
            "type": "scatter",
            "x": part.epoch,
            "y": edge,
            "mode": "lines",
            "line": {"width": 0},
            "fill": fill,
            "fillcolor": with_alpha(color, 0.18),
            "legendgroup": group,
            "showlegend": False,
            "hoverinfo": "skip",
            "name": f"{group} band",
        }
        for edge, fill in edges
    ]


def _line(part: Curve, label: str, split: str, color: str, y_title: str) -> dict:
    split_name, dash = SPLITS[split]
    # the seeds' range per point, only with several seeds: with one it would repeat y, and it
    # was two thirds of what a live refresh sends per curve
    seeds = part.n.max() > 1
    seeds_hover = "<br>seeds %{customdata[2]}: %{customdata[0]:.6g} to %{customdata[1]:.6g}"
    return {
        "type": "scatter",
        "x": part.epoch,
        "y": part.mean,
        "mode": "lines",
        "name": f"{label} · {split_name}",
        "legendgroup": label,
        "line": {"color": color, "dash": dash, "width": 2.5},
        "customdata": np.column_stack([part.low, part.high, part.n]) if seeds else None,
        "hovertemplate": (
            f"<b>{label}</b> {split_name}<br>epoch %{{x}}<br>{y_title} %{{y:.6g}}"
            f"{seeds_hover if seeds else ''}<extra></extra>"
        ),
    }


def loss_figure(
    curves: Curves,
    colors: dict[str, str],
    *,
    y_title: str = "loss",
    log_y: bool = False,
    y_range: tuple[float, float] | None = None,
) -> go.Figure:
    """Train (dashed) and validation (solid) curves per variant.

    Parameters
    ----------
    curves : Curves
        From ``transforms.curves``: variant label to split to Curve.
    colors : dict of str to str
        Variant label to colour, in variant order (traces follow this order).
    y_title : str
        Axis title with the metric's name and unit.
    log_y : bool
        Logarithmic y axis.
    y_range : (float, float), optional
        A fixed y range (accuracy: its whole 0-1, so 0.33 never looks like half-way to perfect).

    Returns
    -------
    plotly Figure
        Two line traces per variant named ``"<label> · training"`` / ``"<label> · validation"``,
        plus band traces (hover disabled) where a variant has several seeds.
    """
    traces, means = [], []
    for label, color in colors.items():
        for split in SPLITS:
            part = curves.get(label, {}).get(split)
            if part is None:
                continue
            if part.n.max() > 1:
                traces += _band(part, color, label)
            traces.append(_line(part, label, split, color, y_title))
            means.append(part.mean)
    layout = fixed_margins(base_layout(x_title="epoch", y_title=y_title))
    layout["yaxis"]["type"] = "log" if log_y else "linear"
    if y_range is not None:
        layout["yaxis"]["range"] = list(y_range)
    elif not log_y:
        focus_y(layout, np.concatenate(means) if means else np.empty(0))
    return figure(traces, whole_epochs(layout, traces))
