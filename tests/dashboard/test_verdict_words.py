"""Verdicts in Korean: every sentence experiments/ words has its Korean, with the same numbers."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.i18n.ko import TEXT as KO
from dashboard.i18n.verdicts import holm_text, verdict_text
from experiments.results.verdicts import verdicts

ROOT = Path(__file__).resolve().parents[2]


def test_every_case_experiments_uses_has_korean() -> None:
    source = (ROOT / "experiments/results/verdicts.py").read_text(encoding="utf-8")
    cases = set(re.findall(r'"case": "(\w+)"', source))
    assert {"provisional", "one_seed", "real", "same", "described"} <= cases
    assert cases == {k.split(".")[-1] for k in KO if k.startswith("verdict.case.")}


def _per_run() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    rows = [("a", x) for x in rng.normal(1, 0.1, 3)] + [("b", x) for x in rng.normal(0.4, 0.1, 3)]
    rows += [("c", x) for x in rng.normal(1, 0.1, 4)] + [("d", 0.5)]
    return pd.DataFrame(rows, columns=["label", "best_val_loss"])


def test_korean_verdicts_say_the_english_numbers_and_english_is_unchanged() -> None:
    found = verdicts(_per_run(), "best_val_loss", "a")
    st.session_state[state.LANG] = "en"
    assert [verdict_text(v) for v in found] == [v.text for v in found]
    st.session_state[state.LANG] = "ko"
    said = [verdict_text(v) for v in found]
    number = re.compile(r"[-+]?\d+(?:\.\d+)?")
    for v, ko in zip(found, said, strict=True):
        assert ko != v.text and not re.search(r"[A-Za-z]{2,}", ko.replace(v.label, "")), ko
        assert sorted(number.findall(v.text)) == sorted(number.findall(ko)), (v.text, ko)
    assert "낮습니다 (더 좋음)" in said[0] and "시드 4개와 3개로는" in said[1]
    assert "변형 3개" in holm_text(found)
    st.session_state[state.LANG] = "en"


def test_a_share_link_error_is_worded_in_korean_with_its_facts() -> None:
    import pytest

    from dashboard import share
    from dashboard.i18n.messages import share_link_error

    with pytest.raises(share.ShareLinkError) as caught:
        share.decode("x" * (share.MAX_TOKEN_CHARS + 1), {})
    st.session_state[state.LANG] = "en"
    assert share_link_error(caught.value) == str(caught.value)
    st.session_state[state.LANG] = "ko"
    said = share_link_error(caught.value)
    assert f"{share.MAX_TOKEN_CHARS + 1}자" in said and f"{share.MAX_TOKEN_CHARS}자" in said, said
    st.session_state[state.LANG] = "en"


def test_a_full_queue_is_worded_in_korean_with_its_counts() -> None:
    from dashboard.i18n.messages import run_refused
    from experiments import QueueFullError

    error = QueueFullError("english", "server", active=190, adding=20, limit=200)
    st.session_state[state.LANG] = "en"
    assert run_refused(error) == "english"
    st.session_state[state.LANG] = "ko"
    said = run_refused(error)
    assert all(n in said for n in ("190개", "20개", "200개")), said
    st.session_state[state.LANG] = "en"
