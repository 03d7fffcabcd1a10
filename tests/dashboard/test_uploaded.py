"""An uploaded results CSV becomes the comparison on the page: form, link, code and lesson."""

from __future__ import annotations

import io

import pandas as pd

from dashboard import actions, comparison, share, state, uploaded
from experiments.results.export import export_csv, import_csv
from experiments.results.frames import Results, read_results
from experiments.results.store import Store
from experiments.spec.config import ExperimentConfig
from experiments.spec.presets import PRESETS_BY_KEY


def _results(tmp_path, variants, repeats: int = 1) -> Results:
    """A stored run per variant and repeat, the last repeat first (file order is not repeat
    order)."""
    store = Store(tmp_path / "runs.sqlite")
    rows = []
    for label, config in variants:
        for repeat in reversed(range(repeats)):
            rows.append({
                "run_id": f"{label}-{repeat}", "owner": "ann", "label": label,
                "config_id": config.config_id, "config_json": config.to_json(),
                "repeat": repeat, "seed": config.seed + repeat, "status": "done",
                "created_at": 1.0 + len(rows),
            })  # fmt: skip
    store.insert_runs(rows)
    return read_results(store, [row["run_id"] for row in rows])


def _session() -> dict:
    ss: dict = {}
    state.init(ss)
    actions.ensure_comparison(ss)  # the first lesson, as a fresh page has
    return ss


def test_variants_of_keeps_file_order_and_each_variants_own_config(tmp_path) -> None:
    variants = [("b", ExperimentConfig(seed=3, repeats=2)), ("a", ExperimentConfig(epochs=7))]
    pairs = uploaded.variants_of(_results(tmp_path, variants, repeats=2).runs)
    assert [label for label, _ in pairs] == ["b", "a"]
    assert pairs[0][1] == variants[0][1].to_dict()  # base seed 3, not the second repeat's 4
    assert pairs[1][1]["epochs"] == 7


def test_an_upload_replaces_form_link_and_lesson(tmp_path) -> None:
    ss = _session()
    assert ss[state.PRESET] == "vanishing"
    mine = [("wide", ExperimentConfig(hidden_layers=(16,))), ("deep", ExperimentConfig())]
    text = pd.read_csv(io.StringIO(export_csv(_results(tmp_path, mine)))).to_csv(index=False)
    note = actions.show_upload(ss, import_csv(text), "mine.csv")
    assert "mine.csv" in note and "nothing retrained" in note
    assert [v["label"] for v in ss[state.VARIANTS]] == ["wide", "deep"]
    assert ss[state.VARIANTS][0]["config"]["hidden_layers"] == [16]
    # the link (and so the Keras code, read from the same state) holds the file's comparison
    decoded = share.decode(actions.share_token(ss), comparison.defaults())
    assert [(label, cfg["hidden_layers"]) for label, cfg in decoded] == [
        ("wide", [16]),
        ("deep", list(ExperimentConfig().hidden_layers)),
    ]
    assert ss[state.PRESET] is None  # the first lesson's explanation no longer applies
    assert ss[state.IMPORTED] is not None and ss[state.RUN_IDS] == {}
    assert not ss[state.FIELD_ERRORS]


def test_an_uploaded_lesson_brings_its_explanation(tmp_path) -> None:
    ss = _session()
    preset = PRESETS_BY_KEY["clipping"]
    actions.show_upload(ss, _results(tmp_path, preset.variants), "clipping.csv")
    assert ss[state.PRESET] == "clipping"
    assert not actions.lesson_modified(ss)


def test_variants_trained_on_different_data_are_said(tmp_path) -> None:
    ss = _session()
    mixed = [("moons", ExperimentConfig()), ("circles", ExperimentConfig(dataset="circles"))]
    note = actions.show_upload(ss, _results(tmp_path, mixed), "mixed.csv")
    assert "different data" in note
    assert ss[state.DATA]["dataset"] == "moons"
