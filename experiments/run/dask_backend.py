"""Sweeps on Dask: an embedded ``LocalCluster`` or an existing cluster's scheduler.

Imported only by the CLI's ``--scheduler`` path; Dask is an optional dependency
(``pip install "dask[distributed]"``). Tasks train in memory on the cluster's workers
(:mod:`experiments.run.remote`); this process writes each result into the store as it
completes, so the dashboard can watch the sweep from the same file.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Sequence

from experiments.results.store import Store
from experiments.run import budget, owners, remote, sweep
from experiments.spec.config import ExperimentConfig

log = logging.getLogger(__name__)
RETRIES = 2  # a task that raises is tried again; a worker that dies is Dask's allowed-failures


def client_for(scheduler: str, workers: int | None = None):  # -> distributed.Client
    """``"local"``: a ``LocalCluster`` of one-thread worker processes (the CPU quota by
    default, each capped at the worker memory limit); else a scheduler address.

    The local workers run without Dask's statistical profiler: it samples every thread's stack
    every 10 ms, and on these small numpy steps it halved the training speed (it is for Dask's
    dashboard, which an embedded cluster does not serve).
    """
    from distributed import Client, LocalCluster

    if scheduler != "local":
        return Client(scheduler)
    cluster = LocalCluster(
        # each nanny sets this (dask.config.set) in the worker process it starts and restarts
        config={"distributed.worker.profile.enabled": False},
        n_workers=workers or budget.worker_count(),
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        memory_limit=f"{budget.MEMORY_LIMIT_MB}MiB",
    )
    return Client(cluster)


def run(
    store: Store,
    configs: Sequence[ExperimentConfig],
    labels: Sequence[str],
    owner: str,
    scheduler: str,
    workers: int | None = None,
) -> tuple[str, list[str], threading.Thread]:
    """Queue the runs, submit them to Dask and write results as they complete (in a thread).

    Returns the runner id (for :func:`~.sweep.progress`), the run ids and the writing thread.
    """
    runner_id = f"{socket.gethostname()}:{os.getpid()}:dask-{uuid.uuid4().hex[:8]}"
    owners.register_runner(store, runner_id)
    rows = sweep.queued_rows(configs, owner, labels, runner_id)
    store.insert_runs(rows)
    client = client_for(scheduler, workers)
    thread = threading.Thread(
        target=_collect, args=(client, store, rows, runner_id), daemon=True, name="gradlab-dask"
    )
    thread.start()
    return runner_id, [row["run_id"] for row in rows], thread


def _collect(client, store: Store, rows: list[dict], runner_id: str) -> None:
    from distributed import as_completed

    try:
        futures = {
            client.submit(
                remote.train_run, row["run_id"], row["config_json"], row["seed"],
                key=f"gradlab-{row['run_id']}", retries=RETRIES, pure=False,
            ): row["run_id"]
            for row in rows
        }  # fmt: skip
        for future in as_completed(futures):
            run_id = futures[future]
            try:
                remote.write_record(store, future.result())
            except Exception as error:  # KilledWorker after its retries, or the task's own error
                store.update_run(
                    run_id, only_if=("queued", "running"), status="failed",
                    error=f"dask: {type(error).__name__}: {error}", finished_at=time.time(),
                )  # fmt: skip
            future.release()
    finally:
        owners.retire_runner(store, runner_id)
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()
