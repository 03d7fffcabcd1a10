"""The results table and the per-run progress, from a Snapshot (pandas, no Streamlit)."""

from __future__ import annotations

import json
from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard.i18n.catalog import has, lookup
from experiments.results.evidence import variant_evidence
from experiments.results.run_metrics import RANKED, RUN_METRICS
from experiments.results.schema import ACTIVE
from experiments.results.tracks import RunTrack
from experiments.results.verdicts import estimate_text, range_text

METRIC_COLUMNS = tuple(RUN_METRICS.values())
# the lesson-bearing diagnostics (clipped steps, iterations per epoch) before the parameter
# count and time: at 1400 px the table's last columns are off-screen, and the clipping lesson's
# evidence was one of them
TABLE_COLUMNS = (
    "variant", "status", "seeds", *METRIC_COLUMNS, "clipped steps", "iterations / epoch",
    "parameters", "time per run (s)",
)  # fmt: skip
ACCURACY_COLUMNS = tuple(c for c in METRIC_COLUMNS if "accuracy" in c)


def _status_text(runs: list[dict], lang: str = "en") -> str:
    """One status for a variant's runs in ``lang``; a divergence names the epoch it happened
    in. Running and queued come first: "done / running" read as finished at a glance."""
    texts = []
    statuses = dict.fromkeys(str(r["status"]) for r in runs)
    for status in sorted(statuses, key=lambda s: s not in ACTIVE):
        if status == "diverged":
            epochs = [r.get("diverged_epoch") for r in runs if r["status"] == "diverged"]
            where = ", ".join(str(int(e)) for e in epochs if not pd.isna(e))
            texts.append(lookup(lang, "table.diverged_at", epochs=where) if where
                         else lookup(lang, "status.diverged"))  # fmt: skip
        else:
            texts.append(lookup(lang, f"status.{status}") if has(f"status.{status}") else status)
    return " / ".join(texts)


def _present(runs: list[dict], field: str) -> list:
    """The run records' values of ``field`` that are set."""
    return [value for r in runs if not pd.isna(value := r.get(field))]


def _clipped_share(tracks: list[RunTrack]) -> float | None:
    """The share of the variant's optimizer steps in which clipping changed a gradient."""
    steps = sum(float(np.nansum(t.steps)) for t in tracks)
    clipped = sum(float(np.nansum(t.clipped)) for t in tracks)
    return clipped / steps if steps else None


def _cells(evidence: pd.DataFrame, seeds: int) -> list[str]:
    """A variant's metrics as ``mean ± CI half-width`` (a ranked metric, the best epoch, as
    ``median (min–max)``), with ``(n=k)`` where fewer than all its seeds have the value (one
    diverged or still short of its first validation)."""
    cells = []
    for row in evidence.itertuples():
        if row.metric in RANKED:
            text = range_text(row.median, row.min, row.max)
        else:
            text = estimate_text(row.mean, row.ci95)
        cells.append(f"{text} (n={row.n})" if text and row.n < seeds else text)
    return cells


def _variant_row(
    label: str, runs: list[dict], evidence: pd.DataFrame, tracks: list[RunTrack], lang: str
) -> tuple:
    """One variant's row of :data:`TABLE_COLUMNS` from its run records, evidence and tracks."""
    params, times = _present(runs, "n_params"), _present(runs, "duration_s")
    steps = _present(runs, "steps_per_epoch")
    return (
        label,
        _status_text(runs, lang),
        len(runs),
        *_cells(evidence[evidence["label"] == label], len(runs)),
        _clipped_share(tracks),
        int(max(steps)) if steps else None,
        int(max(params)) if params else None,
        sum(times) / len(times) if times else None,
    )


def results_table(
    runs: pd.DataFrame,
    per_run: pd.DataFrame,
    tracks: Mapping[str, RunTrack],
    lang: str = "en",
) -> pd.DataFrame:
    """The results table: one row per variant, in order of first appearance in ``runs``.

    Parameters
    ----------
    runs : DataFrame
        One row per run: ``run_id, label, status, diverged_epoch, n_params, duration_s``.
    per_run : DataFrame
        :func:`experiments.results.run_metrics.run_metrics` of these runs.
    tracks : mapping of str to RunTrack
        Run id to track, for the share of clipped steps.
    lang : str
        The language of the status cells (the column names stay: the page words them).

    Returns
    -------
    DataFrame
        :data:`TABLE_COLUMNS`: the seeds; each run metric over them as ``mean ± 95% CI
        half-width`` text (:func:`~experiments.results.evidence.variant_evidence`); parameters,
        iterations per epoch (seed 5): the optimizer steps one epoch takes), the share of steps
        clipping changed and the mean time per run. Without any accuracy (regression) the
        accuracy columns are left out; without clipping, its column.
    """
    by_label: dict[str, list[dict]] = {}
    for record in runs.to_dict("records"):
        by_label.setdefault(record["label"], []).append(record)
    evidence = variant_evidence(per_run, list(RUN_METRICS))
    rows = [
        _variant_row(label, mine, evidence, [tracks[r["run_id"]] for r in mine
                                             if r["run_id"] in tracks], lang)
        for label, mine in by_label.items()
    ]  # fmt: skip
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    if per_run["best_val_accuracy"].isna().all():  # regression: no accuracy to show
        table = table.drop(columns=list(ACCURACY_COLUMNS))
    if not (table["clipped steps"].fillna(0) > 0).any():
        table = table.drop(columns=["clipped steps"])
    return table


def progress(runs: pd.DataFrame, tracks: Mapping[str, RunTrack]) -> pd.DataFrame:
    """Per-run progress: ``run_id, label, status, done_epochs, total_epochs``.

    ``runs`` must carry ``config_json`` (whose ``epochs`` field is read); the store's
    ``epochs_done`` is used when present, else the epochs the run's track holds (a CSV import).
    """
    out = runs[["run_id", "label", "status"]].copy()
    held = out["run_id"].map(lambda r: tracks[r].epochs_done if r in tracks else 0)
    counted = runs["epochs_done"].fillna(held) if "epochs_done" in runs else held
    out["done_epochs"] = counted.astype(int).to_numpy()
    out["total_epochs"] = runs["config_json"].map(lambda s: int(json.loads(s)["epochs"]))
    return out
