"""Read a fixed set of runs again and again, paying only for what changed since the last read.

The dashboard polls its runs twice a second. A full :func:`~experiments.frames.read_results`
re-reads and re-normalises every epoch each time (about 50 ms at 2 x 1,000 epochs); a
:class:`ResultsReader` first asks SQLite for a cheap version of the runs (their rows and, per
run, the epoch count and the latest write time) and, when that changed, reads only the epochs
written since its last read and appends them to the frames it already holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from experiments.frames import (
    EPOCH_DTYPES,
    LAYER_DTYPES,
    Results,
    normalise,
    read_runs,
    sort_rows,
    split_epochs,
)
from experiments.store import Store

# Everything about a run the frames show, plus its epochs' count, last epoch and last write:
# equal versions mean equal Results.
VERSION_SQL = """
SELECT runs.*, COUNT(epochs.epoch), MAX(epochs.epoch), MAX(epochs.written_at)
FROM runs LEFT JOIN epochs ON epochs.run_id = runs.run_id
WHERE runs.run_id IN ({marks}) GROUP BY runs.run_id ORDER BY runs.run_id
"""
# Rows up to the last epoch already read: unchanged unless a worker rewrote an old epoch.
OLD_ROWS_SQL = "SELECT COUNT(*), MAX(written_at) FROM epochs WHERE run_id = ? AND epoch <= ?"


class ResultsReader:
    """The :class:`~experiments.frames.Results` of ``run_ids``, read incrementally.

    Parameters
    ----------
    store : Store
        The run store.
    run_ids : sequence of str
        The runs to read; fixed for the reader's lifetime.

    Notes
    -----
    :meth:`read` returns frames equal to ``store.results(run_ids)`` read at the same moment.
    New epochs are appended; anything else (an epoch rewritten in place) triggers a full read.
    """

    def __init__(self, store: Store, run_ids: Sequence[str]) -> None:
        self.store = store
        self.run_ids = tuple(run_ids)
        self._version: tuple | None = None
        self._results: Results | None = None
        # run id -> (epoch rows, last epoch, last written_at) of what the frames hold
        self._seen: dict[str, tuple[int, int, float]] = {}

    def read(self) -> tuple[tuple, Results]:
        """The current version token and Results (the same objects while nothing changed)."""
        conn = self.store.connection()
        # one read transaction: the version and the rows read with it describe the same moment
        conn.execute("BEGIN")
        try:
            version = self._read_version()
            if version != self._version or self._results is None:
                self._results = self._refresh(version)
                self._version = version
        finally:
            conn.execute("COMMIT")
        return self._version, self._results

    def _read_version(self) -> tuple:
        sql = VERSION_SQL.format(marks=", ".join("?" * len(self.run_ids)))
        return tuple(tuple(row) for row in self.store.connection().execute(sql, self.run_ids))

    def _refresh(self, version: tuple) -> Results:
        latest = {row[0]: (row[-3], row[-2] or 0, row[-1] or 0.0) for row in version}
        runs = self._runs(version)
        if self._results is None or not self._only_appended():
            epochs, layers = self._rows(dict.fromkeys(self.run_ids, 0))
            self._seen = latest
            return Results.build(runs, split_epochs(epochs), layers)
        after = {run_id: seen[1] for run_id, seen in self._seen.items()}
        after.update({run_id: 0 for run_id in self.run_ids if run_id not in self._seen})
        epochs, layers = self._rows(after)
        self._seen = latest
        return Results(
            runs,
            _appended(self._results.epochs, split_epochs(epochs), EPOCH_DTYPES),
            _appended(self._results.layers, layers, LAYER_DTYPES),
        )

    def _runs(self, version: tuple) -> pd.DataFrame:
        """The runs frame: while training, only each run's epoch count changes from one read
        to the next, so the frame held is reused with the counts from ``version``."""
        if self._results is None or [r[:-3] for r in version] != [r[:-3] for r in self._version]:
            return read_runs(self.store, run_ids=list(self.run_ids))
        runs = self._results.runs
        counts = runs["run_id"].map({row[0]: row[-3] for row in version})
        return runs.assign(epochs_done=counts.astype(runs["epochs_done"].dtype))

    def _only_appended(self) -> bool:
        """Whether every epoch row already read is still there, unchanged."""
        conn = self.store.connection()
        for run_id, (count, last, written) in self._seen.items():
            now_count, now_written = conn.execute(OLD_ROWS_SQL, (run_id, last)).fetchone()
            if now_count != count or (now_written or 0.0) != written:
                return False
        return True

    def _rows(self, after: dict[str, int]) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Stored epoch and layer rows of each run with an epoch above ``after[run_id]``."""
        conn = self.store.connection()
        frames: list[pd.DataFrame] = []
        for table in ("epochs", "layers"):
            rows: list[Any] = []
            columns: list[str] = []
            for run_id, last in after.items():
                cursor = conn.execute(
                    f"SELECT * FROM {table} WHERE run_id = ? AND epoch > ?", (run_id, last)
                )
                columns = [d[0] for d in cursor.description]
                rows += cursor.fetchall()
            frames.append(pd.DataFrame(rows, columns=columns or None))
        return frames[0], frames[1]


def _appended(held: pd.DataFrame, new: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    """``held`` (already tidy) with the ``new`` stored rows normalised and merged in order."""
    if new.empty:
        return held
    return sort_rows(pd.concat([held, normalise(new, dtypes)], ignore_index=True))
