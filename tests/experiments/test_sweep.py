"""Grid plans through the real CLI: built-in workers and Dask agree, and --resume after a kill."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from experiments.results.frames import read_results
from experiments.results.store import Store
from experiments.run.sweep import expand

pytest.importorskip("distributed")
ROOT = Path(__file__).resolve().parents[2]
GRID = {
    "base": {"dataset": "moons", "n_samples": 120, "epochs": 4, "hidden_layers": [6]},
    "grid": {"learning_rate": [0.01, 0.1], "activation": ["relu", "tanh", "sigmoid"]},
    "seeds": 4,
}
METRICS = ["loss", "accuracy", "running_loss", "grad_norm_before_clip", "grad_norm_before_clip_max"]


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "experiments", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def histories(store_path: Path) -> dict[tuple[str, int], list]:
    store = Store(store_path)
    ids = [r["run_id"] for r in store.query("SELECT run_id FROM runs")]
    epochs = read_results(store, ids).epochs.merge(
        read_results(store, ids).runs[["run_id", "config_id", "seed"]]
    )
    return {
        key: group.sort_values(["epoch", "split"])[METRICS].to_numpy().tolist()
        for key, group in epochs.groupby(["config_id", "seed"])
    }


def test_a_grid_on_dask_equals_the_builtin_workers_run_for_run(tmp_path: Path) -> None:
    plan = tmp_path / "grid.json"
    plan.write_text(json.dumps(GRID))
    assert len(expand(GRID)[0]) == 24
    builtin = cli("run", str(plan), "--store", "a.sqlite", "--workers", "2", cwd=tmp_path)
    assert builtin.returncode == 0, builtin.stderr
    assert "plan: 24 runs" in builtin.stderr
    local = cli("run", str(plan), "--store", "b.sqlite", "--scheduler", "local",
                "--workers", "2", cwd=tmp_path)  # fmt: skip
    assert local.returncode == 0, local.stderr
    a, b = histories(tmp_path / "a.sqlite"), histories(tmp_path / "b.sqlite")
    assert len(a) == 24 and a.keys() == b.keys()
    assert all(len(a[k]) == 2 * 4 for k in a)
    # same seeds, bit-identical histories (a run's validation split has no running loss: NaN)
    assert all(np.array_equal(a[k], b[k], equal_nan=True) for k in a)


def test_resume_after_the_cli_is_killed_runs_only_the_missing_pairs(tmp_path: Path) -> None:
    plan = tmp_path / "grid.json"
    slow = {**GRID, "base": {**GRID["base"], "epochs": 60, "batch_size": 1}}
    plan.write_text(json.dumps(slow))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "experiments", "run", str(plan), "--store",
                             "s.sqlite", "--workers", "2"], cwd=tmp_path, env=env,
                            stderr=subprocess.DEVNULL)  # fmt: skip
    db = tmp_path / "s.sqlite"
    end = time.monotonic() + 120
    done = 0
    while done < 3 and time.monotonic() < end:
        time.sleep(0.2)
        if db.exists():
            with sqlite3.connect(db) as conn:
                done = conn.execute("SELECT COUNT(*) FROM runs WHERE status = 'done'").fetchone()[0]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as conn:
        before = {r for r in conn.execute("SELECT config_id, seed FROM runs WHERE status = 'done'")}
    assert 3 <= len(before) < 24
    resumed = cli("run", str(plan), "--store", "s.sqlite", "--resume", cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert f"resume: {len(before)} of 24 runs already done" in resumed.stderr
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT config_id, seed, COUNT(*) FROM runs WHERE status = 'done' "
                            "GROUP BY config_id, seed").fetchall()  # fmt: skip
    assert len(rows) == 24 and all(count == 1 for *_, count in rows)  # no pair trained twice
