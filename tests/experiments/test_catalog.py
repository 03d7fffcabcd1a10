"""The Runs page's SQL (catalog.py) against pandas computed on the same runs, groups and the
store's migration of an older file."""

from __future__ import annotations

import json
import sqlite3

import pandas as pd
import pytest

from experiments.results import catalog, groups
from experiments.results.catalog_query import Filter, RunQuery, Scope
from experiments.results.frames import read_results, read_runs
from experiments.results.store import Store
from tests.synthetic_store import add_sweep

SMALL = {"learning_rate": [0.001, 0.01, 0.1], "activation": ["relu", "tanh"]}


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Store:
    """Two sweeps of two owners (48 runs), tags on some, one run still queued."""
    store = Store(tmp_path_factory.mktemp("catalog") / "runs.sqlite")
    ann = add_sweep(store, seeds=5, grid=SMALL, epochs=8, owner="ann", created_at=1000.0)
    add_sweep(store, seeds=3, grid=SMALL, epochs=6, owner="bob", created_at=2000.0)
    catalog.set_notes(store, ann[:4], "Baseline, good,baseline", "first look")
    catalog.set_notes(store, ann[10:12], "odd", "50% of it diverged_maybe")
    store.update_run(ann[-1], status="running")
    catalog.refresh_metrics(store)
    return store


def reference(store: Store) -> pd.DataFrame:
    """One row per run: config fields and metrics from the tidy frames, by pandas alone."""
    runs = read_runs(store)
    epochs = read_results(store, list(runs["run_id"])).epochs
    val = epochs[epochs["split"] == "val"].sort_values(["run_id", "epoch"])
    per_run = val.groupby("run_id").agg(
        best_val_loss=("loss", "min"), final_val_loss=("loss", "last")
    )
    configs = pd.json_normalize(runs["config_json"].map(json.loads).tolist()).add_prefix("config.")
    frame = pd.concat([runs.reset_index(drop=True), configs], axis=1).join(per_run, on="run_id")
    notes = pd.DataFrame(store.query("SELECT run_id, tags, note FROM run_notes"))
    return frame.merge(notes, on="run_id", how="left").fillna({"tags": "", "note": ""})


