"""ResultsReader: incremental reads equal a fresh full read, whatever changed in between."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from experiments.reader import ResultsReader
from experiments.store import Store
from tests.experiments.test_store import LAYERS, add_run, epoch_values


def assert_fresh(reader: ResultsReader, store: Store) -> tuple:
    """The reader's Results equal ``store.results`` read now; returns the version."""
    version, results = reader.read()
    fresh = store.results(reader.run_ids)
    for name in ("runs", "epochs", "layers"):
        pd.testing.assert_frame_equal(getattr(results, name), getattr(fresh, name))
    return version


@pytest.fixture
def two_runs(store: Store) -> Store:
    for run_id in ("r1", "r2"):
        add_run(store, run_id, status="running")
    return store


def test_new_epochs_are_appended_in_order(two_runs: Store) -> None:
    reader = ResultsReader(two_runs, ["r2", "r1"])
    assert_fresh(reader, two_runs)  # no epochs yet
    for epoch in (1, 2):
        two_runs.write_epoch("r1", epoch, epoch_values(epoch), LAYERS)
    assert_fresh(reader, two_runs)
    # r2's first epochs land after r1's: the appended rows must still sort by run first
    for epoch in (1, 2, 3):
        two_runs.write_epoch("r2", epoch, epoch_values(epoch), LAYERS)
    two_runs.write_epoch("r1", 3, epoch_values(3), LAYERS)
    assert_fresh(reader, two_runs)
    assert len(reader.read()[1].epochs) == 12


def test_unchanged_store_returns_the_same_objects(two_runs: Store) -> None:
    two_runs.write_epoch("r1", 1, epoch_values(1), LAYERS)
    reader = ResultsReader(two_runs, ["r1", "r2"])
    version, results = reader.read()
    assert reader.read() == (version, results)
    assert reader.read()[1] is results


def test_status_change_and_cancel_change_the_version(two_runs: Store) -> None:
    two_runs.write_epoch("r1", 1, epoch_values(1), LAYERS)
    reader = ResultsReader(two_runs, ["r1", "r2"])
    version = assert_fresh(reader, two_runs)
    two_runs.update_run("r2", cancel_requested=1)
    cancelled = assert_fresh(reader, two_runs)
    assert cancelled != version
    two_runs.update_run("r2", status="cancelled", finished_at=1.0)
    assert assert_fresh(reader, two_runs) != cancelled
    assert reader.read()[1].runs.set_index("run_id").loc["r2", "status"] == "cancelled"


def test_a_rewritten_epoch_forces_a_full_read(two_runs: Store) -> None:
    for epoch in (1, 2):
        two_runs.write_epoch("r1", epoch, epoch_values(epoch), LAYERS)
    reader = ResultsReader(two_runs, ["r1", "r2"])
    assert_fresh(reader, two_runs)
    changed = {**epoch_values(1), "val_loss": 123.0}
    two_runs.write_epoch("r1", 1, changed, LAYERS[:1])
    assert_fresh(reader, two_runs)
    epochs = reader.read()[1].epochs.set_index(["run_id", "epoch", "split"])
    assert epochs.loc[("r1", 1, "val"), "loss"] == 123.0


def test_a_deleted_epoch_forces_a_full_read(two_runs: Store) -> None:
    for epoch in (1, 2):
        two_runs.write_epoch("r1", epoch, epoch_values(epoch), LAYERS)
    reader = ResultsReader(two_runs, ["r1", "r2"])
    assert_fresh(reader, two_runs)
    conn = sqlite3.connect(two_runs.path)
    with conn:
        conn.execute("DELETE FROM epochs WHERE run_id = 'r1' AND epoch = 1")
        conn.execute("DELETE FROM layers WHERE run_id = 'r1' AND epoch = 1")
    conn.close()
    two_runs.write_epoch("r1", 3, epoch_values(3), LAYERS)
    assert_fresh(reader, two_runs)


def test_runs_without_a_row_read_as_empty(store: Store) -> None:
    reader = ResultsReader(store, ["ghost"])
    version, results = reader.read()
    assert version == ()
    assert results.runs.empty and results.epochs.empty and results.layers.empty
