"""The Runs page through AppTest: filter, groups, open in Compare, tags, the owner boundary."""

from __future__ import annotations

import pytest

from dashboard import open_runs, state
from experiments import Store
from experiments.results import catalog
from experiments.spec.config import field_specs
from tests.dashboard.apptest_support import click, figures, open_page
from tests.synthetic_store import add_sweep

GROUPS, RUNS = "runs.table.groups", "runs.table.runs"


def tick(at, table: str, rows: list[int]):
    """Tick rows of a table as a click in the browser would (AppTest cannot click cells)."""
    at.session_state[table] = {"selection": {"rows": rows, "columns": [], "cells": []}}
    return at.run()


def add_filter(at, field: str, op: str, value: str):
    at.selectbox(key="runs.filter.field").set_value(field)
    at.selectbox(key="runs.filter.op").set_value(op)
    at.text_input(key="runs.filter.value").set_value(value)
    return click(at, "Add")


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


@pytest.fixture
def sweep_store(app_store, monkeypatch):
    """A 400-run sweep of ``ann`` and a 40-run one of ``bob``; the app shows everything."""
    monkeypatch.setenv("GRADLAB_AUDIENCE", "local")
    store = Store(app_store)
    add_sweep(store, seeds=20, owner="ann", created_at=1000.0)
    add_sweep(store, seeds=2, owner="bob", created_at=2000.0)
    return store


def test_groups_filter_and_charts(sweep_store):
    at = open_page("runs")
    assert not at.exception
    assert "Matching groups: 2 · page 1 of 1" in captions(at)
    groups = at.dataframe[0].value
    assert list(groups["runs"]) == [40, 400] and list(groups["kind"]) == ["sweep", "sweep"]
    at = add_filter(at, "config.activation", "=", "relu")
    assert list(at.dataframe[0].value["runs"]) == [10, 100]
    at.radio(key=state.RUNS_VIEW).set_value("Runs").run()
    assert "Matching runs: 110 · page 1 of 3" in captions(at)
    page = at.dataframe[0].value
    assert set(page["config.learning_rate"]) <= {0.001, 0.003, 0.01, 0.03, 0.1}
    parcoords, sensitivity = figures(at)
    assert parcoords["data"][0]["type"] == "parcoords"
    assert [d["label"] for d in parcoords["data"][0]["dimensions"]] == [
        "learning_rate (log)",
        "best val loss",
    ]
    lines = [t for t in sensitivity["data"] if t.get("mode") == "lines+markers"]
    assert len(lines) == 1 and len(lines[0]["x"]) == 5  # activation is fixed by the filter
    at.number_input(key=state.RUNS_PAGE).set_value(3).run()
    assert len(at.dataframe[0].value) == 10


def test_open_a_filtered_sweep_in_compare(sweep_store):
    at = open_page("runs")
    at = tick(at, GROUPS, [1])  # ann's 400 runs: 20 settings, too many for Compare
    at = click(at, "Open in Compare")
    assert "20 different settings" in at.warning[0].value
    at = add_filter(at, "config.activation", "=", "tanh")
    at = tick(at, GROUPS, [1])
    link = [c.value for c in at.code]
    assert link and "/compare?c=" in link[0]
    at = click(at, "Open in Compare")
    assert not at.exception
    shown = at.session_state[state.RUN_IDS]
    labels = sorted(set(shown.values()))
    assert labels == [
        f'learning_rate={lr} activation="tanh"' for lr in (0.001, 0.003, 0.01, 0.03, 0.1)
    ]
    most = field_specs()["repeats"].high  # the form's limit on seeds per variant
    assert len(shown) == 5 * most
    assert not at.session_state[state.OFFER_RUN]
    assert "▶ Run the shared comparison" not in [b.label for b in at.button]
    notice = at.info[0].value  # Markdown-escaped: the words, not the brackets
    assert f"Showing {5 * most} stored runs opened from the Runs page" in notice
    assert f"{5 * (20 - most)} runs with higher seeds left out" in notice


