"""Shared fixtures: a real SQLite store in tmp_path and a runner with real spawned workers."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from experiments.results.store import Store
from experiments.run.runner import Runner


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "runs.sqlite")


@pytest.fixture
def runner(store: Store) -> Iterator[Runner]:
    runner = Runner(store, max_workers=2, cancel_grace_s=1.0)
    yield runner
    runner.shutdown()


def wait_until(predicate: Callable[[], bool], timeout: float = 60.0, what: str = "") -> None:
    """Poll ``predicate`` until true; fail the test (not hang) after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.02)
    pytest.fail(f"timed out after {timeout} s waiting for {what or predicate}")
