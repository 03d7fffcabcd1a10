"""The data loss (Keras's loss without the penalty) from a real worker through the store, an old
store file, the tracks and the CSV."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd

from experiments.results.csv_format import OPTIONAL
from experiments.results.csv_import import import_csv
from experiments.results.export import export_csv
from experiments.results.frames import read_results
from experiments.results.reader import ResultsReader
from experiments.results.schema import SCHEMA
from experiments.results.store import Store
from experiments.results.tracks import snapshot_of
from experiments.run.worker import main
from experiments.spec.config import ExperimentConfig
from experiments.spec.data import load_arrays
from tests.experiments.test_worker import TINY, insert_running

DATA_COLUMNS = ("data_loss", "val_data_loss", "eval_data_loss")


def trained(tmp_path: Path, **fields) -> Store:
    store = Store(tmp_path / "runs.sqlite")
    config = ExperimentConfig(**{**TINY, "epochs": 4, **fields})
    insert_running(store, config)
    main("r", str(store.path), os.getppid(), load_arrays(config))
    assert store.get_run("r")["status"] == "done"
    return store


def test_a_regularized_run_stores_both_losses_and_they_reach_the_tracks(tmp_path: Path):
    store = trained(tmp_path, regularizer="l2", regularization_factor=0.05)
    rows = pd.DataFrame(store.query("SELECT * FROM epochs WHERE run_id = 'r' ORDER BY epoch"))
    for prefix in ("", "val_", "eval_"):
        penalty = rows[f"{prefix}loss"] - rows[f"{prefix}data_loss"]
        assert (penalty > 0).all(), prefix
    # the penalty depends on the weights only: the same after each epoch on both passes
    np.testing.assert_allclose(rows["val_loss"] - rows["val_data_loss"],
                               rows["eval_loss"] - rows["eval_data_loss"], rtol=1e-9)  # fmt: skip
    track = ResultsReader(store, ["r"]).read()[1].tracks["r"]
    np.testing.assert_array_equal(track.values["data_loss", "train"], rows["eval_data_loss"])
    np.testing.assert_array_equal(track.values["data_loss", "val"], rows["val_data_loss"])
    np.testing.assert_array_equal(track.values["loss", "val"], rows["val_loss"])
    results = read_results(store, ["r"])
    val = results.epochs[results.epochs["split"] == "val"]
    np.testing.assert_array_equal(val["data_loss"], rows["val_data_loss"])
    # through the CSV and back, the same frames and the same tracks
    again = import_csv(export_csv(results))
    pd.testing.assert_frame_equal(again.epochs, results.epochs)
    back = snapshot_of(again).tracks["r"]
    np.testing.assert_array_equal(back.values["data_loss", "val"], rows["val_data_loss"])


def test_without_a_regularizer_nothing_extra_is_stored_and_data_loss_is_the_loss(tmp_path):
    store = trained(tmp_path)
    rows = store.query(f"SELECT {', '.join(DATA_COLUMNS)} FROM epochs")
    assert {value for row in rows for value in row.values()} == {None}
    track = ResultsReader(store, ["r"]).read()[1].tracks["r"]
    for split in ("train", "val"):
        np.testing.assert_array_equal(track.values["data_loss", split], track.values["loss", split])


def test_an_old_store_file_gains_the_columns_and_reads_its_loss_as_data_loss(tmp_path: Path):
    path = tmp_path / "old.sqlite"
    old_schema = SCHEMA
    for name in DATA_COLUMNS:
        old_schema = old_schema.replace(f"{name} REAL, ", "")
    assert "data_loss" not in old_schema
    with sqlite3.connect(path) as conn:
        conn.executescript(old_schema)
        conn.execute(
            "INSERT INTO runs (run_id, owner, config_id, config_json, repeat, seed, status, "
            "created_at) VALUES ('r', 'ann', 'c', '{}', 0, 0, 'done', 0)"
        )
        conn.execute(
            "INSERT INTO epochs (run_id, epoch, loss, val_loss, eval_loss, written_at) "
            "VALUES ('r', 1, 0.7, 0.9, 0.6, 0)"
        )
    read_only = Store(path, read_only=True)  # never written: reads without the columns
    track = ResultsReader(read_only, ["r"]).read()[1].tracks["r"]
    assert track.values["data_loss", "val"].tolist() == [0.9]
    store = Store(path)
    columns = {row["name"] for row in store.query("PRAGMA table_info(epochs)")}
    assert set(DATA_COLUMNS) <= columns
    Store(path)  # opening it again changes nothing
    store.write_epoch("r", 2, {"loss": 0.5, "data_loss": 0.4, "val_loss": 0.8}, [])
    track = ResultsReader(store, ["r"]).read()[1].tracks["r"]
    assert track.values["data_loss", "train"].tolist() == [0.6, 0.4]
    assert track.values["data_loss", "val"].tolist() == [0.9, 0.8]


def test_an_older_csv_without_the_data_loss_column_still_imports(tmp_path: Path):
    store = trained(tmp_path, regularizer="l2", regularization_factor=0.05)
    text = export_csv(read_results(store, ["r"]))
    frame = pd.read_csv(pd.io.common.StringIO(text), dtype=str, keep_default_na=False)
    older = frame.drop(columns=OPTIONAL).to_csv(index=False)
    results = import_csv(older)
    np.testing.assert_array_equal(results.epochs["data_loss"], results.epochs["loss"])
    track = snapshot_of(results).tracks["r"]
    np.testing.assert_array_equal(track.values["data_loss", "val"], track.values["loss", "val"])
