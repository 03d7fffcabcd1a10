"""AppTest: a comparison shared as a link opens with its variants and its stored runs."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest

import experiments
from dashboard import runtime, share, state
from dashboard.i18n.catalog import lookup
from experiments.results.frames import read_results
from experiments.spec.presets import LESSON_SEEDS, PRESETS_BY_KEY
from tests.dashboard.apptest_support import (
    click,
    figures,
    inputs,
    open_page,
    run_small,
    traces,
    variant_labels,
)

pytestmark = pytest.mark.usefixtures("app_store")


def _link_token(at) -> str:
    """The share token the page put in its URL."""
    token = at.query_params[share.PARAM]
    return token[0] if isinstance(token, list) else token


def test_share_link_restores_variants_and_stored_runs() -> None:
    at, run_ids = run_small(open_page())
    token = _link_token(at)
    fresh = open_page(query={share.PARAM: token})
    assert not fresh.exception
    assert variant_labels(fresh) == ["sigmoid", "relu"]
    assert sorted(fresh.session_state[state.RUN_IDS]) == sorted(run_ids)
    assert inputs(fresh, "Epochs")[0].value == 3


def test_share_link_without_stored_runs_offers_to_run(tmp_path) -> None:
    at = open_page()
    for widget in inputs(at, "Epochs"):
        widget.set_value(2)
    click(at, "Apply")
    token = _link_token(at)
    fresh = open_page(query={share.PARAM: token})
    assert any("not been run" in i.value for i in fresh.info)
    click(fresh, "▶ Run the shared comparison")
    assert len(fresh.session_state[state.RUN_IDS]) == 2 * LESSON_SEEDS
    assert os.environ["GRADLAB_STORE"].startswith(str(tmp_path))


def test_the_link_follows_the_comparison_on_the_page() -> None:
    at = open_page()
    at.selectbox(key="preset.pick").set_value("optimizers")
    click(at, "Load preset")
    token = _link_token(at)
    labels = [label for label, _ in share.decode(token, {})]
    assert labels == [label for label, _ in PRESETS_BY_KEY["optimizers"].variants]


def test_a_broken_share_link_shows_a_message() -> None:
    at = open_page(query={share.PARAM: "garbage!!"})
    assert not at.exception
    assert any("could not be opened" in i.value for i in at.info)
    assert len(variant_labels(at)) == 2


def _chart_data(at) -> list[list[dict]]:
    """Every chart's traces, keeping only the plotted numbers and names."""
    keys = ("name", "x", "y", "z", "customdata")
    return [
        [{k: np.asarray(t[k]).tolist() for k in keys if k in t} for t in traces(f)]
        for f in figures(at)
    ]


def test_an_exported_csv_shows_the_same_charts_as_the_live_runs() -> None:
    # the live page reads its runs incrementally, an upload converts tidy frames: same charts
    at, run_ids = run_small(open_page())
    live = _chart_data(at)
    table = at.dataframe[0].value
    csv = experiments.export_csv(read_results(runtime.store(), run_ids))
    at.session_state[state.IMPORTED] = experiments.import_csv(csv)
    at.session_state[state.IMPORTED_FILE] = "upload-1"
    at.session_state[state.RUN_IDS] = {}
    at.run()
    assert not at.exception
    # loss, accuracy, gap, a gradient and a dead-unit heatmap per variant; the decision
    # boundaries come from the store only
    assert len(live) == 9
    assert _chart_data(at) == live[:7]
    # where the boundaries were, the page says why there are none (no models in a CSV)
    assert "What each variant learned" in [h.value for h in at.subheader]
    assert lookup("en", "pred.imported") in [c.value for c in at.caption]
    pd.testing.assert_frame_equal(at.dataframe[0].value, table)


def _picker(at):
    (picker,) = [s for s in at.selectbox if s.label == "Lesson preset"]
    return picker


def test_a_link_without_its_lesson_still_shows_the_lesson_it_holds() -> None:
    from dashboard import comparison

    lesson = PRESETS_BY_KEY["optimizers"]
    pairs = [(label, config.to_dict()) for label, config in lesson.variants]
    at = open_page(query={share.PARAM: share.encode(pairs, comparison.defaults())})
    assert _picker(at).value == "optimizers"
    assert not any("Press **Load preset**" in c.value for c in at.caption)
    assert any(lesson.explanation[:40] in c.value for c in at.caption)  # the lesson's words


def test_a_link_of_no_lesson_picks_none_and_offers_nothing_to_load_over_it() -> None:
    from dashboard import comparison

    pairs = [("a", {"activation": "tanh"}), ("b", {"activation": "elu"})]
    at = open_page(query={share.PARAM: share.encode(pairs, comparison.defaults())})
    assert _picker(at).value is None
    assert not any("Press **Load preset**" in c.value for c in at.caption)
    assert at.button(key="preset.load").disabled
    _picker(at).set_value("step").run()  # a pick of one's own is offered, as before
    assert any("Press **Load preset**" in c.value for c in at.caption)
