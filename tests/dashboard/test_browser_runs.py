"""The Runs page in headless Chromium over a 400-run sweep: table, parallel coordinates,
sensitivity plot and the tags form. The screenshot lands in artifacts/screenshots/."""

from __future__ import annotations

import pytest

from experiments import Store
from tests.dashboard import browser_support
from tests.dashboard.browser_support import _screenshot
from tests.synthetic_store import add_sweep

PARCOORDS_JS = "() => document.querySelectorAll('.js-plotly-plot .parcoords').length > 0"
BANDS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .some(el => (el._fullData || []).filter(t => t.mode === 'lines+markers').length === 4
    && (el._fullData || []).filter(t => t.fill === 'toself').length === 4)"""
ROW_H = 35  # glide data grid's default row height (the header row is as tall)


def _sweep(path) -> None:
    add_sweep(Store(path), seeds=20, epochs=30, owner="cli")  # 5 x 4 grid x 20 seeds


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app on loopback (so it shows every run) over a store holding the sweep."""
    yield from browser_support.serve(tmp_path_factory, prepare=_sweep)


def _tick_first_row(page) -> None:
    """Tick the table's first row: its checkbox is drawn on a canvas, so click the spot."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.hover()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 20, box["y"] + ROW_H * 1.5)


def test_runs_page_on_a_400_run_sweep(server, browser) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(f"{server}/runs")
    page.get_by_text("Matching groups: 1 · page 1 of 1").wait_for(timeout=60_000)
    page.locator('[data-testid="stRadio"] label').filter(has_text="Runs").click()
    page.get_by_text("Matching runs: 400 · page 1 of 8").wait_for(timeout=30_000)
    page.wait_for_function(PARCOORDS_JS, timeout=30_000)
    page.wait_for_function(BANDS_JS, timeout=30_000)  # one line per activation
    _tick_first_row(page)
    tags = page.get_by_label("Tags (comma-separated)", exact=True)
    tags.wait_for(timeout=30_000)
    tags.fill("promising, lr sweep")
    page.get_by_label("Note", exact=True).fill("lowest loss of the first page")
    page.get_by_role("button", name="Save tags and note").click()
    page.get_by_text("Tags and note saved.").wait_for(timeout=30_000)
    page.get_by_role("button", name="Open in Compare").wait_for()
    _screenshot(page, "runs-sweep-400")
    search = page.get_by_label("Search labels, tags and notes")
    search.fill("promising")
    search.press("Enter")
    page.get_by_text("Matching runs: 1 · page 1 of 1").wait_for(timeout=30_000)
    page.get_by_role("button", name="Open in Compare").click()
    page.get_by_text("Showing 1 stored runs opened from the Runs page.").wait_for(timeout=60_000)
    assert "Run the shared comparison" not in page.inner_text("body")
    page.close()
