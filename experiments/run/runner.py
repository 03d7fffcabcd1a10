"""Background training: reused spawned worker processes fed by a dispatcher thread.

``submit`` only validates and inserts queued rows, then returns; a daemon thread hands queued
runs to at most ``max_workers`` long-lived spawned processes (never fork: the dashboard's server
is threaded), collects their outcomes, enforces cancel deadlines and the work budget, cancels the
runs of owners gone quiet, and on shutdown terminates every child.
"""

from __future__ import annotations

import atexit
import logging
import os
import socket
import threading
import time
import uuid
import weakref
from collections.abc import Sequence

from experiments.results import groups
from experiments.results.schema import ACTIVE, FINISHED
from experiments.results.store import Store
from experiments.run import budget, owners, queue
from experiments.run.doorbell import Doorbell
from experiments.run.pool import Limits, WorkerPool
from experiments.run.queue import MAX_ACTIVE_PER_OWNER, MAX_ACTIVE_TOTAL
from experiments.run.worker import WORKER_NICENESS
from experiments.spec.bounded import shorten
from experiments.spec.config import ExperimentConfig
from experiments.spec.data import load_arrays
from experiments.spec.errors import ConfigError
from experiments.spec.validation import validate

log = logging.getLogger(__name__)
# an owner that touched the runner and then went quiet this long (tab closed) loses its runs
OWNER_GONE_S = 120.0
_LIVE: weakref.WeakSet[Runner] = weakref.WeakSet()


