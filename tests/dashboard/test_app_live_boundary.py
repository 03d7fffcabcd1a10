"""AppTest: the decision boundary is redrawn while the runs train, naming its epoch."""

from __future__ import annotations

import re
import time

import pytest

from dashboard import runtime, state
from experiments.results import grids
from tests.dashboard.apptest_support import figures, open_page, run_long, traces

pytestmark = pytest.mark.usefixtures("app_store")


def _panels(at) -> dict[str, int]:
    """Boundary panels on the page: variant label -> the epoch in its title."""
    out = {}
    for figure in figures(at):
        if any(t.get("type") == "contour" for t in traces(figure)):
            title = figure["layout"]["title"]["text"]
            label, epoch = re.fullmatch(r"(.+) · epoch (\d+)", title).groups()
            out[label] = int(epoch)
    return out


def _wait_for_grid_after(run_ids: list[str], epoch: int) -> None:
    deadline = time.monotonic() + 60
    while True:
        found = grids.newest(runtime.store(), dict.fromkeys(run_ids, 10**6))
        if len(found) == len(run_ids) and all(grids.epoch_of(k) > epoch for k in found.values()):
            return
        assert time.monotonic() < deadline, f"no grid after epoch {epoch}: {found}"
        time.sleep(0.05)


def test_the_boundary_panels_follow_the_training() -> None:
    at = open_page()
    run_ids = run_long(at)
    _wait_for_grid_after(run_ids, 1)
    at.run()
    first = _panels(at)
    assert set(first) == {"sigmoid", "relu"}
    assert any("redrawn every few epochs" in c.value for c in at.caption)
    # each panel is the newest grid up to the epoch the curves show, never ahead of them
    drawn = at.session_state[state.DRAWN].snapshot.tracks
    for run_id, label in at.session_state[state.RUN_IDS].items():
        assert 1 < first[label] <= drawn[run_id].epochs_done
    _wait_for_grid_after(run_ids, max(first.values()))
    at.run()
    later = _panels(at)
    assert all(later[label] > first[label] for label in first)
