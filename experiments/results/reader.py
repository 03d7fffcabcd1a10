"""Read a fixed set of runs again and again, paying only for what changed since the last read.

The dashboard polls its runs twice a second. A full :func:`~experiments.results.frames.read_results`
re-reads and re-normalises every epoch each time (about 50 ms at 2 x 1,000 epochs); a
:class:`ResultsReader` first asks SQLite for a cheap version of the runs (their rows and, per
run, the epoch count and the latest write time) and, when that changed, reads only the epochs
written since its last read and writes them into each run's
:class:`~experiments.results.tracks.RunTrack`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from experiments.results.frames import read_runs
from experiments.results.store import Store
from experiments.results.storefile import end_read
from experiments.results.tracks import (
    EPOCH_COLUMNS,
    LAYER_COLUMNS,
    RunTrack,
    Snapshot,
    epoch_values,
)

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
    """The :class:`~experiments.results.tracks.Snapshot` of ``run_ids``, read incrementally.

    Parameters
    ----------
    store : Store
        The run store.
    run_ids : sequence of str
        The runs to read; fixed for the reader's lifetime.

    Notes
    -----
    :meth:`read` returns what ``snapshot_of(read_results(store, run_ids))`` would at the same
    moment.
    New epochs are appended; anything else (an epoch rewritten in place) triggers a full read.
    """

    def __init__(self, store: Store, run_ids: Sequence[str]) -> None:
        self.store = store
        self.run_ids = tuple(run_ids)
        self._version: tuple | None = None
        self._snapshot: Snapshot | None = None
        # run id -> (epoch rows, last epoch, last written_at) of what the tracks hold
        self._seen: dict[str, tuple[int, int, float]] = {}
        # a read-only store from before a column existed lacks it (a writable one gains it)
        have = {row[1] for row in store.connection().execute("PRAGMA table_info(epochs)")}
        self._epoch_columns = tuple(name for name in EPOCH_COLUMNS if name in have)

    def read(self) -> tuple[tuple, Snapshot]:
        """The current version token and Snapshot (the same objects while nothing changed)."""
        conn = self.store.connection()
        # one read transaction: the version and the rows read with it describe the same moment
        conn.execute("BEGIN")
        try:
            version = self._read_version()
            if version != self._version or self._snapshot is None:
                self._snapshot = self._refresh(version)
                self._version = version
        finally:
            end_read(conn)
        return self._version, self._snapshot

    def _read_version(self) -> tuple:
        sql = VERSION_SQL.format(marks=", ".join("?" * len(self.run_ids)))
        return tuple(tuple(row) for row in self.store.connection().execute(sql, self.run_ids))

    def _refresh(self, version: tuple) -> Snapshot:
        latest = {row[0]: (row[-3], row[-2] or 0, row[-1] or 0.0) for row in version}
        runs = self._runs(version)
        if self._snapshot is None or not self._only_appended():
            held, after = {}, dict.fromkeys(self.run_ids, 0)
        else:
            held = dict(self._snapshot.tracks)
            after = {run_id: self._seen.get(run_id, (0, 0, 0.0))[1] for run_id in self.run_ids}
        self._seen = latest
        tracks = {}
        for run_id in runs["run_id"]:
            epochs, layers = self._rows(run_id, after.get(run_id, 0))
            tracks[run_id] = held.get(run_id, RunTrack()).extended(epochs, layers)
        return Snapshot(runs, tracks)

    def _runs(self, version: tuple) -> pd.DataFrame:
        """The runs frame: while training, only each run's epoch count changes from one read
        to the next, so the frame held is reused with the counts from ``version``."""
        if self._snapshot is None or [r[:-3] for r in version] != [r[:-3] for r in self._version]:
            return read_runs(self.store, run_ids=list(self.run_ids))
        runs = self._snapshot.runs
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

    def _rows(self, run_id: str, after: int) -> tuple[dict, dict]:
        """The run's stored epoch and layer columns of the epochs above ``after``."""
        conn = self.store.connection()
        columns = []
        for table, names in (("epochs", self._epoch_columns), ("layers", LAYER_COLUMNS)):
            rows = conn.execute(
                f"SELECT {', '.join(names)} FROM {table} WHERE run_id = ? AND epoch > ?",
                (run_id, after),
            ).fetchall()
            columns.append(
                dict(
                    zip(names, zip(*rows, strict=True) if rows else [()] * len(names), strict=True)
                )
            )
        return epoch_values(columns[0]), columns[1]
