"""Per-variant decision boundaries (2-D classification) or predicted vs true (regression)."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, runtime
from dashboard.memo import memo

COLUMNS = 4


@st.cache_data(show_spinner=False, max_entries=256)
def _artifacts(store_path: str, run_id: str) -> dict:
    # a finished run's artifacts never change, and this is called only for finished runs
    return runtime.store().artifacts(run_id)


def _panels(first_runs: dict[str, str], colors: dict[str, str]) -> list[go.Figure]:
    panels = []
    for label, run_id in first_runs.items():
        artifacts = _artifacts(str(runtime.store().path), run_id)
        if "boundary" in artifacts:
            panels.append(charts.boundary_figure(artifacts["boundary"], label, colors[label]))
        elif "predictions" in artifacts:
            panels.append(charts.prediction_figure(artifacts["predictions"], label, colors[label]))
    return panels


def render_predictions(labels: dict[str, str], colors: dict[str, str]) -> None:
    """One panel per variant from its first run's artifacts; nothing when none were stored."""
    first_runs = {}
    for run_id, label in labels.items():
        first_runs.setdefault(label, run_id)
    # finished runs' artifacts never change: the figures depend only on which runs and colours
    key = (str(runtime.store().path), tuple(first_runs.items()), tuple(colors.items()))
    panels = memo("predictions", key, lambda: _panels(first_runs, colors))
    if not panels:
        return
    st.subheader("What each variant learned")
    st.caption(
        "Seed 2) 1-2: decision regions on the training data (2-D classification) or "
        "predicted vs true on the validation split (regression), after the last epoch."
    )
    cols = st.columns(min(COLUMNS, len(panels)))
    for i, fig in enumerate(panels):
        with cols[i % len(cols)]:
            st.plotly_chart(fig, theme=None, key=f"chart.pred.{i}")
