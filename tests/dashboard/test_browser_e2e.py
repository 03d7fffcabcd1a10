"""End to end in a real browser: the served app runs a two-variant preset, exports and shares it.

Drives Debian's chromium through Playwright (no browser download). Skipped where
/usr/bin/chromium is missing, unless GRADLAB_REQUIRE_BROWSER=1 (CI), where that is a failure.
Screenshots of every page land in artifacts/screenshots/.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from experiments.spec.presets import LESSON_SEEDS, PRESETS_BY_KEY
from tests.dashboard.browser_support import _open, _screenshot, _wait_labels

pytestmark = pytest.mark.browser

PRESET_TITLE = "Step vs sigmoid (why a step cannot be trained)"
LABELS = ["step", "sigmoid"]
EPOCHS = PRESETS_BY_KEY["step"].variants[0][1].epochs  # the preset's own, whatever it is set to
PLOTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(
    el => (el.data || []).map(t => [t.type || 'scatter', String(t.name)]))"""


def _wait_plots(page, predicate: str, timeout: int = 90_000) -> list:
    try:
        page.wait_for_function(f"() => ({PLOTS_JS})().some(p => {predicate})", timeout=timeout)
    except Exception:
        _screenshot(page, "failure")  # what the page showed instead, for the CI artifacts
        raise
    return page.evaluate(PLOTS_JS)


def _wait_charts(page) -> list:
    """The page's plots once the heatmaps and the gap chart (its best-epoch star) are drawn:
    the charts arrive one by one, and a heatmap alone came before the gap chart under load."""
    _wait_plots(page, "p.some(t => t[0] === 'heatmap')")
    return _wait_plots(page, "p.some(t => String(t[1]).endsWith('best epoch'))")


def _check_charts(plots: list) -> None:
    loss = next(p for p in plots if any(name.endswith("· training") for _, name in p))
    names = [name for _, name in loss]
    assert sorted(n for n in names if n.endswith("· training")) == sorted(
        f"{label} · training" for label in LABELS
    )
    assert sum(n.endswith("· validation") for n in names) == 2
    heatmaps = [p for p in plots if p and all(kind == "heatmap" for kind, _ in p)]
    # one gradient panel per variant first (then the dead units, once the runs finished)
    assert sorted(name for p in heatmaps[: len(LABELS)] for _, name in p) == sorted(LABELS)
    assert any(any(name.endswith("best epoch") for _, name in p) for p in plots)


def test_preset_runs_exports_and_shares(server, browser, tmp_path) -> None:
    page = _open(browser, server)
    page.get_by_role("combobox", name="Lesson preset").click()
    page.get_by_role("option", name=PRESET_TITLE).click()
    page.get_by_role("button", name="Load preset").click()
    _wait_labels(page, LABELS)
    page.get_by_role("button", name="▶ Run", exact=True).first.click()
    done = json.dumps(f"{EPOCHS}/{EPOCHS} epochs · done")
    page.wait_for_function(
        f"() => document.body.innerText.split({done}).length - 1 >= 2", timeout=120_000
    )
    _check_charts(_wait_charts(page))
    _screenshot(page, "compare")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    csv_path = tmp_path / "comparison.csv"
    download.value.save_as(csv_path)
    csv = pd.read_csv(csv_path)
    assert len(csv) == len(LABELS) * LESSON_SEEDS * EPOCHS * 2  # run x epoch x split
    assert sorted(csv["label"].unique()) == sorted(LABELS)

    assert "c=" in page.url
    shared = _open(browser, page.url)
    shared.get_by_text("Showing the stored runs of this link.").wait_for(timeout=60_000)
    _wait_labels(shared, LABELS)
    _check_charts(_wait_charts(shared))
    _screenshot(shared, "compare-shared-link")

    # a fresh visitor uploads the CSV and sees the same comparison without training
    viewer = _open(browser, server)
    viewer.locator("input[type=file]").set_input_files(str(csv_path))
    viewer.get_by_text("nothing retrained").wait_for(timeout=60_000)
    _check_charts(_wait_charts(viewer))
    _screenshot(viewer, "compare-uploaded-csv")


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("activations", "Activation functions and their derivatives"),
        ("backprop", "Backpropagation, step by step"),
    ],
)
def test_other_pages_render(server, browser, path: str, heading: str) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(f"{server}/{path}")
    page.get_by_text(heading).wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    assert not page.get_by_text("Something went wrong").count()
    if path == "backprop":  # the seed's E_total after the step, below the network diagram
        page.get_by_text("0.02323634").first.wait_for(timeout=30_000)
    _screenshot(page, path)


# the charts on show: while a rerun replaces a chart, Streamlit keeps the old one hidden
SHOWN_PLOTS_JS = """[...document.querySelectorAll('.js-plotly-plot')]
    .filter(el => el.getClientRects().length > 0 && el._fullLayout)"""
# points on the overfitting gap chart's first line: grows with every live refresh
GAP_POINTS_JS = f"""() => {{ const gap = {SHOWN_PLOTS_JS}.find(
    el => (el.data || []).some(t => String(t.name).endsWith('best epoch')));
    return gap ? gap._fullData[0]._length : 0; }}"""
LOSS_AXIS_JS = f"""() => {SHOWN_PLOTS_JS}.map(el => el._fullLayout.yaxis)
    .filter(y => String(y.title.text).startsWith('loss')).map(y => y.type)"""
EPOCH_TEXT_JS = "() => (document.body.innerText.match(/\\d+(?=\\/\\d+ epochs)/g) || []).join(',')"


def test_live_charts_refresh_while_training_and_hold_still_when_paused(server, browser) -> None:
    page = _open(browser, server)
    # long enough to look at on any machine (the test cancels the runs when done)
    page.get_by_label("Epochs").last.wait_for()
    page.get_by_label("Samples").fill("5000")
    for label, value in (("Epochs", "1000"), ("Mini-batch size", "8")):
        for box in page.get_by_label(label).all():
            box.fill(value)
    page.get_by_role("button", name="▶ Run", exact=True).first.click()
    page.wait_for_function(f"() => ({GAP_POINTS_JS})() > 0", timeout=60_000)
    first = page.evaluate(GAP_POINTS_JS)
    # the fragment polls the store: the charts grow without any input
    page.wait_for_function(f"() => ({GAP_POINTS_JS})() > {first}", timeout=30_000)
    # the log toggle reruns its own fragment inside the polling one: both go on working
    page.get_by_text("Log-scale loss").click()
    page.wait_for_function(f"() => ({LOSS_AXIS_JS})().join() === 'log'", timeout=30_000)
    logged = page.evaluate(GAP_POINTS_JS)
    page.wait_for_function(f"() => ({GAP_POINTS_JS})() > {logged}", timeout=30_000)
    assert page.evaluate(LOSS_AXIS_JS) == ["log"]
    page.get_by_text("Pause charts").click()
    page.wait_for_timeout(1500)  # a poll already under way may still land
    held, epochs = page.evaluate(GAP_POINTS_JS), page.evaluate(EPOCH_TEXT_JS)
    _screenshot(page, "compare-training-paused")
    page.wait_for_timeout(2000)
    assert page.evaluate(GAP_POINTS_JS) == held
    assert page.evaluate(EPOCH_TEXT_JS) != epochs  # the progress bars go on
    page.get_by_text("Pause charts").click()
    page.wait_for_function(f"() => ({GAP_POINTS_JS})() > {held}", timeout=30_000)
    for button in page.get_by_role("button", name="Cancel").all():
        button.click()
    page.wait_for_function(
        "() => document.body.innerText.split('· cancelled').length - 1 >= 2", timeout=60_000
    )
