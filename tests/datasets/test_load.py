"""load(): the contract's shapes, determinism, splits, scaling, and the overfitting knobs."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import load_iris, load_wine

from datasets import DATASETS, Dataset, DatasetError, load
from tests.datasets.helpers import class_shares, raw_rows, sorted_rows

ARRAYS = ("x_train", "y_train", "x_val", "y_val", "x_test", "y_test")
HEADS = {
    "binary": (lambda k: 1, "sigmoid", "binary_crossentropy"),
    "multiclass": (lambda k: k, "softmax", "sparse_categorical_crossentropy"),
    "regression": (lambda k: 1, "linear", "mse"),
}


def small(name: str, **kw: object) -> Dataset:
    """The dataset at its smallest default-ish size, to keep the suite fast."""
    info = DATASETS[name]
    return load(name, n_samples=kw.pop("n_samples", min(info.default_samples, 300)), **kw)


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_dataset_follows_the_contract(name: str) -> None:
    info = DATASETS[name]
    ds = small(name)
    assert ds.task == info.task and ds.n_classes == info.n_classes
    assert ds.n_features == info.n_features == len(ds.feature_names)
    units, activation, loss = HEADS[info.task]
    assert (ds.output_units, ds.output_activation, ds.loss) == (
        units(info.n_classes),
        activation,
        loss,
    )
    for split in ("train", "val", "test"):
        x, y = getattr(ds, f"x_{split}"), getattr(ds, f"y_{split}")
        assert x.dtype == np.float64 and x.shape == (len(y), info.n_features)
        if info.task == "regression":
            assert y.dtype == np.float64 and y.shape == (len(x), 1)
        else:
            assert y.dtype == np.int64 and y.ndim == 1
            assert set(np.unique(y)) == set(range(info.n_classes))
        assert not x.flags.writeable and not y.flags.writeable
    n = sum(ds.split_sizes.values())
    assert ds.split_sizes["val"] == pytest.approx(0.2 * n, abs=1)
    assert ds.split_sizes["test"] == pytest.approx(0.2 * n, abs=1)


@pytest.mark.parametrize("name", ["moons", "spiral", "xor", "iris", "sine", "diabetes"])
def test_same_seed_gives_identical_arrays_and_other_seeds_differ(name: str) -> None:
    kw = {"train_fraction": 0.5, "label_noise": 0.0 if name in ("sine", "diabetes") else 0.1}
    first, again, other = small(name, seed=3, **kw), small(name, seed=3, **kw), small(name, **kw)
    for field in ARRAYS:
        assert np.array_equal(getattr(first, field), getattr(again, field)), field
    assert not np.array_equal(first.x_train, other.x_train)


def test_splits_partition_the_raw_data_and_share_the_training_scaling() -> None:
    # Undoing the scaling with the *training* statistics must give back exactly iris's rows:
    # that holds only if val/test were transformed with the training mean and std, and the
    # three splits are disjoint and cover the data.
    ds = load("iris")
    recovered = np.vstack([raw_rows(ds, s) for s in ("train", "val", "test")])
    assert np.allclose(sorted_rows(recovered), sorted_rows(load_iris().data), atol=1e-9)
    assert np.allclose(ds.x_train.mean(axis=0), 0.0, atol=1e-12)
    assert np.allclose(ds.x_train.std(axis=0), 1.0)
    assert np.allclose(raw_rows(ds, "train").mean(axis=0), ds.feature_mean)


@pytest.mark.parametrize("name", ["wine", "breast_cancer", "blobs"])
def test_classification_splits_are_stratified(name: str) -> None:
    ds = load(name)
    y_all = np.concatenate([ds.y_train, ds.y_val, ds.y_test])
    overall = class_shares(y_all, ds.n_classes)
    for split in ("train", "val", "test"):
        y = getattr(ds, f"y_{split}")
        # Stratification rounds each class's count: off by at most one row per class.
        assert np.all(np.abs(class_shares(y, ds.n_classes) - overall) <= 1.0 / len(y) + 1e-12)


def test_wine_class_counts_match_sklearn() -> None:
    ds = load("wine")
    counts = sum(np.bincount(getattr(ds, f"y_{s}"), minlength=3) for s in ("train", "val", "test"))
    assert counts.tolist() == np.bincount(load_wine().target).tolist()


def test_train_fraction_shrinks_only_the_training_split() -> None:
    full, part = load("moons", seed=5), load("moons", seed=5, train_fraction=0.25)
    assert len(part.y_train) == pytest.approx(0.25 * len(full.y_train), abs=2)
    for split in ("val", "test"):
        assert np.array_equal(getattr(part, f"y_{split}"), getattr(full, f"y_{split}"))
        assert np.allclose(raw_rows(part, split), raw_rows(full, split))
    kept, all_train = raw_rows(part, "train"), raw_rows(full, "train")
    assert all(np.any(np.all(np.isclose(all_train, row), axis=1)) for row in kept)
    # Scaling is refitted on the kept rows only.
    assert np.allclose(part.x_train.mean(axis=0), 0.0, atol=1e-12)
    assert np.allclose(part.feature_mean, kept.mean(axis=0))
    assert not np.allclose(part.feature_mean, full.feature_mean)


def test_smaller_train_fractions_keep_subsets_of_larger_ones() -> None:
    big, little = load("spiral", train_fraction=0.5), load("spiral", train_fraction=0.1)
    big_rows = raw_rows(big, "train")
    for row in raw_rows(little, "train"):
        assert np.any(np.all(np.isclose(big_rows, row), axis=1))


@pytest.mark.parametrize("name", ["iris", "digits", "blobs"])
def test_the_smallest_train_fraction_keeps_every_class(name: str) -> None:
    ds = load(name, train_fraction=1e-9)
    assert sorted(ds.y_train.tolist()) == list(range(ds.n_classes))


@pytest.mark.parametrize(("name", "share"), [("moons", 0.2), ("blobs", 0.5), ("iris", 0.1)])
def test_label_noise_flips_the_stated_share_of_training_labels_only(
    name: str, share: float
) -> None:
    clean, noisy = load(name, seed=2), load(name, seed=2, label_noise=share)
    changed = noisy.y_train != clean.y_train
    assert changed.sum() == round(share * len(clean.y_train))
    assert np.array_equal(noisy.x_train, clean.x_train)
    for field in ("y_val", "y_test", "x_val", "x_test"):
        assert np.array_equal(getattr(noisy, field), getattr(clean, field))
    assert set(np.unique(noisy.y_train)) <= set(range(clean.n_classes))


def test_sine_targets_follow_the_formula() -> None:
    exact = load("sine", noise=0.0)
    for split in ("train", "val", "test"):
        x = raw_rows(exact, split)[:, 0]
        y = getattr(exact, f"y_{split}")[:, 0] * exact.target_scale + exact.target_mean
        assert np.allclose(y, np.sin(x))
    noisy = load("sine", noise=0.3, n_samples=4000)
    residual = noisy.y_train[:, 0] * noisy.target_scale + noisy.target_mean
    residual -= np.sin(raw_rows(noisy, "train")[:, 0])
    assert np.std(residual) == pytest.approx(0.3, rel=0.08)


def test_regression_targets_are_scaled_with_training_statistics() -> None:
    ds = load("diabetes")
    assert ds.y_train.mean() == pytest.approx(0.0, abs=1e-12)
    assert ds.y_train.std() == pytest.approx(1.0)
    # Diabetes progression is a count in [25, 346]: the unscaled targets must land there.
    for split in ("train", "val", "test"):
        raw = getattr(ds, f"y_{split}") * ds.target_scale + ds.target_mean
        assert raw.min() >= 25 - 1e-9 and raw.max() <= 346 + 1e-9


@pytest.mark.parametrize(
    ("kwargs", "field", "shown"),
    [
        ({"name": "mnist"}, "name", "'mnist'"),
        ({"name": "moons", "noise": -0.1}, "noise", "-0.1"),
        ({"name": "moons", "noise": 0.9}, "noise", "0.9"),
        ({"name": "iris", "noise": 0.2}, "noise", "0.2"),
        ({"name": "moons", "n_samples": 10}, "n_samples", "10"),
        ({"name": "moons", "n_samples": 2.5}, "n_samples", "2.5"),
        ({"name": "iris", "n_samples": 151}, "n_samples", "151"),
        ({"name": "moons", "train_fraction": 0.0}, "train_fraction", "0.0"),
        ({"name": "moons", "train_fraction": 1.5}, "train_fraction", "1.5"),
        ({"name": "moons", "label_noise": 0.6}, "label_noise", "0.6"),
        ({"name": "sine", "label_noise": 0.1}, "label_noise", "0.1"),
        ({"name": "moons", "seed": -1}, "seed", "-1"),
        ({"name": "moons", "seed": "1"}, "seed", "'1'"),
    ],
)
def test_bad_parameters_name_the_field_value_and_range(
    kwargs: dict[str, object], field: str, shown: str
) -> None:
    name = kwargs.pop("name")
    with pytest.raises(DatasetError) as caught:
        load(name, **kwargs)
    message = str(caught.value)
    assert isinstance(caught.value, ValueError) and caught.value.field == field
    assert f"{field}={shown}" in message and "ccepted" in message


def test_unknown_name_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="moons, circles, xor"):
        load("mnist")


def test_bundled_subsample_is_stratified_and_smaller() -> None:
    ds = load("breast_cancer", n_samples=200)
    assert sum(ds.split_sizes.values()) == 200
    y_all = np.concatenate([ds.y_train, ds.y_val, ds.y_test])
    assert class_shares(y_all, 2)[0] == pytest.approx(212 / 569, abs=1 / 200)
