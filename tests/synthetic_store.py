"""A store of synthetic finished runs written directly (no training): sweeps for the Runs page's
tests, its browser test and its benchmark (``bench/bench_runs_page.py``: 10,000 runs).

The curves are made up but shaped like a learning-rate x activation sweep, so the parallel
coordinates and the sensitivity plot have something to show: the loss falls fastest near a
learning rate of 0.01, sigmoid trails, and each seed adds its own noise.
"""

from __future__ import annotations

import itertools
import json
import time
import uuid

import numpy as np

from experiments import ExperimentConfig
from experiments.results import groups
from experiments.results.store import Store

GRID = {
    "learning_rate": [0.001, 0.003, 0.01, 0.03, 0.1],
    "activation": ["relu", "tanh", "sigmoid", "leaky_relu"],
}
SLOWNESS = {"relu": 1.0, "tanh": 1.2, "sigmoid": 2.0, "leaky_relu": 0.9}


def _curve(config: ExperimentConfig, seed: int, epochs: int) -> np.ndarray:
    rng = np.random.default_rng([seed, list(SLOWNESS).index(config.activation)])
    rate = 1.0 / (1.0 + abs(np.log10(config.learning_rate) + 2.0)) / SLOWNESS[config.activation]
    floor = 0.15 + 0.05 * SLOWNESS[config.activation] + rng.normal(0, 0.02)
    x = np.arange(1, epochs + 1)
    return floor + 0.55 * np.exp(-rate * x / 4) + rng.normal(0, 0.01, epochs)


def add_sweep(
    store: Store,
    seeds: int = 20,
    grid: dict | None = None,
    epochs: int = 20,
    owner: str = "cli",
    created_at: float | None = None,
) -> list[str]:
    """Write one finished sweep (every grid point x ``seeds``) in one group; its run ids."""
    grid = grid or GRID
    group_id = groups.new_group_id(groups.SWEEP)
    now = time.time() if created_at is None else created_at
    runs, epoch_rows = [], []
    for combo in itertools.product(*grid.values()):
        point = dict(zip(grid, combo, strict=True))
        name = " ".join(f"{k}={json.dumps(v)}" for k, v in point.items())
        for seed in range(seeds):
            config = ExperimentConfig(**point, seed=seed, epochs=epochs)
            run_id = uuid.uuid4().hex[:12]
            val = _curve(config, seed, epochs)
            train = val - 0.05
            runs.append(_run_row(run_id, owner, f"{name} seed={seed}", config, group_id, now))
            for e in range(epochs):
                accuracy = float(np.clip(1.1 - val[e], 0, 1))
                epoch_rows.append(
                    (run_id, e + 1, float(train[e]), float(val[e]), accuracy, float(train[e]), now)
                )
            now += 0.001
    store.insert_runs(runs)
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO epochs (run_id, epoch, loss, val_loss, val_accuracy, eval_loss, "
            "written_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            epoch_rows,
        )
    return [row["run_id"] for row in runs]


def _run_row(
    run_id: str, owner: str, label: str, config: ExperimentConfig, group_id: str, now: float
) -> dict:
    return {
        "run_id": run_id,
        "owner": owner,
        "label": label,
        "config_id": config.config_id,
        "config_json": config.to_json(),
        "repeat": 0,
        "seed": config.seed,
        "status": "done",
        "created_at": now,
        "started_at": now,
        "finished_at": now + 1.0,
        "group_id": group_id,
    }
