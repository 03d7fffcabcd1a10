"""The Runs page's controls: view, search, status, sort, metric, filters and the page number."""

from __future__ import annotations

import dataclasses
import math

import streamlit as st

from dashboard import state
from dashboard.i18n import t
from dashboard.i18n.names import metric_label
from dashboard.plain import literal
from dashboard.views.runs_shown import T
from experiments.results.catalog import knob_fields
from experiments.results.catalog_query import FIELDS, METRICS, OPS, Filter, RunQuery, parse_value
from experiments.results.schema import STATUSES

PAGE_SIZE = 50
SORTS = ["created_at", *METRICS, "label", "status", "seed", *knob_fields()]
DEFAULT_METRIC = "best_val_loss"
# Streamlit forgets a widget's value on a page that does not draw it: kept aside, so a visit to
# Compare (opening runs there) comes back to the same search, sort and view
CONTROLS = {
    state.RUNS_VIEW: T.VIEW_GROUPS,
    state.RUNS_SEARCH: "",
    state.RUNS_STATUS: [],
    state.RUNS_SORT: "created_at",
    state.RUNS_DESC: True,
    state.RUNS_METRIC: DEFAULT_METRIC,
}


@dataclasses.dataclass(frozen=True)
class Controls:
    """What the controls ask for: groups or runs, the query (page 0) and the chosen metric."""

    view: str
    query: RunQuery
    metric: str


def _as_hashable(value: object) -> object:
    # the query is a memo key: a typed list ([8, 8]) becomes a tuple
    return tuple(map(_as_hashable, value)) if isinstance(value, list) else value


def _filter_editor() -> None:
    """A small form that adds one filter; the active ones, each with a button removing it."""
    ss = st.session_state
    with st.popover(T.ADD_FILTER), st.form("runs.filter", clear_on_submit=True, border=False):
        field = st.selectbox(T.FIELD, list(FIELDS), key="runs.filter.field")
        op = st.selectbox(T.OP, list(OPS), key="runs.filter.op")
        text = st.text_input(T.VALUE, help=T.VALUE_HELP, max_chars=200, key="runs.filter.value")
        if st.form_submit_button(T.ADD):
            value = parse_value(text)
            value = (
                tuple(map(_as_hashable, value)) if op == "in" and isinstance(value, list) else value
            )
            try:
                Filter(field, op, _as_hashable(value)).sql()
            except ValueError as error:
                st.error(T.BAD_FILTER.format(error=literal(error)))
            else:
                ss[state.RUNS_FILTERS] = [*ss[state.RUNS_FILTERS], (field, op, value)]
    active = ss[state.RUNS_FILTERS]
    if active:
        columns = st.columns(min(len(active), 4))
        for i, (field, op, value) in enumerate(active):
            label = T.REMOVE.format(text=f"{field} {op} {value}")
            if columns[i % 4].button(label, key=f"runs.filter.remove.{i}"):
                ss[state.RUNS_FILTERS] = active[:i] + active[i + 1 :]
                st.rerun()


def render_controls() -> Controls:
    """Draw the controls; what they ask for (page 0: :func:`render_pager` picks the page)."""
    ss = st.session_state
    for key, default in CONTROLS.items():
        if key not in ss:  # set before the widget exists, which then takes it as its value
            ss[key] = ss[state.RUNS_KEPT].get(key, default)
    top = st.columns([1.3, 2.2, 2.2, 1.6])
    view = top[0].radio(
        T.VIEW,
        [T.VIEW_GROUPS, T.VIEW_RUNS],
        format_func=T.view_names().get,
        horizontal=True,
        key=state.RUNS_VIEW,
    )
    search = top[1].text_input(T.SEARCH, max_chars=100, key=state.RUNS_SEARCH)
    # options worded now, as dicts: AppTest calls format_func outside the session
    words = {status: t(f"status.{status}") for status in STATUSES}
    statuses = top[2].multiselect(T.STATUS, STATUSES, key=state.RUNS_STATUS,
                                  format_func=words.get, placeholder=T.ANY_STATUS)  # fmt: skip
    metrics = {name: metric_label(name) for name in METRICS}
    metric = top[3].selectbox(T.METRIC, list(METRICS), key=state.RUNS_METRIC,
                              format_func=metrics.get)  # fmt: skip
    left, middle, right = st.columns([2.2, 1.2, 3.4], vertical_alignment="bottom")
    # a config field keeps its Keras name
    sorts = {name: metrics.get(name) or T.COLUMNS.get(name, name) for name in SORTS}
    sort = left.selectbox(T.SORT, SORTS, key=state.RUNS_SORT, format_func=sorts.get)
    descending = middle.toggle(T.DESCENDING, key=state.RUNS_DESC)
    ss[state.RUNS_KEPT] = {key: ss[key] for key in CONTROLS}
    with right:
        _filter_editor()
    filters = tuple(Filter(*f) for f in st.session_state[state.RUNS_FILTERS])
    if statuses:
        filters += (Filter("status", "in", tuple(statuses)),)
    query = RunQuery(filters, search, sort, descending, page=0, page_size=PAGE_SIZE)
    return Controls(view, query, metric)


def render_pager(controls: Controls, total: int, template: str) -> RunQuery:
    """The page number input (back to 1 whenever the query changed) and the query of that
    page; a caption counts the matches."""
    ss = st.session_state
    pages = max(1, math.ceil(total / PAGE_SIZE))
    seen = (controls.view, controls.query)
    if ss[state.RUNS_QUERY_SEEN] != seen or ss.get(state.RUNS_PAGE, 1) > pages:
        ss[state.RUNS_PAGE] = 1  # set before the widget exists: allowed, and within its range
        ss[state.RUNS_QUERY_SEEN] = seen
    left, right = st.columns([1, 5], vertical_alignment="bottom")
    page = left.number_input(T.PAGE, min_value=1, max_value=pages, step=1, key=state.RUNS_PAGE)
    right.caption(template.format(n=total, page=page, pages=pages))
    return dataclasses.replace(controls.query, page=int(page) - 1)
