"""Following a sweep costs the same whatever else the store holds, and never much of a core."""

from __future__ import annotations

import io
import itertools
import time
from pathlib import Path

import pytest

from experiments.results.store import Store
from experiments.run import sweep
from experiments.run.sweep import expand, progress, queued_rows

PLAN = {"base": {"epochs": 3}, "grid": {"learning_rate": [0.01, 0.1]}, "seeds": 3}


def sqlite_steps(store: Store, read) -> int:
    """How many SQLite VM instructions ``read()`` runs: the rows it touched, not its time."""
    steps = itertools.count()
    conn = store.connection()
    conn.set_progress_handler(lambda: next(steps) and 0, 1)
    try:
        read()
    finally:
        conn.set_progress_handler(None, 1)
    return next(steps)


def add_sweep(store: Store, runner_id: str, count: int = 1) -> None:
    configs, labels = expand(PLAN)
    for _ in range(count):
        store.insert_runs(queued_rows(configs, "ann", labels, runner_id))


def test_a_sweeps_progress_and_queue_read_only_its_own_runs(tmp_path: Path) -> None:
    alone, crowded = Store(tmp_path / "alone.sqlite"), Store(tmp_path / "crowded.sqlite")
    add_sweep(alone, "mine")
    add_sweep(crowded, "older", count=300)  # 1,800 runs of earlier sweeps
    add_sweep(crowded, "mine")
    # the queue read of experiments.run.pool.WorkerPool._start_queued
    queue = "SELECT run_id FROM runs WHERE runner_id = ? AND status = ? ORDER BY created_at LIMIT 9"
    for read in (
        lambda s: progress(s, "mine"),
        lambda s: s.query(queue, ("mine", "queued")),
    ):
        few, many = (sqlite_steps(s, lambda s=s, read=read: read(s)) for s in (alone, crowded))
        assert many < 2 * few, (few, many)  # scanning the 1,800 others: 19x (progress), 87x (queue)


def test_a_store_from_before_the_index_gains_it(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    Store(path).connection().execute("DROP INDEX runs_runner")
    indexes = Store(path).query("SELECT name FROM sqlite_master WHERE type = 'index'")
    assert "runs_runner" in {row["name"] for row in indexes}


class Clock:
    """``time`` for :func:`sweep.follow`: a progress read takes ``read_s``; sleeps are noted."""

    def __init__(self, read_s: float) -> None:
        self.now, self.read_s, self.sleeps = 0.0, read_s, []

    def perf_counter(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_following_waits_longer_when_a_read_is_slow(monkeypatch) -> None:
    for read_s, expected in ((0.001, 0.1), (0.05, 0.5)):
        clock = Clock(read_s)
        reads = iter([(0, 9, 0, 3), (3, 9, 1, 3), (9, 9, 3, 3)])

        def slow_progress(store, runner_id, clock=clock, reads=reads):
            clock.now += clock.read_s
            return next(reads)

        monkeypatch.setattr(sweep, "time", clock)
        monkeypatch.setattr(sweep, "progress", slow_progress)
        sweep.follow(None, "mine", io.StringIO(), lambda *a: "", every_s=0.1)
        assert clock.sleeps == pytest.approx([expected, expected])


def test_following_a_real_sweep_ends_when_its_runs_finish(tmp_path: Path) -> None:
    store = Store(tmp_path / "runs.sqlite")
    add_sweep(store, "mine")
    store.connection().execute("UPDATE runs SET status = 'done'")
    out = io.StringIO()
    start = time.monotonic()
    sweep.follow(store, "mine", out, lambda *a: f"{a}")
    assert time.monotonic() - start < 5
    assert out.getvalue() == f"\r{(18, 18, 6, 6)}\n"  # 6 runs x 3 epochs planned, all done
