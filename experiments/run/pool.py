"""The worker processes of one runner: reused workers, final statuses, deadlines and budgets."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from experiments.results.schema import ACTIVE
from experiments.results.store import Store
from experiments.run import owners, worker
from experiments.run.spawning import start_process
from experiments.spec.config import config_from_json
from experiments.spec.data import load_arrays

# Seconds without a running worker before workers are started for the next runs.
STANDBY_AFTER_IDLE_S = 1.5


@dataclass
class Slot:
    """One long-lived worker process and the run it is training (None while idle)."""

    proc: BaseProcess
    conn: Connection
    run_id: str | None = None
    owner: str | None = None
    started: float = 0.0


@dataclass
class Limits:
    """What the pool enforces on each run: wall clock, worker memory, worker niceness."""

    max_run_s: float | None = None
    memory_mb: int | None = None
    niceness: int = worker.WORKER_NICENESS
    grace_s: float = 3.0


class WorkerPool:
    """At most ``max_workers`` reused worker processes, each training one run at a time.

    Not a ``multiprocessing.Pool``: a run must be cancellable and killable on its own, and a
    crash must take down only its own run (its worker is replaced). A run stays in the pool's
    care until its final status is written: if the store refuses the write (a full disk), the
    pool keeps it in :attr:`unrecorded` and tries again every round. Methods are called from the
    runner's dispatcher thread, except :meth:`set_deadline`, :meth:`active` and :meth:`stop_all`.
    """

    def __init__(self, store: Store, runner_id: str, max_workers: int, limits: Limits) -> None:
        self.store, self.runner_id, self.max_workers = store, runner_id, max_workers
        self.limits = limits
        self.grace_s = limits.grace_s
        self._ctx = multiprocessing.get_context("spawn")
        self._slots: list[Slot] = []
        self._deadlines: dict[str, float] = {}
        self.unrecorded: dict[str, dict] = {}  # run_id -> final fields the store refused
        self.store_error: str | None = None
        self._idle_since: float | None = None
        self._lock = threading.Lock()

    def tick(self) -> None:
        """One dispatcher round: collect finished runs, write pending statuses, enforce
        deadlines, start queued runs, and while nothing runs, start workers for the next."""
        self._collect()
        self._record_pending()
        self._enforce_deadlines()
        if not self.unrecorded:  # a store that refuses writes cannot take new runs either
            self._start_queued()
        self._prestart()

    def set_deadline(self, run_id: str) -> None:
        """Terminate ``run_id`` if it has not stopped by itself within the grace period."""
        with self._lock:
            self._deadlines[run_id] = time.monotonic() + self.grace_s

    def active(self) -> dict[str, int]:
        """``{run_id: pid}`` of the workers training a run now."""
        with self._lock:
            return {s.run_id: s.proc.pid for s in self._slots if s.run_id and s.proc.is_alive()}

    def listening(self) -> list:
        """The pipes and sentinels of the busy workers: ready when one answers or dies."""
        with self._lock:
            return [x for s in self._slots if s.run_id for x in (s.conn, s.proc.sentinel)]

    def idle_pids(self) -> list[int]:
        """Pids of the started workers waiting for a run."""
        with self._lock:
            return [s.proc.pid for s in self._slots if s.run_id is None and s.proc.is_alive()]

    def stop_all(self, timeout: float) -> None:
        """Terminate every worker and wait for it (SIGKILL if SIGTERM is not enough)."""
        with self._lock:
            slots, self._slots = self._slots, []
        for slot in slots:
            slot.conn.close()
            slot.proc.terminate()
        for slot in slots:
            slot.proc.join(timeout)
            if slot.proc.is_alive():
                slot.proc.kill()
                slot.proc.join(timeout)
        self._record_pending()

    # --- finished runs ----------------------------------------------------------------------

    def _collect(self) -> None:
        with self._lock:
            slots = list(self._slots)
        for slot in slots:
            if slot.run_id is None:
                if not slot.proc.is_alive():
                    self._drop(slot)
                continue
            outcome, alive = self._outcome(slot)
            if outcome is False:
                continue  # still training
            run_id = slot.run_id
            if alive and outcome not in (None, "retire"):
                self._finish(run_id, status="failed", error=outcome)
            elif not alive:
                slot.proc.join()
                self._finish_dead(run_id, slot.proc.exitcode)
            with self._lock:
                self._deadlines.pop(run_id, None)
                slot.run_id = slot.owner = None
            if not alive or outcome == "retire":
                self._drop(slot)

    def _outcome(self, slot: Slot) -> tuple[object, bool]:
        """``(False, True)`` while training, ``(answer, True)`` once answered, ``(None, False)``
        when the worker died without answering."""
        try:
            if slot.conn.poll():
                return slot.conn.recv(), True
        except (EOFError, OSError):
            return None, False
        if not slot.proc.is_alive():
            try:  # it may have answered just before exiting
                if slot.conn.poll():
                    return slot.conn.recv(), False
            except (EOFError, OSError):
                pass
            return None, False
        return False, True

    def _finish_dead(self, run_id: str, exitcode: int | None) -> None:
        try:
            cancelled = self.store.cancel_requested(run_id)
        except sqlite3.Error:
            cancelled = False
        if cancelled:
            self._finish(run_id, status="cancelled")
        else:
            self._finish(run_id, status="failed", error=owners.describe_exit(exitcode))

    def _finish(self, run_id: str, **fields: object) -> None:
        # guarded: a worker that recorded its own final status keeps it
        self.unrecorded[run_id] = {"finished_at": time.time(), **fields}
        self._record_pending()

    def _record_pending(self) -> None:
        for run_id, fields in list(self.unrecorded.items()):
            try:
                self.store.update_run(run_id, only_if=ACTIVE, **fields)
            except sqlite3.Error as error:
                self.store_error = f"the store is not writable: {error}"
                return
            del self.unrecorded[run_id]
        self.store_error = None

    def _drop(self, slot: Slot) -> None:
        with self._lock:
            if slot in self._slots:
                self._slots.remove(slot)
        slot.conn.close()
        slot.proc.join(0)

    # --- deadlines --------------------------------------------------------------------------

    def _enforce_deadlines(self) -> None:
        now, wall = time.monotonic(), self.limits.max_run_s
        with self._lock:
            busy = {s.run_id: s for s in self._slots if s.run_id}
            late = [rid for rid, t in self._deadlines.items() if t < now and rid in busy]
            for run_id in late:
                busy[run_id].proc.terminate()
                self._deadlines[run_id] = now + self.grace_s  # and again, if SIGTERM was lost
            over = [
                rid
                for rid, s in busy.items()
                if wall is not None and now - s.started > wall and rid not in self._deadlines
            ]
        for run_id in over:
            # recorded first, so the worker's own "cancelled" (guarded) cannot replace it
            self._finish(
                run_id,
                status="failed",
                error=f"over the wall-clock budget of {wall:g} s per run; choose fewer epochs, "
                "a larger batch_size or a smaller model",
            )
            with contextlib.suppress(sqlite3.Error):
                self.store.update_run(run_id, cancel_requested=1)
            self.set_deadline(run_id)

    # --- starting runs ----------------------------------------------------------------------

    def _start_queued(self) -> None:
        with self._lock:
            running = [s.owner for s in self._slots if s.run_id]
            free = self.max_workers - len(running)
        if free <= 0:
            return
        queued = self.store.query(
            "SELECT run_id, owner, config_json FROM runs WHERE runner_id = ? AND status = ? "
            "ORDER BY created_at LIMIT ?",
            (self.runner_id, "queued", 50 * self.max_workers),
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
            slot = self._hand(run_id, (run_id, str(self.store.path), data))
        except Exception as error:
            self._finish(
                run_id,
                status="failed",
                error=f"could not start the worker: {type(error).__name__}: {error}",
            )
            return
        slot.owner = row["owner"]
        self.store.update_run(run_id, pid=slot.proc.pid)

    def _hand(self, run_id: str, job: tuple) -> Slot:
        """Send ``job`` to an idle worker, starting one if none is alive and listening."""
        while True:
            with self._lock:
                idle = [s for s in self._slots if s.run_id is None and s.proc.is_alive()]
                slot = idle[0] if idle else None
                if slot is not None:
                    slot.run_id, slot.started = run_id, time.monotonic()
            if slot is None:
                slot = self._spawn()
                with self._lock:
                    slot.run_id, slot.started = run_id, time.monotonic()
            try:
                slot.conn.send(job)
                return slot
            except OSError:  # it died while waiting: try the next one
                self._drop(slot)

    def _spawn(self) -> Slot:
        mine, theirs = self._ctx.Pipe(duplex=True)
        args = (theirs, os.getpid(), self.limits.niceness, self.limits.memory_mb)
        proc = start_process(self._ctx, target=worker.serve, args=args, name="gradlab-worker")
        theirs.close()  # the child holds its own copy; ours would keep the pipe open
        slot = Slot(proc, mine)
        with self._lock:
            self._slots.append(slot)
        return slot

    def _prestart(self) -> None:
        # only after a quiet moment: starting workers during training, or while the page draws
        # the results of runs that just ended, would take CPU from them
        with self._lock:
            if any(s.run_id for s in self._slots):
                self._idle_since = None
                return
            now = time.monotonic()
            self._idle_since = self._idle_since or now
            if now - self._idle_since < STANDBY_AFTER_IDLE_S:
                return
        self.fill()

    def fill(self) -> None:
        """Start workers until ``max_workers`` are alive (they import while they wait)."""
        with self._lock:
            missing = self.max_workers - len(self._slots)
        for _ in range(missing):
            self._spawn()
