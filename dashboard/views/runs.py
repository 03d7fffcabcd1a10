"""Runs page: every comparison, sweep and run in the store, a page at a time, from SQL."""

from __future__ import annotations

import streamlit as st

from dashboard import audience, runtime
from dashboard.memo import memo
from dashboard.views.runs_actions import render_notes, render_open
from dashboard.views.runs_analysis import render_analysis
from dashboard.views.runs_filters import render_controls, render_pager
from dashboard.views.runs_shown import T
from dashboard.views.runs_table import render_groups, render_runs
from experiments.results import catalog

MAX_KNOBS = 8  # columns and axes: more would not be read


def _count(counter, store, controls, scope, key) -> int:
    # one memo slot per counter: the groups view also needs the runs' count for the charts
    return memo(f"runs.{counter.__name__}", key, lambda: counter(store, controls.query, scope))


def render() -> None:
    """Draw the Runs page."""
    st.title(T.TITLE)
    scope = audience.scope(st.session_state)
    st.caption(T.SCOPE_LOCAL if scope.owner is None else T.SCOPE_PUBLIC)
    store = runtime.store()
    if not catalog.ready(store):
        st.info(T.OLD_STORE)
        return
    controls = render_controls()
    # what every derived value depends on: the store's state, the query and who is looking
    key = (catalog.current(store), controls.query, scope)
    knobs = memo("runs.knobs", key, lambda: catalog.varied_fields(store, controls.query, scope))
    knobs = knobs[:MAX_KNOBS]
    groups, run_ids = [], []
    if controls.view == T.VIEW_GROUPS:
        count = memo(
            "runs.count",
            (key, "groups"),
            lambda: catalog.count_groups(store, controls.query, scope),
        )
        query = render_pager(controls, count, T.COUNT_GROUPS)
        frame = catalog.groups_page(store, query, controls.metric, scope)
        if count:
            groups = render_groups(frame, controls.metric)
    else:
        count = memo(
            "runs.count", (key, "runs"), lambda: catalog.count_runs(store, controls.query, scope)
        )
        query = render_pager(controls, count, T.COUNT_RUNS)
        frame = catalog.runs_page(store, query, scope, knobs)
        if count:
            run_ids = render_runs(frame, controls.metric, knobs)
    if not count:
        if controls.query.filters or controls.query.search:
            st.info(T.EMPTY)
        else:  # nothing to show at all: whose runs this page lists, not "loosen the filters"
            st.info(T.NONE_YET_LOCAL if audience.is_local() else T.NONE_YET)
        return
    render_open(store, groups, run_ids, controls.query, scope)
    render_notes(store, run_ids, frame)
    st.divider()
    total = (
        count
        if controls.view == T.VIEW_RUNS
        else memo(
            "runs.count", (key, "runs"), lambda: catalog.count_runs(store, controls.query, scope)
        )
    )
    render_analysis(store, controls.query, controls.metric, scope, knobs, total, key)
