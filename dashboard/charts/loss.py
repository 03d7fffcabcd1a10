"""Training and validation curves for every variant on shared axes."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from dashboard.charts.style import base_layout, figure, fixed_margins, focus_y, whole_epochs
from dashboard.i18n.catalog import lookup
from dashboard.palette import with_alpha
from dashboard.transforms import Curve, Curves

SPLITS = {"train": ("training", "dash"), "val": ("validation", "solid")}


BANDS = ("ci", "range")  # the bands over seeds; their labels are chart.band.<band>
# what a metric can be: every loss the core has is 0 or more, an accuracy a share
LOSS, ACCURACY = (0.0, None), (0.0, 1.0)


def _edges(
    part: Curve, band: str, log_y: bool = False, limits: tuple[float | None, float | None] = LOSS
) -> tuple[np.ndarray, np.ndarray]:
    """The band's lower and upper edge: the mean's 95% CI, or the seeds' min and max.

    The CI is cut at what the metric can be (``limits``): with three seeds a t interval
    reached below a loss of 0 and above an accuracy of 1, values no model can have.
    """
    if band == "range" or part.ci is None:
        return part.low, part.high
    half = np.nan_to_num(part.ci, nan=0.0)  # an epoch only one seed reached: no width known
    low, high = np.clip(part.mean - half, *limits), np.clip(part.mean + half, *limits)
    # a log axis cannot draw an edge at or below 0: there the band stops at the lowest seed
    return np.where(low > 0, low, part.low) if log_y else low, high


def _seed_span(parts: list[Curve], band: str, limits: tuple = LOSS) -> list[float] | None:
    """A y range covering every seed's value when the CI bands reach beyond them.

    With few seeds the interval is wide (two seeds: 12.7 times their half-difference): drawn
    in full it would squeeze every curve into a strip. The axis then shows where the seeds
    went and the band runs off it, which reads as what it is: too few seeds to say more.
    """
    if band != "ci" or not parts:
        return None
    low = float(np.nanmin(np.concatenate([p.low for p in parts])))
    high = float(np.nanmax(np.concatenate([p.high for p in parts])))
    edges = np.concatenate([np.concatenate(_edges(p, band, limits=limits)) for p in parts])
    if np.nanmin(edges) >= low and np.nanmax(edges) <= high:
        return None
    pad = 0.05 * (high - low) or 0.1 * abs(high) or 1.0
    return [low - pad, high + pad]


def _band(part: Curve, color: str, group: str, band: str, log_y: bool, limits: tuple) -> list[dict]:
    """The band over seeds: the upper edge, then the lower edge filled up to it."""
    low, high = _edges(part, band, log_y, limits)
    edges = [(high, None), (low, "tonexty")]
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


def _seed_data(part: Curve) -> np.ndarray:
    ci = part.ci if part.ci is not None else np.full(part.mean.shape, np.nan)
    return np.column_stack([part.low, part.high, part.n, ci])


def _line(part: Curve, label: str, split: str, color: str, y_title: str, lang: str) -> dict:
    dash = SPLITS[split][1]
    split_name = lookup(lang, f"chart.split.{split}")
    # the seeds' range per point, only with several seeds: with one it would repeat y, and it
    # was two thirds of what a live refresh sends per curve
    seeds = part.n.max() > 1
    seeds_hover = lookup(lang, "chart.seeds_hover")
    epoch = lookup(lang, "chart.epoch")
    return {
        "type": "scatter",
        "x": part.epoch,
        "y": part.mean,
        "mode": "lines",
        "name": f"{label} · {split_name}",
        "legendgroup": label,
        "line": {"color": color, "dash": dash, "width": 2.5},
        "customdata": _seed_data(part) if seeds else None,
        "hovertemplate": (
            f"<b>{label}</b> {split_name}<br>{epoch} %{{x}}<br>{y_title} %{{y:.6g}}"
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
    band: str = "ci",
    lang: str = "en",
    limits: tuple[float | None, float | None] = LOSS,
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
    band : {"ci", "range"}
        With several seeds, shade the mean's 95% confidence interval or the seeds' min to max
        (:data:`BANDS`).
    lang : str
        The language of the split names, axis title and hover text.
    limits : (low, high)
        What the metric can be (:data:`LOSS`, :data:`ACCURACY`; None: unbounded); the CI
        band stops there.

    Returns
    -------
    plotly Figure
        Two line traces per variant named ``"<label> · training"`` / ``"<label> · validation"``,
        plus band traces (hover disabled) where a variant has several seeds, drawn first: a
        band drawn after another variant's line covered it and changed its colour.
    """
    bands, lines, means, banded = [], [], [], []
    for label, color in colors.items():
        for split in SPLITS:
            part = curves.get(label, {}).get(split)
            if part is None:
                continue
            if part.n.max() > 1:
                bands += _band(part, color, label, band, log_y, limits)
                banded.append(part)
            lines.append(_line(part, label, split, color, y_title, lang))
            means.append(part.mean)
    traces = bands + lines
    layout = fixed_margins(base_layout(x_title=lookup(lang, "chart.epoch"), y_title=y_title))
    layout["yaxis"]["type"] = "log" if log_y else "linear"
    if y_range is not None:
        layout["yaxis"]["range"] = list(y_range)
    elif not log_y:
        focus_y(layout, np.concatenate(means) if means else np.empty(0), lang)
        if "range" not in layout["yaxis"] and (span := _seed_span(banded, band, limits)):
            layout["yaxis"]["range"] = span
    return figure(traces, whole_epochs(layout, traces))
