"""The work budget: the cost cap's message, the worker count, memory and wall-clock limits."""

from __future__ import annotations

import pytest

from experiments.run import budget
from experiments.run.runner import Runner
from experiments.spec.config import ExperimentConfig
from experiments.spec.errors import ConfigError

TINY = {"n_samples": 200, "hidden_layers": (8,)}


def test_the_largest_form_config_is_refused_naming_the_field() -> None:
    huge = ExperimentConfig(hidden_layers=(512,) * 10, batch_size="full", epochs=1000,
                            n_samples=5000)  # fmt: skip
    with pytest.raises(ConfigError, match=r"^hidden_layers: one run would cost"):
        budget.check(huge)
    steps = ExperimentConfig(batch_size=1, epochs=1000, n_samples=5000, hidden_layers=(8,))
    with pytest.raises(ConfigError, match=r"^batch_size: .*limit is 2e\+11"):
        budget.check(steps)
    budget.check(ExperimentConfig())  # the defaults fit


def test_n_params_matches_the_built_model() -> None:
    from experiments.spec.build import build_model
    from experiments.spec.data import load_arrays

    config = ExperimentConfig(hidden_layers=(16, 4), dataset="iris", normalization="batch")
    model = build_model(config, load_arrays(config))
    trainable = sum(p.size for layer in model.layers for p in layer.params.values())
    assert budget.n_params(config, 4, 3) == trainable


def test_worker_count_env_overrides_the_quota(monkeypatch) -> None:
    import joblib

    monkeypatch.setenv("GRADLAB_WORKERS", "3")
    assert budget.worker_count() == 3
    monkeypatch.setenv("GRADLAB_WORKERS", "zero")
    assert budget.worker_count() == joblib.cpu_count()


def test_a_run_over_its_memory_limit_fails_and_the_others_go_on(store) -> None:
    big = ExperimentConfig(hidden_layers=(512,) * 10, batch_size="full", epochs=2,
                           n_samples=5000, dtype="float64")  # fmt: skip
    with Runner(store, max_workers=1, memory_mb=450, max_work=None) as runner:
        hog, fine = runner.submit([big, ExperimentConfig(epochs=3, **TINY)], owner="ann")
        assert runner.wait([hog, fine], timeout=120)
    run = store.get_run(hog)
    assert run["status"] == "failed"
    assert run["error"].startswith("MemoryError: the run needed more than the worker's memory "
                                   "limit of 450 MiB")  # fmt: skip
    assert store.get_run(fine)["status"] == "done"


def test_a_run_over_its_wall_clock_budget_is_stopped_and_failed(store) -> None:
    long = ExperimentConfig(epochs=1000, batch_size=1, **TINY)
    with Runner(store, max_workers=1, max_run_s=1.0, cancel_grace_s=1.0) as runner:
        slow, after = runner.submit([long, ExperimentConfig(epochs=3, **TINY)], owner="ann")
        assert runner.wait([slow, after], timeout=60)
    run = store.get_run(slow)
    assert run["status"] == "failed"
    assert "over the wall-clock budget of 1 s per run" in run["error"]
    assert 0 < store.epochs_done([slow])[slow] < 1000
    assert store.get_run(after)["status"] == "done"


def test_a_comparisons_seeds_stay_within_the_runs_one_person_may_queue() -> None:
    from experiments.spec.config import MAX_REPEATS, MAX_RUNS_PER_PERSON

    assert MAX_REPEATS == 10 and MAX_RUNS_PER_PERSON == 40
    budget.check_comparison([ExperimentConfig(repeats=10)] * 4)  # 40 runs: allowed
    budget.check_comparison([ExperimentConfig(repeats=5)] * 8)
    with pytest.raises(ConfigError) as caught:
        budget.check_comparison([ExperimentConfig(repeats=10)] * 5)
    assert caught.value.field == "repeats"
    assert "make 50 runs; the limit is 40 runs per person" in str(caught.value)
    assert "at most 8 seeds per variant" in str(caught.value)
