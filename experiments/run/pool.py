"""The worker processes of one runner: start queued runs, reap exits, enforce cancel deadlines."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from experiments.results.schema import ACTIVE
from experiments.results.store import Store
from experiments.run import owners, worker
from experiments.run.spawning import start_process
from experiments.spec.config import config_from_json
from experiments.spec.data import load_arrays

# Seconds without a running worker before workers are pre-started for the next runs.
STANDBY_AFTER_IDLE_S = 1.5


class WorkerPool:
    """One spawned process per running run, at most ``max_workers`` at a time.

    Not a ``multiprocessing.Pool``: a run must be cancellable and killable on its own, and a
    crash must take down only its own run. Methods are called from the runner's dispatcher
    thread, except :meth:`set_deadline`, :meth:`active` and :meth:`stop_all` (locked).
    """

    def __init__(self, store: Store, runner_id: str, max_workers: int, grace_s: float) -> None:
        self.store, self.runner_id = store, runner_id
        self.max_workers, self.grace_s = max_workers, grace_s
        self._ctx = multiprocessing.get_context("spawn")
        self._procs: dict[str, tuple[BaseProcess, str]] = {}
        self._deadlines: dict[str, float] = {}
        # pre-started workers (process, sending end of its job pipe), each used for one run
        self._standby: list[tuple[BaseProcess, Connection]] = []
        self._idle_since: float | None = None
        self._lock = threading.Lock()

    def tick(self) -> None:
        """One dispatcher round: reap, terminate late cancels, start queued runs, and while
        nothing runs, pre-start workers for the next runs."""
        self._reap()
        self._enforce_deadlines()
        self._start_queued()
        self._refill_standby()

    def set_deadline(self, run_id: str) -> None:
        """Terminate ``run_id`` if it has not stopped by itself within the grace period."""
        with self._lock:
            self._deadlines[run_id] = time.monotonic() + self.grace_s

    def active(self) -> dict[str, int]:
        """``{run_id: pid}`` of the workers alive now."""
        with self._lock:
            return {rid: proc.pid for rid, (proc, _) in self._procs.items() if proc.is_alive()}

    def standby_pids(self) -> list[int]:
        """Pids of the pre-started workers waiting for a run."""
        with self._lock:
            return [proc.pid for proc, _ in self._standby if proc.is_alive()]

    def stop_all(self, timeout: float) -> None:
        """Terminate every worker and wait for it (SIGKILL if SIGTERM is not enough)."""
        with self._lock:
            procs = [proc for proc, _ in self._procs.values()]
            procs += [proc for proc, _ in self._standby]
            for _, conn in self._standby:
                conn.close()
            self._procs.clear()
            self._standby.clear()
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.join(timeout)
            if proc.is_alive():
                proc.kill()
                proc.join(timeout)

    def _reap(self) -> None:
        with self._lock:
            ended = [(rid, p) for rid, (p, _) in self._procs.items() if not p.is_alive()]
            for run_id, _ in ended:
                del self._procs[run_id]
                self._deadlines.pop(run_id, None)
        for run_id, proc in ended:
            proc.join()
            cancelled = self.store.cancel_requested(run_id)
            # guarded: a worker that recorded its own final status keeps it
            self.store.update_run(
                run_id,
                only_if=("running",),
                status="cancelled" if cancelled else "failed",
                error=None if cancelled else owners.describe_exit(proc.exitcode),
                finished_at=time.time(),
            )

    def _enforce_deadlines(self) -> None:
        now = time.monotonic()
        with self._lock:
            late = [rid for rid, t in self._deadlines.items() if t < now and rid in self._procs]
            for run_id in late:
                self._procs[run_id][0].terminate()
                self._deadlines[run_id] = now + self.grace_s  # and again, if SIGTERM was lost

    def _start_queued(self) -> None:
        with self._lock:
            free = self.max_workers - len(self._procs)
            running = [owner for _, owner in self._procs.values()]
        if free <= 0:
            return
        queued = self.store.query(
            "SELECT run_id, owner, config_json FROM runs WHERE runner_id = ? AND status = ? "
            "ORDER BY created_at",
            (self.runner_id, "queued"),
        )
        for _ in range(min(free, len(queued))):
            # fair share: the owner with the fewest running runs goes first, then the oldest
            row = min(queued, key=lambda r: running.count(r["owner"]))
            queued.remove(row)
            running.append(row["owner"])
            self._start(row)

    def _start(self, row: dict) -> None:
        run_id = row["run_id"]
        if not self.store.update_run(
            run_id, only_if=("queued",), status="running", started_at=time.time()
        ):
            return  # cancelled meanwhile
        try:
            data = load_arrays(config_from_json(row["config_json"]))
            job = (run_id, str(self.store.path), os.getpid(), data)
            proc = self._take_standby(job) or start_process(
                self._ctx, target=worker.main, args=job, name=f"gradlab-{run_id}"
            )
        except Exception as error:
            self.store.update_run(
                run_id,
                only_if=ACTIVE,
                status="failed",
                finished_at=time.time(),
                error=f"could not start the worker: {type(error).__name__}: {error}",
            )
            return
        with self._lock:
            self._procs[run_id] = (proc, row["owner"])
        self.store.update_run(run_id, pid=proc.pid)

    def _take_standby(self, job: tuple) -> BaseProcess | None:
        """Hand ``job`` to a pre-started worker; None if none is alive and listening."""
        while True:
            with self._lock:
                if not self._standby:
                    return None
                proc, conn = self._standby.pop()
            try:
                conn.send(job)
            except OSError:  # it died while waiting: try the next one
                proc.join(0)
                continue
            finally:
                conn.close()
            return proc

    def _refill_standby(self) -> None:
        # only after a quiet moment: pre-starting during training, or while the page draws the
        # results of runs that just ended, would take CPU from them
        with self._lock:
            if self._procs:
                self._idle_since = None
                return
            now = time.monotonic()
            self._idle_since = self._idle_since or now
            if now - self._idle_since < STANDBY_AFTER_IDLE_S:
                return
            alive = [(p, c) for p, c in self._standby if p.is_alive()]
            for _, conn in set(self._standby) - set(alive):
                conn.close()  # a standby that died on its own: release its pipe
            self._standby = alive
            missing = self.max_workers - len(self._standby)
        for _ in range(missing):
            receive, send = self._ctx.Pipe(duplex=False)
            proc = start_process(
                self._ctx, target=worker.standby, args=(receive,), name="gradlab-standby"
            )
            receive.close()  # the child holds its own copy; ours would keep the pipe open
            with self._lock:
                self._standby.append((proc, send))
