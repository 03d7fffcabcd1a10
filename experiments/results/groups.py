"""Run groups: the comparison or sweep a run was submitted in.

A group id is ``"<kind>-<12 hex>"``; the kind is part of the id so the Runs page can tell a
comparison from a sweep in SQL (``substr``) without another table to keep in step. Runs of
stores written before groups existed have no group and are listed on their own.
"""

from __future__ import annotations

import uuid

COMPARISON, SWEEP = "comparison", "sweep"
KINDS = (COMPARISON, SWEEP)


def new_group_id(kind: str) -> str:
    """A fresh group id of ``kind`` (``comparison`` or ``sweep``)."""
    if kind not in KINDS:
        raise ValueError(f"group kind {kind!r} is unknown; accepted: {', '.join(KINDS)}")
    return f"{kind}-{uuid.uuid4().hex[:12]}"


def kind_of(group_id: str | None) -> str | None:
    """The kind in a group id (``None`` for a run without a group)."""
    if not group_id:
        return None
    kind = group_id.split("-", 1)[0]
    return kind if kind in KINDS else None


KIND_SQL = "substr(group_id, 1, instr(group_id, '-') - 1)"  # kind_of, in SQL
