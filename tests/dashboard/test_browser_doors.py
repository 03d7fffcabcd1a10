"""In a real browser: hostile labels from a share link stay text, a formula label is neutralised in
the downloaded CSV, and "vary one knob" with a depth of 20 million is refused with a short message.

Uses the served app and Chromium of the end-to-end test (its module-scoped fixtures).
"""

from __future__ import annotations

import urllib.parse

import pandas as pd
import pytest

from dashboard import comparison, share
from tests.dashboard.browser_support import _open, _screenshot, _wait_labels

pytestmark = pytest.mark.browser

IMAGE = "![p](https://example.com/x.png)"
FORMULA = "=HYPERLINK(1)"
SMALL = {"dataset": "moons", "n_samples": 100, "epochs": 2, "hidden_layers": [4]}


def _link(server: str) -> str:
    pairs = [(IMAGE, SMALL), (FORMULA, {**SMALL, "activation": "tanh"})]
    token = share.encode(pairs, comparison.defaults())
    return f"{server}/?{share.PARAM}={urllib.parse.quote(token)}"


def test_hostile_labels_stay_text_and_the_csv_neutralises_formulas(server, browser, tmp_path):
    page = _open(browser, _link(server))
    _wait_labels(page, [IMAGE, FORMULA])
    page.wait_for_timeout(1000)
    # the label is drawn as its own characters: no remote image, no link
    assert page.locator("img[src*='example.com']").count() == 0
    assert page.locator("a[href*='example.com']").count() == 0
    titles = page.locator("[data-testid=stMarkdownContainer] strong").all_inner_texts()
    assert any(t.replace("\u200b", "") == IMAGE for t in titles), titles  # its own characters
    page.get_by_role("button", name="▶ Run", exact=True).first.click()
    page.get_by_text("2/2 epochs · done").nth(1).wait_for(timeout=90_000)
    _screenshot(page, "compare-hostile-labels")
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download CSV").click()
    path = tmp_path / "hostile.csv"
    download.value.save_as(path)
    labels = set(pd.read_csv(path)["label"])
    assert f"'{FORMULA}" in labels and FORMULA not in labels  # a spreadsheet shows it as text
    assert IMAGE in labels


def test_a_depth_of_twenty_million_is_refused_with_a_short_message(server, browser) -> None:
    page = _open(browser, server)
    page.get_by_text("Manage variants").click()  # the knob picker is folded in this expander
    page.get_by_label("Field").click()
    page.keyboard.type("(depth)")  # the option list is virtual: filter it to the one wanted
    page.get_by_role("option", name="Hidden layers (depth)").click()
    values = page.get_by_label("Values (comma-separated)")
    values.fill("20000000, 2")
    values.press("Enter")
    page.get_by_role("button", name="Make variants").click()
    alert = page.get_by_text("depth: received").first
    alert.wait_for(timeout=30_000)
    assert len(alert.inner_text()) < 400
    assert not page.get_by_text("Something went wrong").count()
    _screenshot(page, "compare-vary-depth-refused")
