"""Enter in a field applies it and never starts training (a real browser: AppTest has no keys).

Streamlit's Enter in a form's text or number input "clicks" the form's first submit button; the
comparison form has a Run at its top, so the first one must be Apply.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.dashboard import browser_support
from tests.dashboard.browser_support import _open, _screenshot

pytestmark = pytest.mark.browser

STORES: list[Path] = []


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from browser_support.serve(tmp_path_factory, prepare=STORES.append)


def _runs() -> int:
    if not STORES[-1].exists():
        return 0
    with sqlite3.connect(STORES[-1]) as conn:
        return conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0]


def test_enter_in_a_field_applies_and_does_not_train(server, browser) -> None:
    page = _open(browser, server)
    label = page.locator('input[aria-label="Label"]').first
    label.fill("typed then Enter")
    label.press("Enter")
    # the form was applied: the card's label now comes back from the server as typed
    page.wait_for_function(
        """() => [...document.querySelectorAll('input[aria-label="Label"]')]
            .some(i => i.value === 'typed then Enter')""",
        timeout=30_000,
    )
    page.wait_for_timeout(3000)  # a run, had one started, is in the store by now
    assert _runs() == 0
    assert "epochs ·" not in page.inner_text("body")
    _screenshot(page, "form-enter-applies")
    # the control: Run does start training, so the count above could have moved
    page.get_by_role("button", name="▶ Run", exact=True).first.click()
    page.wait_for_function("() => document.body.innerText.includes('epochs ·')", timeout=60_000)
    assert _runs() > 0


def test_a_typed_value_out_of_range_is_refused_beside_run(server, browser) -> None:
    """The browser refuses a typed value outside a number input's bounds with a tooltip and
    sends nothing (Run did nothing, said nothing): the inputs carry no bounds, so the value
    reaches validation, whose message shows at the field and beside the Run button."""
    page = _open(browser, server)
    before = _runs()
    epochs = page.locator('input[aria-label="Epochs"]').first
    epochs.fill("5000")
    page.get_by_role("button", name="▶ Run", exact=True).last.click()
    page.get_by_text("Run is blocked").first.wait_for(timeout=30_000)
    text = page.inner_text("body")
    assert "Epochs (epochs): received 5000" in text and "1000" in text
    page.wait_for_timeout(2000)
    assert _runs() == before  # nothing queued
    _screenshot(page, "form-typed-out-of-range")
