"""The results-CSV door (issue 15 items 2, 3, 5): caps, ranges, vocabularies, formula cells."""

from __future__ import annotations

import io
import time

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from experiments.results.csv_format import MAX_RUNS, CsvFormatError
from experiments.results.export import export_csv, import_csv, store_csv
from experiments.results.frames import Results, read_results
from experiments.results.store import Store
from experiments.spec.bounded import shorten
from experiments.spec.config import ExperimentConfig
from tests.doors import answered, refused

CONFIG = ExperimentConfig(hidden_layers=(3,), epochs=5)
FORMULAS = ["=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3", "\tx", "'=quoted", "''", "'"]


def stored(tmp_path, labels=("a", "b"), error=None) -> tuple[Store, list[str]]:
    store = Store(tmp_path / "runs.sqlite")
    ids = [f"r{i}" for i in range(len(labels))]
    store.insert_runs(
        [
            {
                "run_id": run_id,
                "owner": "ann",
                "label": label,
                "config_id": CONFIG.config_id,
                "config_json": CONFIG.to_json(),
                "repeat": 0,
                "seed": 0,
                "status": "failed" if error else "done",
                "created_at": time.time() + i,
                "error": error,
                "n_params": 17,
            }
            for i, (run_id, label) in enumerate(zip(ids, labels, strict=True))
        ]
    )
    layer = {"layer_index": 0, "layer_name": "dense", "kind": "Dense", "weight_norm": 1.5}
    for run_id in ids:
        for epoch in (1, 2):
            values = {"loss": 0.5, "accuracy": 0.5, "val_loss": 0.7, "val_accuracy": 0.25}
            store.write_epoch(run_id, epoch, {**values, "eval_loss": 0.4, "steps": 3}, [layer])
    return store, ids


@pytest.fixture
def text(tmp_path) -> str:
    store, ids = stored(tmp_path)
    return export_csv(read_results(store, ids))


def edited(text: str, column: str, value: str, row: int = 1) -> str:
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    frame.loc[row, column] = value
    return frame.to_csv(index=False)


@pytest.mark.parametrize(
    ("column", "value", "accepted"),
    [
        ("loss", "inf", "a finite number >= 0"),
        ("loss", "-5", "a finite number >= 0"),
        ("loss", "nan", "a number"),
        ("accuracy", "7.5", "a number from 0 to 1"),
        ("status", "hacked", "one of queued, running, done"),
        ("label", "x" * 201, "at most 200 characters"),
        ("split", "test", "one of train, val"),
        ("n_params", "1e400", "a whole number from 0 to"),
        ("n_params", "-3", "a whole number >= 0"),
        ("seed", "1.5", "a whole number"),
        ("layer0.weight_norm", "-1", "a number >= 0"),
        ("layer0.dead_fraction", "2", "a number from 0 to 1"),
    ],
)
def test_values_outside_the_documented_ranges_are_refused(text, column, value, accepted) -> None:
    # row 0: the run's first row (its metadata) and an epoch's train row (its layers)
    with pytest.raises(CsvFormatError, match="line 2, column " + column) as caught:
        import_csv(edited(text, column, value, row=0))
    assert accepted in str(caught.value) and shorten(value) in str(caught.value)


def test_a_second_row_for_the_same_epoch_is_refused(text) -> None:
    lines = text.splitlines()
    twin = lines[1].replace(",0.4,", ",0.9,", 1)
    with pytest.raises(CsvFormatError, match="one row per run x epoch x split"):
        import_csv("\n".join([lines[0], lines[1], twin, *lines[2:]]) + "\n")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.drop(columns=["layer0.kind"]), "layer0 lacks columns kind"),
        (lambda f: f.assign(**{"layer7.name": "x"}), "layer7 lacks columns kind, grad_norm"),
        (lambda f: f.assign(extra="1"), "unknown column 'extra'"),
        (lambda f: f.assign(**{"layer99.name": "x"}), "unknown column 'layer99.name'"),
    ],
)
def test_partial_or_unknown_columns_are_refused(text, change, message) -> None:
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    with pytest.raises(CsvFormatError, match=message):
        import_csv(change(frame).to_csv(index=False))


def test_more_than_one_comparison_of_runs_is_refused_quickly(text) -> None:
    header, first = text.splitlines()[:2]
    rows = [first.replace("r0,", f"x{i},", 1) for i in range(10_000)]
    start = time.perf_counter()
    with pytest.raises(CsvFormatError, match=f"too many runs: more than {MAX_RUNS}"):
        import_csv("\n".join([header, *rows]) + "\n")
    assert time.perf_counter() - start < 5  # 10,000 one-row runs once took 29 s


def test_more_than_eight_labels_are_refused(tmp_path) -> None:
    store, ids = stored(tmp_path, labels=[f"v{i}" for i in range(9)])
    with pytest.raises(CsvFormatError, match="too many labels: 9"):
        import_csv(export_csv(read_results(store, ids)))


@pytest.mark.parametrize("label", FORMULAS)
def test_formula_labels_are_neutralised_and_read_back_unchanged(tmp_path, label) -> None:
    store, ids = stored(tmp_path, labels=(label, "plain"), error=label)
    results = read_results(store, ids)
    text = export_csv(results)
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    for column in ("label", "error"):
        assert not frame[column].str.startswith(("=", "+", "-", "@", "\t")).any()
    back = import_csv(text)
    assert back.runs["label"].tolist() == [label, "plain"]
    assert back.runs["error"].tolist() == [label, label]
    assert store_csv(store, ids).decode() == text


def test_streamed_export_equals_the_in_memory_one(tmp_path) -> None:
    store, ids = stored(tmp_path, labels=[f"v{i}" for i in range(7)])
    assert store_csv(store, ids).decode() == export_csv(read_results(store, ids))


@settings(
    max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    column=st.sampled_from(
        [
            "label",
            "loss",
            "accuracy",
            "epoch",
            "split",
            "status",
            "n_params",
            "seed",
            "layer0.name",
            "layer0.grad_norm_mean",
            "config.epochs",
            "config.hidden_layers",
            "created_at",
            "steps",
        ]
    ),
    value=st.one_of(
        st.text(max_size=30),
        st.floats().map(repr),
        st.integers(-(10**30), 10**30).map(str),
        st.sampled_from(["1e400", "-0", "inf", "[[[[[[1]]]]]]", "=1+1", "", "\x00"]),
    ),
    row=st.integers(0, 4),
)
def test_every_edited_file_imports_or_is_a_bounded_csv_format_error(text, column, value, row):
    try:
        results = import_csv(edited(text, column, value, row))
    except CsvFormatError as error:
        refused("results CSV", error)
    else:
        answered("results CSV", "imported")
        assert isinstance(results, Results)
        assert results.epochs["loss"].dropna().between(0, float("inf"), inclusive="left").all()
