"""The comparison's charts and results table, placed from a Snapshot of the runs."""

from __future__ import annotations

import html
from collections.abc import Hashable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, state, tables
from dashboard import transforms as tf
from dashboard.guard import guarded_fragment
from dashboard.memo import memo
from dashboard.palette import color_map
from dashboard.plain import literal
from dashboard.widgets import result_controls as controls
from datasets import DATASETS
from experiments import config_from_json
from experiments.spec.tasks import resolve_head

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
    "clipped steps": st.column_config.NumberColumn("clipped steps", format="percent"),
}


PAUSE_HELP = (
    "Hold the charts still while the runs train, to hover over exact values and zoom in "
    "(each refresh draws a chart anew). Training and progress go on."
)


def _loss_title(runs: pd.DataFrame) -> str:
    """Axis title naming the loss when every run uses the same one."""
    names = set()
    for text in runs["config_json"].dropna():
        config = config_from_json(text)
        names.add(resolve_head(config, DATASETS[config.dataset]).loss)
    return f"loss ({names.pop()})" if len(names) == 1 else "loss"


@dataclass(frozen=True)
class Shaped:
    """What every chart of one Snapshot is drawn from (built once per data version): the
    curves of the variants shown, the table of all of them."""

    runs: pd.DataFrame
    groups: dict[str, list[str]]
    colors: dict[str, str]
    loss: tf.Curves
    accuracy: tf.Curves
    table: pd.DataFrame
    loss_title: str
    finished: bool = False


def _shape(snapshot, labels: dict[str, str] | None, view: Hashable = ("loss", None)) -> Shaped:
    metric, shown = view
    runs = _relabelled(snapshot.runs, labels)
    groups = tf.variant_runs(runs)
    loss = tf.curves(snapshot.tracks, groups, metric)
    accuracy = tf.curves(snapshot.tracks, groups, "accuracy")
    table = tables.results_table(runs, loss, accuracy, snapshot.tracks)
    if shown is not None:
        loss, accuracy = ({k: v for k, v in c.items() if k in shown} for c in (loss, accuracy))
    title = _loss_title(runs)
    if metric == "data_loss":  # "data loss (binary_crossentropy, no penalty)"
        title = f"data {title[:-1]}, no penalty)" if title.endswith(")") else "data loss"
    finished = not runs["status"].isin(("queued", "running")).any()
    return Shaped(runs, groups, color_map(list(groups)), loss, accuracy, table, title, finished)


def _legend(colors: dict[str, str]) -> None:
    """One legend for every chart below (they carry none: see ``charts.style.fixed_margins``)."""
    chips = "".join(
        f'<span style="white-space:nowrap;margin-right:1.4em">'
        f'<span style="color:{color};font-size:1.3em">■</span>&nbsp;{html.escape(label)}</span> '
        for label, color in colors.items()
    )
    key = '<span style="color:#666">loss and accuracy: solid = validation, dashed = training</span>'
    st.html(f'<div data-testid="variantLegend" style="font-size:1.05rem">{chips}{key}</div>')


def _curves(data: Shaped, key: tuple | None) -> None:
    """Loss (on a log scale at will) and accuracy curves. Run as a fragment of its own: the
    log-scale toggle reruns this alone, so it redraws one chart from the data drawn last (while
    runs train, the next poll brings the new epochs) and nothing else is read, built or sent."""
    heading, toggle = st.columns([3, 2], vertical_alignment="bottom")
    heading.subheader("Loss")
    log_y = toggle.toggle("Log-scale loss", key=state.LOG_Y)
    figure = memo(
        "chart.loss",
        None if key is None else (key, log_y),
        lambda: _finished(
            charts.loss_figure(data.loss, data.colors, y_title=data.loss_title, log_y=log_y), data
        ),
    )
    st.plotly_chart(figure, theme=None, key="chart.loss")
    st.caption(
        "Seed 4) 1 and 5): dashed = training (whole training set, inference mode), solid "
        "= validation. With several seeds the line is their mean and the band min to max."
    )
    if data.accuracy:
        st.subheader("Accuracy")
        figure = memo(
            "chart.accuracy",
            key,
            lambda: _finished(
                charts.loss_figure(
                    data.accuracy,
                    data.colors,
                    y_title="accuracy (fraction correct)",
                    y_range=ACCURACY_RANGE,
                ),
                data,
            ),
        )
        st.plotly_chart(figure, theme=None, key="chart.accuracy")


ACCURACY_RANGE = (-0.02, 1.02)
DIED = (
    "the net died at epoch {epoch}: every gradient is 0 from then on, so no weight changes "
    "again (seed 2) 3 (4): ReLU units that output 0 for every input pass no gradient back; "
    "He initialization, a smaller learning rate or leaky_relu keep them alive)"
)  # the whole of [0, 1], with room for the line at 1


def _gap(data: Shaped, key: tuple | None) -> None:
    st.subheader("Overfitting gap")
    figure = memo(
        "chart.gap",
        key,
        lambda: _finished(
            charts.gap_figure(tf.gap(data.loss), tf.best_epochs(data.loss), data.colors), data
        ),
    )
    st.plotly_chart(figure, theme=None, key="chart.gap")
    st.caption(
        "Seed 5): validation minus training loss. A growing gap is overfitting; the "
        "star marks each variant's best epoch (lowest validation loss)."
    )


