"""The layer x epoch heatmaps under the results: gradient norms and dead units, one panel per
variant in rows of columns (Streamlit stacks columns on a phone, so no panel is a sliver)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts
from dashboard import transforms as tf
from dashboard.i18n import current, lookup, t
from dashboard.memo import memo
from dashboard.plain import literal

PER_ROW = 3
NO_RELU = lookup("en", "heat.no_relu")  # the English, for tests


def place(figures: list[go.Figure], key: str) -> None:
    """The panels in rows of :data:`PER_ROW`, in variant order (also when stacked)."""
    for start in range(0, len(figures), PER_ROW):
        row = figures[start : start + PER_ROW]
        for i, (col, fig) in enumerate(zip(st.columns(PER_ROW), row, strict=False)):
            col.plotly_chart(fig, theme=None, key=f"{key}.{start + i}")


def _empty_notes(
    runs: pd.DataFrame, groups: dict[str, list[str]], otherwise: str, lang: str = "en"
) -> dict:
    """What a variant's empty panel says: that it diverged before an epoch ended, or
    ``otherwise``."""
    notes = {}
    for label, run_ids in groups.items():
        diverged = runs.loc[runs["run_id"].isin(run_ids), "diverged_epoch"].dropna()
        notes[label] = (lookup(lang, "heat.diverged", epoch=int(diverged.min()))
                        if len(diverged) else otherwise)  # fmt: skip
    return notes


def _gradient_panels(snapshot, runs, groups, lang: str) -> tuple[list[go.Figure], dict]:
    matrices = tf.grad_matrices(snapshot.tracks, groups)
    flags = {label: tf.grad_flags(m, lang) for label, m in matrices.items()}
    for label, matrix in matrices.items():
        epoch = tf.died_at(matrix)
        if epoch is not None:
            flags[label].insert(0, lookup(lang, "heat.died", epoch=epoch))
    notes = _empty_notes(runs, groups, lookup(lang, "heat.no_epoch_yet"), lang)
    return charts.heatmap_panels(matrices, flags, empty_note=notes, lang=lang), flags


def _dead_panels(snapshot, runs, groups, lang: str) -> list[go.Figure] | None:
    matrices = tf.layer_matrices(snapshot.tracks, groups, "dead")
    if all(m.empty for m in matrices.values()):
        return None  # no ReLU-family layer: no unit can die
    notes = _empty_notes(runs, groups, lookup(lang, "heat.no_relu"), lang)
    return charts.heatmap_panels(matrices, scale=charts.DEAD_UNITS, empty_note=notes, lang=lang)


def render_heatmaps(
    snapshot, runs: pd.DataFrame, groups: dict[str, list[str]], key: tuple | None, live: bool
) -> None:
    """Gradient norms per layer (with their flags), and dead units once the runs finished.

    ``runs`` are the snapshot's runs labelled as the comparison names them; ``groups`` maps
    each label to its run ids.
    """
    lang = current()  # also in ``key``: a switch redraws the panels in it
    figures, flags = memo(
        "chart.gradients", key, lambda: _gradient_panels(snapshot, runs, groups, lang)
    )
    st.subheader(t("heat.grad_title"))
    place(figures, "chart.gradients")
    st.caption(t("heat.grad_caption"))
    for label, found in flags.items():
        for flag in found:
            st.warning(f"{literal(label)}: {flag}")
    if live:
        # a second set of heatmaps redrawn twice a second made every live refresh cost the
        # browser more (the log toggle waited behind it): the dead units appear when the runs
        # finish, like the decision boundaries; the gradients and the "died" flag stay live
        st.caption(t("heat.dead_later"))
        return
    dead = memo("chart.dead", key, lambda: _dead_panels(snapshot, runs, groups, lang))
    if dead is not None:
        st.subheader(t("heat.dead_title"))
        place(dead, "chart.dead")
        st.caption(t("heat.dead_caption"))
