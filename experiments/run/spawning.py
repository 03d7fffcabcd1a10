"""A spawn-context process that skips re-running the parent's ``__main__`` in the child.

multiprocessing's spawn start method re-executes the parent's main script in every child, so
that functions defined there can be unpickled. Our worker target lives in an importable module,
and under ``streamlit run`` the main script is Streamlit's launcher, whose imports cost about
0.8 s per worker, more than half of the first-live-point budget. This process class sends the
same preparation data minus the main-module entries. It relies on CPython's
``popen_spawn_posix`` internals, so :func:`start_process` falls back to the standard spawn
process if they ever change.
"""

from __future__ import annotations

import io
import logging
import os
from multiprocessing import popen_spawn_posix, reduction, spawn, util
from multiprocessing.context import SpawnContext, SpawnProcess, set_spawning_popen
from typing import Any

log = logging.getLogger(__name__)
MAIN_KEYS = ("init_main_from_path", "init_main_from_name")


class _LeanPopen(popen_spawn_posix.Popen):
    def _launch(self, process_obj: Any) -> None:
        from multiprocessing import resource_tracker

        tracker_fd = resource_tracker.getfd()
        self._fds.append(tracker_fd)
        prep_data = spawn.get_preparation_data(process_obj._name)
        for key in MAIN_KEYS:
            prep_data.pop(key, None)
        fp = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, fp)
            reduction.dump(process_obj, fp)
        finally:
            set_spawning_popen(None)
        parent_r = child_w = child_r = parent_w = None
        try:
            parent_r, child_w = os.pipe()
            child_r, parent_w = os.pipe()
            cmd = spawn.get_command_line(tracker_fd=tracker_fd, pipe_handle=child_r)
            self._fds.extend([child_r, child_w])
            self.pid = util.spawnv_passfds(spawn.get_executable(), cmd, self._fds)
            self.sentinel = parent_r
            with open(parent_w, "wb", closefd=False) as f:
                f.write(fp.getbuffer())
        finally:
            self.finalizer = util.Finalize(
                self, util.close_fds, [fd for fd in (parent_r, parent_w) if fd is not None]
            )
            for fd in (child_r, child_w):
                if fd is not None:
                    os.close(fd)


class LeanSpawnProcess(SpawnProcess):
    """``SpawnProcess`` whose child does not re-import the parent's ``__main__``."""

    @staticmethod
    def _Popen(process_obj: Any) -> _LeanPopen:
        return _LeanPopen(process_obj)


def start_process(ctx: SpawnContext, **kwargs: Any) -> SpawnProcess:
    """Start a daemon spawn process (lean if possible) with ``Process(**kwargs)``."""
    try:
        proc: SpawnProcess = LeanSpawnProcess(daemon=True, **kwargs)
        proc.start()
    except (AttributeError, TypeError, ImportError) as error:
        log.warning("lean spawn unavailable (%s); using the standard spawn start", error)
        proc = ctx.Process(daemon=True, **kwargs)
        proc.start()
    return proc
