"""Reused workers with real processes and a real SQLite file: kills, owners and a full disk."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from experiments.results.store import Store
from experiments.run.owners import pid_alive
from experiments.run.runner import Runner
from experiments.spec.config import ExperimentConfig
from tests.experiments.conftest import wait_until

TINY = {"n_samples": 200, "hidden_layers": (8,), "kernel_initializer": "he_uniform"}
LONG = ExperimentConfig(epochs=1000, batch_size=1, **TINY)
SHORT = ExperimentConfig(epochs=3, **TINY)


def test_one_worker_trains_run_after_run(store) -> None:
    with Runner(store, max_workers=1) as runner:
        ids = runner.submit([SHORT] * 3, owner="ann")
        assert runner.wait(ids, timeout=60)
    assert {store.get_run(i)["status"] for i in ids} == {"done"}
    assert len({store.get_run(i)["pid"] for i in ids}) == 1


def test_workers_started_up_front_take_the_runs(store) -> None:
    """``start_workers``: the workers exist before anything is submitted, and train the runs."""
    with Runner(store, max_workers=2, start_workers=True) as runner:
        started = set(runner.standby_processes())
        assert len(started) == 2  # at once, not after the first submit or a quiet moment
        ids = runner.submit([SHORT] * 4, owner="ann")
        assert runner.wait(ids, timeout=60)
    assert {store.get_run(i)["status"] for i in ids} == {"done"}
    assert {store.get_run(i)["pid"] for i in ids} <= started


def test_a_sigkilled_reused_worker_fails_its_run_and_a_fresh_one_takes_the_next(store) -> None:
    with Runner(store, max_workers=1) as runner:
        first, victim, after = runner.submit([SHORT, LONG, SHORT], owner="ann")
        wait_until(lambda: store.epochs_done([victim])[victim] >= 2, what="the victim's epochs")
        pid = store.get_run(victim)["pid"]
        assert store.get_run(first)["pid"] == pid  # the victim's worker was a reused one
        written = store.epochs_done([victim])[victim]
        os.kill(pid, signal.SIGKILL)
        assert runner.wait([victim, after], timeout=60)
    run = store.get_run(victim)
    assert (run["status"], run["error"]) == (
        "failed",
        "worker exited with code -9 (killed by SIGKILL)",
    )
    assert store.epochs_done([victim])[victim] >= written  # no rows lost
    assert store.get_run(after)["status"] == "done"
    assert store.get_run(after)["pid"] != pid
    assert store.epochs_done([first, after]) == {first: 3, after: 3}


def test_cancel_refuses_another_owners_run(store) -> None:
    with Runner(store, max_workers=1, cancel_grace_s=1.0) as runner:
        (run_id,) = runner.submit(LONG, owner="ann")
        with pytest.raises(PermissionError, match="another owner than 'bob'"):
            runner.cancel(run_id, "bob")
        assert store.get_run(run_id)["cancel_requested"] == 0
        assert runner.cancel(run_id, "ann")
        assert runner.wait([run_id], timeout=30)
    assert store.get_run(run_id)["status"] == "cancelled"


def test_a_gone_owners_runs_are_cancelled(store, monkeypatch) -> None:
    from experiments.run import runner as runner_module

    monkeypatch.setattr(runner_module, "OWNER_GONE_S", 0.5)
    with Runner(store, max_workers=1, cancel_grace_s=1.0) as runner:
        (gone,) = runner.submit(LONG, owner="ann")
        (stays,) = runner.submit(LONG, owner="cli")
        runner.touch("ann")  # a page saw "ann" once, then the tab closed
        assert runner.wait([gone], timeout=30)
        assert store.get_run(gone)["status"] == "cancelled"
        assert store.get_run(stays)["status"] in ("queued", "running")  # never touched: kept


@pytest.fixture
def tiny_disk(tmp_path: Path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)],
                             capture_output=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(path: Path) -> None:
    # unbuffered: a buffered file would retry its unwritten tail on close and raise there
    with path.open("wb", buffering=0) as file:
        try:
            while True:
                file.write(b"\0" * 65536)
        except OSError:
            pass


def test_a_full_disk_keeps_the_run_in_care_until_its_status_is_written(tiny_disk) -> None:
    store = Store(tiny_disk / "runs.sqlite")
    with Runner(store, max_workers=1) as runner:
        (run_id,) = runner.submit(LONG, owner="ann")
        wait_until(lambda: store.epochs_done([run_id])[run_id] >= 2, what="two epochs")
        fill(tiny_disk / "filler")
        wait_until(lambda: runner.store_error is not None, what="the store error")
        assert "not writable" in runner.store_error
        assert store.get_run(run_id)["status"] == "running"  # not written, not forgotten
        (tiny_disk / "filler").unlink()
        wait_until(lambda: store.get_run(run_id)["status"] == "failed", what="the final status")
        assert runner.store_error is None
    assert "full" in store.get_run(run_id)["error"]
    assert not any(pid_alive(p) for p in runner.standby_processes())
