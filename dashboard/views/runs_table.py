"""The Runs page's tables: one page of groups or of runs, rows ticked to act on."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.i18n import t
from dashboard.i18n.names import metric_label
from dashboard.views.runs_shown import T
from experiments.results.catalog_query import METRICS
from experiments.results.schema import STATUSES

MAX_PICKED = 8


def _picked(event: object, frame: pd.DataFrame, column: str) -> list[str]:
    rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    rows = [r for r in rows if r < len(frame)]
    if len(rows) > MAX_PICKED:
        st.warning(T.TOO_MANY.format(n=len(rows), most=MAX_PICKED))
    return [str(frame[column].iloc[r]) for r in rows[:MAX_PICKED]]


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The page's rows as shown: times as dates, kinds and statuses in the viewer's words (the
    frame itself keeps the stored values the ticked rows are read from)."""
    out = frame.copy()
    out["created_at"] = pd.to_datetime(out["created_at"], unit="s", utc=True).dt.tz_localize(None)
    if "kind" in out:
        out["kind"] = out["kind"].map(T.KINDS).fillna(out["kind"])
    if "status" in out:
        out["status"] = out["status"].map(lambda s: t(f"status.{s}") if s in STATUSES else s)
    return out


def _metric_config(names: list[str]) -> dict:
    return {n: st.column_config.NumberColumn(metric_label(n), format="%.4f") for n in names}


def render_groups(frame: pd.DataFrame, metric: str) -> list[str]:
    """A page of groups; the keys of the ticked ones (at most eight)."""
    shown = _shown(frame)
    config = {
        "group": None,  # the key travels with the row, the person reads kind and labels
        "kind": T.COLUMNS["kind"],
        "runs": T.COLUMNS["runs"],
        "finished": T.COLUMNS["finished"],
        "created_at": st.column_config.DatetimeColumn(T.COLUMNS["created_at"]),
        "labels": st.column_config.TextColumn(T.COLUMNS["labels"], width="large"),
        "best": st.column_config.NumberColumn(
            T.COLUMNS["best"].format(metric=metric_label(metric)), format="%.4f"
        ),
    }
    event = st.dataframe(
        shown,
        column_config=config,
        column_order=["kind", "labels", "runs", "finished", "best", "created_at"],
        hide_index=True,
        on_select="rerun",
        selection_mode="multi-row",
        key=f"{state.RUNS_TABLE}.groups",
    )
    return _picked(event, frame, "group")


def render_runs(frame: pd.DataFrame, metric: str, knobs: list[str]) -> list[str]:
    """A page of runs with the metric first and the knobs that vary; the ticked run ids."""
    shown = _shown(frame)
    others = [m for m in ("best_val_loss", "final_val_accuracy", "epochs_done") if m != metric]
    order = ["label", "status", metric, *others, *knobs, "seed", "tags", "created_at", "kind"]
    config = {
        "label": st.column_config.TextColumn(T.COLUMNS["label"], width="large"),
        "created_at": st.column_config.DatetimeColumn(T.COLUMNS["created_at"]),
        "status": T.COLUMNS["status"],
        "seed": T.COLUMNS["seed"],
        "tags": T.COLUMNS["tags"],
        "kind": T.COLUMNS["kind"],
        "epochs_done": metric_label("epochs_done"),
        **_metric_config([m for m in METRICS if m not in ("epochs_done", "best_epoch")]),
        **{k: k.removeprefix("config.") for k in knobs},
    }
    event = st.dataframe(
        shown,
        column_config=config,
        column_order=order,
        hide_index=True,
        on_select="rerun",
        selection_mode="multi-row",
        key=f"{state.RUNS_TABLE}.runs",
    )
    return _picked(event, frame, "run_id")
