"""The layer x epoch heatmaps under the results: gradient norms and dead units, one panel per
variant in rows of columns (Streamlit stacks columns on a phone, so no panel is a sliver)."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from dashboard import charts
from dashboard import transforms as tf
from dashboard.memo import memo
from dashboard.plain import literal

PER_ROW = 3
DIED = (
    "the net died at epoch {epoch}: every gradient is 0 from then on, so no weight changes "
    "again (seed 2) 3 (4): ReLU units that output 0 for every input pass no gradient back; "
    "He initialization, a smaller learning rate or leaky_relu keep them alive)"
)
NO_RELU = "no ReLU-family layer:<br>no unit can die"


def place(figures: list[go.Figure], key: str) -> None:
    """The panels in rows of :data:`PER_ROW`, in variant order (also when stacked)."""
    for start in range(0, len(figures), PER_ROW):
        row = figures[start : start + PER_ROW]
        for i, (col, fig) in enumerate(zip(st.columns(PER_ROW), row, strict=False)):
            col.plotly_chart(fig, theme=None, key=f"{key}.{start + i}")


def _gradient_panels(snapshot, groups) -> tuple[list[go.Figure], dict[str, list[str]]]:
    matrices = tf.grad_matrices(snapshot.tracks, groups)
    flags = {label: tf.grad_flags(m) for label, m in matrices.items()}
    for label, matrix in matrices.items():
        epoch = tf.died_at(matrix)
        if epoch is not None:
            flags[label].insert(0, DIED.format(epoch=epoch))
    return charts.heatmap_panels(matrices, flags), flags


def _dead_panels(snapshot, groups) -> list[go.Figure] | None:
    matrices = tf.layer_matrices(snapshot.tracks, groups, "dead")
    if all(m.empty for m in matrices.values()):
        return None  # no ReLU-family layer: no unit can die
    return charts.heatmap_panels(matrices, scale=charts.DEAD_UNITS, empty_note=NO_RELU)


def render_heatmaps(snapshot, groups: dict[str, list[str]], key: tuple | None, live: bool) -> None:
    """Gradient norms per layer (with their flags), and dead units once the runs finished."""
    figures, flags = memo("chart.gradients", key, lambda: _gradient_panels(snapshot, groups))
    st.subheader("Gradient norm per layer (layer × epoch)")
    place(figures, "chart.gradients")
    st.caption(
        "Seed 2) 3 (3), 6) 2: log10 of each Dense kernel's gradient norm, mean over the "
        "epoch's steps; one colour scale for all variants. Dark first rows = vanishing."
    )
    for label, found in flags.items():
        for flag in found:
            st.warning(f"{literal(label)}: {flag}")
    if live:
        # a second set of heatmaps redrawn twice a second made every live refresh cost the
        # browser more (the log toggle waited behind it): the dead units appear when the runs
        # finish, like the decision boundaries; the gradients and the "died" flag stay live
        st.caption("Dead units per layer appear when the runs finish.")
        return
    dead = memo("chart.dead", key, lambda: _dead_panels(snapshot, groups))
    if dead is not None:
        st.subheader("Dead units per layer (layer × epoch)")
        place(dead, "chart.dead")
        st.caption(
            "Seed 2) 3 (4): the share of each ReLU-family layer's units that output 0 for every "
            "training example at the epoch's end (they pass no gradient back), 0 to 1 in "
            "every panel. A row turning red is a layer dying."
        )
