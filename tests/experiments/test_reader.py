"""ResultsReader: incremental reads equal a fresh full read, whatever changed in between."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from experiments.results.frames import read_results
from experiments.results.reader import ResultsReader
from experiments.results.store import Store
from experiments.results.tracks import snapshot_of
from tests.experiments.test_store import LAYERS, add_run, epoch_values
from tests.experiments.test_tracks import assert_tracks_equal


def assert_fresh(reader: ResultsReader, store: Store) -> tuple:
    """The reader's Snapshot equals that of ``store.results`` read now; returns the version."""
    version, snapshot = reader.read()
    fresh = snapshot_of(read_results(store, reader.run_ids))
    pd.testing.assert_frame_equal(snapshot.runs, fresh.runs)
    assert list(snapshot.tracks) == list(fresh.tracks)
    for run_id, track in fresh.tracks.items():
        assert_tracks_equal(snapshot.tracks[run_id], track)
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
    assert {r: t.epochs_done for r, t in reader.read()[1].tracks.items()} == {"r1": 3, "r2": 3}


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
    assert reader.read()[1].tracks["r1"].values["loss", "val"][0] == 123.0


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
    version, snapshot = reader.read()
    assert version == ()
    assert snapshot.runs.empty and not snapshot.tracks and not snapshot.has_epochs
