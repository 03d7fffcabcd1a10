"""AppTest: the Compare page loads presets, validates, runs a small comparison, exports, shares."""

from __future__ import annotations

import io
import re
import time

import pandas as pd
import pytest
import streamlit as st

from dashboard import runtime, state
from dashboard.widgets import live
from experiments.results.frames import read_runs
from experiments.spec.presets import PRESETS
from tests.dashboard.apptest_support import (
    click,
    figures,
    inputs,
    one_seed,
    open_page,
    popover_labels,
    run_long,
    run_small,
    traces,
    variant_labels,
)

pytestmark = pytest.mark.usefixtures("app_store")


def test_first_visit_shows_the_first_lesson() -> None:
    at = open_page()
    assert not at.exception
    assert variant_labels(at) == [label for label, _ in PRESETS[0].variants]
    # before any run: the shared data, as the networks will see it
    (data,) = figures(at)
    names = {t["name"] for t in traces(data)}
    assert {"class 0 · training", "class 1 · validation"} <= names


def _hidden_activations(script: str) -> list[str]:
    return re.findall(r"Dense\(16, activation='(\w+)'", script)


def test_model_code_shows_the_picked_variants_summary_and_keras_script() -> None:
    at = open_page()
    picker = at.segmented_control(key="code.variant")  # not the language switch
    assert picker.options == variant_labels(at) and picker.value == variant_labels(at)[0]
    # the first lesson: 2 inputs, six Dense(16) layers, one sigmoid output unit
    by_hand = (2 + 1) * 16 + 5 * (16 + 1) * 16 + (16 + 1) * 1
    summary, script = (block.value for block in at.code[-2:])
    assert f"Total params: {by_hand:,}" in summary
    assert _hidden_activations(script) == ["sigmoid"] * 6
    picker.set_value(variant_labels(at)[1]).run()
    summary, script = (block.value for block in at.code[-2:])
    assert f"Total params: {by_hand:,}" in summary
    assert _hidden_activations(script) == ["relu"] * 6
    assert len(at.code) == 3  # the share link, and only the picked variant's two blocks


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.key)
def test_each_preset_loads(preset) -> None:
    at = open_page()
    at.selectbox(key="preset.pick").set_value(preset.key)
    click(at, "Load preset")
    assert not at.exception
    assert variant_labels(at) == [label for label, _ in preset.variants]
    assert inputs(at, "Label")[0].value == preset.variants[0][0]
    assert any(preset.explanation in c.value for c in at.caption)


def test_validation_messages_appear_next_to_the_fields() -> None:
    at = open_page()
    # the inputs admit any dataset's range (blobs allows noise 4); two moons allows at most 0.5
    inputs(at, "Noise")[0].set_value(3.0)
    labels = inputs(at, "Label")
    labels[1].set_value(labels[0].value)
    click(at, "Apply")
    messages = [e.value for e in at.error]
    assert any("noise" in m and "3" in m for m in messages), messages
    assert any("unique" in m for m in messages), messages
    assert not at.session_state[state.RUN_IDS]  # nothing was started


def test_a_folded_field_at_fault_marks_its_popover_and_the_notice_names_it() -> None:
    at = open_page()
    folded = ["Optimizer details", "Regularization, clipping, seeds"] * 2
    assert popover_labels(at) == folded
    uid = at.session_state[state.VARIANTS][1]["uid"]
    at.selectbox(key=state.widget_key(uid, "clipping")).set_value("clipnorm")
    inputs(at, "Clip threshold")[1].set_value(0.0)
    click(at, "Apply")
    assert popover_labels(at) == [*folded[:3], "⚠ Regularization, clipping, seeds"]
    (notice,) = [e.value for e in at.error if e.value.startswith("Fix the marked fields")]
    assert "clip_threshold" in notice and "0.0" in notice


def test_add_duplicate_remove_and_vary_one_knob() -> None:
    at = open_page()
    click(at, "Duplicate")
    assert variant_labels(at) == ["sigmoid", "relu", "sigmoid (2)"]
    click(at, "Remove")
    assert variant_labels(at) == ["relu", "sigmoid (2)"]
    click(at, "Remove")
    assert len(variant_labels(at)) == 2 and any("at least 2" in w.value for w in at.warning)
    at.selectbox(key="knob.field").set_value("optimizer")
    at.text_input(key="knob.values").set_value("sgd, adam, rmsprop")
    at.radio(key="knob.mode").set_value("replace")
    click(at, "Make variants")
    assert variant_labels(at) == ["optimizer=sgd", "optimizer=adam", "optimizer=rmsprop"]
    at.text_input(key="knob.values").set_value("sgd, nonsense")
    click(at, "Make variants")
    assert any("optimizer" in e.value and "nonsense" in e.value for e in at.error)


