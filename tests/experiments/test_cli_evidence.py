"""``python -m experiments export --evidence`` on a real store of two variants x 5 seeds."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from experiments.results.store import Store
from experiments.spec.config import ExperimentConfig

ROOT = Path(__file__).resolve().parents[2]
SGD = [0.50, 0.52, 0.48, 0.51, 0.49]  # best validation losses, reached at epoch 2
ADAM = [0.29, 0.31, 0.27, 0.30, 0.28]
VARIANTS = {"sgd": ("sgd", SGD), "=adam": ("adam", ADAM)}  # a label a spreadsheet would run


def _store(path: Path) -> Store:
    store, rows = Store(path), []
    for label, (optimizer, _) in VARIANTS.items():
        config = ExperimentConfig(optimizer=optimizer, epochs=3)
        rows += [{"run_id": f"{optimizer}{s}", "owner": "cli", "label": label, "seed": s,
                  "config_id": config.config_id, "config_json": config.to_json(), "repeat": s,
                  "status": "done", "created_at": len(rows) + s}  # sgd first: the baseline
                 for s in range(5)]  # fmt: skip
    store.insert_runs(rows)
    for optimizer, best in VARIANTS.values():
        for s, value in enumerate(best):
            # epoch 2 is the best; the training loss there is 0.1 below it (gap 0.1)
            values = [(1.0, 0.9), (value, value - 0.1), (value + 0.05, value - 0.2)]
            store.write_epochs(f"{optimizer}{s}", [
                (e + 1, {"loss": t, "eval_loss": t, "val_loss": v, "val_accuracy": 0.5,
                         "accuracy": 0.5, "eval_accuracy": 0.5, "wall_time_s": 0.01}, [])
                for e, (v, t) in enumerate(values)
            ])  # fmt: skip
    return store


def cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "experiments", "export", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    return _store(tmp_path_factory.mktemp("evidence") / "runs.sqlite")


def test_export_evidence_carries_means_intervals_and_verdicts(store, tmp_path: Path) -> None:
    done = cli("--evidence", "--store", str(store.path), "--out", str(tmp_path / "e.csv"))
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(tmp_path / "e.csv").set_index(["variant", "metric"])
    adam = table.loc[("'=adam", "best_val_loss")]  # neutralised for spreadsheets
    low, high = stats.t.interval(0.95, 4, loc=np.mean(ADAM), scale=stats.sem(ADAM))
    assert adam["mean"] == pytest.approx(0.29) and adam["n"] == 5
    assert adam["ci95"] == pytest.approx((high - low) / 2)
    assert adam["difference"] == pytest.approx(-0.21)
    assert adam["p_value"] == pytest.approx(stats.ttest_ind(ADAM, SGD, equal_var=False).pvalue)
    want = "'=adam is lower (better) than sgd by 0.210 ± 0.023 (p < 0.001, 5 seeds each)"
    assert adam["verdict"] == want
    assert table.loc[("sgd", "best_epoch"), "verdict"] == "baseline"
    assert table.loc[("sgd", "best_epoch"), "mean"] == 2
    assert table.loc[("'=adam", "gap_at_best_epoch"), "mean"] == pytest.approx(0.1)
    assert len(table) == 2 * 6


def test_one_metric_against_another_baseline_on_standard_output(store) -> None:
    done = cli("--evidence", "--store", str(store.path), "--metric", "final_val_loss",
               "--baseline", "=adam")  # fmt: skip
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(io.StringIO(done.stdout))
    assert set(table["metric"]) == {"final_val_loss"}
    sgd = table.set_index("variant").loc["sgd"]
    assert sgd["verdict"].startswith("sgd is higher (worse) than =adam by 0.210 ± 0.023 (")


def test_an_unknown_metric_or_baseline_is_refused_naming_what_is_accepted(store) -> None:
    bad = cli("--evidence", "--store", str(store.path), "--baseline", "rmsprop")
    assert bad.returncode == 2
    assert "--baseline: received 'rmsprop'; accepted: ['sgd', '=adam']" in bad.stderr
    bad = cli("--evidence", "--store", str(store.path), "--metric", "speed")
    assert bad.returncode == 2 and "accepted: best_val_loss, final_val_loss" in bad.stderr
    alone = cli("--store", str(store.path), "--metric", "best_epoch")
    assert alone.returncode == 2 and "go with --evidence" in alone.stderr
