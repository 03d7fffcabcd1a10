"""Plotly's own legend on a finished comparison chart: click a variant to hide it, double-click
to isolate it.

Charts that refresh while runs train carry no legend (see ``style.fixed_margins``): each refresh
mounts them anew, which loses a legend click, and measuring a legend costs each draw. Once the
runs are done a chart is drawn once, so it gets one entry per variant (its traces share a
``legendgroup``, so one click hides the variant's training and validation lines alike).
"""

from __future__ import annotations

import plotly.graph_objects as go

LEGEND = {"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0, "groupclick": "togglegroup",
          "itemdoubleclick": "toggleothers"}  # fmt: skip


def with_legend(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` with one legend entry per ``legendgroup`` below the plot: its
    validation line where it has one (solid, as in the legend above the charts), else its
    first trace. Trace names stay as they are (hover and tests read them)."""
    out = go.Figure(fig)
    entries: dict[str, object] = {}
    for trace in out.data:
        group = trace.legendgroup
        if not group or trace.showlegend is False:
            continue
        if group not in entries or str(trace.name).endswith("validation"):
            entries[group] = trace
    if not entries:
        return fig
    for trace in out.data:
        if trace.legendgroup in entries and trace.showlegend is not False:
            trace.showlegend = trace is entries[trace.legendgroup]
    seen = entries
    margin = dict(out.layout.margin.to_plotly_json())
    rows = 1 + len(seen) // 4  # about four entries a row in half the page
    out.update_layout(showlegend=True, legend=LEGEND,
                      margin={**margin, "b": margin.get("b", 55) + 24 * rows},
                      height=(out.layout.height or 420) + 24 * rows)  # fmt: skip
    return out
