"""What a spawned worker process runs: train one run and write every epoch to the store.

Kept importable and light (numpy and core only: no pandas, no scikit-learn), because the time
from spawn to the first written epoch is what a learner waits for. The runner sends the arrays.
"""

from __future__ import annotations

import contextlib
import math
import os
import sqlite3
import threading
import time
import traceback
from typing import Any

from experiments.results.store import Store
from experiments.spec.config import config_from_json
from experiments.spec.data import ArrayData

DATA_LOSSES = ("data_loss", "val_data_loss", "eval_data_loss")
PARENT_POLL_S = 0.5
# How long finished epochs may wait in a worker before they are written together.
FLUSH_EVERY_S = 0.1
# Training yields the CPU to the page: on a 2-core host (Community Cloud) the server and browser
# otherwise wait behind the workers, and live refreshes lag.
WORKER_NICENESS = 10
_INHERITED_NICENESS = os.nice(0) if hasattr(os, "nice") else 0


def lower_priority(offset: int = WORKER_NICENESS) -> None:
    """Run at the parent's niceness + ``offset`` (idempotent; 19 is the ceiling)."""
    if hasattr(os, "nice"):
        os.nice(max(0, min(19, _INHERITED_NICENESS + offset) - os.nice(0)))


class EpochWriter:
    """Callback: writes finished epochs to the store; stops on cancel or orphaning.

    The first epoch is written at once (the page's first live point), later ones in one
    transaction every :data:`FLUSH_EVERY_S` and at the end: a commit costs about 0.3 ms, and a
    small run's epoch 2 ms, so one commit per epoch was most of a sweep's per-run fixed cost.
    The page polls every 0.5 s, so it sees the same curves. Cancel is checked at each write.
    """

    def __init__(self, store: Store, run_id: str, parent_pid: int, live: Any = None) -> None:
        self.store, self.run_id, self.parent_pid = store, run_id, parent_pid
        self.model: Any = None
        self.stopped_by: str | None = None
        self.pending: list[tuple[int, dict[str, Any], list[dict[str, Any]]]] = []
        self.flushed_at = -math.inf
        # a live decision boundary (experiments.run.live_boundary), and grids not yet written
        self.live = live
        self.grids: dict[str, Any] = {}

    def on_epoch_end(self, epoch: int, logs: dict[str, Any]) -> None:
        diag = logs.get("diagnostics")
        values = {key: logs.get(key) for key in ("loss", "accuracy", "val_loss", "val_accuracy")}
        values.update(eval_loss=logs.get("eval_loss"), eval_accuracy=logs.get("eval_accuracy"))
        # logged by the core only for a run with a regularizer; absent, they stay NULL
        values.update({key: logs.get(key) for key in DATA_LOSSES})
        layers = []
        if diag is not None:
            values.update(
                wall_time_s=diag.wall_time,
                steps=diag.steps,
                grad_norm_before_clip=diag.grad_norm_before_clip,
                grad_norm_before_clip_max=diag.grad_norm_before_clip_max,
                clipped_steps=diag.clipped_steps,
            )
            layers = [layer_row(layer) for layer in diag.layers]
        self.pending.append((epoch + 1, values, layers))
        if self.live is not None and self.live.due(epoch):
            self.grids.update(self.live.draw(epoch))
        if time.monotonic() - self.flushed_at >= FLUSH_EVERY_S:
            self.flush()

    def flush(self) -> None:
        """Write the pending epochs in one transaction, then check for cancel and orphaning."""
        self.store.write_epochs(self.run_id, self.pending)
        self.pending, self.flushed_at = [], time.monotonic()
        if self.grids:
            start = time.perf_counter()
            self.store.write_artifacts(self.run_id, self.grids)
            self.grids = {}
            self.live.spend(start)
        if self.store.cancel_requested(self.run_id):
            self.stopped_by = "cancelled"
        elif os.getppid() != self.parent_pid:
            self.stopped_by = "interrupted"
        if self.stopped_by:
            self.model.stop_training = True

    def on_train_end(self, logs: dict[str, Any]) -> None:
        self.flush()


def layer_row(layer: Any) -> dict[str, Any]:
    """A core ``LayerDiagnostics`` as a ``layers`` table row."""
    stats = ("grad_norm_mean", "grad_norm_max", "weight_norm", "update_ratio", "dead_fraction")
    row = {"layer_index": layer.index, "layer_name": layer.name, "kind": layer.kind}
    row.update({name: getattr(layer, name) for name in stats})
    row.update(activation_mean=layer.activation_mean, activation_std=layer.activation_std)
    return row


# the run this process is training now, for the parent watcher (a reused worker runs many)
_CURRENT: dict[str, str] = {}


def watch_parent(parent_pid: int) -> None:
    """Exit when the owning process dies, even in the middle of a long epoch (no orphans)."""

    def loop() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_POLL_S)
        if _CURRENT:
            Store(_CURRENT["store"]).update_run(
                _CURRENT["run_id"],
                only_if=("running",),
                status="interrupted",
                error=f"owner process {parent_pid} exited",
                finished_at=time.time(),
            )
        os._exit(0)

    threading.Thread(target=loop, daemon=True, name="gradlab-parent-watch").start()


def final_status(history: Any, stopped_by: str | None) -> dict[str, Any]:
    """The run's closing fields: done, cancelled, interrupted, or diverged (epoch 1-based,
    step 0-based within that epoch, which has no row: it never finished)."""
    if history.diverged:
        at = history.diverged_at or {}
        return {
            "status": "diverged",
            "diverged_epoch": at.get("epoch", -1) + 1,
            "diverged_step": at.get("step"),
        }
    return {"status": stopped_by or "done"}


