"""Share link, CSV download of the comparison, and CSV upload to view one without training."""

from __future__ import annotations

import streamlit as st

import experiments
from dashboard import actions, runtime, state
from dashboard.i18n import link_suffix, t
from dashboard.i18n.messages import csv_error
from dashboard.plain import literal
from experiments.results.export import store_csv

CSV_NAME = "gradlab-comparison.csv"


def _csv(run_ids: list[str]) -> bytes:
    # streamed from the store a few runs at a time: memory does not grow with the comparison
    return store_csv(runtime.store(), run_ids)


def render_share_export(token: str | None) -> None:
    """The Share and export row: link, download and upload."""
    st.subheader(t("share.title"))
    left, middle, right = st.columns([2, 1, 2])
    with left:
        if token:
            base = str(st.context.url or "").split("?")[0]
            st.code(f"{base}?c={token}{link_suffix()}", language=None, wrap_lines=True)
            st.caption(t("share.link_caption"))
    with middle:
        run_ids = list(st.session_state[state.RUN_IDS])
        if st.session_state[state.IMPORTED] is not None:
            data = experiments.export_csv(st.session_state[state.IMPORTED])
        else:
            # a callable builds the CSV only when the button is clicked
            data = (lambda: _csv(run_ids)) if run_ids else ""
        st.download_button(
            t("share.download"),
            data=data,
            file_name=CSV_NAME,
            mime="text/csv",
            disabled=not run_ids and st.session_state[state.IMPORTED] is None,
            key="download.csv",
            on_click="ignore",
        )
        if run_ids:
            st.caption(_rows_note(run_ids))
    with right:
        _upload()


def _rows_note(run_ids: list[str]) -> str:
    """The file's size in rows, counted in the store before it is built (one SQL count)."""
    done = runtime.store().epochs_done(run_ids)
    # a train and a validation row per epoch (every split has a validation part); one row for a
    # run without epochs
    rows = sum(2 * n if n else 1 for n in done.values())
    return t("share.rows", rows=rows, runs=len(run_ids))


def _upload() -> None:
    ss = st.session_state
    uploaded = st.file_uploader(
        t("share.upload"), type=["csv"], key="upload.csv",
        help=t("share.upload_help"),
    )  # fmt: skip
    if uploaded is None or uploaded.file_id == ss[state.IMPORTED_FILE]:
        return
    ss[state.IMPORTED_FILE] = uploaded.file_id
    try:
        results = experiments.import_csv(uploaded.getvalue())  # UTF-8 or CP949 (Excel)
    except (ValueError, UnicodeDecodeError) as error:
        st.error(
            t("share.cannot_show", name=literal(uploaded.name), error=literal(csv_error(error))),
            icon="⚠️",
        )
        return
    ss[state.NOTICE] = actions.show_upload(ss, results, uploaded.name)
    st.rerun()
