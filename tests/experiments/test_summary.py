"""The per-run summary and the Parquet export against a real SQLite store of many runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from experiments.results.frames import read_results, read_runs
from experiments.results.store import Store
from experiments.results.summary import SUMMARY_DTYPES, read_summary
from experiments.spec.config import ExperimentConfig

ROOT = Path(__file__).resolve().parents[2]
N_RUNS, EPOCHS = 600, 30
LAYERS = [{"layer_index": 0, "layer_name": "dense", "kind": "Dense", "grad_norm_mean": 0.5}]


def synthetic_store(path: Path) -> Store:
    """``N_RUNS`` runs of two owners with random curves; some tie, diverge, fail or regress."""
    store, rng = Store(path), np.random.default_rng(0)
    configs = [
        ExperimentConfig(learning_rate=0.01, hidden_layers=(8, 8)),
        ExperimentConfig(dataset="sine", batch_size="full", use_bias=False),
    ]
    rows = []
    for k in range(N_RUNS):
        config = configs[k % 7 == 3]
        status = "failed" if k % 50 == 7 else "diverged" if k % 50 == 9 else "done"
        rows.append({"run_id": f"r{k:05d}", "owner": "ann" if k % 3 else "bob",
                     "label": f"run {k}", "config_id": config.config_id,
                     "config_json": config.to_json(), "repeat": 0, "seed": k, "status": status,
                     "created_at": 1000.0 + k, "started_at": 1000.0 + k,
                     "finished_at": 1002.5 + k, "n_params": 100 + k})  # fmt: skip
    store.insert_runs(rows)
    for k, row in enumerate(rows):
        n = (
            0
            if row["status"] == "failed"
            else EPOCHS // 3
            if row["status"] == "diverged"
            else EPOCHS
        )
        regression = k % 7 == 3
        val = np.round(rng.uniform(0.1, 1.0, n), 2)  # rounded: ties for the best epoch
        if k == 0:
            val[:] = 0.5  # every epoch ties: the first wins
        epochs = [
            (
                e + 1,
                {
                    "loss": float(rng.uniform()),
                    "val_loss": float(val[e]),
                    "accuracy": None if regression else float(rng.uniform()),
                    "val_accuracy": None if regression else float(rng.uniform()),
                    "eval_loss": None if k % 11 == 5 else float(rng.uniform()),
                    "eval_accuracy": None if regression or k % 11 == 5 else float(rng.uniform()),
                    "wall_time_s": 0.01,
                },
                LAYERS,
            )
            for e in range(n)
        ]
        store.write_epochs(row["run_id"], epochs)
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    return synthetic_store(tmp_path_factory.mktemp("summary") / "runs.sqlite")


def expected(store: Store, owner: str | None = None) -> pd.DataFrame:
    """The summary's metrics computed independently, in pandas, from the tidy frames."""
    runs = read_runs(store, owner=owner)
    epochs = read_results(store, runs["run_id"].tolist()).epochs
    val = epochs[epochs["split"] == "val"].sort_values(["run_id", "epoch"])
    train = epochs[epochs["split"] == "train"].sort_values(["run_id", "epoch"])
    best = val.loc[val.groupby("run_id")["loss"].idxmin()].set_index("run_id")
    last_val, last_train = (f.groupby("run_id").last() for f in (val, train))
    out = pd.DataFrame(index=pd.Index(runs["run_id"], name="run_id"))
    out["epochs_done"] = train.groupby("run_id").size()
    out["best_epoch"] = best["epoch"]
    out["best_val_loss"] = best["loss"]
    out["best_val_accuracy"] = val.groupby("run_id")["accuracy"].max()
    out["final_val_loss"], out["final_val_accuracy"] = last_val["loss"], last_val["accuracy"]
    out["final_train_loss"] = last_train["loss"]
    out["final_train_accuracy"] = last_train["accuracy"]
    at_best = train.set_index(["run_id", "epoch"])["loss"]
    best_train = at_best.reindex(list(zip(best.index, best["epoch"], strict=True))).to_numpy()
    out["gap_at_best_epoch"] = best["loss"] - pd.Series(best_train, index=best.index)
    out["epochs_done"] = out["epochs_done"].fillna(0)
    return out.reset_index()


def test_the_summary_equals_a_pandas_computation_from_the_tidy_frames(store) -> None:
    summary = read_summary(store)
    assert len(summary) == N_RUNS and summary["run_id"].is_unique
    assert dict(summary.dtypes.astype(str)) == SUMMARY_DTYPES
    want = expected(store)
    got = summary[want.columns].astype({"epochs_done": "float64", "best_epoch": "float64"})
    pd.testing.assert_frame_equal(got, want.astype(got.dtypes.to_dict()), check_dtype=False)
    first = summary.iloc[0]
    assert (first["best_epoch"], first["best_val_loss"]) == (1, 0.5)  # a tie: the earliest
    failed = summary[summary["status"] == "failed"]
    assert (failed["epochs_done"] == 0).all() and failed["best_val_loss"].isna().all()
    assert (summary["duration_s"] == 2.5).all()