def train(store: Store, run_id: str, data: ArrayData, parent_pid: int) -> None:
    """Fit the run's model on ``data``, writing epochs as they finish, then its final status."""
    from experiments.run.artifacts import final_artifacts, training_points
    from experiments.spec.build import batch_size_for, build_model, fit_model
    from experiments.spec.tasks import resolve_head

    run = store.get_run(run_id)
    config = config_from_json(run["config_json"])
    model = build_model(config, data, seed=run["seed"])
    n_train = len(data.x_train)
    store.update_run(
        run_id,
        n_params=model.count_params(),
        n_train=n_train,
        steps_per_epoch=math.ceil(n_train / batch_size_for(config, n_train)),
    )
    head = resolve_head(config, data)
    writer = EpochWriter(store, run_id, parent_pid, _live_boundary(model, data, head))
    writer.model = model
    if writer.live is not None:
        writer.grids["points"] = training_points(data)  # once, with the first grid
    try:
        history = fit_model(model, config, data, callbacks=[writer])
    except Exception:
        with contextlib.suppress(sqlite3.Error):  # keep the epochs before the failure
            writer.flush()
        raise
    final = final_status(history, writer.stopped_by)
    if final["status"] != "diverged":
        finals = final_artifacts(model, data, head)
        if "boundary" in finals:
            finals["boundary"]["epoch"] = len(history.epoch)
        store.write_artifacts(run_id, finals)
    store.update_run(run_id, only_if=("running",), finished_at=time.time(), **final)


def _live_boundary(model: Any, data: ArrayData, head: Any) -> Any:
    """The live decision boundary of a 2-feature classification run, else None."""
    if data.task == "regression" or data.n_features != 2:
        return None
    from experiments.run.live_boundary import LiveBoundary

    return LiveBoundary(model, data, head)


def _failure(error: BaseException, memory_mb: int | None) -> tuple[str, str]:
    """The ``error`` line and ``traceback`` text of a failed run."""
    text = traceback.format_exc()
    last = text.strip().splitlines()[-1] if text.strip() else repr(error)
    if isinstance(error, MemoryError):
        limit = f" of {memory_mb} MiB" if memory_mb else ""
        last = (
            f"MemoryError: the run needed more than the worker's memory limit{limit}; choose "
            "fewer or narrower hidden_layers, a smaller batch_size or fewer n_samples"
        )
    return last, text


def main(
    run_id: str, store_path: str, parent_pid: int, data: ArrayData, memory_mb: int | None = None
) -> str | None:
    """Train one run and record its final status (a top-level function, so the spawn context
    can import it).

    Any exception marks the run failed with the traceback's last line as ``error`` and the full
    text as ``traceback``. Returns None once a final status is recorded, else why not (the store
    was not writable): the pool then records the run failed with that reason when it can.
    """
    store = _store(store_path)
    _CURRENT.update(run_id=run_id, store=store_path)
    try:
        split = {"fingerprint": data.fingerprint(), "n_train": len(data.x_train)}
        split["n_val"] = len(data.x_val)
        store.write_artifacts(run_id, {"worker": worker_info(), "data": split})
        train(store, run_id, data, parent_pid)
    except Exception as error:
        last, text = _failure(error, memory_mb)
        try:
            store.update_run(
                run_id,
                only_if=("running",),
                status="failed",
                error=last,
                traceback=text,
                finished_at=time.time(),
            )
        except Exception as store_error:  # a full disk or a locked store: the pool retries
            return f"{last} (and the store was not writable: {store_error})"
        return "retire" if isinstance(error, MemoryError) else None
    finally:
        _CURRENT.clear()
    return None


_STORES: dict[str, Store] = {}
_INFO: dict[str, Any] = {}


def _store(path: str) -> Store:
    if path not in _STORES:
        _STORES[path] = Store(path)
    return _STORES[path]


def worker_info() -> dict[str, Any]:
    """This process's pid, BLAS threads and niceness, limiting BLAS to one thread on the first
    call (a worker per core)."""
    # threadpool_info scans the loaded libraries (milliseconds): once per process, not per run
    if not _INFO:
        from threadpoolctl import threadpool_info, threadpool_limits

        _INFO["limits"] = threadpool_limits(limits=1)  # one BLAS thread: one worker per core
        _INFO["blas"] = [pool["num_threads"] for pool in threadpool_info()]
    return {"pid": os.getpid(), "blas_threads": _INFO["blas"], "niceness": os.nice(0)}


def serve(conn: Any, parent_pid: int, niceness: int, memory_mb: int | None) -> None:
    """A reused worker: import the training stack once, then run job after job from ``conn``.

    Starting a Python process and importing numpy and the core costs about 0.3 s of CPU; a
    worker that takes run after run pays it once. A job is ``(run_id, store_path, data)``; after
    each the worker answers None (final status recorded), ``"retire"`` (it failed on memory:
    replace this process) or the reason its status could not be written. A crash or a kill
    still takes down only the run it was training. When the runner goes away its end of the
    pipe closes and the worker exits.
    """
    lower_priority(niceness)
    from experiments.run.budget import limit_memory

    limit_memory(memory_mb)
    import experiments.run.artifacts
    import experiments.run.live_boundary
    import experiments.spec.build  # noqa: F401

    worker_info()
    watch_parent(parent_pid)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        run_id, store_path, data = job
        outcome = main(run_id, store_path, parent_pid, data, memory_mb)
        try:
            conn.send(outcome)
        except OSError:
            return
        if outcome == "retire":
            return
