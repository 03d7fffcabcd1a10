"""Overfitting gap: validation minus training loss per variant, best epoch marked."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from dashboard.charts.style import base_layout, figure, fixed_margins, focus_y, hline, whole_epochs
from dashboard.i18n.catalog import lookup
from dashboard.transforms import Best, Gap


def _marks(part: Gap, best: Best | None, label: str, color: str, lang: str) -> dict:
    best_name = lookup(lang, "chart.gap.best")
    at = part.epoch == best.epoch if best is not None else np.zeros(part.epoch.shape, bool)
    return {
        "type": "scatter",
        "x": part.epoch[at],
        "y": part.gap[at],
        "mode": "markers",
        "name": f"{label} · {best_name}",
        "legendgroup": label,
        "showlegend": False,
        "marker": {"color": color, "symbol": "star", "size": 16, "line": {"width": 1}},
        "customdata": part.val[at, np.newaxis],
        "hovertemplate": (
            f"<b>{label}</b> {best_name} %{{x}}<br>{lookup(lang, 'chart.gap.val_loss')} "
            f"%{{customdata[0]:.6g}}<br>{lookup(lang, 'chart.gap.gap')} %{{y:.6g}}<extra></extra>"
        ),
    }


def gap_figure(
    gaps: dict[str, Gap], best: dict[str, Best], colors: dict[str, str], lang: str = "en"
) -> go.Figure:
    """One line per variant and a star at its best epoch (lowest validation loss).

    Parameters
    ----------
    gaps : dict of str to Gap
        From ``transforms.gap``: variant label to its gap per epoch.
    best : dict of str to Best
        From ``transforms.best_epochs``: variant label to its best epoch.
    colors : dict of str to str
        Variant label to colour, in variant order.
    lang : str
        The language of the axis titles, marker name and hover text.

    Returns
    -------
    plotly Figure
        Per variant a line trace ``"<label>"`` and a marker trace ``"<label> · best epoch"``.
    """
    traces = []
    epoch, gap = lookup(lang, "chart.epoch"), lookup(lang, "chart.gap.gap")
    for label, color in colors.items():
        part = gaps.get(label)
        if part is None or not part.epoch.size:
            continue
        traces.append(
            {
                "type": "scatter",
                "x": part.epoch,
                "y": part.gap,
                "mode": "lines",
                "name": label,
                "legendgroup": label,
                "line": {"color": color, "width": 2.5},
                "hovertemplate": (
                    f"<b>{label}</b><br>{epoch} %{{x}}<br>{gap} %{{y:.6g}}<extra></extra>"
                ),
            }
        )
        traces.append(_marks(part, best.get(label), label, color, lang))
    layout = fixed_margins(
        base_layout(x_title=epoch, y_title=lookup(lang, "chart.gap.y"), shapes=[hline(0)])
    )
    values = [g.gap for g in gaps.values()]
    # measured against the losses' own size: a flat gap near 0 is no scale for a healthy one
    losses = np.abs(np.concatenate([g.val for g in gaps.values()])) if gaps else np.empty(0)
    scale = float(np.median(losses[np.isfinite(losses)])) if np.isfinite(losses).any() else 0.0
    values = np.concatenate(values) if values else np.empty(0)
    focus_y(layout, values, lang, scale=scale, note=lookup(lang, "chart.off_axis_gap"))
    return figure(traces, whole_epochs(layout, traces))
