"""Who owns which runs: runner registration, liveness, and the clean-up of dead owners' runs."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import time
from pathlib import Path

from experiments.results.schema import ACTIVE
from experiments.results.store import Store


def pid_alive(pid: int) -> bool:
    """Whether ``pid`` is a live (not zombie) process on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError, IndexError):
        # a killed but unreaped process still answers kill(pid, 0); its state letter is Z
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return True


def describe_exit(code: int | None) -> str:
    """``"worker exited with code -9 (killed by SIGKILL)"`` and the like."""
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"worker exited with code {code} (killed by {signal.Signals(-code).name})"
        return f"worker exited with code {code} (killed by signal {-code})"
    return f"worker exited with code {code} without recording a final status"


def register_runner(store: Store, runner_id: str) -> None:
    """Record a runner (this process) as the owner of the runs it will submit."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO runners (runner_id, pid, host, started_at) VALUES (?, ?, ?, ?)",
            (runner_id, os.getpid(), socket.gethostname(), time.time()),
        )


def retire_runner(store: Store, runner_id: str) -> None:
    """Mark a runner stopped."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE runners SET stopped_at = ? WHERE runner_id = ?", (time.time(), runner_id)
        )


def mark_interrupted(store: Store, runner_id: str, reason: str) -> list[str]:
    """Mark every queued or running run of ``runner_id`` interrupted; return their ids."""
    rows = store.query(
        f"SELECT run_id FROM runs WHERE runner_id = ? AND status IN {ACTIVE!r}", (runner_id,)
    )
    marked = []
    for row in rows:
        if store.update_run(
            row["run_id"],
            only_if=ACTIVE,
            status="interrupted",
            error=reason,
            finished_at=time.time(),
        ):
            marked.append(row["run_id"])
    return marked


def interrupt_dead_owners(store: Store, live_here: set[str]) -> list[str]:
    """Mark runs left queued or running by runners that no longer exist as interrupted.

    A runner is alive when it has not been retired and its process is alive on this host (and,
    for this very process, when it is one of ``live_here``).
    """
    rows = store.query(
        "SELECT DISTINCT runs.runner_id, runners.pid, runners.host, runners.stopped_at "
        "FROM runs LEFT JOIN runners ON runs.runner_id = runners.runner_id "
        f"WHERE runs.status IN {ACTIVE!r}"
    )
    host, marked = socket.gethostname(), []
    for row in rows:
        pid = row["pid"]
        if row["host"] not in (None, host):
            continue  # another machine's runner: we cannot tell, so leave its runs alone
        alive = pid is not None and row["stopped_at"] is None and pid_alive(pid)
        if alive and pid == os.getpid():
            alive = row["runner_id"] in live_here
        if not alive:
            reason = f"owner process {pid} exited while the run was queued or running"
            marked += mark_interrupted(store, row["runner_id"], reason)
    return marked
