"""Live results: progress and cancel per variant; charts refresh from the store while runs train."""

from __future__ import annotations

import time
from typing import NamedTuple

import pandas as pd
import streamlit as st

from dashboard import runtime, state, tables
from dashboard.guard import guarded_fragment
from dashboard.i18n import t
from dashboard.memo import memo
from dashboard.palette import color_map
from dashboard.plain import literal
from dashboard.widgets.predictions import render_no_predictions, render_predictions
from dashboard.widgets.result_charts import render_charts
from experiments.results.reader import ResultsReader
from experiments.results.tracks import Snapshot, snapshot_of

ACTIVE = ("queued", "running")
POLL_SECONDS = 0.5
FIRST_EPOCH_WAIT = 0.5  # seconds a script run waits for the first epoch of new runs


def _reader(run_ids: list[str]) -> ResultsReader:
    """This session's reader of ``run_ids`` (a new one when the runs or the store change)."""
    ss, store = st.session_state, runtime.store()
    reader = ss[state.READER]
    if reader is None or reader.run_ids != tuple(run_ids) or reader.store is not store:
        reader = ss[state.READER] = ResultsReader(store, run_ids)
    return reader


def _progress_frame(snapshot, labels: dict[str, str]) -> pd.DataFrame:
    prog = tables.progress(snapshot.runs, snapshot.tracks)
    prog["label"] = prog["run_id"].map(labels).fillna(prog["label"])
    return prog


def _statuses(statuses: list[str]) -> str:
    """ "done" when every seed is; else how many are in each state ("1 running, 2 queued")."""
    counts = dict.fromkeys(statuses, 0)
    for status in statuses:
        counts[status] += 1
    if len(counts) == 1:
        return t(f"status.{statuses[0]}")
    return ", ".join(f"{n} {t(f'status.{status}')}" for status, n in counts.items())


def _progress(snapshot, labels: dict[str, str], key: tuple) -> bool:
    """One progress bar per variant and a cancel button while it runs; True if any is active."""
    prog = memo("live.progress", key, lambda: _progress_frame(snapshot, labels))
    runner, owner = runtime.runner(), st.session_state[state.OWNER]
    runner.touch(owner)  # this person is still here: their runs go on
    if runner.store_error:
        st.warning(runner.store_error.capitalize())  # "The store is not writable: ..."
    any_active = False
    names = list(dict.fromkeys(labels.values()))
    per_row = min(4, max(1, len(names)))
    for i, label in enumerate(names):
        if i % per_row == 0:  # a row at a time: a phone stacks each row's columns in order
            cols = st.columns(per_row)
        mine = prog[prog["label"] == label]
        done, total = int(mine["done_epochs"].sum()), max(1, int(mine["total_epochs"].sum()))
        statuses = _statuses(mine["status"].astype(str).tolist())
        # epochs per seed (their mean), the seeds named: a sum ("240/240" for 80 epochs x 3
        # seeds) read as that many epochs
        seeds = len(mine)
        named = t("live.seeds", n=seeds) if seeds > 1 else ""
        active = mine["status"].isin(ACTIVE).any()
        any_active |= active
        with cols[i % per_row]:
            st.progress(
                min(1.0, done / total),
                text=t(
                    "live.progress",
                    label=literal(label),
                    seeds=named,
                    done=done // seeds,
                    total=total // seeds,
                    statuses=statuses,
                ),
            )
            if active and st.button(t("live.cancel"), key=f"cancel.{label}"):
                for run_id in mine.loc[mine["status"].isin(ACTIVE), "run_id"]:
                    runtime.runner().cancel(run_id, owner)
    return any_active


def _read(reader: ResultsReader) -> tuple:
    """The reader's snapshot; right after Run, the first one with an epoch (within
    ``FIRST_EPOCH_WAIT``).

    The first epoch is typically 20-300 ms away then: waiting for it shows it in this script run
    instead of at the first poll, which the browser fires 0.5 s (busy drawing the new page, up
    to a second) after this run ends. Only then: runs queued behind others must not slow every
    rerun.
    """
    version, snapshot = reader.read()
    if not st.session_state[state.JUST_STARTED]:
        return version, snapshot
    st.session_state[state.JUST_STARTED] = False
    deadline = time.monotonic() + FIRST_EPOCH_WAIT
    while not snapshot.has_epochs and snapshot.runs["status"].isin(ACTIVE).any():
        if time.monotonic() >= deadline:
            break
        time.sleep(0.02)
        version, snapshot = reader.read()
    return version, snapshot


class Drawn(NamedTuple):
    """The snapshot the live charts show."""

    version: tuple
    snapshot: Snapshot
    reader: ResultsReader


def _to_draw(reader: ResultsReader, version: tuple, snapshot: Snapshot, active: bool) -> Drawn:
    """What the charts show: the fresh snapshot, or the one drawn last while the charts are
    paused and runs train.

    While runs train every poll brings new epochs, so every chart changes and the browser
    draws each one anew (its hover label and zoom gone); paused, the charts hold still while
    the progress goes on.
    """
    ss = st.session_state
    drawn = ss[state.DRAWN]
    if drawn is None or drawn.reader is not reader or not (ss[state.PAUSED] and active):
        drawn = ss[state.DRAWN] = Drawn(version, snapshot, reader)
    return drawn


def _body(labels: dict[str, str], polling: bool) -> None:
    reader = _reader(list(labels))
    version, snapshot = _read(reader)
    active = _progress(snapshot, labels, (version, tuple(labels.items())))
    drawn = _to_draw(reader, version, snapshot, active)
    if not drawn.snapshot.has_epochs:
        st.info(t("live.waiting"))
    else:
        render_charts(drawn.snapshot, labels, drawn.version, live=active)
    if polling and not active:
        # the last run finished: one full rerun registers the fragment again without polling
        st.rerun(scope="app")
    colors = color_map(list(dict.fromkeys(labels.values())))
    # while training, each variant's newest boundary up to the epoch its curves show
    upto = {r: t.epochs_done for r, t in drawn.snapshot.tracks.items()} if active else None
    render_predictions(labels, colors, upto)


def render_live(labels: dict[str, str]) -> None:
    """Show the runs in ``labels`` (run id -> variant label), polling the store while any runs."""
    runs = _reader(list(labels)).read()[1].runs
    polling = bool(runs["status"].isin(ACTIVE).any())
    guarded_fragment(_body, labels, polling, run_every=POLL_SECONDS if polling else None)


def render_imported(results) -> None:
    """Show results loaded from a CSV (nothing trains, nothing polls)."""
    labels = dict(zip(results.runs["run_id"], results.runs["label"], strict=True))
    # an upload's file id names its contents: the charts are built once per upload
    file_id = st.session_state[state.IMPORTED_FILE]
    version = None if file_id is None else ("imported", file_id)
    snapshot = memo("imported.snapshot", version, lambda: snapshot_of(results))
    render_charts(snapshot, labels, version)
    render_no_predictions()
    st.session_state[state.NOTICE] = None
