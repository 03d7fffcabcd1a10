"""The decision boundary while a run trains: grids at several epochs, bounded in cost."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from experiments.results import grids as grids_mod
from experiments.results.store import Store
from experiments.run import live_boundary
from experiments.run.worker import main
from experiments.spec.build import build_model
from experiments.spec.config import ExperimentConfig
from experiments.spec.data import load_arrays
from experiments.spec.tasks import resolve_head
from tests.experiments.test_worker import TINY, insert_running


def grids(store: Store) -> dict[int, dict]:
    found = store.artifacts("r")
    return {grids_mod.epoch_of(k): v for k, v in found.items() if k.startswith("boundary@")}


def test_a_run_leaves_grids_at_several_epochs_and_the_final_one(tmp_path: Path, monkeypatch):
    # every epoch due: the cost rules are checked below, here what is written
    monkeypatch.setattr(live_boundary, "PERIOD_S", 0.0)
    monkeypatch.setattr(live_boundary, "SHARE", 1.0)
    store = Store(tmp_path / "runs.sqlite")
    config = ExperimentConfig(**{**TINY, "epochs": 6})
    insert_running(store, config)
    data = load_arrays(config)
    main("r", str(store.path), os.getppid(), data)
    found = grids(store)
    assert sorted(found) == [1, 2, 3, 4, 5, 6]
    g = live_boundary.GRID
    for epoch, grid in found.items():
        assert grid["epoch"] == epoch and "points" not in grid
        assert np.asarray(grid["proba"]).shape == (g, g)
        assert np.all((np.asarray(grid["proba"]) >= 0) & (np.asarray(grid["proba"]) <= 1))
    # the net learns: its pictures differ from one epoch to the next
    assert not np.array_equal(found[1]["proba"], found[6]["proba"])
    artifacts = store.artifacts("r")
    assert artifacts["points"]["y"] == data.y_train.astype(int).tolist()
    assert artifacts["boundary"]["epoch"] == 6
    # the page asks for the newest grid up to the epoch its curves show
    assert grids_mod.newest(store, {"r": 3}) == {"r": "boundary@00003"}
    assert grids_mod.newest(store, {"r": 1000}) == {"r": "boundary@00006"}
    assert grids_mod.newest(store, {"r": 0}) == {}
    assert grids_mod.read(store, "r", "boundary@00004") == found[4]


def test_the_last_grid_is_the_model_after_its_epoch(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(live_boundary, "PERIOD_S", 0.0)
    monkeypatch.setattr(live_boundary, "SHARE", 1.0)
    config = ExperimentConfig(**{**TINY, "epochs": 4})
    data = load_arrays(config)
    model = build_model(config, data)
    live = live_boundary.LiveBoundary(model, data, resolve_head(config, data))
    grid = live.draw(3)["boundary@00004"]
    x0, x1 = np.meshgrid(grid["x0"], grid["x1"])
    expected = model.predict(np.column_stack([x0.ravel(), x1.ravel()]))[:, 0]
    np.testing.assert_allclose(np.ravel(grid["proba"]), expected, atol=6e-5)  # 4 decimals


def test_grids_wait_for_the_period_and_the_share(monkeypatch) -> None:
    now = [0.0]
    monkeypatch.setattr(live_boundary.time, "perf_counter", lambda: now[0])
    live = live_boundary.LiveBoundary(None, None, None)
    assert live.due(0)  # the first picture at once
    live.drawn.append(1)
    live.spent, live.last = 0.01, 0.0
    now[0] = 0.4
    assert not live.due(1)  # the page would not show it yet (it polls every 0.5 s)
    now[0] = 0.5
    assert live.due(1)  # 0.01 s of 0.5 s is within 5%
    live.spent, live.last = 1.0, 0.5  # dear grids (a wide net, a slow machine)
    now[0] = 19.9
    assert not live.due(1)  # 1 s is more than 5% of 19.9 s
    now[0] = 20.0
    assert live.due(1)


@pytest.mark.parametrize("dataset", ["sine", "iris"])
def test_no_live_grid_where_there_is_no_2d_boundary(tmp_path: Path, dataset: str) -> None:
    store = Store(tmp_path / "runs.sqlite")
    fields = {**TINY, "dataset": dataset, "n_samples": None, "noise": None}
    config = ExperimentConfig(**fields)
    insert_running(store, config)
    main("r", str(store.path), os.getppid(), load_arrays(config))
    assert store.get_run("r")["status"] == "done"
    assert not grids(store) and "points" not in store.artifacts("r")
