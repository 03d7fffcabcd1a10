"""Many runs at once: parallel coordinates of the varied knobs and one knob's sensitivity."""

from __future__ import annotations

from collections.abc import Hashable

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.charts.sweep import parallel_coordinates, sensitivity_figure
from dashboard.i18n import current
from dashboard.i18n.names import metric_label
from dashboard.memo import memo
from dashboard.views.runs_shown import T
from experiments import Store
from experiments.results import catalog
from experiments.results.catalog_query import RunQuery, Scope
from experiments.results.sensitivity import sensitivity

LIMIT = 5000  # runs the sensitivity plot averages at most: the query stays short
# plotly draws parallel coordinates with WebGL; 5,000 lines took a browser without a GPU (headless
# Chromium, software rendering) 20 s to draw, 1,000 evenly spread ones show the same pattern
MAX_LINES = 1000


def render_analysis(
    store: Store,
    query: RunQuery,
    metric: str,
    scope: Scope,
    knobs: list[str],
    total: int,
    key: Hashable,
) -> None:
    """Both charts over the runs that pass ``query`` (``key``: what they depend on)."""
    if not knobs or total < 2:
        st.caption(T.ANALYSIS_FEW)
        return
    st.subheader(T.ANALYSIS.format(metric=metric_label(metric), n=min(total, LIMIT)))
    if total > LIMIT:
        st.caption(T.ANALYSIS_CAP.format(limit=LIMIT, n=total))
    frame = memo(
        "runs.analysis",
        (key, metric, tuple(knobs)),
        lambda: catalog.analysis_frame(store, query, knobs, metric, scope, LIMIT),
    )
    step = -(-len(frame) // MAX_LINES)  # every step-th run: the whole range, evenly
    figure = memo(
        "runs.parcoords",
        (key, metric, tuple(knobs), current()),
        lambda: parallel_coordinates(frame.iloc[::step], knobs, metric, current()),
    )
    st.plotly_chart(figure, theme=None, key="runs.parcoords")
    lines = len(frame.iloc[::step])
    st.caption(T.PARCOORDS + (" " + T.LINES.format(n=lines, of=len(frame)) if step > 1 else ""))
    left, right = st.columns(2)
    # a number on the x axis (a learning rate), a category (an activation) as the lines
    numeric = [k for k in knobs if pd.api.types.is_numeric_dtype(frame[k])]
    first = knobs.index(numeric[0]) if numeric else 0
    x = left.selectbox(T.KNOB_X, knobs, index=first, key=state.RUNS_X, format_func=_short)
    others = [k for k in knobs if k != x]
    choices = [T.NO_LINE, *others]
    text = [k for k in others if k not in numeric] or others
    at = choices.index(text[0]) if text else 0
    line = right.selectbox(T.KNOB_LINE, choices, index=at, key=state.RUNS_LINE, format_func=_short)
    line = None if line == T.NO_LINE else line
    table = sensitivity(frame, x, metric, line)
    st.plotly_chart(
        sensitivity_figure(table, x, metric, line, current()), theme=None, key="runs.sensitivity"
    )
    rest = [_short(k) for k in knobs if k not in (x, line)]
    note = T.SENSITIVITY_NOTE
    if rest:
        note += " " + T.OTHERS_AVERAGED.format(others=", ".join(rest))
    st.caption(note)


def _short(name: str) -> str:
    return name.removeprefix("config.")
