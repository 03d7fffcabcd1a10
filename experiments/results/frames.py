"""Tidy pandas frames of stored runs: what the dashboard plots and the CSV carries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from experiments.results.gap import overfitting_gap
from experiments.results.schema import (
    EPOCH_DIAGNOSTICS,
    EPOCH_INTEGERS,
    LAYER_STATS,
    LAYER_TEXT,
    SPLIT_SOURCES,
)
from experiments.results.storefile import as_store_error, end_read

if TYPE_CHECKING:
    from experiments.results.store import Store

RUN_DTYPES: dict[str, str] = {
    "run_id": "string",
    "owner": "string",
    "label": "string",
    "config_id": "string",
    "config_json": "string",
    "repeat": "Int64",
    "seed": "Int64",
    "status": "string",
    "created_at": "float64",
    "started_at": "float64",
    "finished_at": "float64",
    "duration_s": "float64",
    "error": "string",
    "diverged_epoch": "Int64",
    "diverged_step": "Int64",
    "n_params": "Int64",
    "steps_per_epoch": "Int64",
    "n_train": "Int64",
    "epochs_done": "Int64",
}
EPOCH_DTYPES: dict[str, str] = {
    "run_id": "string",
    "epoch": "Int64",
    "split": "string",
    "loss": "float64",
    "accuracy": "float64",
    "running_loss": "float64",
    "running_accuracy": "float64",
    "data_loss": "float64",
    **{name: "Int64" if name in EPOCH_INTEGERS else "float64" for name in EPOCH_DIAGNOSTICS},
}
LAYER_DTYPES: dict[str, str] = {
    "run_id": "string",
    "epoch": "Int64",
    "layer_index": "Int64",
    **dict.fromkeys(LAYER_TEXT, "string"),
    **dict.fromkeys(LAYER_STATS, "float64"),
}
SPLITS = ("train", "val")
# a run's stored row with the two columns derived from it (RUN_DTYPES's duration and epochs)
RUNS_SQL = (
    "SELECT runs.*, finished_at - started_at AS duration_s, "
    "(SELECT COUNT(*) FROM epochs WHERE epochs.run_id = runs.run_id) AS epochs_done FROM runs"
)


def normalise(frame: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    """Exactly the columns of ``dtypes``, in order, with those dtypes and a fresh index.

    Missing values become ``NaN`` (floats) or ``<NA>`` (``Int64`` and ``string``), whatever
    they were before (``None`` from SQLite, ``""`` from a CSV), so frames compare equal.
    """
    frame = frame.reset_index(drop=True)
    out = {}
    for name, dtype in dtypes.items():
        if name not in frame:
            out[name] = pd.Series(None, index=frame.index, dtype=dtype)
            continue
        values = frame[name]
        if not pd.api.types.is_numeric_dtype(values.dtype):  # None/"" from SQLite or a CSV
            values = values.astype(object).mask(values.isna() | (values == ""), None)
        if dtype == "string":
            out[name] = values.astype("string")
        else:
            out[name] = pd.to_numeric(values).astype(dtype)
    return pd.DataFrame(out, index=frame.index)


def sort_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Epoch or layer rows in their documented order, with a fresh index.

    The keys (run, epoch, split or layer) are unique, so the order depends only on the rows,
    not on how they were gathered: an incremental read sorts to the same frame as a full one.
    """
    keys = ["run_id", "epoch", "split" if "split" in frame else "layer_index"]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class Results:
    """A set of runs as three tidy frames.

    ``runs``: one row per run (:data:`RUN_DTYPES`). ``epochs``: one row per run x epoch (1-based)
    x split, with the epoch's diagnostics repeated on both rows. ``loss`` and ``accuracy`` are
    measured the same way for both splits, on the whole split in inference mode at the end of
    the epoch (no dropout, moving batch-norm statistics), so ``val - train`` is the overfitting
    gap; ``train`` rows also carry Keras's ``running_loss`` / ``running_accuracy`` (the mean
    over the epoch's steps, what ``model.fit`` prints). ``loss`` includes the regularization
    penalty, as Keras's does; ``data_loss`` is the same loss without it (equal without one).
    ``layers``: one row per run x epoch x layer (core's LayerDiagnostics).
    """

    runs: pd.DataFrame
    epochs: pd.DataFrame
    layers: pd.DataFrame

    @classmethod
    def build(cls, runs: Any, epochs: Any, layers: Any) -> Results:
        """Normalise three frames (or lists of row dicts) to the documented columns and dtypes."""
        frames = [pd.DataFrame(x) for x in (runs, epochs, layers)]
        return cls(
            normalise(frames[0], RUN_DTYPES),
            sort_rows(normalise(frames[1], EPOCH_DTYPES)),
            sort_rows(normalise(frames[2], LAYER_DTYPES)),
        )

    def overfitting_gap(self) -> pd.DataFrame:
        """Validation minus training loss per run and epoch (:func:`~experiments.results.tracks.
        overfitting_gap`): columns run_id, epoch, gap."""
        parts = [pd.DataFrame({"run_id": [], "epoch": [], "gap": []})]
        for run_id, rows in self.epochs.groupby("run_id", sort=False):
            train, val = (rows[rows["split"] == s].dropna(subset="loss") for s in ("train", "val"))
            epoch, gap = overfitting_gap(
                *(part[c].to_numpy() for part in (train, val) for c in ("epoch", "loss"))
            )
            parts.append(pd.DataFrame({"run_id": run_id, "epoch": epoch, "gap": gap}))
        return pd.concat(parts, ignore_index=True)