def test_filters_sort_and_pages_match_pandas(filled):
    ref = reference(filled)
    cut = float(ref["best_val_loss"].median())
    query = RunQuery(
        filters=(Filter("config.activation", "=", "tanh"), Filter("best_val_loss", "<", cut)),
        sort="best_val_loss",
        descending=False,
        page_size=4,
    )
    want = ref[(ref["config.activation"] == "tanh") & (ref["best_val_loss"] < cut)]
    want = want.sort_values("best_val_loss", kind="stable")
    assert catalog.count_runs(filled, query) == len(want) > 4
    pages = [
        catalog.runs_page(filled, RunQuery(**{**query.__dict__, "page": k}))
        for k in range(-(-len(want) // 4))
    ]
    got = pd.concat(pages, ignore_index=True)
    assert list(got["run_id"]) == list(want["run_id"])
    pd.testing.assert_series_equal(
        got["final_val_loss"], want["final_val_loss"].reset_index(drop=True), check_names=False
    )


def test_in_status_and_date_filters(filled):
    ref = reference(filled)
    lrs = Filter("config.learning_rate", "in", [0.001, 0.1])
    want = ref[ref["config.learning_rate"].isin([0.001, 0.1])]
    assert catalog.count_runs(filled, RunQuery(filters=(lrs,))) == len(want)
    running = RunQuery(filters=(Filter("status", "=", "running"),))
    assert catalog.count_runs(filled, running) == 1
    # created_at: the sweeps were written at 1000 s and 2000 s after the epoch, i.e. on 1970-01-01
    assert catalog.count_runs(filled, RunQuery(filters=(Filter("created_at", "<", "1970-01-02"),)))
    late = RunQuery(filters=(Filter("created_at", ">=", "1970-01-02"),))
    assert catalog.count_runs(filled, late) == 0


def test_search_on_labels_tags_and_notes(filled):
    ref = reference(filled)
    for text in ("BASELINE", "seed=4", "50%", "_maybe", "first"):
        hit = (
            ref["label"].str.contains(text, case=False, regex=False)
            | ref["tags"].str.contains(text, case=False, regex=False)
            | ref["note"].str.contains(text, case=False, regex=False)
        )
        got = catalog.runs_page(filled, RunQuery(search=text, page_size=500))
        assert set(got["run_id"]) == set(ref.loc[hit, "run_id"]), text
    # "%" and "_" are literal: "5_" would match "50" as a LIKE pattern
    assert catalog.count_runs(filled, RunQuery(search="5_")) == 0


def test_tags_are_normalised_and_replaced(filled):
    page = catalog.runs_page(filled, RunQuery(search="baseline", page_size=500))
    assert set(page["tags"]) == {"baseline, good"}
    assert catalog.normalise_tags(" A ,b,, a ") == "a, b"
    with pytest.raises(ValueError, match="note: received 2001 characters"):
        catalog.set_notes(filled, ["x"], "", "n" * 2001)


def test_groups_and_scope(filled):
    ref = reference(filled)
    page = catalog.groups_page(filled, RunQuery(sort="created_at"), "best_val_loss")
    assert list(page["runs"]) == [18, 30]  # newest first: bob's sweep, then ann's
    assert set(page["kind"]) == {"sweep"}
    ann = ref[ref["owner"] == "ann"]
    assert page["best"].iloc[1] == pytest.approx(ann["best_val_loss"].min())
    mine = Scope("ann", run_ids=tuple(ref.loc[ref["owner"] == "bob", "run_id"][:2]))
    assert catalog.count_runs(filled, RunQuery(), mine) == 32
    assert catalog.count_groups(filled, RunQuery(), mine) == 2
    bobs = page["group"].iloc[0]
    assert catalog.members(filled, [bobs], scope=Scope("ann")).empty  # none of them is ann's
    assert len(catalog.members(filled, [bobs])) == 18
    tanh = RunQuery(filters=(Filter("config.activation", "=", "tanh"),))
    picked = catalog.members(filled, [bobs], run_ids=["x"], query=tanh)
    assert len(picked) == 9 and set(picked["group"]) == {bobs}


def test_varied_fields_and_analysis(filled):
    assert catalog.varied_fields(filled, RunQuery()) == [
        "config.activation",
        "config.learning_rate",
        "config.epochs",
    ]
    one = RunQuery(filters=(Filter("config.epochs", "=", 8),))
    frame = catalog.analysis_frame(filled, one, ["config.learning_rate"], "best_val_loss")
    assert len(frame) == 30 and frame["config.learning_rate"].nunique() == 3


def test_metrics_cache_follows_status(filled):
    ref = reference(filled)
    run_id = ref["run_id"].iloc[0]
    filled.update_run(run_id, status="failed")
    assert catalog.refresh_metrics(filled) == 2  # it, and the run still running
    assert filled.query("SELECT status FROM run_metrics WHERE run_id = ?", (run_id,)) == [
        {"status": "failed"}
    ]


def test_bad_names_are_refused_with_the_accepted_ones():
    with pytest.raises(ValueError, match=r"field: received 'runs; DROP'.*accepted: one of label"):
        Filter("runs; DROP", "=", 1)
    with pytest.raises(ValueError, match="op: received 'LIKE'"):
        Filter("status", "LIKE", "x")
    with pytest.raises(ValueError, match="created_at: received 'yesterday'"):
        Filter("created_at", "<", "yesterday").sql()
    with pytest.raises(ValueError, match="sort: received 'owner'"):
        RunQuery(sort="owner")


def test_old_store_file_opens_and_migrates(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:  # the runs table as it was before groups
        conn.execute(
            "CREATE TABLE runs (run_id TEXT PRIMARY KEY, owner TEXT NOT NULL, label TEXT, "
            "config_id TEXT NOT NULL, config_json TEXT NOT NULL, repeat INTEGER NOT NULL, "
            "seed INTEGER NOT NULL, status TEXT NOT NULL, created_at REAL NOT NULL, "
            "started_at REAL, finished_at REAL, error TEXT, traceback TEXT, "
            "diverged_epoch INTEGER, diverged_step INTEGER, n_params INTEGER, "
            "steps_per_epoch INTEGER, n_train INTEGER, "
            "cancel_requested INTEGER NOT NULL DEFAULT 0, pid INTEGER, runner_id TEXT)"
        )
        conn.execute(
            "INSERT INTO runs (run_id, owner, config_id, config_json, repeat, seed, status, "
            "created_at) VALUES ('old1', 'ann', 'c', '{}', 0, 0, 'done', 1.0)"
        )
    # read-only, it cannot be migrated: the Runs page says so instead of failing on it
    assert not catalog.ready(Store(path, read_only=True))
    store = Store(path)
    assert catalog.ready(store)
    columns = {row["name"] for row in store.query("PRAGMA table_info(runs)")}
    assert "group_id" in columns
    assert store.get_run("old1")["group_id"] is None
    assert Store(path).get_run("old1")["owner"] == "ann"  # a second open migrates nothing
    page = catalog.groups_page(store, RunQuery(), "best_val_loss")
    assert list(page["group"]) == ["run-old1"] and list(page["kind"]) == ["run"]


def test_runner_and_sweep_set_one_group(runner, store):
    from experiments import ExperimentConfig
    from experiments.run import sweep

    configs = [ExperimentConfig(epochs=1, repeats=2), ExperimentConfig(epochs=1, activation="tanh")]
    run_ids = runner.submit(configs, owner="ann", labels=["a", "b"])
    rows = store.query("SELECT DISTINCT group_id FROM runs")
    assert len(run_ids) == 3 and len(rows) == 1
    assert groups.kind_of(rows[0]["group_id"]) == groups.COMPARISON
    catalog.current(store)
    (group,) = catalog.groups_page(store, RunQuery(), "best_val_loss").to_dict("records")
    assert sorted(group["labels"].split(", ")) == ["a", "b"]  # a readable list
    queued = sweep.queued_rows(configs, "cli", ["a", "b"], "r")
    assert len({row["group_id"] for row in queued}) == 1
    assert groups.kind_of(queued[0]["group_id"]) == groups.SWEEP


def test_stamp_moves_with_every_change_the_page_shows(tmp_path):
    store = Store(tmp_path / "runs.sqlite")
    run_id = add_sweep(store, seeds=1, grid={"learning_rate": [0.01]}, epochs=2)[0]
    seen = [catalog.current(store)]
    assert store.query("SELECT COUNT(*) AS n FROM run_metrics") == [{"n": 1}]
    assert catalog.current(store) == seen[-1]  # nothing changed, nothing written
    store.update_run(run_id, status="running")
    seen.append(catalog.current(store))
    store.write_epoch(run_id, 3, {"val_loss": 0.01}, [])
    seen.append(catalog.current(store))
    best = store.query("SELECT best_val_loss FROM run_metrics")[0]["best_val_loss"]
    assert best == 0.01  # the cache followed the running run's new epoch
    catalog.set_notes(store, [run_id], "x", "")
    seen.append(catalog.current(store))
    assert len(set(seen)) == len(seen)
