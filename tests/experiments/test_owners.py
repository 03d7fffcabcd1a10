"""A runner whose process died: its runs are marked interrupted and its workers exit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from experiments.results.store import Store
from experiments.run.owners import describe_exit, pid_alive
from experiments.run.runner import Runner
from experiments.spec.config import ExperimentConfig
from tests.experiments.conftest import wait_until

ROOT = Path(__file__).resolve().parents[2]
OWNER_SCRIPT = """
import sys, time
from experiments.spec.config import ExperimentConfig
from experiments.run.runner import Runner
if __name__ == "__main__":
    runner = Runner(sys.argv[1], max_workers=1)
    config = ExperimentConfig(n_samples=200, hidden_layers=(8,), epochs=1000, batch_size=1)
    print(" ".join(runner.submit([config, config], owner="ann")), flush=True)
    time.sleep(600)
"""


def test_new_runner_marks_a_dead_owners_runs_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "runs.sqlite"
    script = tmp_path / "owner.py"
    script.write_text(OWNER_SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    owner = subprocess.Popen(
        [sys.executable, str(script), str(path)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        running, queued = owner.stdout.readline().split()
        store = Store(path)
        wait_until(lambda: store.epochs_done([running])[running] >= 1, what="a first epoch")
        worker_pid = store.get_run(running)["pid"]
        written = store.epochs_done([running])[running]
    finally:
        owner.send_signal(signal.SIGKILL)
        owner.wait(10)
    # the orphaned worker notices its parent is gone and stops by itself
    wait_until(lambda: not pid_alive(worker_pid), timeout=30, what="the worker to exit")
    assert store.get_run(queued)["status"] == "queued"  # nobody has looked yet
    with Runner(store, max_workers=1) as runner:
        assert queued in runner.interrupted
        statuses = {store.get_run(r)["status"] for r in (running, queued)}
        assert statuses == {"interrupted"}
        assert store.get_run(queued)["error"].startswith(f"owner process {owner.pid} exited")
        assert store.epochs_done([running])[running] >= written


def test_a_live_runner_in_this_process_is_left_alone(tmp_path: Path) -> None:
    store = Store(tmp_path / "runs.sqlite")
    config = ExperimentConfig(n_samples=200, hidden_layers=(8,), epochs=1000, batch_size=1)
    with Runner(store, max_workers=1) as first:
        ids = first.submit([config, config], owner="ann")
        with Runner(store, max_workers=1) as second:
            assert second.interrupted == []
        assert {store.get_run(r)["status"] for r in ids} <= {"queued", "running"}


def test_describe_exit() -> None:
    assert describe_exit(-9) == "worker exited with code -9 (killed by SIGKILL)"
    assert describe_exit(-15) == "worker exited with code -15 (killed by SIGTERM)"
    assert "code 1 without recording a final status" in describe_exit(1)
