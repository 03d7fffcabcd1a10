"""The comparison's charts and results table, placed from a Results snapshot."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, state
from dashboard import transforms as tf
from dashboard.palette import color_map
from datasets import DATASETS
from experiments import config_from_json
from experiments.tasks import resolve_head

TABLE_FORMAT = {
    **{
        c: st.column_config.NumberColumn(c, format="%.4f")
        for c in ("best val loss", "last val loss")
    },
    **{
        c: st.column_config.NumberColumn(c, format="%.3f")
        for c in ("best val accuracy", "last val accuracy")
    },
    "time per run (s)": st.column_config.NumberColumn("time per run (s)", format="%.2f"),
}


def _loss_title(runs: pd.DataFrame) -> str:
    """Axis title naming the loss when every run uses the same one."""
    names = set()
    for text in runs["config_json"].dropna():
        config = config_from_json(text)
        names.add(resolve_head(config, DATASETS[config.dataset]).loss)
    return f"loss ({names.pop()})" if len(names) == 1 else "loss"


def _curves(runs: pd.DataFrame, loss: pd.DataFrame, accuracy: pd.DataFrame, colors) -> None:
    st.subheader("Loss")
    log_y = st.toggle("Log-scale loss", key=state.LOG_Y)
    figure = charts.loss_figure(loss, colors, y_title=_loss_title(runs), log_y=log_y)
    st.plotly_chart(figure, theme=None, key="chart.loss")
    st.caption(
        "Seed 4) 1 and 5): dashed = training (whole training set, inference mode), solid "
        "= validation. With several seeds the line is their mean and the band min to max."
    )
    if not accuracy.empty:
        st.subheader("Accuracy")
        figure = charts.loss_figure(accuracy, colors, y_title="accuracy (fraction correct)")
        st.plotly_chart(figure, theme=None, key="chart.accuracy")


def _gap(loss: pd.DataFrame, colors: dict[str, str]) -> None:
    st.subheader("Overfitting gap")
    figure = charts.gap_figure(tf.gap(loss), tf.best_epochs(loss), colors)
    st.plotly_chart(figure, theme=None, key="chart.gap")
    st.caption(
        "Seed 5): validation minus training loss. A growing gap is overfitting; the "
        "star marks each variant's best epoch (lowest validation loss)."
    )


def _gradients(runs: pd.DataFrame, layers: pd.DataFrame) -> None:
    matrices = tf.grad_matrices(layers, runs)
    flags = {label: tf.grad_flags(m) for label, m in matrices.items()}
    st.subheader("Gradient norm per layer (layer × epoch)")
    st.plotly_chart(charts.gradient_heatmaps(matrices, flags), theme=None, key="chart.gradients")
    st.caption(
        "Seed 2) 3 (3), 6) 2: log10 of each Dense kernel's gradient norm, mean over the "
        "epoch's steps; one colour scale for all variants. Dark first rows = vanishing."
    )
    for label, found in flags.items():
        for flag in found:
            st.warning(f"{label}: {flag}")


def _relabelled(runs: pd.DataFrame, labels: dict[str, str] | None) -> pd.DataFrame:
    """Runs in variant order, labelled as the current comparison names them."""
    if not labels:
        return runs
    known = set(runs["run_id"])
    runs = runs.set_index("run_id").loc[[r for r in labels if r in known]].reset_index()
    return runs.assign(label=runs["run_id"].map(labels))


def render_charts(results, labels: dict[str, str] | None = None) -> None:
    """Place every chart of the comparison.

    Parameters
    ----------
    results : experiments.Results
        Snapshot of the runs.
    labels : dict of str to str, optional
        Run id to variant label, overriding the stored labels (order = variant order).
    """
    runs = _relabelled(results.runs, labels)
    colors = color_map(tf.variant_order(runs))
    loss = tf.curves(results.epochs, runs, "loss")
    accuracy = tf.curves(results.epochs, runs, "accuracy")
    left, right = st.columns(2)
    with left:
        _curves(runs, loss, accuracy, colors)
    with right:
        _gap(loss, colors)
    st.subheader("Results")
    st.dataframe(
        tf.results_table(runs, loss, accuracy),
        hide_index=True,
        key="table.results",
        column_config=TABLE_FORMAT,
    )
    st.caption(
        "Per variant (mean over seeds): losses and accuracies on the validation split, "
        "the epoch of the lowest validation loss, parameter count and training time."
    )
    _gradients(runs, results.layers)
