"""Per-variant decision boundaries (2-D classification) or predicted vs true (regression)."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, runtime
from dashboard.memo import memo

COLUMNS = 3  # at most three to a row: four squashed each panel to a sliver


@st.cache_data(show_spinner=False, max_entries=256)
def _artifacts(store_path: str, run_id: str) -> dict:
    # a finished run's artifacts never change, and this is called only for finished runs
    return runtime.store().artifacts(run_id)


def _why_missing(run_id: str) -> str:
    """What to say on the panel of a variant that left no picture."""
    run = runtime.store().get_run(run_id)
    if run["status"] == "diverged":
        return f"diverged at epoch {run['diverged_epoch']}:<br>no decision boundary to show"
    return f"{run['status']}: nothing to show"


def _panels(first_runs: dict[str, str], colors: dict[str, str]) -> list[go.Figure]:
    """A panel for every variant, in variant order; one colour bar for the row (shared scale)."""
    panels = []
    for label, run_id in first_runs.items():
        artifacts = _artifacts(str(runtime.store().path), run_id)
        if "boundary" in artifacts:
            show_scale = not any(p.data and p.data[0].type == "contour" for p in panels)
            panels.append(charts.boundary_figure(artifacts["boundary"], label, colors[label],
                                                 show_scale=show_scale))  # fmt: skip
        elif "predictions" in artifacts:
            panels.append(charts.prediction_figure(artifacts["predictions"], label, colors[label]))
        else:
            panels.append(charts.failed_figure(label, colors[label], _why_missing(run_id)))
    return panels


def render_predictions(labels: dict[str, str], colors: dict[str, str]) -> None:
    """One panel per variant from its first run's artifacts; nothing when none were stored."""
    first_runs = {}
    for run_id, label in labels.items():
        first_runs.setdefault(label, run_id)
    # finished runs' artifacts never change: the figures depend only on which runs and colours
    key = (str(runtime.store().path), tuple(first_runs.items()), tuple(colors.items()))
    panels = memo("predictions", key, lambda: _panels(first_runs, colors))
    if not any(p.data for p in panels):
        return
    st.subheader("What each variant learned")
    st.caption(
        "Seed 2) 1-2: decision regions on the training data (2-D classification) or "
        "predicted vs true on the validation split (regression), after the last epoch. "
        "Probabilities share one fixed scale, 0 (blue) to 1 (red): 0.5 is white in every panel."
    )
    cols = st.columns(max(2, min(COLUMNS, len(panels))))
    for i, fig in enumerate(panels):
        with cols[i % len(cols)]:
            st.plotly_chart(fig, theme=None, key=f"chart.pred.{i}")
