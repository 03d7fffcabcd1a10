"""What the runner's dispatcher sleeps on: a ring from another thread or a worker's answer."""

from __future__ import annotations

import contextlib
import os
import time
import weakref
from collections.abc import Sequence
from multiprocessing import connection
from typing import Any


class Doorbell:
    """A pipe that :meth:`set` rings from any thread; :meth:`wait` returns at a ring, when one
    of the given connections or process sentinels is ready, or after ``timeout``.

    Waiting on the workers' pipes instead of sleeping a fixed round lets the dispatcher hand a
    worker its next run as soon as it answers: with 0.1 s rounds a worker waited 50 ms on
    average between runs, a quarter of a small sweep run.
    """

    def __init__(self) -> None:
        self._read, self._write = os.pipe()
        for fd in (self._read, self._write):
            os.set_blocking(fd, False)
        weakref.finalize(self, _close, self._read, self._write)

    def set(self) -> None:
        """Ring: the next (or current) :meth:`wait` returns at once."""
        with contextlib.suppress(OSError):  # a full pipe has rung already
            os.write(self._write, b"\0")

    def wait(self, objects: Sequence[Any], timeout: float) -> None:
        """Sleep until a ring, one of ``objects`` is ready, or ``timeout`` seconds."""
        try:
            ready = connection.wait([self._read, *objects], timeout)
        except (OSError, ValueError):  # a connection closed meanwhile: sleep the round
            time.sleep(timeout)
            return
        if self._read in ready:
            with contextlib.suppress(OSError):
                os.read(self._read, 4096)


def _close(*fds: int) -> None:
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)
