"""Each run's headline numbers (best and final validation metrics, best epoch, gap there).

The one definition the Compare page, its evidence over seeds and the CSV exports share. The
store's summary (:mod:`experiments.results.summary`) computes the same columns in SQL for
whole stores; a test holds the two equal. Epochs are 1-based; ties for the lowest validation
loss go to the earliest epoch; "final" is the last epoch with a stored row.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from experiments.results.schema import ACTIVE, COMPLETED, FINISHED
from experiments.results.tracks import RunTrack

# statuses of runs that ended before their last epoch: no seed's result
STOPPED = tuple(s for s in FINISHED if s not in COMPLETED)
PENDING = ACTIVE  # runs whose seeds are still to come: verdicts wait for them

# column -> words a learner reads, in the order the page and the CSV list them
RUN_METRICS: dict[str, str] = {
    "best_val_loss": "best val loss",
    "final_val_loss": "final val loss",
    "best_val_accuracy": "best val accuracy",
    "final_val_accuracy": "final val accuracy",
    "best_epoch": "best epoch",
    "gap_at_best_epoch": "gap at best epoch",
}
# bounded, skewed counts (an epoch in [1, epochs]): said as median (seeds' range), never as
# mean ± a Student-t interval, which with 3 seeds reads "52 ± 212" in a 150-epoch run
RANKED = ("best_epoch",)
# which way a metric is better: losses and the gap lower, accuracy higher; the best epoch neither
BETTER: dict[str, str] = {
    "best_val_loss": "lower",
    "final_val_loss": "lower",
    "best_val_accuracy": "higher",
    "final_val_accuracy": "higher",
    "gap_at_best_epoch": "lower",
}


def track_metrics(track: RunTrack, loss: str = "loss") -> dict[str, float]:
    """:data:`RUN_METRICS` of one run's track (NaN where the run has no such value), the
    losses read from ``loss``: Keras's ``"loss"`` (with any penalty) or ``"data_loss"``."""
    out = dict.fromkeys(RUN_METRICS, np.nan)
    seen = np.flatnonzero(track.seen)
    if seen.size == 0:
        return out
    val_loss = track.values[loss, "val"][seen]
    train_loss = track.values[loss, "train"][seen]
    val_acc = track.values["accuracy", "val"][seen]
    out["final_val_loss"], out["final_val_accuracy"] = val_loss[-1], val_acc[-1]
    if np.isfinite(val_acc).any():
        out["best_val_accuracy"] = float(np.nanmax(val_acc))
    finite = np.isfinite(val_loss)
    if finite.any():
        best = int(np.argmin(np.where(finite, val_loss, np.inf)))  # first of ties
        out["best_epoch"] = float(seen[best] + 1)
        out["best_val_loss"] = float(val_loss[best])
        out["gap_at_best_epoch"] = float(val_loss[best] - train_loss[best])
    return {k: float(v) for k, v in out.items()}


def as_seeds(per_run: pd.DataFrame) -> pd.DataFrame:
    """``per_run`` with the metrics of runs stopped early (:data:`STOPPED`) set to NaN.

    A cancelled, failed or interrupted run did not train to its end: its best loss so far is
    no seed's result, and counting it would pool different training lengths. A run still
    training keeps its values (the page shows them live; its verdicts wait for it).
    """
    stopped = per_run["status"].isin(STOPPED).to_numpy()
    if not stopped.any():
        return per_run
    present = [m for m in RUN_METRICS if m in per_run]
    return per_run.assign(**{m: per_run[m].mask(stopped) for m in present})


def run_metrics(
    runs: pd.DataFrame, tracks: Mapping[str, RunTrack], loss: str = "loss"
) -> pd.DataFrame:
    """One row per run of ``runs``: ``run_id, label, status`` and :data:`RUN_METRICS`
    (NaN for a run stopped early, see :func:`as_seeds`).

    Parameters
    ----------
    runs : DataFrame
        ``run_id, label, status`` per run (a Snapshot's ``runs``), in variant order.
    tracks : mapping of str to RunTrack
        Run id to its track; a run without one has NaN metrics.
    loss : {"loss", "data_loss"}
        Which loss the loss metrics and the gap read (the one the page's curves show).
    """
    rows = [track_metrics(tracks[r], loss) if r in tracks else {} for r in runs["run_id"]]
    metrics = pd.DataFrame(rows, index=runs.index, columns=list(RUN_METRICS), dtype=float)
    return as_seeds(pd.concat([runs[["run_id", "label", "status"]], metrics], axis=1))
