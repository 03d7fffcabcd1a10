"""Refusals in Korean: every rule experiments/ gives an uploaded results CSV's CsvFormatError,
and each DatasetError the data preview can meet, has its Korean, with the same facts; English
keeps the message word for word."""

from __future__ import annotations

import ast
import io
import re
import string
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import streamlit as st

from dashboard import state
from dashboard.i18n.ko import TEXT as KO
from dashboard.i18n.messages import csv_error, dataset_error
from experiments.results.csv_checks import ACCEPTS
from experiments.results.csv_format import MAX_COLUMNS, MAX_ROWS, MAX_RUNS, CsvFormatError
from experiments.results.export import export_csv, import_csv
from experiments.results.frames import read_results
from tests.dashboard.apptest_support import open_page
from tests.dashboard.korean_support import english_lines
from tests.experiments.test_doors_results_csv import edited, stored

ROOT = Path(__file__).resolve().parents[2]
HANGUL = re.compile(r"[가-힣]")


def _rules() -> dict[str, set[str]]:
    """Each CsvFormatError's rule with the names of the params it passes (read by ast)."""
    rules: dict[str, set[str]] = {}
    for path in (ROOT / "experiments" / "results").glob("csv_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "CsvFormatError":
                assert len(node.args) == 2, f"{path.name}:{node.lineno} raises without a rule"
                rule = node.args[1]
                assert isinstance(rule, ast.Constant), f"{path.name}:{node.lineno}"
                names = {k.arg for k in node.keywords if k.arg}
                rules.setdefault(rule.value, set()).update(names)
    return rules


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_rule_has_korean_using_only_its_params_and_none_is_orphaned() -> None:
    rules = _rules()
    assert {"missing", "range", "epoch", "encoding", "empty", "invalid_config"} <= set(rules)
    korean = {k.split(".", 1)[1] for k in KO if k.startswith("csv.") and ".accepts." not in k}
    assert korean == set(rules)
    for rule, params in rules.items():
        if "accepts" in params:
            params = params - {"accepts"} | {"accepted"}
        assert _fields(KO[f"csv.{rule}"]) <= params, rule
    accepts = {k.rsplit(".", 1)[1] for k in KO if k.startswith("csv.accepts.")}
    assert accepts == set(ACCEPTS)
    for name, english in ACCEPTS.items():
        assert _fields(KO[f"csv.accepts.{name}"]) == _fields(english), name


@pytest.fixture
def text(tmp_path) -> str:
    store, ids = stored(tmp_path)
    return export_csv(read_results(store, ids))


def _frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def _twice(text: str) -> str:
    lines = text.splitlines()
    return "\n".join([lines[0], lines[1], lines[1].replace(",0.4,", ",0.9,", 1), *lines[2:]])


def _labels(tmp_path) -> str:
    store, ids = stored(tmp_path / "nine", labels=[f"v{i}" for i in range(9)])
    return export_csv(read_results(store, ids))


CASES = {
    "columns": lambda text, _: ",".join(f"c{i}" for i in range(MAX_COLUMNS + 1)) + "\n",
    "missing": lambda text, _: _frame(text).drop(columns=["run_id"]).to_csv(index=False),
    "repeated": lambda text, _: (
        _frame(text).assign(extra="1").to_csv(index=False).replace(",extra\n", ",owner\n", 1)
    ),
    "unknown_column": lambda text, _: _frame(text).assign(extra="1").to_csv(index=False),
    "layer_lacks": lambda text, _: _frame(text).drop(columns=["layer0.kind"]).to_csv(index=False),
    "unparsable": lambda text, _: text + '"unclosed,1\n',
    "invalid_config": lambda text, _: edited(text, "config.epochs", "0", row=0),
    "too_many_runs": lambda text, _: "\n".join(
        [text.splitlines()[0]]
        + [text.splitlines()[1].replace("r0,", f"x{i},", 1) for i in range(41)]
    ),
    "too_many_labels": lambda _, tmp_path: _labels(tmp_path),
    "epoch": lambda text, _: edited(text, "epoch", "9", row=0),
    "range": lambda text, _: edited(text, "layer0.dead_fraction", "2", row=0),
    "range_one_of": lambda text, _: edited(text, "status", "hacked", row=0),
    "range_one_row": lambda text, _: _twice(text),
    "encoding": lambda text, _: b"\xff\xfe\xfa" * 10,
    "empty": lambda text, _: " \n",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_refusal_is_korean_with_its_facts_and_english_is_unchanged(case, text, tmp_path):
    with pytest.raises(CsvFormatError) as caught:
        import_csv(CASES[case](text, tmp_path))
    error = caught.value
    assert error.rule == case.split("_one")[0], (case, error.rule, str(error))
    st.session_state[state.LANG] = "en"
    assert csv_error(error) == str(error)
    st.session_state[state.LANG] = "ko"
    said = csv_error(error)
    st.session_state[state.LANG] = "en"
    assert HANGUL.search(said) and said != str(error), said
    assert not said.startswith(("not a gradlab", "results CSV", "too many")), said
    for name, value in error.params.items():
        if name in ("accepts", "error"):
            continue
        shown = (str(value), f"{value:,}") if isinstance(value, int) else (str(value),)
        assert any(s in said for s in shown), (name, value, said)


def test_the_row_limit_is_written_with_the_english_thousands_separator() -> None:
    # 80,040 rows are too slow to build here; the error is the one csv_import raises
    error = CsvFormatError("english", "too_many_rows", most=MAX_ROWS + MAX_RUNS, runs=MAX_RUNS)
    st.session_state[state.LANG] = "ko"
    said = csv_error(error)
    st.session_state[state.LANG] = "en"
    assert f"{MAX_ROWS + MAX_RUNS:,}행" in said and f"실행 {MAX_RUNS}개" in said, said
    assert "1,000 에포크" in said, said


def test_a_config_in_the_file_is_worded_as_the_form_words_it(text) -> None:
    with pytest.raises(CsvFormatError) as caught:
        import_csv(edited(text, "config.epochs", "0", row=0))
    st.session_state[state.LANG] = "ko"
    said = csv_error(caught.value)
    st.session_state[state.LANG] = "en"
    assert "에포크 (epochs)" in said and "0" in said, said


def _seen(markdown: str) -> str:
    """The text a reader sees of literal Markdown (its characters escaped with a backslash, a
    zero-width space after each colon)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u200b", "")


@pytest.mark.usefixtures("app_store")
def test_an_upload_refused_on_a_korean_page_says_why_in_korean(tmp_path) -> None:
    at = open_page(query={"lang": "ko"})
    at.file_uploader[0].set_value(("결과.csv", _labels(tmp_path).encode(), "text/csv")).run()
    assert not at.exception
    shown = [_seen(e.value) for e in at.error]
    assert len(shown) == 1 and "레이블이 너무 많습니다: 9개" in shown[0], shown
    assert english_lines(shown[0]) == [], shown


def _split_refusal(y, classes) -> Exception:
    from datasets.errors import DatasetError
    from datasets.splits import check_splittable

    with pytest.raises(DatasetError) as caught:
        check_splittable(y, classes, field="n_samples")
    return caught.value


def test_every_data_rule_the_preview_can_meet_has_korean() -> None:
    source = (ROOT / "datasets" / "splits.py").read_text(encoding="utf-8")
    rules = set(re.findall(r'^\s+"(\w+)",\n\s+field=field', source, re.M))
    assert rules == {"regression_rows", "class_rows"}
    assert {k.split(".", 1)[1] for k in KO if k.startswith("dataerror.")} == rules | {"more"}


@pytest.mark.parametrize(
    ("y", "classes", "facts"),
    [
        (np.zeros(6), (), ("6개", "60/20/20", "10개")),
        (np.array([0] * 9 + [1] * 4), ("a", "b"), ("'b' (4)", "5개")),
        (np.repeat(np.arange(8), 2), tuple("abcdefgh"), ("'e' (2)", "외 3개", "5개")),
    ],
)
def test_a_split_the_loader_refuses_is_korean_with_its_facts(y, classes, facts) -> None:
    error = _split_refusal(y, classes)
    st.session_state[state.LANG] = "en"
    assert dataset_error(error) == str(error)
    st.session_state[state.LANG] = "ko"
    said = dataset_error(error)
    st.session_state[state.LANG] = "en"
    assert HANGUL.search(said) and "(n_samples)" in said, said
    assert all(fact in said for fact in facts), said


@pytest.mark.usefixtures("app_store")
def test_a_data_refusal_on_a_korean_page_says_why_in_korean(monkeypatch) -> None:
    from dashboard.widgets import data_preview

    def refuse(config):
        raise _split_refusal(np.array([0] * 9 + [1] * 4), ("0", "1"))

    monkeypatch.setattr(data_preview, "load_arrays", refuse)
    at = open_page(query={"lang": "ko"})
    assert not at.exception
    shown = [_seen(w.value) for w in at.warning if "'1' (4)" in _seen(w.value)]
    assert len(shown) == 1 and HANGUL.search(shown[0]), [w.value for w in at.warning]
    assert english_lines(shown[0]) == [], shown