def test_config_fields_are_typed_columns(store) -> None:
    summary = read_summary(store).set_index("run_id")
    classifier, regression = summary.loc["r00000"], summary.loc["r00003"]
    assert classifier["config.learning_rate"] == 0.01
    assert json.loads(classifier["config.hidden_layers"]) == [8, 8]
    assert classifier["config.batch_size"] == "32" and regression["config.batch_size"] == "full"
    assert classifier["config.use_bias"] is np.True_ and regression["config.use_bias"] is np.False_
    assert regression["config.dataset"] == "sine" and pd.isna(regression["best_val_accuracy"])
    assert pd.isna(classifier["config.noise"])  # null in the config: missing, not "None"


def test_one_owners_summary(store) -> None:
    bob = read_summary(store, owner="bob")
    assert set(bob["owner"]) == {"bob"} and len(bob) == N_RUNS // 3
    pd.testing.assert_frame_equal(
        bob.reset_index(drop=True),
        read_summary(store).query("owner == 'bob'").reset_index(drop=True),
    )


def cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "experiments", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def test_export_summary_as_parquet_and_csv(store, tmp_path: Path) -> None:
    done = cli(
        "export", "--summary", "--store", str(store.path), "--out", str(tmp_path / "s.parquet")
    )
    assert done.returncode == 0, done.stderr
    assert f"({N_RUNS} runs)" in done.stderr
    parquet = pd.read_parquet(tmp_path / "s.parquet")
    pd.testing.assert_frame_equal(parquet, read_summary(store))
    text = cli("export", "--summary", "--store", str(store.path), "--owner", "bob").stdout
    csv = pd.read_csv(pd.io.common.StringIO(text))
    assert len(csv) == N_RUNS // 3
    assert csv["best_val_loss"].tolist() == pytest.approx(
        read_summary(store, "bob")["best_val_loss"].astype(float).tolist(), nan_ok=True
    )


def test_export_full_tables_as_parquet_round_trip(store, tmp_path: Path, monkeypatch) -> None:
    from experiments.results import parquet

    monkeypatch.setattr(parquet, "CHUNK_RUNS", 70)  # several chunks, the last one short
    run_ids = read_runs(store, owner="ann")["run_id"].tolist()
    parquet.write_tables(store, tmp_path / "all", run_ids)
    results = read_results(store, run_ids)
    for name in ("runs", "epochs", "layers"):
        back = pd.read_parquet(tmp_path / "all" / f"{name}.parquet")
        pd.testing.assert_frame_equal(back, getattr(results, name))


def test_the_cli_writes_the_tables_to_a_folder_and_refuses_parquet_on_stdout(
    store, tmp_path: Path
) -> None:
    done = cli("export", "--format", "parquet", "--store", str(store.path), "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert len(pd.read_parquet(tmp_path / "runs.parquet")) == N_RUNS
    refused = cli("export", "--format", "parquet", "--store", str(store.path))
    assert refused.returncode == 2 and "--out" in refused.stderr


def test_a_large_sweep_summary_stays_small(tmp_path: Path) -> None:
    store = Store(tmp_path / "big.sqlite")
    config = ExperimentConfig()
    now = time.time()
    rows = [{"run_id": f"b{k}", "owner": "cli", "config_id": config.config_id,
             "config_json": config.to_json(), "repeat": 0, "seed": k, "status": "done",
             "created_at": now + k} for k in range(5000)]  # fmt: skip
    store.insert_runs(rows)
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO epochs (run_id, epoch, loss, val_loss, written_at) VALUES (?, ?, ?, ?, 0)",
            [(f"b{k}", e, 1.0 / e, 1.0 / e) for k in range(5000) for e in range(1, 21)],
        )
    summary = read_summary(store)
    assert len(summary) == 5000 and (summary["best_epoch"] == 20).all()
    summary.to_parquet(tmp_path / "s.parquet", index=False)
    assert (tmp_path / "s.parquet").stat().st_size < 200 * 5000  # under 200 bytes a run


def test_the_pages_run_metrics_equal_the_summary(store) -> None:
    from experiments.results.run_metrics import RUN_METRICS, run_metrics
    from experiments.results.tracks import snapshot_of

    run_ids = read_runs(store)["run_id"].tolist()[:60]  # ties, a regression, diverged, failed
    snapshot = snapshot_of(read_results(store, run_ids))
    got = run_metrics(snapshot.runs, snapshot.tracks).set_index("run_id")[list(RUN_METRICS)]
    want = read_summary(store).set_index("run_id").loc[run_ids, list(RUN_METRICS)]
    pd.testing.assert_frame_equal(got, want.astype(float), check_names=False)