def test_a_small_comparison_runs_to_completion_and_exports() -> None:
    at, run_ids = run_small(open_page())
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["variant"]) == ["sigmoid", "relu"]
    assert list(table["status"]) == ["done", "done"]
    figs = {tuple(t.get("name") for t in traces(f)): f for f in figures(at)}
    loss = next(f for names, f in figs.items() if "sigmoid · training" in names)
    names = [t["name"] for t in traces(loss)]
    assert names == ["sigmoid · training", "sigmoid · validation", "relu · training",
                     "relu · validation"]  # fmt: skip
    assert any(t.get("type") == "heatmap" for f in figures(at) for t in traces(f))
    assert any("best epoch" in str(t.get("name")) for f in figures(at) for t in traces(f))
    # the charts' one legend: each variant in its line colour
    legend = next(h.proto.body for h in at.get("html") if "variantLegend" in h.proto.body)
    chips = re.findall(r"color:(#[0-9A-Fa-f]{6})[^>]*>■</span>&nbsp;([^<]+)</span>", legend)
    assert [(label, color) for color, label in chips] == list(
        dict.fromkeys((t["name"].split(" · ")[0], t["line"]["color"]) for t in traces(loss))
    )
    from dashboard.widgets.share_export import _csv

    csv = pd.read_csv(io.BytesIO(_csv(run_ids)))  # the download streams bytes from the store
    # the page states the file's rows before it is built, and the file has them
    assert any(f"{len(csv):,} rows" in c.value for c in at.caption)
    # one row per run x epoch x split
    assert len(csv) == 2 * 3 * 2
    assert set(csv["label"]) == {"sigmoid", "relu"}


def test_the_script_run_after_run_waits_for_the_first_epoch(monkeypatch) -> None:
    # generous, so a slow machine cannot make this flaky; the page waits half a second
    monkeypatch.setattr(live, "FIRST_EPOCH_WAIT", 60.0)
    at = open_page()
    run_long(at)  # still training when the first epoch is shown
    assert not at.exception
    assert not any("Waiting for the first epoch" in i.value for i in at.info)
    names = {t.get("name") for f in figures(at) for t in traces(f)}
    assert names & {f"{label} · validation" for label in variant_labels(at)}
    # only that one script run waits: later ones (the live polls) read and go on
    assert at.session_state[state.JUST_STARTED] is False


def _count_reruns(monkeypatch) -> list[None]:
    calls: list[None] = []
    original = st.rerun

    def spy(*args, **kwargs):
        calls.append(None)
        return original(*args, **kwargs)

    monkeypatch.setattr(st, "rerun", spy)
    return calls


def test_run_with_the_form_unchanged_draws_the_results_in_the_same_script_run(
    monkeypatch,
) -> None:
    at = open_page()
    reruns = _count_reruns(monkeypatch)
    assert run_long(at) and not reruns
    assert not at.error


def test_run_after_fixing_a_field_redraws_the_form_without_the_old_message(monkeypatch) -> None:
    at = open_page()
    inputs(at, "Label")[0].set_value("")
    click(at, "Apply")
    assert any("non-empty" in e.value for e in at.error)
    reruns = _count_reruns(monkeypatch)
    inputs(at, "Label")[0].set_value("fixed")
    click(at, "▶ Run")
    assert reruns  # the drawn form still had the message: drawn again
    assert at.session_state[state.RUN_IDS]
    assert not at.error, [e.value for e in at.error]
    assert any("**fixed**" in m.value for m in at.markdown)  # the variant's heading
    assert "fixed" in at.selectbox(key="manage.pick").options  # options are formatted labels


def _specs(at) -> list[str]:
    """Every plotly chart's raw JSON spec, in page order."""
    return [chart.proto.spec for chart in at.get("plotly_chart")]


