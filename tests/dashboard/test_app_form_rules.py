"""AppTest: the form never traps. Bad link values become field errors on a complete form, every
dataset trains from its own defaults, and a blocked Run says why beside the button."""

from __future__ import annotations

import pytest

from dashboard import comparison, share, state
from dashboard.i18n.names import field_label
from datasets import DATASETS
from experiments.spec.presets import LESSON_SEEDS, PRESETS_BY_KEY
from tests.dashboard.apptest_support import click, inputs, open_page

pytestmark = pytest.mark.usefixtures("app_store")

BAD_LINK_VALUES = [
    ("hidden_layers", [0]),
    ("hidden_layers", [4] * 12),  # longer lists are refused by the link door itself
    ("epochs", 10**9),
    ("epochs", "many"),
    ("dropout", 1.0),
    ("learning_rate", -1),
    ("nesterov", "yes"),
    ("repeats", 2.5),
    ("activation", "sigmoidal"),
    ("batch_size", 0),
]


def _open_link(pairs) -> object:
    return open_page(query={share.PARAM: share.encode(pairs, comparison.defaults())})


@pytest.mark.parametrize(("field", "value"), BAD_LINK_VALUES, ids=[f for f, _ in BAD_LINK_VALUES])
def test_a_link_with_a_bad_value_opens_a_complete_form(field: str, value: object) -> None:
    at = _open_link([("a", {field: value}), ("b", {})])
    assert not at.exception, at.exception
    # at the top (Apply first: Enter clicks a form's first button) and under the cards
    assert [b.label for b in at.button if b.label in ("Apply", "▶ Run")] == [
        "Apply",
        "▶ Run",
        "Apply",
        "▶ Run",
    ]
    assert len(inputs(at, "Epochs")) == 2  # both cards are drawn in full
    shown = " ".join(e.value for e in at.error)
    # the form's label, then the config name (a field labelled by its Keras name: that name)
    assert f"({field}): received" in shown or f" {field}: received" in shown, shown
    assert "Run is blocked" in shown
    # the model summary's refusal is worded as the form's, not the core's "Received: units=0"
    (summary,) = [e.value for e in at.error if e.value.startswith("Fix the settings of")]
    assert "Received:" not in summary and "received" in summary, summary


def test_bad_data_values_in_a_link_are_marked_at_the_data_fields() -> None:
    at = _open_link([("a", {"noise": 9.0, "n_samples": 10**7}), ("b", {})])
    assert not at.exception, at.exception
    shown = " ".join(e.value for e in at.error)
    assert "Noise (noise): received 9.0" in shown and "(n_samples): received 10000000" in shown


@pytest.mark.parametrize("dataset", sorted(DATASETS))
def test_every_dataset_can_be_picked_and_run_with_its_defaults(dataset: str) -> None:
    at = open_page()  # the first lesson: two moons with its noise set
    before = "spiral" if dataset == "moons" else "moons"
    for name in ([] if before == "moons" else [before]) + [dataset]:
        gen = at.session_state[state.DATA_GEN]
        at.selectbox(key=f"w.data{gen}.dataset").set_value(name)
        click(at, "Apply")
    assert not at.exception
    assert at.session_state[state.FIELD_ERRORS] == {}, at.session_state[state.FIELD_ERRORS]
    data = at.session_state[state.DATA]
    assert data["dataset"] == dataset and data["noise"] is None and data["n_samples"] is None
    noise = inputs(at, "Noise")[0]
    assert noise.value is None
    assert noise.proto.disabled == (not DATASETS[dataset].has_noise)


def test_a_knob_typed_with_the_new_dataset_is_kept_and_checked() -> None:
    at = open_page()
    gen = at.session_state[state.DATA_GEN]
    at.selectbox(key=f"w.data{gen}.dataset").set_value("spiral")
    inputs(at, "Samples")[0].set_value(800)
    click(at, "Apply")
    data = at.session_state[state.DATA]
    assert (data["dataset"], data["n_samples"], data["noise"]) == ("spiral", 800, None)


def test_digits_picked_over_moons_trains_to_the_end() -> None:
    from dashboard import runtime

    at = open_page()
    gen = at.session_state[state.DATA_GEN]
    at.selectbox(key=f"w.data{gen}.dataset").set_value("digits")
    for widget in inputs(at, "Epochs"):
        widget.set_value(2)
    click(at, "▶ Run")
    run_ids = list(at.session_state[state.RUN_IDS])
    assert len(run_ids) == 2 * LESSON_SEEDS  # two variants, the lesson's seeds each
    assert runtime.runner().wait(run_ids, timeout=120)
    statuses = {runtime.store().get_run(r)["status"] for r in run_ids}
    assert statuses == {"done"}, statuses


