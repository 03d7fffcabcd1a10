"""Session-wide hooks: the property tests' tally of door answers (tests/doors.py)."""

from __future__ import annotations

from tests.doors import TALLY


def pytest_terminal_summary(terminalreporter) -> None:
    if not TALLY:
        return
    terminalreporter.section("generated inputs per door")
    for door in sorted({door for door, _ in TALLY}):
        outcomes = {o: n for (d, o), n in TALLY.items() if d == door}
        total = sum(outcomes.values())
        detail = ", ".join(f"{n} {o}" for o, n in sorted(outcomes.items()))
        terminalreporter.write_line(f"{door}: {total} inputs: {detail}")
