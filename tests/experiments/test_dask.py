"""A real Dask LocalCluster: a worker killed mid-task has its task retried; the embedded
cluster's workers, the fresh one included, run without Dask's profiler and with one BLAS thread."""

from __future__ import annotations

import os
import signal
import time

import pytest

from experiments.run import dask_backend
from experiments.run.sweep import follow
from experiments.spec.config import ExperimentConfig

pytest.importorskip("distributed")


def test_a_dask_worker_killed_mid_task_is_retried(store) -> None:
    import io

    config = ExperimentConfig(epochs=150, batch_size=1, n_samples=200, hidden_layers=(8,))
    client = dask_backend.client_for("local", 1)
    try:
        (pid,) = client.run(os.getpid).values()
        runner_id, (run_id,), thread = dask_backend.run(
            store, [config], ["slow"], "ann", client.scheduler.address
        )
        end = time.monotonic() + 60
        while not client.processing() or not any(client.processing().values()):
            assert time.monotonic() < end, "the task never started"
            time.sleep(0.05)
        time.sleep(0.5)  # mid-task
        os.kill(pid, signal.SIGKILL)
        follow(store, runner_id, io.StringIO(), lambda *a: "")
        thread.join(60)
        (new_pid,) = client.run(os.getpid).values()
        profiling = client.run(_profiling)
    finally:
        client.close()
        client.cluster.close()
    run = store.get_run(run_id)
    assert run["status"] == "done", run["error"]
    assert new_pid != pid  # the nanny started a fresh worker, which trained the task again
    assert store.epochs_done([run_id])[run_id] == 150
    assert list(profiling.values()) == [False]  # the restarted worker too
    worker = store.artifacts(run_id)["worker"]
    assert worker["pid"] == new_pid and set(worker["blas_threads"]) <= {1}


def _profiling() -> bool:
    import dask

    return dask.config.get("distributed.worker.profile.enabled")
