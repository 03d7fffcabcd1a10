"""A label typed in Korean survives the CSV (UTF-8, UTF-8 with BOM, CP949) and the Keras script."""

from __future__ import annotations

import ast
import json

import pandas as pd
import pytest

from experiments.results.export import CsvFormatError, export_csv, import_csv
from experiments.results.frames import read_results
from experiments.results.store import Store
from experiments.spec.config import ExperimentConfig
from experiments.spec.keras_code import LABEL_COMMENT, to_keras_code
from tests.experiments.test_export import add_run, assert_same

LABEL = '시그모이드, "깊은" 신경망'  # a comma and quotes too: the CSV must quote it


@pytest.fixture
def results(tmp_path):
    store = Store(tmp_path / "runs.sqlite")
    add_run(store, "a", ExperimentConfig(hidden_layers=(4,)), label=LABEL)
    add_run(store, "b", ExperimentConfig(hidden_layers=(8,)), label="렐루")
    return read_results(store, ["a", "b"])


def test_export_keeps_english_column_names_and_the_korean_label(results) -> None:
    text = export_csv(results)
    header = text.splitlines()[0]
    assert header.isascii() and "label" in header.split(",")
    assert LABEL.replace('"', '""') in text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949"])
def test_import_reads_utf8_bom_and_cp949(results, encoding: str) -> None:
    data = export_csv(results).encode(encoding)
    if encoding == "cp949":  # the bytes Excel on Korean Windows writes are not UTF-8
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    back = import_csv(data)
    assert_same(back, results)
    assert list(back.runs["label"]) == [LABEL, "렐루"]


def test_a_bom_left_on_decoded_text_is_dropped(results) -> None:
    assert_same(import_csv("\ufeff" + export_csv(results)), results)


def test_bytes_neither_utf8_nor_cp949_are_refused_saying_how_to_save() -> None:
    with pytest.raises(CsvFormatError, match="CSV UTF-8"):
        import_csv(b"run_id,label\n\xff\xfe\xff\n")


def test_the_keras_script_carries_the_label_in_a_comment_that_cannot_break() -> None:
    label = '시그모이드\n"""import os'  # a line break and a docstring quote
    code = to_keras_code(ExperimentConfig(), label)
    ast.parse(code)  # still one valid script
    line = next(x for x in code.splitlines() if x.startswith(f"# {LABEL_COMMENT}"))
    assert json.loads(line.removeprefix(f"# {LABEL_COMMENT}")) == label
    assert code.replace(line + "\n", "") == to_keras_code(ExperimentConfig())


def test_frames_equal_helper_can_fail(results) -> None:
    other = import_csv(export_csv(results).replace("렐루", "relu"))
    with pytest.raises(AssertionError):
        pd.testing.assert_frame_equal(other.runs, results.runs)
