"""The runner with real spawned workers and a real SQLite file: live epochs, cancel, crashes."""

from __future__ import annotations

import contextlib
import os
import signal
import time

import pytest

from experiments.results.frames import read_results, read_runs
from experiments.results.store import Store
from experiments.run.owners import pid_alive
from experiments.run.queue import QueueFullError
from experiments.run.runner import Runner
from experiments.run.worker import WORKER_NICENESS
from experiments.spec.config import ExperimentConfig
from experiments.spec.errors import ConfigError
from tests.experiments.conftest import wait_until

TINY = {"n_samples": 200, "hidden_layers": (8,), "kernel_initializer": "he_uniform"}
# long enough to still be running when the test acts on it, short enough to finish quickly
LONG = ExperimentConfig(epochs=1000, batch_size=1, **TINY)


def status(store: Store, run_id: str) -> str:
    return store.get_run(run_id)["status"]


def test_submit_returns_at_once_and_epochs_arrive_while_training(store, runner) -> None:
    configs = [ExperimentConfig(epochs=150, seed=s, **TINY) for s in range(3)]
    ids = runner.submit(configs, owner="ann", labels=["a", "b", "c"])
    assert len(ids) == 3
    assert {status(store, i) for i in ids} <= {"queued", "running"}
    seen_partial = False  # a reader saw some epochs of a run that was still running
    end = time.monotonic() + 60
    while not runner.wait(ids, timeout=0.01) and time.monotonic() < end:
        frame = read_runs(store, run_ids=ids)
        live = frame[(frame["status"] == "running") & (frame["epochs_done"] > 0)]
        seen_partial |= bool((live["epochs_done"] < 150).any())
    frame = read_runs(store, run_ids=ids)
    assert frame["status"].tolist() == ["done"] * 3
    assert frame["epochs_done"].tolist() == [150] * 3
    assert frame["label"].tolist() == ["a", "b", "c"]
    assert seen_partial
    results = read_results(store, ids)
    assert len(results.epochs) == 3 * 150 * 2
    assert set(results.layers["layer_name"]) == {"dense", "dense_1"}
    worker = store.artifacts(ids[0])["worker"]
    assert worker["blas_threads"] and set(worker["blas_threads"]) == {1}
    assert worker["pid"] == store.get_run(ids[0])["pid"]
    assert worker["niceness"] == min(19, os.nice(0) + WORKER_NICENESS)  # 19 is the ceiling
    boundary = store.artifacts(ids[0])["boundary"]
    assert len(boundary["x0"]) == 60 and len(boundary["proba"]) == 60
    assert len(boundary["points"]["y"]) == frame["n_train"].iloc[0]


def test_repeats_get_consecutive_seeds(store, runner) -> None:
    ids = runner.submit(ExperimentConfig(epochs=2, seed=10, repeats=3, **TINY), owner="ann")
    assert runner.wait(ids, timeout=60)
    frame = read_runs(store, run_ids=ids)
    assert frame["seed"].tolist() == [10, 11, 12]
    assert frame["repeat"].tolist() == [0, 1, 2]
    assert frame["config_id"].nunique() == 1
    losses = read_results(store, ids).epochs.query("split == 'train' and epoch == 2")["loss"]
    assert losses.nunique() == 3  # different seeds, different initial weights


def test_cancel_a_running_and_a_queued_run(store) -> None:
    with Runner(store, max_workers=1, cancel_grace_s=5.0) as runner:
        running, queued = runner.submit([LONG, LONG], owner="ann")
        wait_until(lambda: store.epochs_done([running])[running] >= 2, what="two epochs")
        assert runner.cancel(queued, "ann")
        assert runner.cancel(running, "ann")
        assert runner.wait([running, queued], timeout=30)
        assert status(store, queued) == "cancelled"
        assert status(store, running) == "cancelled"
        assert 2 <= store.epochs_done([running])[running] < 1000
        assert store.epochs_done([queued])[queued] == 0
        assert not runner.cancel(running, "ann")  # already finished


def test_sigkilled_worker_is_marked_failed_and_others_finish(store, runner) -> None:
    victim, other = runner.submit([LONG, ExperimentConfig(epochs=30, **TINY)], owner="ann")
    wait_until(lambda: store.epochs_done([victim])[victim] >= 1, what="the victim's first epoch")
    written = store.epochs_done([victim])[victim]
    os.kill(store.get_run(victim)["pid"], signal.SIGKILL)
    assert runner.wait([victim, other], timeout=60)
    run = store.get_run(victim)
    assert run["status"] == "failed"
    assert run["error"] == "worker exited with code -9 (killed by SIGKILL)"
    assert store.epochs_done([victim])[victim] >= written  # nothing written is lost
    assert status(store, other) == "done"


def test_an_idle_runner_prestarts_reused_workers_and_shuts_them_down(store) -> None:
    runner = Runner(store, max_workers=2)
    wait_until(lambda: len(runner.standby_processes()) == 2, what="two waiting workers")
    standby = set(runner.standby_processes())
    first, second = runner.submit([ExperimentConfig(epochs=3, **TINY)] * 2, owner="ann")
    runner.wait([first, second], timeout=60)
    used = {store.get_run(first)["pid"], store.get_run(second)["pid"]}
    assert used <= standby  # the runs went to the waiting workers
    assert {status(store, first), status(store, second)} == {"done"}
    # they stay, waiting for the next runs
    wait_until(lambda: set(runner.standby_processes()) == standby, timeout=10, what="idle again")
    runner.shutdown()
    assert not any(pid_alive(pid) for pid in standby)