def test_each_card_says_how_it_differs_from_the_others() -> None:
    at = open_page()  # the first lesson: sigmoid vs relu
    captions = [c.value for c in at.caption]
    assert "Activation sigmoid" in captions and "Activation relu" in captions, captions


def test_a_markdown_label_is_shown_as_text() -> None:
    label = "![p](https://example.org/p.png)"
    at = _open_link([(label, {}), ("b", {"activation": "tanh"})])
    title = next(m.value for m in at.markdown if "■" in m.value)
    assert "\\!\\[p\\]\\(" in title  # every Markdown mark escaped


def test_vary_one_knob_adds_variants_by_default_and_names_the_field() -> None:
    at = open_page()  # sigmoid and relu
    assert "Learning rate (learning_rate)" in at.selectbox(key="knob.field").options
    at.selectbox(key="knob.field").set_value("learning_rate")
    at.text_input(key="knob.values").set_value("0.1, 0.01")
    click(at, "Make variants")
    labels = [v["label"] for v in at.session_state[state.VARIANTS]]
    assert labels == ["sigmoid", "relu", "learning_rate=0.1", "learning_rate=0.01"]
    at.text_input(key="knob.values").set_value("0.1, 0.2, 0.3, 0.4, 0.5")
    click(at, "Make variants")
    assert any("at most 8" in e.value for e in at.error)
    assert len(at.session_state[state.VARIANTS]) == 4


def test_a_cards_copy_button_copies_what_is_on_screen() -> None:
    at = open_page()
    inputs(at, "Epochs")[0].set_value(7)  # typed, not applied
    at.button(key=f"copy.{at.session_state[state.VARIANTS][0]['uid']}").click().run()
    variants = at.session_state[state.VARIANTS]
    assert [v["label"] for v in variants] == ["sigmoid", "relu", "sigmoid (2)"]
    assert variants[0]["config"]["epochs"] == variants[2]["config"]["epochs"] == 7
    assert inputs(at, "Epochs")[2].value == 7


def test_a_run_over_the_work_budget_is_refused_at_its_field() -> None:
    huge = {"hidden_layers": [512] * 10, "epochs": 1000, "batch_size": 1}
    at = _open_link([("huge", huge), ("b", {})])
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "(hidden_layers): one run would cost" in shown and "Run is blocked" in shown


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_picking_a_preset_changes_nothing_until_it_is_loaded() -> None:
    at = open_page()  # the first lesson is loaded
    first = PRESETS_BY_KEY[at.session_state[state.PRESET]]
    at.selectbox(key="preset.pick").set_value("clipping").run()
    assert first.explanation in _captions(at)
    assert PRESETS_BY_KEY["clipping"].explanation not in _captions(at)
    assert "Press **Load preset**" in _captions(at)


def test_a_shared_lesson_opens_under_its_own_explanation_and_says_when_modified() -> None:
    at = open_page()
    at.selectbox(key="preset.pick").set_value("clipping")
    click(at, "Load preset")
    token, lesson = at.query_params[share.PARAM], at.query_params[share.LESSON_PARAM]
    token = token[0] if isinstance(token, list) else token
    lesson = lesson[0] if isinstance(lesson, list) else lesson
    assert lesson == "clipping"
    fresh = open_page(query={share.PARAM: token, share.LESSON_PARAM: lesson})
    assert PRESETS_BY_KEY["clipping"].explanation in _captions(fresh)
    assert "Modified since" not in _captions(fresh)
    inputs(fresh, "Epochs")[0].set_value(3)
    click(fresh, "Apply")
    assert "Modified since it was loaded" in _captions(fresh)


def test_a_card_names_only_the_hyperparameters_its_optimizer_takes() -> None:
    _, parts = comparison.from_preset(PRESETS_BY_KEY["optimizers"])
    variants = [{"uid": i, "label": label, "config": cfg} for i, (label, cfg) in enumerate(parts)]
    found = comparison.differences(variants).values()
    lines = dict(zip([label for label, _ in parts], found, strict=True))
    momentum = field_label("momentum")
    assert f"{momentum} 0.9" in lines["SGD + momentum 0.9"]  # SGD takes a momentum
    assert momentum not in lines["Adam"] and momentum not in lines["Adagrad"], lines


def test_an_empty_learning_rate_says_the_keras_default_it_stands_for() -> None:
    at = _open_link([("adam", {"optimizer": "adam"}), ("sgd", {"optimizer": "sgd"})])
    rates = inputs(at, field_label("learning_rate"))
    assert [r.value for r in rates] == [None, None]
    shown = [r.proto.placeholder for r in rates]
    assert shown == ["Keras default for adam: 0.001", "Keras default for sgd: 0.01"]
