"""The run store: one SQLite file in WAL mode, written by workers, read by the dashboard.

WAL lets readers see every committed epoch while workers keep writing; a worker commits its
finished epochs every tenth of a second, so a killed worker loses at most those. Connections
are opened per thread and per process (SQLite connections must not cross either).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from experiments.results.schema import (
    ACTIVE,
    AFTER_MIGRATIONS,
    EPOCH_DIAGNOSTICS,
    EPOCH_METRICS,
    LAYER_STATS,
    MIGRATIONS,
    RUN_COLUMNS,
    SCHEMA,
)
from experiments.results.storefile import StoreError, check_path, connect, writable

ENV_VAR = "GRADLAB_STORE"
EPOCH_COLUMNS = EPOCH_METRICS + EPOCH_DIAGNOSTICS


def default_store_path() -> Path:
    """``$GRADLAB_STORE``, else ``~/.gradlab/runs.sqlite``, else a per-user file in the temp dir."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    home = Path.home() / ".gradlab"
    with contextlib.suppress(OSError):
        home.mkdir(parents=True, exist_ok=True)
        if os.access(home, os.W_OK):
            return home / "runs.sqlite"
    user = os.environ.get("USER") or str(os.getuid())
    fallback = Path(tempfile.gettempdir()) / f"gradlab-{user}"
    fallback.mkdir(parents=True, exist_ok=True)
    return fallback / "runs.sqlite"


