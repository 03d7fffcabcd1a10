"""The sweep CSV written while runs train is the file written after they end, byte for byte."""

from __future__ import annotations

import io
import time

import pytest

from experiments.results import csv_stream, export
from experiments.results.csv_stream import CsvStream, StreamThread
from experiments.results.store import Store
from experiments.spec.config import ExperimentConfig
from tests.experiments.test_export import add_run, layer


def finish_run(store: Store, run_id: str, depth: int, status: str = "done") -> None:
    """Write a run's epochs (``depth`` layer rows each), then its final status, as a worker does."""
    for epoch in (1, 2):
        values = {"loss": epoch / 7, "val_loss": 0.5, "steps": 3}
        store.write_epoch(run_id, epoch, values, [layer(k, "dense", 0.1 * k) for k in range(depth)])
    store.update_run(run_id, status=status, finished_at=time.time())


@pytest.fixture
def queued(tmp_path) -> tuple[Store, list[str]]:
    """Twelve queued runs, created in id order."""
    store = Store(tmp_path / "runs.sqlite")
    ids = [f"run{k:02d}" for k in range(12)]
    start = time.time()
    for k, run_id in enumerate(ids):
        add_run(store, run_id, ExperimentConfig(seed=k), status="queued", created_at=start + k)
    return store, ids


def whole_file(store: Store, ids: list[str]) -> bytes:
    buffer = io.StringIO()
    export.write_csv(store, ids, buffer)
    return buffer.getvalue().encode("utf-8")


def test_runs_are_written_as_they_finish_and_the_file_is_the_exported_one(queued, monkeypatch):
    store, ids = queued
    stream = CsvStream(store, ids[::-1])  # the file's order is the store's, not the caller's
    assert stream.advance() == 0  # nothing finished yet
    for run_id in ids[:3]:
        finish_run(store, run_id, depth=2)
    store.update_run(ids[3], status="running")
    finish_run(store, ids[4], depth=2)  # finished, but behind a running run: it waits
    assert stream.advance() == 3
    assert stream.streamed == 3
    for run_id in ids[5:10]:
        finish_run(store, run_id, depth=2)
    finish_run(store, ids[3], depth=2)
    finish_run(store, ids[10], depth=4)  # a deeper net, late: the file gains layer columns
    store.update_run(ids[11], status="failed", error="boom")  # not streamed: ends the head
    assert stream.advance() == 8
    assert stream.streamed == 11
    expected = whole_file(store, ids)
    formatted: list[list[str]] = []
    real = export.chunk_text
    monkeypatch.setattr(
        export, "chunk_text", lambda s, c, cols: formatted.append(c) or real(s, c, cols)
    )
    out = io.BytesIO()
    written = stream.finish(out)
    assert out.getvalue() == expected
    assert written == len(expected)
    # at the end: the first segment again (it was formatted for two layers), then the failed
    # run; the second segment (formatted with the deeper run's columns) is copied as it was
    assert formatted == [ids[:3], [ids[11]]]


def test_a_stream_that_wrote_nothing_writes_the_whole_file(queued):
    store, ids = queued
    stream = CsvStream(store, ids)
    for run_id in ids:
        finish_run(store, run_id, depth=3, status="diverged" if run_id == ids[5] else "done")
    out = io.BytesIO()  # the sweep ended before the thread looked: finish writes every run
    stream.finish(out)
    assert out.getvalue() == whole_file(store, ids)


def test_a_failing_stream_thread_leaves_the_file_to_the_end(queued, monkeypatch):
    store, ids = queued
    monkeypatch.setattr(csv_stream, "EVERY_S", 0.01)
    thread = StreamThread(store)
    thread.start(ids)

    def broken() -> int:
        raise OSError("disk full")

    monkeypatch.setattr(thread.stream, "advance", broken)
    time.sleep(0.2)
    assert thread.stop() is None  # the caller writes the file from the store
    assert isinstance(thread.error, OSError)
