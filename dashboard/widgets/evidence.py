"""Seeds as evidence on the page: the band the curves shade and the verdicts in plain words.

Everything here renders what :mod:`experiments.results.verdicts` computed; the statistics
live there, so the page, the CSV export and the CLI say the same.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.charts.loss import BANDS
from dashboard.i18n import t
from dashboard.i18n.verdicts import holm_text, verdict_text
from dashboard.plain import literal
from dashboard.transforms import Curves
from experiments.results.evidence_export import evidence_csv
from experiments.results.evidence_table import evidence_table
from experiments.results.run_metrics import PENDING, RUN_METRICS
from experiments.results.verdicts import ALPHA, verdicts
from experiments.spec.presets import PRESETS_BY_KEY

MARKS = {
    "lower": "▼",
    "higher": "▲",
    "same": "≈",
    "one_seed": "?",
    "provisional": "…",
    "described": "·",
}


def band_choice(curves: Curves) -> str:
    """The band the curves shade over seeds (:data:`~dashboard.charts.loss.BANDS`); offered
    only where some variant has several seeds (with one there is no band)."""
    if not any(c.n.max() > 1 for splits in curves.values() for c in splits.values()):
        return st.session_state.get(state.BAND, "ci")
    return st.radio(
        t("evidence.band"),
        list(BANDS),
        # worded now: AppTest calls a format_func outside the session
        format_func={band: t(f"chart.band.{band}") for band in BANDS}.get,
        key=state.BAND,
        horizontal=True,
        help=t("evidence.band_help"),
    )


def _pickers(labels: list[str], per_run: pd.DataFrame) -> tuple[str, str]:
    ss = st.session_state
    metrics = [m for m in RUN_METRICS if per_run[m].notna().any()] or list(RUN_METRICS)
    if ss[state.BASELINE] not in labels:  # a new comparison: its first variant
        ss[state.BASELINE] = labels[0]
    lesson = ss[state.PRESET]
    if lesson in PRESETS_BY_KEY and ss[state.VERDICT_LESSON] != lesson:  # newly loaded
        ss[state.VERDICT_METRIC] = PRESETS_BY_KEY[lesson].verdict_metric
    ss[state.VERDICT_LESSON] = lesson
    if ss[state.VERDICT_METRIC] not in metrics:
        ss[state.VERDICT_METRIC] = metrics[0]
    left, right = st.columns(2)
    baseline = left.selectbox(t("evidence.baseline"), labels, key=state.BASELINE)
    metric = right.selectbox(
        t("evidence.metric"),
        metrics,
        format_func={m: t(f"table.{m}") for m in RUN_METRICS}.get,
        key=state.VERDICT_METRIC,
    )
    return baseline, metric


def render_verdicts(per_run: pd.DataFrame) -> None:
    """Each variant against the chosen baseline on the chosen metric, in plain words.

    ``per_run`` is :func:`~experiments.results.run_metrics.run_metrics` of the runs shown, in
    variant order, with their ``status``: variants with runs still training get no verdict.
    """
    labels = list(dict.fromkeys(per_run["label"]))
    st.subheader(t("evidence.title"))
    if len(labels) < 2:
        st.caption(t("evidence.need_two"))
        return
    baseline, metric = _pickers(labels, per_run)
    pending = set(per_run.loc[per_run["status"].isin(PENDING), "label"])
    found = verdicts(per_run, metric, baseline, pending)
    lines = [f"{MARKS[v.kind]} {literal(verdict_text(v))}" for v in found]
    st.markdown("\n".join(f"- {line}" for line in lines))
    note = holm_text(found)
    st.caption(t("evidence.how", alpha=f"{ALPHA:g}") + (f" {note}" if note else ""))
    table = evidence_table(per_run, baseline=baseline, pending=pending)
    st.download_button(
        t("evidence.download"),
        evidence_csv(table),
        file_name="evidence.csv",
        mime="text/csv",
        help=t("evidence.download_help"),
        key="evidence.download",
    )
