"""DATASETS: the names the contract promises, and ranges that load() actually accepts."""

from __future__ import annotations

import pytest

from datasets import DATASETS, load

CONTRACT_NAMES = "moons circles xor blobs spiral iris wine breast_cancer digits sine diabetes"


def test_registry_holds_exactly_the_contract_names() -> None:
    assert list(DATASETS) == CONTRACT_NAMES.split()
    assert all(info.name == key for key, info in DATASETS.items())


@pytest.mark.parametrize("info", DATASETS.values(), ids=list(DATASETS))
def test_ranges_are_consistent(info) -> None:
    assert info.min_samples <= info.default_samples <= info.max_samples
    assert 0.0 <= info.default_noise <= info.max_noise
    assert info.has_noise == (info.max_noise > 0) == bool(info.noise_meaning)
    assert (info.task == "regression") == (info.n_classes == 0)
    assert (info.task == "binary") == (info.n_classes == 2)
    assert info.title and info.description.endswith(".")


@pytest.mark.parametrize("info", DATASETS.values(), ids=list(DATASETS))
def test_the_extremes_of_every_range_load(info) -> None:
    label_noise = 0.0 if info.task == "regression" else 0.5
    ds = load(
        info.name,
        n_samples=info.min_samples,
        noise=info.max_noise,
        train_fraction=1e-6,
        label_noise=label_noise,
    )
    for split in ("val", "test"):
        assert ds.split_sizes[split] == pytest.approx(0.2 * info.min_samples, abs=1)
    # The smallest fraction keeps one row per class (two for regression).
    assert ds.split_sizes["train"] == max(info.n_classes, 2)
    if info.n_classes:
        for split in ("val", "test"):
            assert set(getattr(ds, f"y_{split}")) == set(range(info.n_classes)), split
