"""A learner's walk through the served app in a real browser (issue 14).

Every dataset picked and run from the form; every lesson preset run to completion with its
outcome read off the page and checked against its explanation (the claims of
``tests/experiments/test_preset_outcomes.py``, for the preset's own seed); a share link with
out-of-range values; a results CSV round-tripped through pandas and uploaded back; a phone and a
projector. Full-page screenshots of each step land in artifacts/screenshots/.
"""

from __future__ import annotations

import json
import math
import time

import pandas as pd
import pytest

from dashboard import comparison, share
from datasets import DATASETS
from experiments.spec.presets import PRESETS, PRESETS_BY_KEY
from tests.dashboard import walk_support as walk
from tests.dashboard.browser_support import _open, _wait_labels

pytestmark = pytest.mark.browser

RUN = "▶ Run"


def _load(page, key: str) -> list[str]:
    preset = PRESETS_BY_KEY[key]
    walk.pick(page, "Lesson preset", preset.title)
    page.get_by_role("button", name="Load preset").click()
    labels = [label for label, _ in preset.variants]
    _wait_labels(page, labels)
    return labels


def _run(page) -> None:
    page.get_by_role("button", name=RUN, exact=True).first.click()


def test_every_dataset_is_picked_and_run_from_the_form(server, browser) -> None:
    page = _open(browser, server)
    labels = [label for label, _ in PRESETS_BY_KEY["vanishing"].variants]
    page.get_by_label("Epochs").last.wait_for()
    for i, name in enumerate(DATASETS):
        epochs = 2 + i % 2  # differs from the last run's, so its "done" is not this one's
        for box in page.get_by_label("Epochs").all():
            box.fill(str(epochs))
        walk.pick(page, "Dataset", f"{DATASETS[name].title} ({DATASETS[name].task})")
        _run(page)
        done = json.dumps(f"{epochs}/{epochs} epochs · done")
        page.wait_for_function(
            f"() => document.body.innerText.split({done}).length - 1 >= 2", timeout=120_000
        )
        rows = walk.wait_finished(page, labels)
        # the table can lag the progress bars: seen once in CI, right after the check above
        # passed the table read a variant not yet done (no metrics) although every run in the
        # store was; the table must reach done within a minute
        end = time.monotonic() + 60
        while not all(row["status"] == "done" for row in rows.values()) and time.monotonic() < end:
            page.wait_for_timeout(500)
            rows = walk.table(page)
        assert all(row["status"] == "done" for row in rows.values()), (name, rows)
        assert not page.get_by_text("Run is blocked").count(), name
        walk.shot(page, f"dataset-{name}")


