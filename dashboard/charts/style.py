"""Shared look (large fonts for a projector, white background, titled axes) and fast figures.

Figures are built from plain dicts with plotly's per-property validation switched off: it costs
about 6 ms per trace, which would dominate the live refresh twice a second. The builders' unit
tests check what they produce instead.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from dashboard.i18n.catalog import lookup
from dashboard.palette import PALETTE

FONT_SIZE = 15
_AXIS = {
    "gridcolor": "#EBF0F8", "linecolor": "#EBF0F8", "zerolinecolor": "#EBF0F8",
    "zerolinewidth": 2, "ticks": "", "automargin": True, "title": {"standoff": 15},
}  # fmt: skip
# The essentials of plotly's "plotly_white", spelled out: an unvalidated figure would ship the
# bare template name (which plotly.js ignores), and the full template costs a deep copy per chart.
TEMPLATE = {
    "layout": {
        "paper_bgcolor": "white", "plot_bgcolor": "white", "colorway": list(PALETTE),
        "font": {"color": "#2a3f5f"}, "hoverlabel": {"align": "left"},
        "xaxis": _AXIS, "yaxis": _AXIS,
    }
}  # fmt: skip


def base_layout(*, x_title: str, y_title: str, height: int = 420, **extra: Any) -> dict:
    """The common layout dict with axis titles; ``extra`` keys override or extend it."""
    return {
        "template": TEMPLATE,
        "font": {"size": FONT_SIZE},
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 40, "b": 50},
        "hovermode": "closest",
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": y_title}},
        **extra,
    }


# Streamlit draws a changed chart from scratch (a new plot each time, twice a second while runs
# train), and plotly's automatic margins measure every tick label and legend entry and then draw
# again: a third of each draw. The comparison's charts get fixed margins instead and no legend of
# their own: one legend above them gives every variant's colour.
FIXED_MARGIN = {"l": 80, "r": 20, "t": 30, "b": 55, "autoexpand": False}


def fixed_margins(layout: dict, **margin: int) -> dict:
    """``layout`` (changed in place and returned) with fixed margins, ``FIXED_MARGIN`` updated by
    ``margin``, no legend and no automatic axis margins."""
    layout["margin"] = {**FIXED_MARGIN, **margin}
    layout["showlegend"] = False
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")):
            axis["automargin"] = False
    return layout


def figure(traces: list[dict], layout: dict) -> go.Figure:
    """A figure from trace and layout dicts, without plotly's validation (see module doc)."""
    return go.Figure(data=traces, layout=layout, _validate=False)


def hline(y: float, color: str = "#999999", dash: str = "solid") -> dict:
    """A horizontal line across the plot at ``y``, as a layout shape."""
    return {
        "type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": y, "y1": y,
        "line": {"color": color, "width": 1.5, "dash": dash},
    }  # fmt: skip


# A value this many times the median magnitude is a blow-up, not a curve: healthy losses and gaps
# stay within a few hundred times their median, diverging runs reach 1e10 and beyond.
OUTLIER_FACTOR = 1e3


def focus_range(values: np.ndarray, scale: float = 0.0) -> list[float] | None:
    """A y range for the bulk of ``values`` when a few huge ones would flatten every other curve.

    A diverging run's last epochs can reach 1e13 while the others stay below 1: plotly's autorange
    would then draw every healthy curve as a flat line at 0. Returns ``None`` (keep autorange)
    unless some finite value exceeds ``OUTLIER_FACTOR`` times the larger of the median magnitude
    and ``scale``.

    Parameters
    ----------
    values : ndarray of shape (n,)
        Every y value on the chart; non-finite ones are ignored.
    scale : float
        The size values are measured against where their median can be near 0 without any
        blow-up: the overfitting gap of a net that learns nothing is 1e-5 at every epoch, and
        against its median a healthy variant's gap of 0.05 counted as blown up.
    """
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return None
    limit = OUTLIER_FACTOR * max(float(np.median(np.abs(finite))), scale, 1e-12)
    inliers = finite[np.abs(finite) <= limit]
    if inliers.size in (0, finite.size):
        return None
    low, high = float(inliers.min()), float(inliers.max())
    pad = 0.05 * (high - low) or 0.1 * abs(high) or 1.0
    return [low - pad, high + pad]


def focus_y(
    layout: dict,
    values: np.ndarray,
    lang: str = "en",
    scale: float = 0.0,
    note: str | None = None,
) -> None:
    """Apply :func:`focus_range` to ``layout`` in place, with a ``note`` (default: the loss
    chart's, in ``lang``) inside the plot's top corner saying values are off-axis (above the
    plot it ran into the legend, and past a narrow chart's edge)."""
    y_range = focus_range(values, scale)
    if y_range is None:
        return
    layout["yaxis"]["range"] = y_range
    layout.setdefault("annotations", []).append(
        {
            "text": note or lookup(lang, "chart.off_axis"),
            "xref": "paper", "yref": "paper", "x": 1, "y": 1,
            "xanchor": "right", "yanchor": "top", "showarrow": False,
            "font": {"size": 11, "color": "#8a6d3b"}, "bgcolor": "rgba(255,255,255,0.85)",
        }
    )  # fmt: skip


WHOLE_EPOCHS_UP_TO = 10  # beyond this plotly's own ticks are whole numbers anyway


def whole_epochs(layout: dict, traces: list[dict]) -> dict:
    """``layout`` (changed in place and returned) ticking its x axis at every epoch when the
    traces span few: plotly's own ticks for 2 epochs read 1, 1.2, 1.4, ..., epochs no run has."""
    last = max((np.nanmax(np.asarray(t["x"], dtype=float)) for t in traces
                if t.get("x") is not None and len(t["x"])), default=0.0)  # fmt: skip
    if last <= WHOLE_EPOCHS_UP_TO:
        layout.setdefault("xaxis", {}).update(dtick=1, tick0=1)
    return layout
