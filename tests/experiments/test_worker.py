"""The worker on its own: light imports, failures recorded, same-seed variants share a split."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from datasets import load
from experiments.results.store import Store
from experiments.run.worker import main
from experiments.spec.config import ExperimentConfig
from experiments.spec.data import ArrayData, load_arrays
from experiments.spec.variants import vary_one_knob

ROOT = Path(__file__).resolve().parents[2]
TINY = {"n_samples": 200, "hidden_layers": (8,), "epochs": 3}


def insert_running(store: Store, config: ExperimentConfig) -> None:
    """A run ``"r"`` of ``config``, marked running as the pool does before handing it over."""
    row = {"run_id": "r", "owner": "ann", "config_id": config.config_id, "seed": 0}
    row.update(config_json=config.to_json(), repeat=0, status="running", created_at=time.time())
    store.insert_runs([row])


def test_worker_imports_neither_pandas_nor_sklearn() -> None:
    code = (
        "import sys, experiments.run.worker, experiments.spec.build, experiments.run.artifacts, "
        "experiments.spec.tasks, threadpoolctl\n"
        "heavy = [m for m in ('pandas', 'sklearn', 'datasets') if m in sys.modules]\n"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_exception_marks_the_run_failed_with_its_last_line(tmp_path: Path) -> None:
    store = Store(tmp_path / "runs.sqlite")
    config = ExperimentConfig(**TINY)
    insert_running(store, config)
    good = load_arrays(config)
    # a label 3 on a binary task: core's loss refuses it once training starts
    bad = ArrayData(good.name, good.task, 2, good.x_train, good.y_train * 3, good.x_val, good.y_val)
    main("r", str(store.path), os.getppid(), bad)
    run = store.get_run("r")
    assert run["status"] == "failed"
    assert run["error"].startswith("ValueError: binary_crossentropy")
    assert run["error"] == run["traceback"].strip().splitlines()[-1]
    assert "Traceback (most recent call last)" in run["traceback"]


def test_arrays_match_an_independent_load() -> None:
    config = ExperimentConfig(dataset="circles", n_samples=300, noise=0.1, data_seed=5)
    arrays = load_arrays(config)
    direct = load("circles", n_samples=300, noise=0.1, seed=5)
    np.testing.assert_array_equal(arrays.x_train, direct.x_train)
    np.testing.assert_array_equal(arrays.y_val, direct.y_val)


def test_same_seed_variants_train_on_the_same_split(store, runner) -> None:
    base = ExperimentConfig(dataset="moons", data_seed=3, **TINY)
    variants = vary_one_knob(base, "learning_rate", [0.1, 0.01, 0.001])
    other_split = ExperimentConfig(dataset="moons", data_seed=4, **TINY)
    ids = runner.submit([*variants, other_split], owner="ann")
    assert runner.wait(ids, timeout=60)
    prints = [store.artifacts(run_id)["data"]["fingerprint"] for run_id in ids]
    direct = load("moons", n_samples=200, seed=3)
    expected = ArrayData(
        "moons", "binary", 2, direct.x_train, direct.y_train, direct.x_val, direct.y_val
    ).fingerprint()
    assert prints[:3] == [expected] * 3
    assert prints[3] != expected


def test_epoch_writer_writes_the_first_epoch_at_once_and_the_rest_together(
    tmp_path: Path, monkeypatch
) -> None:
    from types import SimpleNamespace

    from experiments.run import worker

    monkeypatch.setattr(worker, "FLUSH_EVERY_S", 3600.0)
    store = Store(tmp_path / "runs.sqlite")
    config = ExperimentConfig(**TINY)
    insert_running(store, config)
    writer = worker.EpochWriter(store, "r", os.getppid())
    writer.model = SimpleNamespace(stop_training=False)
    writer.on_epoch_end(0, {"loss": 1.0})
    assert store.epochs_done(["r"]) == {"r": 1}  # the page's first live point
    store.update_run("r", cancel_requested=1)
    for epoch in range(1, 5):
        writer.on_epoch_end(epoch, {"loss": 1.0 / (epoch + 1)})
    assert store.epochs_done(["r"]) == {"r": 1} and not writer.model.stop_training
    writer.on_train_end({})
    assert store.epochs_done(["r"]) == {"r": 5}
    assert writer.model.stop_training and writer.stopped_by == "cancelled"
    losses = [row["loss"] for row in store.query("SELECT loss FROM epochs ORDER BY epoch")]
    assert losses == [1.0, 1 / 2, 1 / 3, 1 / 4, 1 / 5]