class Store:
    """Runs, per-epoch metrics, per-layer diagnostics and artifacts in one SQLite file.

    Parameters
    ----------
    path : str or Path, optional
        The database file (created with its folder). Default: :func:`default_store_path`.
    read_only : bool, optional
        Open without ever writing; default: when the file (or its folder) is not writable.

    Raises
    ------
    StoreError
        The path is a folder or a device, cannot be created or opened, or is not a SQLite
        database (the message names the file).
    """

    def __init__(
        self, path: str | os.PathLike | None = None, *, read_only: bool | None = None
    ) -> None:
        self.path = Path(path).expanduser() if path is not None else default_store_path()
        self._local = threading.local()
        check_path(self.path)
        # a store that cannot be written is still read (and exported) without writing a byte
        self.read_only = not writable(self.path) if read_only is None else read_only
        if self.read_only and not self.path.exists():
            raise StoreError(self.path, "unusable", "it does not exist and cannot be created")
        if not self.read_only:
            # executescript manages its own transaction; IF NOT EXISTS: concurrent creation is safe
            self.connection().executescript(SCHEMA)
            self._migrate()
        else:
            self.connection().execute("SELECT COUNT(*) FROM runs").fetchone()

    def _migrate(self) -> None:
        """Add the columns of :data:`~.schema.MIGRATIONS` an older store file lacks."""
        conn = self.connection()
        for table, column, kind in MIGRATIONS:
            have = {row["name"] for row in conn.execute(f"PRAGMA table_info({table})")}
            if column not in have:
                # two processes may open the same old file at once: the loser's ALTER fails
                with contextlib.suppress(sqlite3.OperationalError):
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
        conn.executescript(AFTER_MIGRATIONS)

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (a new process or thread opens its own)."""
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            conn = connect(self.path, self.read_only)
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def close(self) -> None:
        """Close this thread's connection (others close when their thread ends)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "read_only": self.read_only}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path, self.read_only = state["path"], state.get("read_only", False)
        self._local = threading.local()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: committed on success, rolled back on any exception."""
        if self.read_only:
            raise StoreError(self.path, "read-only", "runs can be read and exported, not saved")
        conn = self.connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            # SQLite may have rolled back already (a corrupt page): keep the first error
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read-only query as dicts."""
        return [dict(row) for row in self.connection().execute(sql, params)]

    # --- runs -------------------------------------------------------------------------------

    def insert_runs(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert new runs (dicts keyed by :data:`~.schema.RUN_COLUMNS`) at once."""
        with self.transaction() as conn:
            for row in rows:
                names = [name for name in RUN_COLUMNS if name in row]
                conn.execute(
                    f"INSERT INTO runs ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                    [row[name] for name in names],
                )

    def update_run(self, run_id: str, only_if: Sequence[str] = (), **fields: Any) -> bool:
        """Set ``fields`` on a run, only while its status is in ``only_if`` (if given).

        Returns
        -------
        bool
            Whether the run was updated; the status guard makes the first final status win.
        """
        unknown = set(fields) - set(RUN_COLUMNS)
        if unknown:
            raise ValueError(f"update_run: unknown column(s) {sorted(unknown)}")
        sql = f"UPDATE runs SET {', '.join(f'{k} = ?' for k in fields)} WHERE run_id = ?"
        params = [*fields.values(), run_id]
        if only_if:
            sql += f" AND status IN ({', '.join('?' * len(only_if))})"
            params += list(only_if)
        with self.transaction() as conn:
            return conn.execute(sql, params).rowcount > 0

    def get_run(self, run_id: str) -> dict[str, Any]:
        """One run's row as a dict (``KeyError`` if unknown)."""
        rows = self.query("SELECT * FROM runs WHERE run_id = ?", (run_id,))
        if not rows:
            raise KeyError(f"no run {run_id!r} in {self.path}")
        return rows[0]

    def count_active(self, owner: str | None = None) -> int:
        """Queued or running runs, of one owner or of everyone."""
        sql = f"SELECT COUNT(*) FROM runs WHERE status IN {ACTIVE!r}"
        params: tuple = ()
        if owner is not None:
            sql, params = sql + " AND owner = ?", (owner,)
        return self.connection().execute(sql, params).fetchone()[0]

    def cancel_requested(self, run_id: str) -> bool:
        """Whether someone asked this run to stop."""
        row = (
            self.connection()
            .execute("SELECT cancel_requested FROM runs WHERE run_id = ?", (run_id,))
            .fetchone()
        )
        return bool(row and row[0])

    # --- epochs, layers, artifacts ----------------------------------------------------------

    def write_epoch(
        self, run_id: str, epoch: int, values: dict[str, Any], layers: Sequence[dict[str, Any]]
    ) -> None:
        """Write one finished epoch (1-based) and its per-layer rows in one transaction."""
        self.write_epochs(run_id, [(epoch, values, layers)])

    def write_epochs(
        self, run_id: str, epochs: Sequence[tuple[int, dict[str, Any], Sequence[dict[str, Any]]]]
    ) -> None:
        """Write finished epochs ``(epoch, values, layers)`` and their layer rows in one
        transaction (a worker batches the epochs of a tenth of a second: one commit, not 100)."""
        if not epochs:
            return
        layer_cols = ("layer_index", "layer_name", "kind", *LAYER_STATS)
        now = time.time()
        with self.transaction() as conn:
            for epoch, values, _ in epochs:
                present = [n for n in EPOCH_COLUMNS if values.get(n) is not None]
                conn.execute(
                    f"INSERT OR REPLACE INTO epochs (run_id, epoch, written_at"
                    f"{''.join(', ' + n for n in present)}) VALUES (?, ?, ?{', ?' * len(present)})",
                    [run_id, epoch, now, *(values[n] for n in present)],
                )
            conn.executemany(
                f"INSERT OR REPLACE INTO layers (run_id, epoch, {', '.join(layer_cols)}) "
                f"VALUES (?, ?{', ?' * len(layer_cols)})",
                [
                    [run_id, epoch, *(layer.get(c) for c in layer_cols)]
                    for epoch, _, layers in epochs
                    for layer in layers
                ],
            )

    def epochs_done(self, run_ids: Sequence[str]) -> dict[str, int]:
        """Number of epochs written so far for each run."""
        marks = ", ".join("?" * len(run_ids))
        rows = self.connection().execute(
            f"SELECT run_id, COUNT(*) FROM epochs WHERE run_id IN ({marks}) GROUP BY run_id",
            list(run_ids),
        )
        done = dict.fromkeys(run_ids, 0)
        done.update({run_id: count for run_id, count in rows})
        return done

    def write_artifact(self, run_id: str, kind: str, data: Any) -> None:
        """Store a JSON-serialisable artifact (e.g. ``"boundary"``) for a run."""
        self.write_artifacts(run_id, {kind: data})

    def write_artifacts(self, run_id: str, artifacts: dict[str, Any]) -> None:
        """Store several artifacts ``{kind: data}`` of a run in one transaction."""
        texts = [
            (run_id, kind, json.dumps(data, allow_nan=False)) for kind, data in artifacts.items()
        ]
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO artifacts (run_id, kind, json) VALUES (?, ?, ?)", texts
            )

    def artifacts(self, run_id: str) -> dict[str, Any]:
        """A run's artifacts, ``{kind: data}``."""
        rows = self.query("SELECT kind, json FROM artifacts WHERE run_id = ?", (run_id,))
        return {row["kind"]: json.loads(row["json"]) for row in rows}
