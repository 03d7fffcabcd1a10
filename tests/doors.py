"""A tally of how each door answered the generated inputs of the property tests (issue 15).

``answered(door, outcome)`` counts one input; the counts are printed at the end of a pytest run
(``tests/conftest.py``), so a closing note can say how many inputs each door was tried with.
"""

from __future__ import annotations

from collections import Counter

TALLY: Counter[tuple[str, str]] = Counter()
MAX_MESSAGE = 700  # no door's message may echo more than this, whatever the input


def answered(door: str, outcome: str) -> None:
    """Count one generated input of ``door`` and how it was answered."""
    TALLY[door, outcome] += 1


def refused(door: str, error: BaseException) -> None:
    """Count a refusal, checking that its message is bounded."""
    assert len(str(error)) <= MAX_MESSAGE, f"{door}: {len(str(error))} characters"
    answered(door, f"refused ({type(error).__name__})")
