"""Per-variant decision boundaries (2-D classification) or predicted vs true (regression):
redrawn from the newest grid while the runs train, the final picture once they finish."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, runtime
from dashboard.i18n import current, lookup, t
from dashboard.memo import memo
from experiments.results import grids

COLUMNS = 3  # at most three to a row: four squashed each panel to a sliver
# training points on a live panel: each new grid mounts the panel anew in the browser, and
# 3,000 points per panel twice a second slowed every live refresh; the final panel has all
LIVE_POINTS = 300


@st.cache_data(show_spinner=False, max_entries=256)
def _artifacts(store_path: str, run_id: str) -> dict:
    # a finished run's artifacts never change, and this is called only for finished runs
    return runtime.store().artifacts(run_id)


@st.cache_data(show_spinner=False, max_entries=512)
def _artifact(store_path: str, run_id: str, kind: str) -> dict | None:
    # one artifact, written once: a live grid or a run's training points
    return grids.read(runtime.store(), run_id, kind)


def _why_missing(run_id: str, lang: str) -> str:
    """What to say on the panel of a variant that left no picture."""
    run = runtime.store().get_run(run_id)
    if run["status"] == "diverged":
        return lookup(lang, "pred.diverged", seed=run["seed"], epoch=run["diverged_epoch"])
    return lookup(lang, "pred.nothing", status=lookup(lang, f"status.{run['status']}"))


def _titled(label: str, artifact: dict, lang: str) -> str:
    epoch = artifact.get("epoch")  # older stores' final boundaries carry none
    return label if epoch is None else lookup(lang, "pred.titled", label=label, epoch=epoch)


def _boundary(artifact: dict, label: str, color: str, panels: list[go.Figure],
              lang: str) -> go.Figure:  # fmt: skip
    show_scale = not any(p.data and p.data[0].type == "contour" for p in panels)
    return charts.boundary_figure(artifact, _titled(label, artifact, lang), color,
                                  show_scale=show_scale, lang=lang)  # fmt: skip


def _panels(first_runs: dict[str, str], colors: dict[str, str], lang: str) -> list[go.Figure]:
    """A panel for every variant, in variant order; one colour bar for the row (shared scale)."""
    panels = []
    for label, run_id in first_runs.items():
        artifacts = _artifacts(str(runtime.store().path), run_id)
        if "boundary" in artifacts:
            panels.append(_boundary(artifacts["boundary"], label, colors[label], panels, lang))
        elif "predictions" in artifacts:
            panels.append(charts.prediction_figure(artifacts["predictions"], label,
                                                   colors[label], lang))  # fmt: skip
        else:
            panels.append(charts.failed_figure(label, colors[label], _why_missing(run_id, lang)))
    return panels


def _live_panels(newest: dict[str, tuple[str, str]], colors: dict[str, str],
                 lang: str) -> list[go.Figure]:  # fmt: skip
    """Each variant's newest grid with its run's training points (variants without one yet
    are left out)."""
    path, panels = str(runtime.store().path), []
    for label, (run_id, kind) in newest.items():
        grid, points = _artifact(path, run_id, kind), _artifact(path, run_id, "points")
        if grid is not None and points is not None:
            step = -(-len(points["y"]) // LIVE_POINTS)  # every step-th point: the same each time
            points = {"x": points["x"][::step], "y": points["y"][::step]}
            panels.append(_boundary({**grid, "points": points}, label, colors[label], panels,
                                    lang))  # fmt: skip
    return panels


def render_no_predictions() -> None:
    """The section's heading with why it is empty, so it does not vanish silently."""
    st.subheader(t("pred.title"))
    st.caption(t("pred.imported"))


def _show(panels: list[go.Figure], caption: str) -> None:
    st.subheader(t("pred.title"))
    st.caption(caption)
    cols = st.columns(max(2, min(COLUMNS, len(panels))))
    for i, fig in enumerate(panels):
        with cols[i % len(cols)]:
            st.plotly_chart(fig, theme=None, key=f"chart.pred.{i}")


def render_predictions(
    labels: dict[str, str], colors: dict[str, str], upto: Mapping[str, int] | None = None
) -> None:
    """One panel per variant from its first run's artifacts; nothing when none were stored.

    ``upto`` (run id -> epochs its curves show), while runs train: each variant's newest live
    grid up to that epoch instead of the final picture.
    """
    first_runs = {}
    for run_id, label in labels.items():
        first_runs.setdefault(label, run_id)
    store = runtime.store()
    lang = current()  # in the memo keys: a switch redraws the panels in it
    if upto is not None:
        found = grids.newest(store, {r: upto.get(r, 0) for r in first_runs.values()})
        newest = {label: (r, found[r]) for label, r in first_runs.items() if r in found}
        key = (str(store.path), tuple(newest.items()), tuple(colors.items()), lang)
        panels = memo("predictions.live", key, lambda: _live_panels(newest, colors, lang))
        if panels:
            _show(panels, t("pred.live_caption"))
        return
    # finished runs' artifacts never change: the figures depend only on which runs and colours
    key = (str(store.path), tuple(first_runs.items()), tuple(colors.items()), lang)
    panels = memo("predictions", key, lambda: _panels(first_runs, colors, lang))
    if any(p.data for p in panels):
        _show(panels, t("pred.final_caption"))