def _lands(key: str, page, rows: dict[str, dict[str, str]]) -> None:
    """The preset's claim, as its explanation states it, in the numbers the page shows."""
    acc = {k: walk.number(r["final val accuracy"]) for k, r in rows.items()
           if r.get("final val accuracy")}  # fmt: skip
    loss = {k: walk.number(r["final val loss"]) for k, r in rows.items() if r["final val loss"]}
    if key == "vanishing":  # first/last layer gradient at epoch 1, as log10 norms
        sigmoid, relu = walk.heatmap(page, "sigmoid"), walk.heatmap(page, "relu")
        assert sigmoid[0][0] - sigmoid[-1][0] < -3 and relu[0][0] - relu[-1][0] > math.log10(0.3)
        assert acc["relu"] >= 0.9 and acc["sigmoid"] <= 0.55
    elif key == "init":
        he, glorot = walk.heatmap(page, "he_normal"), walk.heatmap(page, "glorot_uniform")
        assert all(h[0] - g[0] > math.log10(5) for h, g in zip(he, glorot, strict=True))
        he_10, glorot_10 = (
            walk.curve(page, f"{k} · validation")[9] for k in ("he_normal", "glorot_uniform")
        )
        assert he_10 < glorot_10 - 0.25  # validation loss at epoch 10
        naive = "random_normal (naive)"
        assert max(row[0] for row in walk.heatmap(page, naive)) < -3  # starts silent
        assert walk.heatmap(page, naive, which=1)[-1][-1] >= 0.9  # its last layer dies
        assert acc[naive] <= 0.55
    elif key == "optimizers":
        for faster in ("SGD + momentum 0.9", "RMSprop", "Adam"):
            assert loss[faster] < loss["SGD"] - 0.05, faster
        assert loss["Adagrad"] > loss["SGD"] + 0.1
    elif key == "overfitting":
        plain = walk.last_gap(page, "no regularization")
        assert plain > 1.0
        for regularized in ("L2 (0.01)", "dropout 0.5"):
            assert walk.last_gap(page, regularized) < plain / 2, regularized
    elif key == "normalization":
        assert acc["no normalization"] <= 0.55
        assert acc["batch normalization"] >= 0.85 and acc["layer normalization"] >= 0.85
        assert loss["batch normalization"] < loss["layer normalization"] - 0.04
    elif key == "batch":
        steps = {k: int(walk.number(r["iterations / epoch"])) for k, r in rows.items()}
        assert steps == {"full batch": 1, "SGD (batch 1)": 300, "mini-batch 32": 10}
        assert loss["SGD (batch 1)"] < loss["mini-batch 32"] - 0.05
        assert loss["mini-batch 32"] < loss["full batch"] - 0.05
    elif key == "clipping":
        assert rows["no clipping"]["status"].startswith("diverged")
        assert rows["clipnorm 1.0"]["status"] == "done" and acc["clipnorm 1.0"] >= 0.9
        assert walk.number(rows["clipnorm 1.0"]["clipped steps"]) > 0
    elif key == "step":
        assert acc["sigmoid"] >= acc["step"] + 0.04
    else:
        raise AssertionError(f"preset {key} has no check in the walk")


@pytest.mark.parametrize("key", [p.key for p in PRESETS])
def test_every_preset_lands_as_its_explanation_says(server, browser, key: str) -> None:
    page = _open(browser, server)
    labels = _load(page, key)
    explanation = PRESETS_BY_KEY[key].explanation
    page.get_by_text(explanation[:60]).first.wait_for()
    _run(page)
    rows = walk.wait_finished(page, labels)
    try:
        _lands(key, page, rows)
    except Exception:
        walk.shot(page, f"failure-preset-{key}")  # what the page showed, for the CI artifacts
        raise
    assert page.get_by_text(explanation[:60]).count()  # the lesson's caption is still its own
    walk.shot(page, f"preset-{key}")
    page.close()


def test_a_link_with_out_of_range_values_opens_a_complete_form(server, browser) -> None:
    pairs = [("wide", {"hidden_layers": [0], "epochs": 10**9}), ("b", {"dropout": 1.0})]
    token = share.encode(pairs, comparison.defaults())
    page = _open(browser, f"{server}/?{share.PARAM}={token}")
    _wait_labels(page, ["wide", "b"])
    assert page.get_by_label("Epochs").count() == 2  # both cards drawn in full
    for field in ("(hidden_layers): received", "(epochs): received", "(dropout): received"):
        page.get_by_text(field).first.wait_for(timeout=10_000)
    page.get_by_text("Run is blocked").first.wait_for()
    assert page.get_by_role("button", name=RUN, exact=True).count() == 2
    assert "StreamlitValue" not in page.inner_text("body")  # no widget exception
    walk.shot(page, "link-out-of-range")


