"""Gradient-per-layer heatmaps (layer x epoch), one per variant, on one shared colour scale.

:func:`gradient_heatmaps` puts every variant's panel in one figure; :func:`heatmap_panels`
gives one figure per variant, for the page to place in columns that stack on a phone.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from dashboard.charts.style import FONT_SIZE, TEMPLATE, figure, fixed_margins, whole_epochs
from dashboard.i18n.catalog import lookup
from dashboard.transforms import GradMatrix


@dataclass(frozen=True)
class HeatScale:
    """What a set of layer x epoch heatmaps shows: its colour bar, hover and range.

    ``key`` names its words in the catalogue: ``heat.scale.<key>.title`` (the colour bar) and
    ``.hover`` (the hover's value line(s), plotly template syntax)."""

    key: str
    fixed: tuple[float, float] | None = None  # a fixed range, else every panel's finite min/max
    colorscale: str = "Viridis"
    raw_from_log: bool = False  # customdata = 10 ** z, for the hover's raw value

    def title(self, lang: str = "en") -> str:
        return lookup(lang, f"heat.scale.{self.key}.title")

    def hover(self, lang: str = "en") -> str:
        return lookup(lang, f"heat.scale.{self.key}.hover")


GRADIENTS = HeatScale("grad", raw_from_log=True)
# a share of units, always on its whole 0-1 range: 30% dead must not look like "all dead"
DEAD_UNITS = HeatScale("dead", fixed=(0.0, 1.0), colorscale="Reds")
COLUMNS = 4
GAP = 0.05  # space between panels, as a fraction of the plotting area
PANEL_HEIGHT = 280


def _shared_range(matrices: dict[str, GradMatrix]) -> tuple[float, float]:
    """Finite min and max of all matrices, so every panel uses the same scale."""
    values = [m.values.ravel() for m in matrices.values() if not m.empty]
    finite = np.concatenate([v[np.isfinite(v)] for v in values]) if values else np.array([])
    if finite.size == 0:
        return -1.0, 1.0
    low, high = float(finite.min()), float(finite.max())
    return (low - 0.5, high + 0.5) if low == high else (low, high)


def _domain(index: int, count: int, gap: float) -> list[float]:
    """The [start, end] paper fraction of slot ``index`` of ``count``, with gaps between."""
    width = (1 - gap * (count - 1)) / count
    start = index * (width + gap)
    return [start, start + width]


def _panel(i: int, label: str, matrix: GradMatrix, title: str, rows: int, cols: int, names: bool,
           scale: HeatScale = GRADIENTS, lang: str = "en"):  # fmt: skip
    """Trace, axis layouts and title annotation of panel ``i`` (row-major, top row first);
    ``names``: whether its layer names are shown (else only the first column's are)."""
    suffix = "" if i == 0 else str(i + 1)
    x_domain = _domain(i % cols, cols, GAP)
    y_domain = _domain(rows - 1 - i // cols, rows, GAP * 3)
    z = matrix.values
    epoch = lookup(lang, "chart.epoch")
    with np.errstate(over="ignore"):
        # shown to 4 significant digits: float32 holds 7 and halves what every refresh sends
        raw = np.power(10.0, z).astype(np.float32) if scale.raw_from_log else None
    trace = {
        "type": "heatmap",
        "z": np.where(np.isfinite(z), z, np.nan),
        "x": matrix.epochs,
        "y": list(matrix.layers),
        "xaxis": f"x{suffix}",
        "yaxis": f"y{suffix}",
        "coloraxis": "coloraxis",
        "name": label,
        "hovertemplate": (
            f"<b>{label}</b><br>{lookup(lang, 'heat.layer')} %{{y}}<br>{epoch} %{{x}}"
            f"<br>{scale.hover(lang)}<extra></extra>"
        ),
    }
    if raw is not None:
        trace["customdata"] = raw
    y_title = lookup(lang, "heat.layer_axis") if i % cols == 0 else ""
    axes = {
        # one epoch axis for all panels (zoom one, zoom all), also while some still train
        f"xaxis{suffix}": {"domain": x_domain, "anchor": f"y{suffix}", "title": {"text": epoch},
                           **({"matches": "x"} if i else {})},
        f"yaxis{suffix}": {"domain": y_domain, "anchor": f"x{suffix}", "autorange": "reversed",
                           "title": {"text": y_title}, "showticklabels": names or i % cols == 0},
    }  # fmt: skip
    note = {"text": title, "x": sum(x_domain) / 2, "y": y_domain[1], "xref": "paper",
            "yref": "paper", "xanchor": "center", "yanchor": "bottom",
            "showarrow": False}  # fmt: skip
    return trace, axes, note


def _layout(rows: int, zmin: float, zmax: float, scale: HeatScale, lang: str = "en") -> dict:
    return {
        "template": TEMPLATE,
        "font": {"size": FONT_SIZE},
        "height": PANEL_HEIGHT * rows + 60,
        "coloraxis": {"colorscale": scale.colorscale, "cmin": zmin, "cmax": zmax,
                      "colorbar": {"title": {"text": scale.title(lang), "side": "right"},
                                   "thickness": 16}},
    }  # fmt: skip


def gradient_heatmaps(
    matrices: dict[str, GradMatrix],
    flags: dict[str, list[str]] | None = None,
    scale: HeatScale = GRADIENTS,
    lang: str = "en",
) -> go.Figure:
    """Layer x epoch heatmaps sharing one colour axis: log10 kernel gradient norms by default,
    or another statistic of :class:`HeatScale` (``DEAD_UNITS``: the share of dead units).

    Parameters
    ----------
    matrices : dict of str to GradMatrix
        Variant label to ``transforms.grad_matrices`` output, in variant order.
    flags : dict of str to list of str, optional
        Variant label to warnings; a flagged panel's title carries a warning sign.
    scale : HeatScale
        The colour bar's title, the hover and a fixed range (else the panels' shared range).
    lang : str
        The language of the axis titles, colour bar and hover text.

    Returns
    -------
    plotly Figure
        One ``Heatmap`` trace per variant (named by its label), all on ``coloraxis``, with the
        panel titles as annotations.
    """
    flags = flags or {}
    labels = list(matrices)
    cols = min(COLUMNS, max(1, len(labels)))
    rows = max(1, math.ceil(len(labels) / cols))
    zmin, zmax = scale.fixed or _shared_range(matrices)
    # the same layers in every panel: their names once per row, not squeezed between panels
    same = len({m.layers for m in matrices.values()}) == 1
    traces, notes = [], []
    layout = _layout(rows, zmin, zmax, scale, lang)
    for i, label in enumerate(labels):
        title = f"⚠ {label}" if flags.get(label) else label
        trace, axes, note = _panel(
            i, label, matrices[label], title, rows, cols, not same, scale, lang
        )
        traces.append(trace)
        layout.update(axes)
        notes.append(note)
    layout["annotations"] = notes
    # room for the layer names and axis title on the left, the colour bar on the right
    return figure(traces, fixed_margins(layout, l=115, r=110, t=40))


PANEL_ALONE_HEIGHT = 330


def heatmap_panels(
    matrices: dict[str, GradMatrix],
    flags: dict[str, list[str]] | None = None,
    scale: HeatScale = GRADIENTS,
    empty_note: str | Mapping[str, str] | None = None,
    lang: str = "en",
) -> list[go.Figure]:
    """One figure per variant, all on the range the variants share, each with its colour bar
    below it (the same bar in every figure: a panel read alone on a phone keeps its scale).

    Side by side in one figure, eight panels on a 390 px phone were 39 px wide each; the page
    places these in columns, which Streamlit stacks on a narrow screen.

    Parameters
    ----------
    matrices, flags, scale
        As for :func:`gradient_heatmaps`.
    empty_note : str or mapping of str to str
        Said in the panel of a variant whose matrix is empty (no ReLU-family layer, a run
        that diverged before its first epoch ended), for all or per label; by default
        "nothing recorded".
    lang : str
        The language of the axis titles, colour bar, hover text and the default note.

    Returns
    -------
    list of plotly Figure
        In variant order; each holds one ``Heatmap`` trace named by its label, or none.
    """
    flags = flags or {}
    zmin, zmax = scale.fixed or _shared_range(matrices)
    nothing = lookup(lang, "heat.nothing")
    empty_note = nothing if empty_note is None else empty_note
    last = max((int(m.epochs.max()) for m in matrices.values() if m.epochs.size), default=0)
    out = []
    for label, matrix in matrices.items():
        title = f"⚠ {label}" if flags.get(label) else label
        trace, axes, note = _panel(0, label, matrix, title, 1, 1, True, scale, lang)
        layout = {**_layout(1, zmin, zmax, scale, lang), **axes, "height": PANEL_ALONE_HEIGHT}
        layout["coloraxis"]["colorbar"] = {
            "orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.34, "yanchor": "top",
            "len": 1.0, "lenmode": "fraction", "thickness": 10, "ypad": 0,
            "title": {"text": scale.title(lang), "side": "top"},
        }  # fmt: skip
        layout["xaxis"]["title"]["standoff"] = 4
        if last:  # one epoch scale for panels compared side by side (a diverged run's 18
            layout["xaxis"]["range"] = [0.5, last + 0.5]  # epochs were as wide as 30)
        whole_epochs(layout, [trace])  # not 1.5
        notes = [note]
        if matrix.empty:
            trace = None
            said = empty_note if isinstance(empty_note, str) else empty_note.get(label, nothing)
            notes.append({"text": said, "x": 0.5, "y": 0.5, "xref": "paper",
                          "yref": "paper", "showarrow": False})  # fmt: skip
            layout["xaxis"].update(visible=False)
            layout["yaxis"].update(visible=False)
        layout["annotations"] = notes
        margins = fixed_margins(layout, l=115, r=20, t=34, b=130)
        out.append(figure([trace] if trace else [], margins))
    return out