class Runner:
    """Run configs in background processes and record them in ``store``.

    Parameters
    ----------
    store : Store or path
    max_workers : int, optional
        Concurrent worker processes; default :func:`~.budget.worker_count` (the CPU quota or
        ``$GRADLAB_WORKERS``).
    max_active_per_owner, max_active_total : int
        Limits on queued plus running runs, checked by :meth:`submit`.
    cancel_grace_s : float
        How long a cancelled run may take to stop by itself before it is terminated.
    max_run_s, memory_mb, max_work : optional
        The work budget (see :mod:`~.budget`); None lifts a bound.
    niceness : int
        Added to the workers' niceness: 10 under the page, 0 for headless runs.
    start_workers : bool
        Start the workers now rather than on the first run: a command that submits at once
        (the CLI) lets their start-up overlap its own imports and data preparation.
    """

    def __init__(
        self,
        store: Store | str | os.PathLike,
        max_workers: int | None = None,
        *,
        max_active_per_owner: int = MAX_ACTIVE_PER_OWNER,
        max_active_total: int = MAX_ACTIVE_TOTAL,
        cancel_grace_s: float = 3.0,
        max_run_s: float | None = budget.MAX_RUN_S,
        memory_mb: int | None = budget.MEMORY_LIMIT_MB,
        max_work: int | None = budget.MAX_WORK,
        niceness: int = WORKER_NICENESS,
        start_workers: bool = False,
    ) -> None:
        queue.check_arguments(max_workers, max_active_per_owner, max_active_total, cancel_grace_s)
        self.store = store if isinstance(store, Store) else Store(store)
        self.max_workers = max_workers or budget.worker_count()
        self.limits = (max_active_per_owner, max_active_total)
        self.cancel_grace_s, self.max_work = cancel_grace_s, max_work
        self.runner_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        limits = Limits(max_run_s, memory_mb, niceness, cancel_grace_s)
        self._pool = WorkerPool(self.store, self.runner_id, self.max_workers, limits)
        if start_workers:
            self._pool.fill()
        self._seen: dict[str, float] = {}  # owner -> last touch (monotonic)
        log.info("gradlab runner %s: %d workers", self.runner_id, self.max_workers)
        self._lock = threading.Lock()
        self._wake, self._stop = Doorbell(), threading.Event()
        owners.register_runner(self.store, self.runner_id)
        _LIVE.add(self)
        self.interrupted = owners.interrupt_dead_owners(
            self.store, {r.runner_id for r in list(_LIVE) if not r._stop.is_set()}
        )
        self._thread = threading.Thread(target=self._loop, daemon=True, name="gradlab-dispatch")
        self._thread.start()

    # --- public API -------------------------------------------------------------------------

    def submit(
        self,
        configs: ExperimentConfig | Sequence[ExperimentConfig],
        owner: str,
        labels: Sequence[str] | None = None,
        group_id: str | None = None,
    ) -> list[str]:
        """Queue each config (``repeats`` runs, seeds ``seed, seed + 1, ...``); return at once.

        The runs form one group, ``group_id`` (default: a new comparison), on the Runs page.

        Raises
        ------
        ConfigError
            A config is invalid (nothing is queued).
        QueueFullError
            The owner or the server would exceed its limit of queued plus running runs.
        """
        if self._stop.is_set():
            raise RuntimeError("this Runner was shut down; create a new one to submit runs")
        configs = [configs] if isinstance(configs, ExperimentConfig) else list(configs)
        if not isinstance(owner, str) or not owner.strip():
            raise ConfigError("owner", f"received {shorten(owner)}; accepted: a non-empty string")
        labels = list(labels) if labels is not None else [c.config_id for c in configs]
        if len(labels) != len(configs):
            raise ConfigError("labels", f"received {len(labels)} for {len(configs)} configs")
        for config in configs:
            validate(config)
            if self.max_work is not None:
                budget.check(config, self.max_work)
        group_id = group_id or groups.new_group_id(groups.COMPARISON)
        rows = self._rows(configs, owner, labels, group_id)
        with self._lock:
            queue.check_room(self.store, self.limits, owner, len(rows))
            self.store.insert_runs(rows)
        self._wake.set()
        return [row["run_id"] for row in rows]

    def cancel(self, run_id: str, owner: str) -> bool:
        """Stop ``owner``'s run: a queued one at once, a running one after its epoch (or the
        grace period). Returns False when the run had already finished.

        Raises
        ------
        PermissionError
            The run belongs to another owner.
        """
        if self.store.get_run(run_id)["owner"] != owner:
            raise PermissionError(f"run {run_id!r} belongs to another owner than {owner!r}")
        now = time.time()
        if self.store.update_run(run_id, only_if=("queued",), status="cancelled", finished_at=now):
            return True
        if not self.store.update_run(run_id, only_if=("running",), cancel_requested=1):
            return False
        self._pool.set_deadline(run_id)
        self._wake.set()
        return True

    def wait(self, run_ids: Sequence[str], timeout: float | None = None) -> bool:
        """Block until all ``run_ids`` are finished; False on timeout."""
        end = None if timeout is None else time.monotonic() + timeout
        wanted = sorted(set(run_ids))
        sql = f"SELECT status FROM runs WHERE run_id IN ({', '.join('?' * len(wanted))})"
        while end is None or time.monotonic() < end:
            rows = self.store.query(sql, wanted)  # SQL, not frames: no pandas in the CLI
            if len(rows) == len(wanted) and all(r["status"] in FINISHED for r in rows):
                return True
            time.sleep(0.05)
        return False

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop dispatching, terminate and join every worker, mark unfinished runs interrupted."""
        if self._stop.is_set():
            return
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)
        self._pool.stop_all(timeout)
        owners.mark_interrupted(self.store, self.runner_id, "the runner was shut down")
        owners.retire_runner(self.store, self.runner_id)

    def active_processes(self) -> dict[str, int]:
        """``{run_id: pid}`` of the workers alive now."""
        return self._pool.active()

    def standby_processes(self) -> list[int]:
        """Pids of the started workers waiting for the next runs."""
        return self._pool.idle_pids()

    @property
    def store_error(self) -> str | None:
        """Why the last final status could not be written (None when the store writes)."""
        return self._pool.store_error

    def touch(self, owner: str) -> None:
        """``owner`` is still there (a page calls this on each poll); an owner that touched
        once and then stays quiet for :data:`OWNER_GONE_S` has its active runs cancelled."""
        with self._lock:
            self._seen[owner] = time.monotonic()

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()

    # --- dispatcher -------------------------------------------------------------------------

    def _rows(self, configs: list, owner: str, labels: list[str], group_id: str) -> list[dict]:
        """New ``runs`` rows: one per config and repeat, in submission order."""
        now = time.time()
        rows = [
            {
                "run_id": uuid.uuid4().hex[:12],
                "owner": owner,
                "label": label,
                "config_id": config.config_id,
                "config_json": config.to_json(),
                "repeat": k,
                "seed": config.seed + k,
                "status": "queued",
                "runner_id": self.runner_id,
                "group_id": group_id,
            }
            for config, label in zip(configs, labels, strict=True)
            for k in range(config.repeats)
        ]
        for i, row in enumerate(rows):
            row["created_at"] = now + 1e-6 * i  # keeps submission order in ORDER BY created_at
        return rows

    def _loop(self) -> None:
        try:
            # import the data stack now, not on the first submit: it costs about a second
            load_arrays(ExperimentConfig())
        except Exception:
            log.exception("gradlab dispatcher warm-up")
        while not self._stop.is_set():
            try:
                self._cancel_gone_owners()
                self._pool.tick()
            except Exception:  # the dispatcher must outlive one bad run or a busy database
                log.exception("gradlab dispatcher")
            self._wake.wait(self._pool.listening(), 0.1)
        # this thread's connection, closed here: left to the end of the thread, it was at times
        # still open when the CLI closed its own and exited (os._exit), so the store's
        # write-ahead log stayed beside it
        self.store.close()

    def _cancel_gone_owners(self) -> None:
        now = time.monotonic()
        with self._lock:
            gone = [o for o, seen in self._seen.items() if now - seen > OWNER_GONE_S]
            for owner in gone:
                del self._seen[owner]
        for owner in gone:
            rows = self.store.query(
                "SELECT run_id FROM runs WHERE runner_id = ? AND owner = ? "
                f"AND status IN {ACTIVE!r}",
                (self.runner_id, owner),
            )
            for row in rows:
                log.info("gradlab: %s gone for %.0f s: cancelling %s", owner, OWNER_GONE_S,
                         row["run_id"])  # fmt: skip
                self.cancel(row["run_id"], owner)


@atexit.register
def _shutdown_all() -> None:
    # runs before multiprocessing's own exit hook, so runs are marked, not silently killed
    for runner in list(_LIVE):
        runner.shutdown()