def _gradient_figure(snapshot, data: Shaped) -> tuple[go.Figure, dict[str, list[str]]]:
    matrices = tf.grad_matrices(snapshot.tracks, data.groups)
    flags = {label: tf.grad_flags(m) for label, m in matrices.items()}
    for label, matrix in matrices.items():
        epoch = tf.died_at(matrix)
        if epoch is not None:
            flags[label].insert(0, DIED.format(epoch=epoch))
    return charts.gradient_heatmaps(matrices, flags), flags


def _dead_figure(snapshot, data: Shaped) -> go.Figure | None:
    matrices = tf.layer_matrices(snapshot.tracks, data.groups, "dead")
    if all(m.empty for m in matrices.values()):
        return None  # no ReLU-family layer: no unit can die
    return charts.gradient_heatmaps(matrices, scale=charts.DEAD_UNITS)


def _gradients(snapshot, data: Shaped, key: tuple | None, live: bool) -> None:
    figure, flags = memo("chart.gradients", key, lambda: _gradient_figure(snapshot, data))
    st.subheader("Gradient norm per layer (layer × epoch)")
    st.plotly_chart(figure, theme=None, key="chart.gradients")
    st.caption(
        "Seed 2) 3 (3), 6) 2: log10 of each Dense kernel's gradient norm, mean over the "
        "epoch's steps; one colour scale for all variants. Dark first rows = vanishing."
    )
    for label, found in flags.items():
        for flag in found:
            st.warning(f"{literal(label)}: {flag}")
    if live:
        # a second heatmap redrawn twice a second made every live refresh cost the browser
        # more (the log toggle waited behind it): the dead units appear when the runs finish,
        # like the decision boundaries; the gradient heatmap and the "died" flag stay live
        st.caption("Dead units per layer appear when the runs finish.")
        return
    dead = memo("chart.dead", key, lambda: _dead_figure(snapshot, data))
    if dead is not None:
        st.subheader("Dead units per layer (layer × epoch)")
        st.plotly_chart(dead, theme=None, key="chart.dead")
        st.caption(
            "Seed 2) 3 (4): the share of each ReLU-family layer's units that output 0 for every "
            "training example at the epoch's end (they pass no gradient back), 0 to 1 in "
            "every panel. A row turning red is a layer dying."
        )


def _finished(figure: go.Figure, data: Shaped) -> go.Figure:
    """Finished charts get plotly's own legend (click hides, double-click isolates a variant);
    live ones none: each refresh mounts them anew and would lose the click. Call it on a
    freshly built figure (it is changed in place), inside the chart's memo."""
    return charts.with_legend(figure) if data.finished else figure


def _relabelled(runs: pd.DataFrame, labels: dict[str, str] | None) -> pd.DataFrame:
    """Runs in variant order, labelled as the current comparison names them."""
    if not labels:
        return runs
    known = set(runs["run_id"])
    runs = runs.set_index("run_id").loc[[r for r in labels if r in known]].reset_index()
    return runs.assign(label=runs["run_id"].map(labels))


def _variants(snapshot, labels: dict[str, str] | None) -> tuple[list[str], list[str]]:
    """Variant labels in order, and those trained with a penalty."""
    runs = _relabelled(snapshot.runs, labels)
    return list(dict.fromkeys(runs["label"])), controls.penalised(runs)


def _view(snapshot, labels: dict[str, str] | None) -> tuple:
    """The loss shown and the variants shown, from the controls above the charts."""
    # a run's label and config never change: looked up once per set of runs, not at every poll
    key = (tuple(snapshot.runs["run_id"]), tuple((labels or {}).items()))
    variants, with_penalty = memo("charts.variants", key, lambda: _variants(snapshot, labels))
    return controls.loss_metric(with_penalty), controls.shown_variants(variants)


def render_charts(
    snapshot,
    labels: dict[str, str] | None = None,
    version: Hashable | None = None,
    *,
    live: bool = False,
) -> None:
    """Place every chart of the comparison.

    Parameters
    ----------
    snapshot : experiments.results.tracks.Snapshot
        The runs and their tracks.
    labels : dict of str to str, optional
        Run id to variant label, overriding the stored labels (order = variant order).
    version : hashable, optional
        The snapshot's version (``ResultsReader.read``): frames and figures are built once per
        version and labels. ``None`` builds them every time.
    live : bool
        Runs are training: offer to pause the charts.
    """
    view = _view(snapshot, labels)
    key = None if version is None else (version, tuple((labels or {}).items()), view)
    data = memo("charts.data", key, lambda: _shape(snapshot, labels, view))
    legend, *pause = st.columns([4, 1] if live else [1], vertical_alignment="center")
    with legend:
        _legend(data.colors)
    if live:
        with pause[0]:
            st.toggle("Pause charts", key=state.PAUSED, help=PAUSE_HELP)
    left, right = st.columns(2)
    with left:
        guarded_fragment(_curves, data, key)
    with right:
        _gap(data, key)
    st.subheader("Results")
    st.dataframe(data.table, hide_index=True, key="table.results", column_config=TABLE_FORMAT)
    st.caption(
        "Per variant (mean over seeds): losses and accuracies on the validation split, "
        "the epoch of the lowest validation loss, parameter count, iterations per epoch "
        "(seed 5): optimizer steps per epoch), the share of steps clipping changed, training time."
    )
    _gradients(snapshot, data, key, live)
