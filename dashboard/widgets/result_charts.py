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
from dashboard.charts.loss import ACCURACY
from dashboard.column_widths import column_px
from dashboard.guard import guarded_fragment
from dashboard.i18n import current, t
from dashboard.memo import memo
from dashboard.palette import color_map
from dashboard.widgets import result_controls as controls
from dashboard.widgets.evidence import band_choice, render_verdicts
from dashboard.widgets.heatmaps import render_heatmaps
from datasets import DATASETS
from experiments import config_from_json
from experiments.results.run_metrics import RUN_METRICS, run_metrics
from experiments.spec.tasks import resolve_head

# the results table's columns (English: tables.TABLE_COLUMNS, as the CSV) to their text keys
TABLE_KEYS = {
    "variant": "variant", "status": "status", "seeds": "seeds",
    **{column: name for name, column in RUN_METRICS.items()},
    "parameters": "parameters", "iterations / epoch": "iterations", "clipped steps": "clipped",
    "time per run (s)": "time",
}  # fmt: skip


def _table_format(table: pd.DataFrame) -> dict:
    """Headings in the viewer's language; the metrics come as "mean ± CI" text
    (tables.results_table), each text column as wide as its longest text."""
    config = {}
    for column, key in TABLE_KEYS.items():
        heading = t(f"table.{key}")
        text = column in table and not pd.api.types.is_numeric_dtype(table[column])
        # a number column keeps Streamlit's own width: its values do not grow as runs train
        width = column_px(heading, table[column]) if text else None
        config[column] = st.column_config.Column(heading, width=width)
    config["time per run (s)"] = st.column_config.NumberColumn(t("table.time"), format="%.2f")
    config["clipped steps"] = st.column_config.NumberColumn(t("table.clipped"), format="percent")
    return config


def _loss_title(runs: pd.DataFrame) -> str:
    """Axis title naming the loss when every run uses the same one."""
    names = set()
    for text in runs["config_json"].dropna():
        config = config_from_json(text)
        names.add(resolve_head(config, DATASETS[config.dataset]).loss)
    return t("charts.loss_named", name=names.pop()) if len(names) == 1 else t("charts.loss_axis")


@dataclass(frozen=True)
class Shaped:
    """What every chart of one Snapshot is drawn from (built once per data version): the
    curves of the variants shown, the table of all of them."""

    runs: pd.DataFrame
    groups: dict[str, list[str]]
    colors: dict[str, str]
    loss: tf.Curves
    accuracy: tf.Curves
    per_run: pd.DataFrame
    table: pd.DataFrame
    loss_title: str
    finished: bool = False


def _shape(snapshot, labels: dict[str, str] | None, view: Hashable = ("loss", None)) -> Shaped:
    metric, shown = view
    runs = _relabelled(snapshot.runs, labels)
    groups = tf.variant_runs(runs)
    loss = tf.curves(snapshot.tracks, groups, metric)
    accuracy = tf.curves(snapshot.tracks, groups, "accuracy")
    # the table and the verdicts rank by the loss the curves show (data loss or Keras's)
    per_run = run_metrics(runs, snapshot.tracks, loss=metric)
    table = tables.results_table(runs, per_run, snapshot.tracks, lang=current())
    if shown is not None:
        loss, accuracy = ({k: v for k, v in c.items() if k in shown} for c in (loss, accuracy))
    title = _loss_title(runs)
    if metric == "data_loss":  # "data loss (binary_crossentropy, no penalty)"
        title = (
            t("charts.data_loss_named", title=title[:-1])
            if title.endswith(")")
            else t("charts.data_loss")
        )
    finished = not runs["status"].isin(("queued", "running")).any()
    colors = color_map(list(groups))
    return Shaped(runs, groups, colors, loss, accuracy, per_run, table, title, finished)


def _legend(colors: dict[str, str]) -> None:
    """One legend for every chart below (they carry none: see ``charts.style.fixed_margins``)."""
    chips = "".join(
        f'<span style="white-space:nowrap;margin-right:1.4em">'
        f'<span style="color:{color};font-size:1.3em">■</span>&nbsp;{html.escape(label)}</span> '
        for label, color in colors.items()
    )
    key = f'<span style="color:#666">{html.escape(t("charts.line_key"))}</span>'
    st.html(f'<div data-testid="variantLegend" style="font-size:1.05rem">{chips}{key}</div>')


def _curves(data: Shaped, key: tuple | None, band: str) -> None:
    """Loss curves (on a log scale at will). Run as a fragment of its own: the log-scale
    toggle reruns this alone, so it redraws one chart from the data drawn last (while runs
    train, the next poll brings the new epochs) and nothing else is read, built or sent."""
    heading, toggle = st.columns([3, 2], vertical_alignment="bottom")
    heading.subheader(t("charts.loss"))
    log_y = toggle.toggle(t("charts.log_y"), key=state.LOG_Y)
    figure = memo(
        "chart.loss",
        None if key is None else (key, log_y, band),
        lambda: _finished(
            charts.loss_figure(
                data.loss,
                data.colors,
                y_title=data.loss_title,
                log_y=log_y,
                band=band,
                lang=current(),
            ),
            data,
        ),
    )
    st.plotly_chart(figure, theme=None, key="chart.loss")
    st.caption(t("charts.loss_caption"))


def _accuracy(data: Shaped, key: tuple | None, band: str) -> None:
    st.subheader(t("charts.accuracy"))
    figure = memo(
        "chart.accuracy",
        None if key is None else (key, band),
        lambda: _finished(
            charts.loss_figure(
                data.accuracy,
                data.colors,
                y_title=t("charts.accuracy_axis"),
                y_range=ACCURACY_RANGE,
                band=band,
                lang=current(),
                limits=ACCURACY,
            ),
            data,
        ),
    )
    st.plotly_chart(figure, theme=None, key="chart.accuracy")


ACCURACY_RANGE = (-0.02, 1.02)  # the whole of [0, 1], with room for the line at 1


def _gap(data: Shaped, key: tuple | None) -> None:
    st.subheader(t("charts.gap"))
    figure = memo(
        "chart.gap",
        key,
        lambda: _finished(
            charts.gap_figure(
                tf.gap(data.loss), tf.best_epochs(data.loss), data.colors, lang=current()
            ),
            data,
        ),
    )
    st.plotly_chart(figure, theme=None, key="chart.gap")
    st.caption(t("charts.gap_caption"))


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
    # the language too: a switch redraws the charts in it
    key = None if version is None else (version, tuple((labels or {}).items()), view, current())
    data = memo("charts.data", key, lambda: _shape(snapshot, labels, view))
    legend, *pause = st.columns([4, 1] if live else [1], vertical_alignment="center")
    with legend:
        _legend(data.colors)
    if live:
        with pause[0]:
            st.toggle(t("charts.pause"), key=state.PAUSED, help=t("charts.pause_help"))
    # above the charts it shades, outside the loss chart's fragment: a change redraws the
    # loss and accuracy bands alike
    band = band_choice(data.loss)
    # one row, so no chart stands alone in half a row (Streamlit stacks them on a phone)
    loss, *accuracy, gap = st.columns(3 if data.accuracy else 2)
    with loss:
        guarded_fragment(_curves, data, key, band)
    for column in accuracy:
        with column:
            _accuracy(data, key, band)
    with gap:
        _gap(data, key)
    st.subheader(t("table.title"))
    config = _table_format(data.table)
    st.dataframe(data.table, hide_index=True, key="table.results", column_config=config)
    st.caption(t("table.caption"))
    render_verdicts(data.per_run)
    render_heatmaps(snapshot, data.runs, data.groups, key, live)
