"""The store's file: opening it (read-only when it cannot be written), naming what is wrong
with it, and setting a broken one aside.

A bad ``GRADLAB_STORE`` or ``--store`` (a folder, ``/dev/null``, random bytes, a corrupt page,
a ``/proc`` path) once surfaced as a bare ``OSError`` or ``sqlite3`` error naming neither the
store nor the setting; a corrupt page was even masked by ``cannot commit - no transaction is
active``. Every one of them is now a :class:`StoreError` naming the file and what to do.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from experiments.spec.bounded import shorten

BUSY_TIMEOUT_MS = 30_000
HOW_TO_FIX = "choose another file with --store or the GRADLAB_STORE environment variable"
_CORRUPT = ("file is not a database", "malformed", "corrupt", "no such table", "no such column")
_UNREADABLE = ("unable to open", "readonly", "read-only", "disk i/o", "not authorized")


class StoreError(Exception):
    """The run store's file cannot be used; ``.kind``: ``corrupt``, ``unusable``, ``read-only``."""

    def __init__(self, path: Path, kind: str, detail: str) -> None:
        self.path, self.kind, self.detail = path, kind, detail
        super().__init__(
            f"the run store {shorten(str(path), 240)} is {kind}: {detail}; {HOW_TO_FIX}"
        )


def as_store_error(error: BaseException, path: Path) -> StoreError | None:
    """The :class:`StoreError` a ``sqlite3``/``OSError`` means for the file, or ``None``."""
    if isinstance(error, StoreError):
        return error
    text = str(error).lower()
    if isinstance(error, sqlite3.IntegrityError) or "locked" in text or "busy" in text:
        return None
    if any(mark in text for mark in _CORRUPT):
        return StoreError(path, "corrupt", f"SQLite says {shorten(str(error))}")
    if isinstance(error, OSError) or any(mark in text for mark in _UNREADABLE):
        reason = getattr(error, "strerror", None) or str(error)
        return StoreError(path, "unusable", f"it cannot be opened ({shorten(reason)})")
    return None


class _Connection(sqlite3.Connection):
    """A connection whose errors about the file itself become :class:`StoreError`."""

    store_path = Path()

    def execute(self, *args: Any) -> sqlite3.Cursor:
        try:
            return super().execute(*args)
        except (sqlite3.DatabaseError, OSError) as error:
            raise (as_store_error(error, self.store_path) or error) from error

    def executescript(self, script: str) -> sqlite3.Cursor:
        try:
            return super().executescript(script)
        except (sqlite3.DatabaseError, OSError) as error:
            raise (as_store_error(error, self.store_path) or error) from error


def check_path(path: Path) -> None:
    """Refuse a path that can never hold a store (a folder, a device, a missing drive)."""
    if path.exists() and not path.is_file():
        kind = "a folder" if path.is_dir() else "not a regular file"
        raise StoreError(path, "unusable", f"it is {kind}; accepted: a SQLite file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        detail = f"its folder cannot be created ({error.strerror})"
        raise StoreError(path, "unusable", detail) from None


def writable(path: Path) -> bool:
    """Whether the store can be written: the file if it exists, else its folder."""
    return os.access(path if path.exists() else path.parent, os.W_OK)


def connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection in autocommit mode; read-only ones never write (no WAL switch, no schema)."""
    target = str(path)
    if read_only:
        # without a -wal file nobody is writing: immutable reads create no -shm/-wal either
        wal = Path(f"{path}-wal").exists()
        target = f"file:{quote(str(path))}?mode=ro{'' if wal else '&immutable=1'}"
    try:
        conn = sqlite3.connect(
            target,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            uri=read_only,
            factory=_Connection,
        )
    except (sqlite3.DatabaseError, OSError) as error:
        raise (as_store_error(error, path) or error) from error
    conn.store_path = path
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if not read_only:
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable against a crashed or killed process in WAL mode (not power loss)
        conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def end_read(conn: sqlite3.Connection) -> None:
    """Close a read transaction; SQLite may already have ended it on an error (a corrupt
    page), and a COMMIT then would replace that error with "no transaction is active"."""
    if conn.in_transaction:
        conn.execute("COMMIT")


def set_aside(path: Path) -> Path:
    """Rename a broken store (and its ``-wal``/``-shm`` files) so a fresh one can start;
    returns the new name of the old file."""
    aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
    for suffix in ("", "-wal", "-shm"):
        old = Path(f"{path}{suffix}")
        if old.exists():
            old.rename(f"{aside}{suffix}")
    return aside
