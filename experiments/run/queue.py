"""How many runs may wait or train at once, and the checks of the Runner's own arguments.

A person's limit is one full comparison, so a reload or a second tab cannot queue a second one
while the first trains; the server's limit keeps the queue a few minutes long on two CPUs.
"""

from __future__ import annotations

from experiments.results.store import Store
from experiments.spec.bounded import shorten
from experiments.spec.config import MAX_RUNS_PER_PERSON

MAX_ACTIVE_PER_OWNER = MAX_RUNS_PER_PERSON  # one full comparison (budget.check_comparison)
MAX_ACTIVE_TOTAL = 160
MAX_GRACE_S = 3600.0


class QueueFullError(ValueError):
    """Too many queued or running runs, for one owner or for the whole server.

    ``rule`` (``"owner"`` or ``"server"``) and ``params`` (the counts and the limit) let a page
    word the English message in another language."""

    def __init__(self, message: str, rule: str = "", **params: int) -> None:
        super().__init__(message)
        self.rule, self.params = rule, params


def check_room(store: Store, limits: tuple[int, int], owner: str, adding: int) -> None:
    """Raise :class:`QueueFullError` unless ``adding`` more runs fit ``owner``'s and the server's
    limits (``limits`` = per owner, total), counting queued and running runs in ``store``."""
    per_owner, total = limits
    mine, everyone = store.count_active(owner), store.count_active()
    if mine + adding > per_owner:
        raise QueueFullError(
            f"owner {shorten(owner)} has {mine} queued or running runs and asked for "
            f"{adding} more; "
            f"the limit is {per_owner} per person. Wait for some to finish or cancel them.",
            "owner",
            active=mine,
            adding=adding,
            limit=per_owner,
        )
    if everyone + adding > total:
        raise QueueFullError(
            f"the server has {everyone} queued or running runs and {adding} more were asked "
            f"for; the limit is {total} in total. Please try again in a few minutes.",
            "server",
            active=everyone,
            adding=adding,
            limit=total,
        )


def check_arguments(
    max_workers: object, per_owner: object, total: object, cancel_grace_s: object
) -> None:
    """Raise ValueError, naming the argument, for a Runner built with unusable limits."""
    if max_workers is not None:
        _check_count("max_workers", max_workers)
    _check_count("max_active_per_owner", per_owner)
    _check_count("max_active_total", total)
    if not _is_real(cancel_grace_s) or not 0 <= cancel_grace_s <= MAX_GRACE_S:
        raise ValueError(
            f"cancel_grace_s: received {shorten(cancel_grace_s)}; accepted: a number of "
            f"seconds from 0 to {MAX_GRACE_S:g}"
        )


def _is_real(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _check_count(field: str, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{field}: received {shorten(value)}; accepted: an integer >= 1")
