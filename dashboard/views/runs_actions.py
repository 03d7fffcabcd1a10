"""What the Runs page does with the ticked rows: open them in Compare, share them, tag them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import open_runs, share, state
from dashboard.plain import literal
from dashboard.views.runs_shown import T
from experiments import Store
from experiments.results import catalog
from experiments.results.catalog_query import RunQuery, Scope

COMPARE_PAGE = "dashboard/pages/compare.py"


def _link(token: str) -> str:
    here = str(st.context.url or "").split("?")[0].rstrip("/")
    base = here.rsplit("/", 1)[0] if here.endswith("/runs") else here
    return f"{base}/compare?{share.PARAM}={token}"


def render_open(
    store: Store, groups: list[str], run_ids: list[str], query: RunQuery, scope: Scope
) -> None:
    """Open the ticked groups (their runs that pass the filters) or runs in Compare, and
    their share link."""
    if not groups and not run_ids:
        st.caption(T.PICK.format(most=8))
        return
    runs = catalog.members(store, groups, run_ids, query, scope)
    left, right = st.columns([1, 3])
    if left.button(T.OPEN, type="primary", key="runs.open"):
        refused = open_runs.open_in_compare(st.session_state, runs)
        if refused:
            st.warning(literal(refused))
        else:
            st.switch_page(COMPARE_PAGE)
    token = open_runs.link_token(runs)
    with right:
        if token:
            st.code(_link(token), language=None, wrap_lines=True)
            st.caption(T.LINK)
        else:
            st.caption(T.LINK_NONE)


def _save(store: Store, run_ids: list[str], form: str) -> None:
    # a callback: saved before the page is drawn again, so the table shows the new tags
    ss = st.session_state
    try:
        catalog.set_notes(store, run_ids, ss[f"{form}.tags"], ss[f"{form}.note"])
    except ValueError as error:  # the inputs' own limits make this rare
        ss[state.RUNS_NOTICE] = str(error)
    else:
        ss[state.RUNS_NOTICE] = T.SAVED


def render_notes(store: Store, run_ids: list[str], current: pd.DataFrame) -> None:
    """Tags and a note for the ticked runs (the first ticked run's as the starting text)."""
    if not run_ids:
        return
    if store.read_only:
        st.caption(T.READ_ONLY)
        return
    first = current[current["run_id"] == run_ids[0]]
    tags = str(first["tags"].iloc[0] or "") if len(first) else ""
    note = str(first["note"].iloc[0] or "") if len(first) else ""
    # keyed by the ticked runs, so the fields start from their text when the ticks change
    form = f"runs.notes.{'.'.join(run_ids)}"
    with st.form(form, border=True):
        st.markdown(f"**{T.NOTES_TITLE.format(n=len(run_ids))}**")
        st.text_input(T.TAGS, value=tags, max_chars=catalog.MAX_TAGS_CHARS, key=f"{form}.tags")
        st.text_area(
            T.NOTE, value=note, max_chars=catalog.MAX_NOTE_CHARS, height=80, key=f"{form}.note"
        )
        st.form_submit_button(T.SAVE, on_click=_save, args=(store, run_ids, form))
    said = st.session_state[state.RUNS_NOTICE]
    if said:
        st.success(literal(said))
        st.session_state[state.RUNS_NOTICE] = None
