"""The decision boundary while a run trains, as TensorFlow Playground draws it: a small grid of
the model's outputs every few epochs, stored as artifacts ``boundary@<epoch>`` (named in
``experiments.results.grids``).

How often is set by cost, not by a fixed epoch count: a grid is drawn after the first epoch
(the page's first picture), then only when the page could show a new one (``PERIOD_S``, its
poll) and the grids so far took at most ``SHARE`` of the run's time. So a fast run (hundreds of
epochs a second) draws one every ``PERIOD_S`` and a slow one every epoch or few, while the total
stays near ``SHARE`` of the training time (measured: ``bench/bench_live_boundary.py``).
"""

from __future__ import annotations

import time
from typing import Any

from experiments.results.grids import kind
from experiments.run.artifacts import boundary
from experiments.spec.data import ArrayData
from experiments.spec.tasks import Head

GRID = 40  # the final picture has 60 x 60; a live one refreshes, 40 x 40 shows the shape
PERIOD_S = 0.5  # the page polls twice a second: more grids would never be seen
SHARE = 0.05  # of the run's time spent on grids, at most (plus the first one)


class LiveBoundary:
    """Decides when to draw a grid and draws it.

    Parameters
    ----------
    model : fitted-in-place model with ``predict``
    data : ArrayData
        2-feature classification arrays.
    head : Head
        The output head (thresholds for a single unit).
    """

    def __init__(self, model: Any, data: ArrayData, head: Head) -> None:
        self.model, self.data, self.head = model, data, head
        self.started = time.perf_counter()
        self.spent = 0.0
        self.last = -float("inf")
        self.drawn: list[int] = []

    def due(self, epoch: int) -> bool:
        """Whether to draw after 0-based ``epoch``."""
        now = time.perf_counter()
        if not self.drawn:
            return True
        fresh = now - self.last >= PERIOD_S
        return fresh and self.spent <= SHARE * (now - self.started)

    def draw(self, epoch: int) -> dict[str, Any]:
        """``{kind: grid}`` after 0-based ``epoch``: ``x0``, ``x1``, ``proba``, ``pred`` and
        ``epoch`` (1-based), without the points."""
        start = time.perf_counter()
        grid = boundary(self.model, self.data, self.head, grid=GRID, with_points=False)
        grid["epoch"] = epoch + 1
        self.spend(start)
        self.drawn.append(epoch + 1)
        return {kind(epoch + 1): grid}

    def spend(self, since: float) -> None:
        """Count the time from ``since`` (a ``perf_counter`` reading) to now as spent on grids
        (drawing, and writing them to the store)."""
        self.last = time.perf_counter()
        self.spent += self.last - since
