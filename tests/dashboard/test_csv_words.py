"""An uploaded results CSV's refusal in Korean: every rule experiments/ gives a CsvFormatError
has its Korean, with the same facts; English keeps the message word for word."""

from __future__ import annotations

import ast
import io
import re
import string
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st

from dashboard import state
from dashboard.i18n.ko import TEXT as KO
from dashboard.i18n.messages import csv_error
from experiments.results.csv_checks import ACCEPTS
from experiments.results.csv_format import MAX_COLUMNS, CsvFormatError
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


def test_a_config_in_the_file_is_worded_as_the_form_words_it(text) -> None:
    with pytest.raises(CsvFormatError) as caught:
        import_csv(edited(text, "config.epochs", "0", row=0))
    st.session_state[state.LANG] = "ko"
    said = csv_error(caught.value)
    st.session_state[state.LANG] = "en"
    assert "에포크 (epochs)" in said and "0" in said, said


def test_an_upload_refused_on_a_korean_page_says_why_in_korean(tmp_path) -> None:
    at = open_page(query={"lang": "ko"})
    at.file_uploader[0].set_value(("결과.csv", _labels(tmp_path).encode(), "text/csv")).run()
    assert not at.exception
    shown = [e.value for e in at.error]
    # the message is literal text: Markdown's characters are escaped
    assert len(shown) == 1 and "레이블이 너무 많습니다" in shown[0] and "9개" in shown[0], shown
    assert english_lines(shown[0]) == [], shown
