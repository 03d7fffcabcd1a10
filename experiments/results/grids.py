"""Live decision-boundary grids in the store: their artifact names and the newest one per run.

A worker writes a grid every few epochs as artifact ``boundary@<epoch>`` (see
``experiments.run.live_boundary``), beside the training points (``points``, once) and, at the
end, the final ``boundary``. The page draws each variant's newest grid up to the epoch its
curves show, so a paused chart holds its boundary too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from experiments.results.store import Store

PREFIX = "boundary@"


def kind(epoch: int) -> str:
    """The artifact kind of the grid after 1-based ``epoch`` (zero-padded, so it sorts)."""
    return f"{PREFIX}{epoch:05d}"


def epoch_of(kind_name: str) -> int:
    """The 1-based epoch of a grid's artifact kind."""
    return int(kind_name[len(PREFIX) :])


def newest(store: Store, upto: Mapping[str, int]) -> dict[str, str]:
    """Run id -> kind of its newest grid at or before epoch ``upto[run_id]`` (runs with none
    are left out). One indexed look-up per run, no JSON read."""
    out = {}
    for run_id, epoch in upto.items():
        row = (
            store.connection()
            .execute(
                "SELECT MAX(kind) FROM artifacts WHERE run_id = ? AND kind > ? AND kind <= ?",
                (run_id, PREFIX, kind(epoch)),
            )
            .fetchone()
        )
        if row and row[0]:
            out[run_id] = row[0]
    return out


def read(store: Store, run_id: str, kind_name: str) -> dict[str, Any] | None:
    """One artifact's data, or None."""
    row = (
        store.connection()
        .execute("SELECT json FROM artifacts WHERE run_id = ? AND kind = ?", (run_id, kind_name))
        .fetchone()
    )
    return None if row is None else json.loads(row[0])