def read_runs(
    store: Store,
    owner: str | None = None,
    run_ids: Sequence[str] | None = None,
    config_ids: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Runs matching every given filter, oldest first, with :data:`RUN_DTYPES`."""
    where, params = ["1 = 1"], []
    for column, values in (("run_id", run_ids), ("config_id", config_ids)):
        if values is not None:
            where.append(f"{column} IN ({', '.join('?' * len(values))})")
            params += list(values)
    if owner is not None:
        where.append("owner = ?")
        params.append(owner)
    sql = f"{RUNS_SQL} WHERE {' AND '.join(where)} ORDER BY created_at, run_id"
    return normalise(pd.DataFrame(store.query(sql, params), columns=list(RUN_DTYPES)), RUN_DTYPES)


def _column(stored: pd.DataFrame, name: str) -> pd.Series:
    """A stored column as floats; all missing in a store from before the column existed."""
    if name in stored:
        return pd.to_numeric(stored[name]).astype("float64")
    return pd.Series(float("nan"), index=stored.index)


def _first(stored: pd.DataFrame, names: Sequence[str]) -> pd.Series:
    """Per row, the first of the stored columns ``names`` that is not empty, as floats."""
    out = pd.Series(float("nan"), index=stored.index)
    for name in reversed(names):
        out = _column(stored, name).fillna(out)
    return out


def split_epochs(stored: pd.DataFrame) -> pd.DataFrame:
    """Turn stored epochs (one row per run x epoch) into a train row and a val row each
    (:data:`~experiments.results.schema.SPLIT_SOURCES`)."""
    base = stored[["run_id", "epoch", *EPOCH_DIAGNOSTICS]]
    has_val = stored["val_loss"].notna()
    parts = []
    for split, rows in (("train", slice(None)), ("val", has_val)):
        sources = SPLIT_SOURCES[split]
        cells = {name: _first(stored, names)[rows] for name, names in sources.items()}
        parts.append(base[rows].assign(split=split, **cells))
    return pd.concat(parts, ignore_index=True)


def read_results(store: Store, run_ids: Sequence[str]) -> Results:
    """The :class:`Results` of these runs, read in one consistent snapshot."""
    marks = ", ".join("?" * len(run_ids))
    conn = store.connection()
    # one read transaction: the three frames agree even while workers keep writing
    conn.execute("BEGIN")
    try:
        runs = read_runs(store, run_ids=list(run_ids))
        epochs, layers = (
            pd.read_sql_query(
                f"SELECT * FROM {table} WHERE run_id IN ({marks})", conn, params=list(run_ids)
            )
            for table in ("epochs", "layers")
        )
    except pd.errors.DatabaseError as error:  # pandas wraps sqlite3's errors
        cause = error.__cause__ or error
        raise (as_store_error(cause, store.path) or error) from error
    finally:
        end_read(conn)
    return Results.build(runs, split_epochs(epochs), layers)


def empty_results() -> Results:
    """Results with the documented columns and no rows."""
    return Results.build(
        pd.DataFrame(columns=list(RUN_DTYPES)),
        pd.DataFrame(columns=list(EPOCH_DTYPES)),
        pd.DataFrame(columns=list(LAYER_DTYPES)),
    )
