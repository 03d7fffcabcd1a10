"""The SQLite store: WAL file, guarded status updates, epochs readable while being written."""

from __future__ import annotations

import math
import sqlite3
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from experiments.results.frames import (
    EPOCH_DTYPES,
    LAYER_DTYPES,
    RUN_DTYPES,
    read_results,
    read_runs,
)
from experiments.results.store import Store, default_store_path


def add_run(store: Store, run_id: str, owner: str = "ann", status: str = "queued") -> None:
    store.insert_runs(
        [
            {
                "run_id": run_id,
                "owner": owner,
                "label": f"label {run_id}",
                "config_id": "c0ffee1234",
                "config_json": "{}",
                "repeat": 0,
                "seed": 0,
                "status": status,
                "created_at": time.time(),
            }
        ]
    )


def epoch_values(epoch: int) -> dict[str, float]:
    return {
        "loss": 1.0 / epoch,
        "accuracy": 0.5,
        "val_loss": 2.0 / epoch,
        "val_accuracy": 0.4,
        "eval_loss": 0.9 / epoch,
        "eval_accuracy": 0.6,
        "wall_time_s": 0.01,
        "steps": 4,
        "grad_norm_before_clip": 1.5,
        "grad_norm_before_clip_max": 2.5,
        "clipped_steps": 0,
    }


LAYERS = [
    {
        "layer_index": 0,
        "layer_name": "dense",
        "kind": "Dense",
        "grad_norm_mean": 0.1,
        "weight_norm": 2.0,
        "dead_fraction": 0.25,
    },
    {"layer_index": 1, "layer_name": "dropout", "kind": "Dropout", "grad_norm_mean": None},
]


def test_default_path_comes_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GRADLAB_STORE", str(tmp_path / "sub" / "x.sqlite"))
    assert default_store_path() == tmp_path / "sub" / "x.sqlite"
    store = Store()
    assert store.path.exists()
    monkeypatch.delenv("GRADLAB_STORE")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_store_path() == tmp_path / "home" / ".gradlab" / "runs.sqlite"


def test_file_is_in_wal_mode(tmp_path: Path) -> None:
    Store(tmp_path / "runs.sqlite")
    conn = sqlite3.connect(tmp_path / "runs.sqlite")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_status_guard_lets_the_first_final_status_win(tmp_path: Path) -> None:
    store = Store(tmp_path / "runs.sqlite")
    add_run(store, "r1", status="running")
    assert store.update_run("r1", only_if=("running",), status="failed", error="boom")
    assert not store.update_run("r1", only_if=("running",), status="done")
    run = store.get_run("r1")
    assert (run["status"], run["error"]) == ("failed", "boom")
    with pytest.raises(ValueError, match="colour"):
        store.update_run("r1", colour="red")
    with pytest.raises(KeyError, match="nope"):
        store.get_run("nope")


def test_counts_and_cancel_flag(tmp_path: Path) -> None:
    store = Store(tmp_path / "runs.sqlite")
    add_run(store, "a", owner="ann")
    add_run(store, "b", owner="bob", status="running")
    add_run(store, "c", owner="bob", status="done")
    assert (store.count_active(), store.count_active("bob"), store.count_active("eve")) == (2, 1, 0)
    assert not store.cancel_requested("a")
    store.update_run("a", cancel_requested=1)
    assert store.cancel_requested("a")


def test_results_frames_are_tidy(tmp_path: Path) -> None:
    store = Store(tmp_path / "runs.sqlite")
    add_run(store, "r1")
    for epoch in (1, 2):
        store.write_epoch("r1", epoch, epoch_values(epoch), LAYERS)
    results = read_results(store, ["r1"])
    assert list(results.runs.columns) == list(RUN_DTYPES)
    assert list(results.epochs.columns) == list(EPOCH_DTYPES)
    assert list(results.layers.columns) == list(LAYER_DTYPES)
    assert results.runs.loc[0, "epochs_done"] == 2
    epochs = results.epochs.set_index(["epoch", "split"])
    # train rows: the inference-mode pass over the training set (like val); running mean aside
    assert epochs.loc[(2, "train"), "loss"] == 0.45
    assert epochs.loc[(2, "train"), "accuracy"] == 0.6
    assert epochs.loc[(2, "train"), "running_loss"] == 0.5
    assert epochs.loc[(2, "val"), "loss"] == 1.0
    assert math.isnan(epochs.loc[(2, "val"), "running_loss"])
    assert epochs.loc[(1, "val"), "steps"] == 4
    gap = results.overfitting_gap()
    assert gap["gap"].tolist() == pytest.approx([2.0 - 0.9, 1.0 - 0.45])
    layers = results.layers
    assert layers["layer_name"].tolist() == ["dense", "dropout"] * 2
    assert pd.isna(layers.loc[1, "grad_norm_mean"]) and layers.loc[0, "dead_fraction"] == 0.25


def test_artifacts_round_trip_and_reject_nan(tmp_path: Path) -> None:
    store = Store(tmp_path / "runs.sqlite")
    add_run(store, "r1")
    store.write_artifact("r1", "predictions", {"y_true": [1.0], "y_pred": [0.5]})
    assert store.artifacts("r1") == {"predictions": {"y_true": [1.0], "y_pred": [0.5]}}
    with pytest.raises(ValueError):
        store.write_artifact("r1", "bad", {"x": float("nan")})


def test_runs_frame_filters(tmp_path: Path) -> None:
    store = Store(tmp_path / "runs.sqlite")
    add_run(store, "a", owner="ann")
    add_run(store, "b", owner="bob")
    assert read_runs(store, owner="bob")["run_id"].tolist() == ["b"]
    assert read_runs(store, run_ids=["a", "zzz"])["run_id"].tolist() == ["a"]
    assert read_runs(store, config_ids=["c0ffee1234"])["run_id"].tolist() == ["a", "b"]
    assert read_runs(store, config_ids=["other"]).empty


def test_reader_sees_each_epoch_while_a_writer_thread_writes(tmp_path: Path) -> None:
    store = Store(tmp_path / "runs.sqlite")
    add_run(store, "r1", status="running")
    written = threading.Event()
    go_on = threading.Event()

    def writer() -> None:
        for epoch in range(1, 4):
            Store(store.path).write_epoch("r1", epoch, epoch_values(epoch), LAYERS)
            written.set()
            go_on.wait(5)
            go_on.clear()

    thread = threading.Thread(target=writer)
    thread.start()
    seen = []
    for _ in range(3):
        assert written.wait(5)
        written.clear()
        seen.append(store.epochs_done(["r1"])["r1"])
        go_on.set()
    thread.join(5)
    assert seen == [1, 2, 3]


def test_the_gap_skips_epochs_without_both_splits() -> None:
    from experiments.results.gap import overfitting_gap

    epoch, gap = overfitting_gap(
        np.array([1, 2, 3]), np.array([1.0, 0.5, 0.25]), np.array([2, 3, 4]), np.array([1.0, 1, 9])
    )
    assert epoch.tolist() == [2, 3] and gap.tolist() == [0.5, 0.75]
