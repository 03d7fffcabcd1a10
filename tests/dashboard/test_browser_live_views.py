"""In a real browser while runs train: the decision boundary is redrawn with its epoch, and the
"Show variants" choice holds across the live refreshes (a plotly legend click would not)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard import share
from dashboard.comparison import defaults
from experiments import ExperimentConfig
from tests.dashboard.browser_support import _screenshot

pytestmark = pytest.mark.browser

# long enough to watch (about 30 s on 2 busy cores), small enough to start at once
BASE = {"hidden_layers": (16, 16), "epochs": 1000, "n_samples": 3000, "batch_size": 8}
LABELS = ["tanh", "relu"]
TITLES_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .map(el => el.layout && el.layout.title && el.layout.title.text).filter(Boolean)"""
NAMES_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .flatMap(el => (el.data || []).map(t => String(t.name)))"""
RUNNING_JS = "() => document.body.innerText.includes('epochs · running')"


def _epochs(page) -> dict[str, int]:
    out = {}
    for title in page.evaluate(TITLES_JS):
        match = re.fullmatch(r"(.+) · epoch (\d+)", title)
        if match:
            out[match[1]] = int(match[2])
    return out


def _still_running(page) -> bool:
    """True once a progress bar says "running" within a few seconds: a refresh redraws the bars,
    and for a moment the page has none (the runs take minutes, so a few seconds prove nothing
    finished)."""
    try:
        page.wait_for_function(RUNNING_JS, timeout=5_000)
    except PlaywrightTimeout:
        return False
    return True


def test_live_boundary_and_variant_choice(server, browser) -> None:
    pairs = [(a, ExperimentConfig(activation=a, **BASE).to_dict()) for a in LABELS]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/?{share.PARAM}={share.encode(pairs, defaults())}")
    page.get_by_role("button", name="▶ Run", exact=True).first.click(timeout=60_000)
    page.wait_for_function(
        f"() => {{ const t = ({TITLES_JS})(); return {LABELS!r}.every("
        "l => t.some(s => s.startsWith(l + ' · epoch '))) }",
        timeout=60_000,
    )
    first = _epochs(page)
    assert _still_running(page), "the runs finished before the first live panel"
    _screenshot(page, "compare-live-boundary")
    # a later poll brings a newer grid into the same panel, while the runs still train
    page.wait_for_function(
        f"() => {{ const t = ({TITLES_JS})().join('|'); "
        f"const m = t.match(/tanh · epoch (\\d+)/); return m && +m[1] > {first['tanh']} }}",
        timeout=60_000,
    )
    assert _still_running(page)
    # hide relu from the curves: the choice holds across several refreshes
    page.get_by_role("button", name="relu", exact=True).first.click()
    page.wait_for_function(f"() => !({NAMES_JS})().includes('relu · validation')")
    page.wait_for_timeout(2_000)  # four polls
    names = page.evaluate(NAMES_JS)
    assert "tanh · validation" in names and "relu · validation" not in names
    assert _still_running(page), "the runs finished: the refreshes were not tested"
    _screenshot(page, "compare-live-show-variants")
    page.close()


VISIBLE_JS = """() => document.querySelector('.js-plotly-plot').data
    .filter(t => t.hoverinfo !== 'skip')
    .map(t => [t.name, t.visible === undefined || t.visible === true])"""


def test_finished_charts_legend_hides_and_isolates(server, browser) -> None:
    base = {**BASE, "epochs": 20, "n_samples": 300, "batch_size": 32}
    labels = ["tanh", "relu", "sigmoid"]
    pairs = [(a, ExperimentConfig(activation=a, **base).to_dict()) for a in labels]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/?{share.PARAM}={share.encode(pairs, defaults())}")
    page.get_by_role("button", name="▶ Run", exact=True).first.click(timeout=60_000)
    page.wait_for_function(
        "() => document.body.innerText.split('20/20 epochs · done').length - 1 >= 3",
        timeout=120_000,
    )
    page.wait_for_function("() => document.querySelector('.js-plotly-plot')?.layout?.showlegend")
    loss = page.locator(".js-plotly-plot").first
    loss.locator(".legendtoggle").first.click()  # hides tanh's two lines
    page.wait_for_timeout(500)
    shown = dict(page.evaluate(VISIBLE_JS))
    assert not shown["tanh · training"] and not shown["tanh · validation"]
    assert shown["relu · validation"] and shown["sigmoid · validation"]
    loss.locator(".legendtoggle").nth(1).dblclick()  # isolates relu
    page.wait_for_timeout(500)
    shown = dict(page.evaluate(VISIBLE_JS))
    assert [name for name, visible in shown.items() if visible] == [
        "relu · training",
        "relu · validation",
    ]
    page.close()
