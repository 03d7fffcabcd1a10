"""The chart memo: one value per slot and key; the page redraws when the stored runs change."""

from __future__ import annotations

import pytest
import streamlit as st

from dashboard import runtime, state
from dashboard.memo import memo
from tests.dashboard.apptest_support import figures, open_page, run_small, traces


@pytest.fixture
def slots():
    st.session_state[state.MEMO] = {}
    yield st.session_state[state.MEMO]
    del st.session_state[state.MEMO]


def test_a_slot_builds_once_per_key(slots) -> None:
    built = []

    def build():
        built.append(1)
        return object()

    first = memo("chart", ("v1", False), build)
    assert memo("chart", ("v1", False), build) is first
    second = memo("chart", ("v2", False), build)
    assert second is not first and len(built) == 2
    # one value per slot: going back to an older key builds again
    assert memo("chart", ("v1", False), build) is not first
    assert len(slots) == 1


def test_an_unversioned_value_is_built_every_time(slots) -> None:
    assert memo("chart", None, list) is not memo("chart", None, list)
    assert slots == {}


def _loss_epochs(at) -> list[int]:
    loss = next(f for f in figures(at) if any(t["name"] == "relu · validation" for t in traces(f)))
    trace = next(t for t in traces(loss) if t["name"] == "relu · validation")
    return [int(x) for x in trace["x"]]


@pytest.mark.usefixtures("app_store")
def test_new_epochs_and_status_changes_reach_the_page() -> None:
    at, _ = run_small(open_page())
    assert _loss_epochs(at) == [1, 2, 3]
    relu = next(r for r, label in at.session_state[state.RUN_IDS].items() if label == "relu")
    store = runtime.store()
    values = {"loss": 0.1, "accuracy": 0.9, "val_loss": 0.2, "val_accuracy": 0.8,
              "eval_loss": 0.1, "eval_accuracy": 0.9}  # fmt: skip
    store.write_epoch(relu, 4, values, [])
    at.run()
    assert _loss_epochs(at) == [1, 2, 3, 4]
    store.update_run(relu, status="cancelled")
    at.run()
    assert list(at.dataframe[0].value["status"]) == ["done", "cancelled"]
