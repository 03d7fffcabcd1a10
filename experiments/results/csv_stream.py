"""A sweep's CSV written while it trains: the runs' rows as they finish, oldest first.

Written at the end, a 120-run sweep's CSV (24,000 rows) was 0.7 s of the command's 7 s spent
after its last run, with the workers' cores idle. :class:`CsvStream` formats the leading runs
that are finished for good (``done`` or ``diverged``: a worker writes that status last, so no
row of theirs comes later) into a temporary file while the others train, and :meth:`finish`
writes the header, those rows and the rest. The file is the one :func:`.export.write_csv`
writes, byte for byte: the layer columns are only known once every run is in, so a segment
formatted with fewer layer columns than the file ends up with (a deeper net finished later) is
formatted again from the store; a segment is never edited in place.

A segment costs a fraction of a millisecond beyond its rows (:mod:`.csv_rows`), so every look
writes whatever is ready: at the end, only the runs finished since the last look are left.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from experiments.results.schema import COMPLETED
from experiments.results.store import Store

EVERY_S = 0.2  # how often the thread looks for finished runs
SQL_IDS = 500  # ids per IN (...) list: SQLite's limit on bound parameters


@dataclass
class Segment:
    """Rows of ``run_ids`` in the body file at ``[start, end)``, formatted for ``columns``."""

    run_ids: list[str]
    columns: list[str]
    start: int
    end: int


class CsvStream:
    """The CSV of ``run_ids`` (all queued in ``store``), written as they finish.

    Call :meth:`advance` from one thread while the runs train, then :meth:`finish` once every
    run has a final status (from any thread, after the last :meth:`advance` returned).
    """

    def __init__(self, store: Store, run_ids: Sequence[str]) -> None:
        self.store = store
        self.order = _oldest_first(store, run_ids)
        self.segments: list[Segment] = []
        self.streamed = 0  # runs in segments: a prefix of ``order``
        # closed by finish() or close(): it lives as long as the sweep trains
        self.body: BinaryIO = tempfile.TemporaryFile()  # noqa: SIM115

    def advance(self) -> int:
        """Format the finished runs at the head of the queue; return how many were written."""
        ready = self._finished_head()
        if ready:
            self._write(ready)
        return len(ready)

    def finish(self, out: BinaryIO) -> int:
        """Write the whole CSV (header, streamed rows, then the rest) to ``out``; bytes written."""
        from experiments.results import export

        columns = export.csv_columns(self.store, self.order)
        written = out.write(export.csv_header(columns).encode("utf-8"))
        for segment in self.segments:
            if segment.columns == columns:
                self.body.seek(segment.start)
                written += _copy(self.body, out, segment.end - segment.start)
            else:  # formatted before a deeper run finished: its layer columns were too few
                written += _write_chunks(self.store, segment.run_ids, columns, out)
        written += _write_chunks(self.store, self.order[self.streamed :], columns, out)
        self.body.close()
        return written

    def close(self) -> None:
        """Drop the rows written so far (a sweep that is stopped writes no file)."""
        self.body.close()

    def _finished_head(self) -> list[str]:
        """The not yet written runs at the head of the order whose status is done or diverged."""
        ready: list[str] = []
        start = self.streamed
        while start < len(self.order):
            ids = self.order[start : start + SQL_IDS]
            marks = ", ".join("?" * len(ids))
            rows = self.store.query(
                f"SELECT run_id, status FROM runs WHERE run_id IN ({marks})", ids
            )
            status = {row["run_id"]: row["status"] for row in rows}
            for run_id in ids:
                if status.get(run_id) not in COMPLETED:  # a worker writes it last, after its rows
                    return ready
                ready.append(run_id)
            start += SQL_IDS
        return ready

    def _write(self, run_ids: list[str]) -> None:
        from experiments.results import export

        columns = export.csv_columns(self.store, run_ids)
        for chunk in export.chunks(self.store, run_ids):
            self.body.seek(0, 2)
            start = self.body.tell()
            _write_chunks(self.store, chunk, columns, self.body)
            self.segments.append(Segment(chunk, columns, start, self.body.tell()))
        self.streamed += len(run_ids)


def _write_chunks(store: Store, run_ids: list[str], columns: list[str], out: BinaryIO) -> int:
    """Write these runs' lines under ``columns``, a chunk at a time; bytes written."""
    from experiments.results import export

    written = 0
    for chunk in export.chunks(store, run_ids) if run_ids else []:
        written += out.write(export.chunk_text(store, chunk, columns).encode("utf-8"))
    return written


class StreamThread:
    """A :class:`CsvStream` advanced every :data:`EVERY_S` by a thread of its own.

    :meth:`start` is given the run ids once they are queued; :meth:`stop` ends the thread and
    returns the stream to finish, or None if it failed (the caller then writes the file from the
    store as a whole, as without a stream).
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.stream: CsvStream | None = None
        self.error: Exception | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, run_ids: Sequence[str]) -> None:
        self.stream = CsvStream(self.store, run_ids)
        self._thread = threading.Thread(target=self._loop, name="gradlab-csv", daemon=True)
        self._thread.start()

    def stop(self) -> CsvStream | None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self.error is not None and self.stream is not None:
            self.stream.close()
            return None
        return self.stream

    def _loop(self) -> None:
        try:
            while not self._stop.wait(EVERY_S):
                self.stream.advance()  # type: ignore[union-attr]
        except Exception as error:  # a busy or full store: the file is written at the end
            self.error = error
        finally:
            self.store.close()  # this thread's connection


def _oldest_first(store: Store, run_ids: Sequence[str]) -> list[str]:
    """``run_ids`` in the file's order: oldest first (as :func:`.export.write_csv` writes)."""
    found = []
    for start in range(0, len(run_ids), SQL_IDS):
        ids = list(run_ids[start : start + SQL_IDS])
        marks = ", ".join("?" * len(ids))
        found += store.query(f"SELECT run_id, created_at FROM runs WHERE run_id IN ({marks})", ids)
    return [row["run_id"] for row in sorted(found, key=lambda r: (r["created_at"], r["run_id"]))]


def _copy(source: BinaryIO, out: BinaryIO, size: int) -> int:
    left = size
    while left:
        block = source.read(min(left, 1 << 20))
        if not block:
            break
        out.write(block)
        left -= len(block)
    return size - left