def test_a_csv_round_tripped_through_pandas_becomes_the_comparison(
    server, browser, tmp_path
) -> None:
    # the clipping lesson by its link: its stored runs when the preset walk ran before
    preset = PRESETS_BY_KEY["clipping"]
    data, variants = comparison.from_preset(preset)
    pairs = [(label, {**comparison.defaults(), **cfg, **data}) for label, cfg in variants]
    page = _open(browser, f"{server}/?{share.PARAM}={share.encode(pairs, comparison.defaults())}")
    labels = [label for label, _ in pairs]
    _wait_labels(page, labels)
    walk.open_stored(page, labels)
    try:
        with page.expect_download() as download:
            page.get_by_role("button", name="Download CSV").click()
    except Exception:
        walk.shot(page, "failure-csv-download")  # what the page showed, for the CI artifacts
        raise
    original = tmp_path / "comparison.csv"
    download.value.save_as(original)
    tidied = tmp_path / "tidied.csv"
    pd.read_csv(original).to_csv(tidied, index=False)  # True/False, 3.0: as a notebook leaves it
    assert ",True," in tidied.read_text()

    viewer = _open(browser, server)  # a fresh visitor on the first lesson
    _load(viewer, "vanishing")
    viewer.locator("input[type=file]").set_input_files(str(tidied))
    viewer.get_by_text("nothing retrained").wait_for(timeout=60_000)
    _wait_labels(viewer, labels)  # the form holds the file's variants
    walk.wait_finished(viewer, labels)
    token = viewer.url.split(f"{share.PARAM}=")[1].split("&")[0]
    shared = share.decode(token, comparison.defaults())
    assert [label for label, _ in shared] == labels
    assert shared[1][1]["clipping"] == "clipnorm"  # the link carries the file's settings
    assert "lesson=clipping" in viewer.url
    viewer.get_by_text(PRESETS_BY_KEY["clipping"].explanation[:60]).first.wait_for()
    assert not viewer.get_by_text(PRESETS_BY_KEY["vanishing"].explanation[:60]).count()
    assert not viewer.get_by_text("Press Load preset").count()  # the picker shows clipping too
    picker = viewer.locator('[data-testid="stSelectbox"]').filter(has_text="Lesson preset")
    picked = picker.first.evaluate("el => el.innerHTML")
    assert PRESETS_BY_KEY["clipping"].title in picked, picked
    assert PRESETS_BY_KEY["vanishing"].title not in picked, picked  # the pick left from before
    code = viewer.locator('[data-testid="stCode"]').all_inner_texts()
    assert any("learning_rate=2.5" in text for text in code), code  # the lesson's, not moons'

    walk.shot(viewer, "upload-pandas-round-trip")


# every plot area's width in px, per chart on show: [[chart's first trace name, [widths]]]
PLOT_WIDTHS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')]
    .filter(el => el.getClientRects().length > 0 && el._fullLayout && el._fullData.length)
    .map(el => [el._fullData[0].type, Object.keys(el._fullLayout)
        .filter(k => /^xaxis\\d*$/.test(k)).map(k => el._fullLayout[k]._length)])"""


def _stored(browser, url: str, key: str, width: int, height: int):
    """Lesson ``key`` opened by its link at the given viewport, its runs finished."""
    data, variants = comparison.from_preset(PRESETS_BY_KEY[key])
    pairs = [(label, {**comparison.defaults(), **cfg, **data}) for label, cfg in variants]
    token = share.encode(pairs, comparison.defaults())
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{url}/?{share.PARAM}={token}&{share.LESSON_PARAM}={key}")
    page.get_by_text("Compare variants side by side").wait_for(timeout=60_000)
    walk.open_stored(page, [label for label, _ in pairs])  # the table lists the link's labels
    return page


@pytest.mark.parametrize(
    ("name", "width", "height"), [("phone", 390, 844), ("projector", 1920, 1080)]
)
def test_the_page_reads_on_a_phone_and_a_projector(server, browser, name, width, height) -> None:
    page = _stored(browser, server, "init", width, height)
    prefix = f"{name}-{width}"
    # Run is reachable without scrolling past the cards: above the first one, on the first
    # screens
    run = page.get_by_role("button", name=RUN, exact=True).first.bounding_box()
    cards = page.get_by_text("Variants", exact=True).first.bounding_box()
    assert run["y"] < cards["y"] and run["y"] < 3 * height, (run, cards)
    page.screenshot(path=str(walk.SHOTS / f"{prefix}-first-screen.png"))
    walk.shot(page, f"{prefix}-whole-page", width=width)
    heatmaps = [widths for kind, widths in page.evaluate(PLOT_WIDTHS_JS) if kind == "heatmap"]
    assert len(heatmaps) == 6  # a gradient and a dead-units panel per variant
    for widths in heatmaps:
        # narrower is a sliver nobody can read (eight heatmap panels side by side in one
        # figure were 39 px wide each on a phone)
        assert min(widths) >= min(250, 0.45 * width), widths
    page.close()
