"""The results table and the per-run progress, from a Snapshot (pandas, no Streamlit)."""

from __future__ import annotations

import json
from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard.transforms import Curves, best_epoch
from experiments.results.tracks import RunTrack

TABLE_COLUMNS = (
    "variant", "status", "best val loss", "best epoch", "last val loss", "best val accuracy",
    "last val accuracy", "parameters", "iterations / epoch", "clipped steps", "seeds",
    "time per run (s)",
)  # fmt: skip


def _status_text(runs: list[dict]) -> str:
    """One status for a variant's runs; a divergence names the epoch it happened in."""
    texts = []
    for status in dict.fromkeys(str(r["status"]) for r in runs):
        if status == "diverged":
            epochs = [r.get("diverged_epoch") for r in runs if r["status"] == "diverged"]
            where = ", ".join(str(int(e)) for e in epochs if not pd.isna(e))
            texts.append(f"diverged at epoch {where}" if where else "diverged")
        else:
            texts.append(status)
    return " / ".join(texts)


def _present(runs: list[dict], field: str) -> list:
    """The run records' values of ``field`` that are set."""
    return [value for r in runs if not pd.isna(value := r.get(field))]


def _clipped_share(tracks: list[RunTrack]) -> float | None:
    """The share of the variant's optimizer steps in which clipping changed a gradient."""
    steps = sum(float(np.nansum(t.steps)) for t in tracks)
    clipped = sum(float(np.nansum(t.clipped)) for t in tracks)
    return clipped / steps if steps else None


def _variant_row(
    label: str, runs: list[dict], loss: Curves, accuracy: Curves, tracks: list[RunTrack]
) -> tuple:
    """One variant's row of :data:`TABLE_COLUMNS` from its run records, curves and tracks."""
    val = loss.get(label, {}).get("val")
    acc = accuracy.get(label, {}).get("val")
    best = None if val is None else best_epoch(val)
    params, times = _present(runs, "n_params"), _present(runs, "duration_s")
    steps = _present(runs, "steps_per_epoch")
    return (
        label,
        _status_text(runs),
        None if best is None else best.val,
        None if best is None else best.epoch,
        None if val is None else float(val.mean[-1]),
        None if acc is None else float(acc.mean.max()),
        None if acc is None else float(acc.mean[-1]),
        int(max(params)) if params else None,
        int(max(steps)) if steps else None,
        _clipped_share(tracks),
        len(runs),
        sum(times) / len(times) if times else None,
    )


def results_table(
    runs: pd.DataFrame,
    loss: Curves,
    accuracy: Curves,
    tracks: Mapping[str, RunTrack] | None = None,
) -> pd.DataFrame:
    """The results table: one row per variant, in order of first appearance in ``runs``.

    Parameters
    ----------
    runs : DataFrame
        One row per run: ``run_id, label, status, diverged_epoch, n_params, duration_s``.
    loss, accuracy : Curves
        ``transforms.curves`` of ``"loss"`` and ``"accuracy"`` (accuracy may be empty).
    tracks : mapping of str to RunTrack, optional
        Run id to track, for the share of clipped steps.

    Returns
    -------
    DataFrame
        :data:`TABLE_COLUMNS`: the losses and accuracies of the validation split's mean over
        seeds; parameters, iterations per epoch (seed 5): the optimizer steps one epoch takes),
        the share of steps clipping changed, seeds and the mean time per run. Without accuracy
        curves (regression) the accuracy columns are left out; without clipping, its column.
    """
    by_label: dict[str, list[dict]] = {}
    for record in runs.to_dict("records"):
        by_label.setdefault(record["label"], []).append(record)
    tracks = tracks or {}
    rows = [
        _variant_row(label, mine, loss, accuracy, [tracks[r["run_id"]] for r in mine
                                                   if r["run_id"] in tracks])
        for label, mine in by_label.items()
    ]  # fmt: skip
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    if not accuracy:  # regression: no accuracy to show, rather than a column of empty cells
        table = table.drop(columns=["best val accuracy", "last val accuracy"])
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
