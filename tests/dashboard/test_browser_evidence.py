"""In a real browser: seeds as evidence on the Compare page (bands, table, verdicts).

Two screenshots for the closing note: the optimizers lesson with 5 seeds per variant, and what a
learner reads for a difference that is not real (the same setup twice, only the seeds differ).
"""

from __future__ import annotations

import json
import re

import pytest

from dashboard import comparison, share
from experiments.spec.presets import PRESETS_BY_KEY
from tests.dashboard.browser_support import _screenshot

pytestmark = pytest.mark.browser

VERDICTS_JS = """() => [...document.querySelectorAll('[data-testid="stMarkdownContainer"] li')]
    .map(li => li.innerText)"""


def _open_link(browser, server: str, pairs, lesson: str | None = None):
    token = share.encode(pairs, comparison.defaults())
    url = f"{server}/?{share.PARAM}={token}" + (f"&{share.LESSON_PARAM}={lesson}" if lesson else "")
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(url)
    page.get_by_role("button", name="▶ Run the shared comparison").click(timeout=60_000)
    return page


def _wait_done(page, variants: int, epochs: int) -> None:
    done = json.dumps(f"{epochs}/{epochs} epochs · done")
    page.wait_for_function(
        f"() => document.body.innerText.split({done}).length - 1 >= {variants}", timeout=300_000
    )
    page.get_by_text("Is the difference real?").wait_for(timeout=60_000)
    page.wait_for_function(f"() => ({VERDICTS_JS})().length >= {variants - 1}", timeout=60_000)


def _verdicts(page) -> list[str]:
    # the page breaks auto-links with zero-width spaces after ":" (dashboard.plain.literal)
    return [re.sub(r"^\S+ ", "", line).replace("\u200b", "") for line in page.evaluate(VERDICTS_JS)]


def test_the_optimizers_lesson_with_five_seeds(server, browser) -> None:
    preset = PRESETS_BY_KEY["optimizers"]
    pairs = [(label, {**c.to_dict(), "repeats": 5}) for label, c in preset.variants]
    page = _open_link(browser, server, pairs, lesson="optimizers")
    epochs = preset.variants[0][1].epochs
    _wait_done(page, len(pairs), epochs)  # epochs per seed
    found = _verdicts(page)
    assert len(found) == len(pairs) - 1 and all("than SGD" in v or "vs SGD" in v for v in found)
    assert any(v.startswith("Adam is lower (better) than SGD by") for v in found), found
    # 4 comparisons: each ± is unadjusted, so each line names both p-values
    assert all("before adjustment" in v and "for 4 comparisons" in v for v in found), found
    assert page.get_by_text("Holm-adjusted for 4 comparisons").count() == 1
    print("\n".join(found))
    _screenshot(page, "compare-optimizers-5-seeds")


def test_a_difference_that_is_not_real(server, browser) -> None:
    base = {**PRESETS_BY_KEY["optimizers"].variants[-1][1].to_dict(), "repeats": 5}
    pairs = [("Adam, seeds 0-4", base), ("Adam, seeds 5-9", {**base, "seed": 5})]
    page = _open_link(browser, server, pairs)
    _wait_done(page, 2, base["epochs"])
    (verdict,) = _verdicts(page)
    print(verdict)
    assert verdict.startswith("Adam, seeds 5-9 vs Adam, seeds 0-4: not distinguishable with 5")
    _screenshot(page, "compare-not-distinguishable")