def test_a_waiting_worker_exits_when_its_runner_is_gone(store) -> None:
    runner = Runner(store, max_workers=1)
    wait_until(lambda: runner.standby_processes(), what="a waiting worker")
    (pid,) = runner.standby_processes()
    with runner._pool._lock:  # simulate the owner vanishing: only the pipe closes, no signal
        for slot in runner._pool._slots:
            slot.conn.close()
        runner._pool._slots.clear()
    wait_until(lambda: not pid_alive(pid), timeout=10, what="the worker to exit on EOF")
    runner.shutdown()


def test_shutdown_leaves_no_orphans(store) -> None:
    runner = Runner(store, max_workers=2)
    ids = runner.submit([LONG, LONG, LONG], owner="ann")
    wait_until(lambda: len(runner.active_processes()) == 2, what="two workers")
    pids = list(runner.active_processes().values())
    runner.shutdown()
    assert not any(pid_alive(pid) for pid in pids)
    with pytest.raises(RuntimeError, match="shut down"):
        runner.submit([LONG], owner="ann")
    assert [status(store, i) for i in ids] == ["interrupted"] * 3


def test_a_shut_down_runner_holds_no_connection_to_the_store(tmp_path) -> None:
    """The CLI exits without the interpreter's teardown (os._exit): a connection the dispatcher
    thread left open then kept the store's write-ahead log beside it."""
    store = Store(tmp_path / "runs.sqlite")
    runner = Runner(store, max_workers=1)
    ids = runner.submit([ExperimentConfig(epochs=2, **TINY)], owner="ann")
    assert runner.wait(ids, timeout=60)
    runner.shutdown()
    store.close()
    held = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # the listing's own descriptor is gone
            held.append(os.readlink(f"/proc/self/fd/{fd}"))
    assert not [name for name in held if name.startswith(str(tmp_path))]  # other tests' aside
    assert sorted(p.name for p in tmp_path.iterdir()) == ["runs.sqlite"]


@pytest.mark.parametrize("workers", [0, -1, 1.5, True])
def test_max_workers_must_be_a_positive_integer(store, workers) -> None:
    with pytest.raises(ValueError, match=f"max_workers: received {workers!r}"):
        Runner(store, max_workers=workers)


def test_default_workers_is_the_cpu_quota(store, monkeypatch) -> None:
    import joblib

    monkeypatch.delenv("GRADLAB_WORKERS", raising=False)
    with Runner(store) as runner:
        assert runner.max_workers == joblib.cpu_count()


def test_invalid_config_queues_nothing(store, runner) -> None:
    with pytest.raises(ConfigError, match="learning_rate"):
        runner.submit([ExperimentConfig(**TINY), ExperimentConfig(learning_rate=-1.0)], "ann")
    with pytest.raises(ConfigError, match="owner"):
        runner.submit([ExperimentConfig(**TINY)], owner=" ")
    assert read_runs(store).empty


def test_queue_limits_per_owner_and_in_total(store) -> None:
    with Runner(store, max_workers=1, max_active_per_owner=3, max_active_total=4) as runner:
        runner.submit([LONG, LONG], owner="ann")
        with pytest.raises(QueueFullError, match="owner 'ann' has 2 queued or running runs"):
            runner.submit(ExperimentConfig(repeats=2, **TINY), owner="ann")
        runner.submit([LONG, LONG], owner="bob")
        with pytest.raises(QueueFullError, match="limit is 4 in total"):
            runner.submit([LONG], owner="cat")
        assert store.count_active() == 4


def test_diverging_run_is_stored_with_its_partial_curves(store, runner) -> None:
    config = ExperimentConfig(
        dataset="sine",
        n_samples=200,
        optimizer="sgd",
        learning_rate=10.0,
        activation="sigmoid",
        hidden_layers=(16,) * 5,
        epochs=30,
    )
    (run_id,) = runner.submit(config, owner="ann")
    assert runner.wait([run_id], timeout=60)
    run = store.get_run(run_id)
    assert run["status"] == "diverged"
    epochs = read_results(store, [run_id]).epochs
    # the epoch that blew up has no row; every epoch before it is kept
    assert run["diverged_epoch"] == epochs["epoch"].max() + 1
    assert run["diverged_step"] is not None
    assert epochs["loss"].notna().all()


def test_cancel_terminates_a_run_stuck_in_a_long_epoch(store) -> None:
    # one epoch of 3000 single-sample steps through 256-wide layers takes seconds
    slow = ExperimentConfig(n_samples=5000, batch_size=1, hidden_layers=(256,) * 3, epochs=5)
    with Runner(store, max_workers=1, cancel_grace_s=0.1) as runner:
        (run_id,) = runner.submit(slow, owner="ann")
        wait_until(lambda: runner.active_processes(), what="the worker to start")
        pid = runner.active_processes()[run_id]
        assert runner.cancel(run_id, "ann")
        assert runner.wait([run_id], timeout=30)
        wait_until(lambda: not pid_alive(pid), timeout=10, what="the worker to exit")
    run = store.get_run(run_id)
    assert (run["status"], run["error"]) == ("cancelled", None)
    assert store.epochs_done([run_id])[run_id] == 0  # stopped by the deadline, not at an epoch end


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"max_active_per_owner": -1}, r"max_active_per_owner: received -1; accepted: an integer"),
        ({"max_active_total": 0}, r"max_active_total: received 0"),
        ({"cancel_grace_s": "soon"}, r"cancel_grace_s: received 'soon'; accepted: a number"),
        ({"cancel_grace_s": float("nan")}, r"cancel_grace_s: received nan"),
        ({"cancel_grace_s": -1.0}, r"cancel_grace_s: received -1.0"),
    ],
)
def test_runner_limits_are_checked_before_anything_starts(store, kwargs, pattern) -> None:
    # issue 15: these were accepted and broke the queue later
    with pytest.raises(ValueError, match=pattern):
        Runner(store, **kwargs)
