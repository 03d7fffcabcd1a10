"""Plotly's own legend on a finished comparison chart: click a variant to hide it, double-click
to isolate it.

Charts that refresh while runs train carry no legend (see ``style.fixed_margins``): each refresh
mounts them anew, which loses a legend click, and measuring a legend costs each draw. Once the
runs are done a chart is drawn once, so it gets one entry per variant (its traces share a
``legendgroup``, so one click hides the variant's training and validation lines alike).
"""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.column_widths import text_px

# above the plot, in a top margin grown to hold it (the fixed margins leave no room below)
LEGEND = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "groupclick": "togglegroup",
          "itemdoubleclick": "toggleothers"}  # fmt: skip
ROW_PX = 24
# the narrowest chart's width for legend entries (a third of a laptop's page, or a phone's
# width: rows planned for half a page overflowed into the plot and were cut there), and an
# entry's line sample and gap; its text is measured as a table cell's (the legend's 14 px font
# draws at the same size; Hangul is about twice a Latin letter: counting it as one, a Korean
# legend's rows overflowed into the chart's heading)
ROW_WIDTH_PX, ENTRY_PX = 300, 45


def _rows(names: list[str]) -> int:
    """How many rows the legend's entries wrap into (plotly wraps whole entries)."""
    rows, used = 1, 0.0
    for name in names:
        width = ENTRY_PX + text_px(name)
        if used and used + width > ROW_WIDTH_PX:
            rows, used = rows + 1, 0.0
        used += width
    return rows


def with_legend(fig: go.Figure) -> go.Figure:
    """``fig`` (changed in place and returned: call it on a fresh figure) with one legend entry
    per ``legendgroup`` above the plot: its validation line where it has one (solid, as in the
    legend above the charts), else its first trace. Trace names stay as they are (hover and
    tests read them)."""
    entries: dict[str, object] = {}
    for trace in fig.data:
        group = trace.legendgroup
        if not group or trace.showlegend is False:
            continue
        if group not in entries or (_solid_line(trace) and not _solid_line(entries[group])):
            entries[group] = trace
    if not entries:
        return fig
    for trace in fig.data:
        if trace.legendgroup in entries and trace.showlegend is not False:
            trace.showlegend = trace is entries[trace.legendgroup]
    margin = dict(fig.layout.margin.to_plotly_json())
    rows = _rows([str(t.name) for t in entries.values()])
    fig.update_layout(showlegend=True, legend=LEGEND,
                      margin={**margin, "t": margin.get("t", 30) + ROW_PX * rows},
                      height=(fig.layout.height or 420) + ROW_PX * rows)  # fmt: skip
    return fig


def _solid_line(trace: object) -> bool:
    """A solid line: the validation curve of a loss or accuracy chart (training is dashed),
    whatever language its name is in."""
    mode = getattr(trace, "mode", None) or "lines"
    line = getattr(trace, "line", None)
    return "lines" in mode and getattr(line, "dash", None) in (None, "solid")