def test_tags_form_saves_for_the_ticked_runs(sweep_store):
    at = open_page("runs")
    at.radio(key=state.RUNS_VIEW).set_value("Runs").run()
    at = tick(at, RUNS, [0, 1])
    ticked = list(at.dataframe[0].value["run_id"][:2])
    tags = next(w for w in at.text_input if w.label == "Tags (comma-separated)")
    tags.set_value("Keep, odd")
    next(w for w in at.text_area if w.label == "Note").set_value("worth a look")
    at = click(at, "Save tags and note")
    rows = sweep_store.query("SELECT run_id, tags, note FROM run_notes ORDER BY run_id")
    assert rows == [
        {"run_id": r, "tags": "keep, odd", "note": "worth a look"} for r in sorted(ticked)
    ]
    at.text_input(key=state.RUNS_SEARCH).set_value("ODD").run()
    assert "Matching runs: 2 · page 1 of 1" in captions(at)


def test_public_visitor_sees_only_own_and_linked_runs(app_store, monkeypatch):
    monkeypatch.delenv("GRADLAB_AUDIENCE", raising=False)
    store = Store(app_store)
    add_sweep(store, seeds=2, owner="p-me", created_at=1000.0)
    theirs = add_sweep(store, seeds=3, owner="p-other", created_at=2000.0)
    at = open_page()
    at.session_state[state.OWNER] = "p-me"
    at.switch_page("dashboard/pages/runs.py").run()
    assert "Your runs and the runs of links you opened" in " ".join(captions(at))
    at.radio(key=state.RUNS_VIEW).set_value("Runs").run()
    assert "Matching runs: 40 · page 1 of 1" in captions(at)
    assert set(at.dataframe[0].value["run_id"]).isdisjoint(theirs)
    # a link to three of the other person's variants: its runs become visible to this visitor
    token = open_runs.link_token(catalog.members(store, run_ids=theirs[:9]))
    at.query_params["c"] = token
    at.switch_page("dashboard/pages/compare.py").run()
    assert set(at.session_state[state.RUN_IDS]) == set(theirs[:9])
    at.switch_page("dashboard/pages/runs.py").run()
    assert "Matching runs: 49 · page 1 of 1" in captions(at)  # still the runs view
    at.radio(key=state.RUNS_VIEW).set_value("Groups").run()
    assert "Matching groups: 2 · page 1 of 1" in captions(at)  # own sweep, and the linked one


def test_the_runs_page_words_its_metrics_statuses_and_kinds_in_korean(sweep_store):
    at = open_page("runs", {"lang": "ko"})
    assert not at.exception
    metric = at.selectbox(key=state.RUNS_METRIC)
    assert metric.value == "best_val_loss"
    assert metric.format_func("best_val_loss") == "최저 검증 손실"
    status = at.multiselect(key=state.RUNS_STATUS)
    assert status.placeholder == "모든 상태" and status.format_func("done") == "완료"
    sort = at.selectbox(key=state.RUNS_SORT)
    assert sort.format_func("created_at") == "만든 시각"
    assert sort.format_func("config.learning_rate") == "config.learning_rate"  # a Keras name
    assert list(at.dataframe[0].value["kind"]) == ["스윕", "스윕"]
    at.radio(key=state.RUNS_VIEW).set_value("Runs").run()
    assert set(at.dataframe[0].value["status"]) == {"완료"}


def test_an_empty_page_says_whose_runs_it_lists_and_a_filtered_one_blames_the_filter(
    app_store, monkeypatch
):
    monkeypatch.delenv("GRADLAB_AUDIENCE", raising=False)
    add_sweep(Store(app_store), seeds=2, owner="p-other", created_at=1000.0)  # not this visitor's
    at = open_page("runs")
    infos = " ".join(i.value for i in at.info)
    assert "No runs here yet" in infos and "keep a comparison's share link" in infos
    at.text_input(key=state.RUNS_SEARCH).set_value("nothing like it").run()
    assert "loosen the filters" in " ".join(i.value for i in at.info)