def _charts(at) -> tuple[dict, dict[str, str], int]:
    """The loss figure, the other charts' raw specs by y title, and the epochs on the gap chart."""
    specs = _specs(at)
    by_title = {
        str(f["layout"]["yaxis"]["title"]["text"]): (f, spec)
        for f, spec in zip(figures(at), specs, strict=True)
    }
    (loss_title,) = [t for t in by_title if t.startswith("loss")]
    gap_figure = by_title["validation − training loss"][0]
    epochs = max(len(t["x"]) for t in traces(gap_figure))
    others = {t: spec for t, (_, spec) in by_title.items() if t != loss_title}
    return by_title[loss_title][0], others, epochs


def test_the_log_toggle_puts_the_loss_chart_alone_on_a_log_scale() -> None:
    # in the browser the toggle reruns only its fragment (the loss and accuracy charts);
    # test_browser_e2e toggles it there while the runs train
    at = open_page()
    run_long(at)
    at.toggle(key=state.LOG_Y).set_value(True).run()
    loss, others, _ = _charts(at)
    assert loss["layout"]["yaxis"]["type"] == "log"
    assert all('"type":"log"' not in spec for spec in others.values())
    at.toggle(key=state.LOG_Y).set_value(False).run()
    assert _charts(at)[0]["layout"]["yaxis"].get("type", "linear") == "linear"


def _train_past(run_ids: list[str], epochs: int) -> None:
    """Wait until every run has trained more than ``epochs`` epochs."""
    deadline = time.monotonic() + 60
    while min(runtime.store().epochs_done(run_ids).values()) <= epochs:
        assert time.monotonic() < deadline, "the runs stopped training"
        time.sleep(0.05)


def _progress_texts(at) -> list[str]:
    return [p.proto.text for p in at.get("progress")]


def test_paused_charts_hold_still_while_the_progress_goes_on() -> None:
    at = open_page()
    run_ids = run_long(at)
    at.toggle(key=state.PAUSED).set_value(True).run()
    specs, (_, others, drawn) = _specs(at), _charts(at)
    progress = _progress_texts(at)
    _train_past(run_ids, drawn + 5)
    at.run()
    assert _specs(at) == specs
    assert _progress_texts(at) != progress
    # the log scale still applies to what is held
    at.toggle(key=state.LOG_Y).set_value(True).run()
    held_log, held_others, held_epochs = _charts(at)
    assert held_log["layout"]["yaxis"]["type"] == "log"
    assert (held_others, held_epochs) == (others, drawn)
    at.toggle(key=state.PAUSED).set_value(False).run()
    assert _charts(at)[2] > drawn


def test_cancel_stops_a_running_variant() -> None:
    at = open_page()
    run_ids = run_long(at)
    store = runtime.store()
    # wait until both train, so the Cancel buttons are there
    for _ in range(600):
        if (read_runs(store, run_ids=run_ids)["status"] == "running").all():
            break
        time.sleep(0.05)
    at.run()
    at.button(key="cancel.sigmoid").click().run()
    at.button(key="cancel.relu").click().run()
    assert runtime.runner().wait(run_ids, timeout=60)
    assert set(read_runs(store, run_ids=run_ids)["status"]) == {"cancelled"}
    at.run()
    assert list(at.dataframe[0].value["status"]) == ["cancelled", "cancelled"]


def test_regression_with_two_seeds_shows_bands_and_predictions() -> None:
    at = open_page()
    at.selectbox(key=f"w.data{at.session_state[state.DATA_GEN]}.dataset").set_value("sine")
    one_seed(at)
    inputs(at, "Seeds (repeats)")[0].set_value(2)
    at, run_ids = run_small(at, seeds_set=True)
    assert not at.exception and not [e.value for e in at.error]
    assert len(run_ids) == 3  # two seeds of the first variant, one of the second
    figs = figures(at)
    loss = next(f for f in figs if any("· training" in str(t.get("name")) for t in traces(f)))
    bands = [t for t in traces(loss) if t.get("hoverinfo") == "skip"]
    assert bands and all(t["legendgroup"] == "sigmoid" for t in bands)
    assert loss["layout"]["yaxis"]["title"]["text"] == "loss (mse)"
    assert not any("accuracy" in str(f["layout"]["yaxis"]["title"]) for f in figs)
    predictions = [f for f in figs if any(t.get("name") == "ideal" for t in traces(f))]
    assert len(predictions) == 2
    table = at.dataframe[0].value.set_index("variant")
    assert table.loc["sigmoid", "seeds"] == 2
