"""from_csv on good files: sources, task guessing, one-hot columns, splits and scaling."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.preprocessing import StandardScaler

from datasets import Dataset, from_csv
from tests.datasets.helpers import class_shares, raw_rows

ARRAYS = ("x_train", "y_train", "x_val", "y_val", "x_test", "y_test")
COLOURS = ("red", "green", "blue")


def frame(n: int = 120, seed: int = 0) -> pd.DataFrame:
    """Row id, a measurement, a text colour and two targets (3 classes; a real number)."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "id": np.arange(n),
            "size": rng.normal(10.0, 3.0, n).round(3),
            "colour": [COLOURS[i % 3] for i in range(n)],
            "species": [("cat", "dog", "cat", "eel")[i % 4] for i in range(n)],
            "price": rng.normal(50.0, 20.0, n).round(2),
        }
    )


def csv_bytes(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False).encode()


def ids(ds: Dataset, split: str) -> np.ndarray:
    """The row ids of a split, read back through the reported scaling."""
    return np.rint(raw_rows(ds, split)[:, ds.feature_names.index("id")]).astype(int)


def test_every_kind_of_source_gives_identical_arrays(tmp_path: Path) -> None:
    data = csv_bytes(frame().drop(columns="price"))
    path = tmp_path / "pets.csv"
    path.write_bytes(data)
    sources = [data, path, io.BytesIO(data), io.StringIO(data.decode())]
    first, *others = (from_csv(s, "species", seed=4) for s in sources)
    for other in others:
        for field in ARRAYS:
            assert np.array_equal(getattr(first, field), getattr(other, field)), field
    different = from_csv(data, "species", seed=5)
    assert not np.array_equal(first.x_train, different.x_train)


def test_text_columns_become_one_hot_columns() -> None:
    df = frame().drop(columns="price")
    ds = from_csv(csv_bytes(df), "species")
    assert ds.feature_names == ("id", "size", "colour=blue", "colour=green", "colour=red")
    for split in ("train", "val", "test"):
        raw = raw_rows(ds, split)
        expected = pd.get_dummies(df["colour"]).to_numpy(float)[ids(ds, split)]
        assert np.allclose(raw[:, 2:], expected[:, [0, 1, 2]])


def test_text_target_is_classification_with_sorted_class_names() -> None:
    df = frame().drop(columns="price")
    ds = from_csv(csv_bytes(df), "species")
    assert (ds.task, ds.class_names, ds.n_classes) == ("multiclass", ("cat", "dog", "eel"), 3)
    assert (ds.output_units, ds.output_activation) == (3, "softmax")
    for split in ("train", "val", "test"):
        truth = df["species"].to_numpy()[ids(ds, split)]
        assert [ds.class_names[k] for k in getattr(ds, f"y_{split}")] == truth.tolist()
        # cat is half the rows, dog and eel a quarter each; stratified splits keep that.
        y = getattr(ds, f"y_{split}")
        assert np.abs(class_shares(y, 3) - [0.5, 0.25, 0.25]).max() <= 1.0 / len(y)


def test_float_target_is_regression_with_the_original_values() -> None:
    df = frame().drop(columns="species")
    ds = from_csv(csv_bytes(df), "price")
    assert (ds.task, ds.n_classes, ds.class_names, ds.loss) == ("regression", 0, (), "mse")
    for split in ("train", "val", "test"):
        y = getattr(ds, f"y_{split}")
        assert y.shape == (len(y), 1) and y.dtype == np.float64
        raw = y[:, 0] * ds.target_scale + ds.target_mean
        assert np.allclose(raw, df["price"].to_numpy()[ids(ds, split)])


@pytest.mark.parametrize(
    ("n_distinct", "task", "expected"),
    [
        (2, None, "binary"),
        (20, None, "multiclass"),
        (21, None, "regression"),
        (21, "classification", "multiclass"),
        (3, "regression", "regression"),
    ],
)
def test_integer_targets_with_few_values_are_classes(
    n_distinct: int, task: str | None, expected: str
) -> None:
    n = 5 * 21 * 2
    df = pd.DataFrame({"x": np.arange(n) * 0.5, "label": np.arange(n) % n_distinct})
    assert from_csv(csv_bytes(df), "label", task=task).task == expected


def test_scaling_uses_the_training_rows_only() -> None:
    df = frame().drop(columns="species")
    ds = from_csv(csv_bytes(df), "price", train_fraction=0.5)
    numeric = df[["id", "size"]].to_numpy(float)
    scaler = StandardScaler().fit(numeric[ids(ds, "train")])
    for split in ("train", "val", "test"):
        got = getattr(ds, f"x_{split}")[:, :2]
        assert np.allclose(got, scaler.transform(numeric[ids(ds, split)]))


def test_splits_are_disjoint_and_train_fraction_only_shrinks_training() -> None:
    data = csv_bytes(frame().drop(columns="price"))
    full, part = from_csv(data, "species"), from_csv(data, "species", train_fraction=0.3)
    every = np.concatenate([ids(full, s) for s in ("train", "val", "test")])
    assert sorted(every.tolist()) == list(range(120))
    assert set(ids(part, "train")) < set(ids(full, "train"))
    for split in ("val", "test"):
        assert np.array_equal(ids(part, split), ids(full, split))
    assert len(part.y_train) == pytest.approx(0.3 * len(full.y_train), abs=3)


def test_label_noise_flips_only_training_labels() -> None:
    data = csv_bytes(frame().drop(columns="price"))
    clean, noisy = from_csv(data, "species"), from_csv(data, "species", label_noise=0.25)
    assert (clean.y_train != noisy.y_train).sum() == round(0.25 * len(clean.y_train))
    assert np.array_equal(clean.y_val, noisy.y_val) and np.array_equal(clean.y_test, noisy.y_test)


def test_float_labels_from_a_column_with_gaps_are_named_as_integers() -> None:
    df = pd.DataFrame({"x": np.arange(60) * 1.0, "y": [float(i % 2) for i in range(60)]})
    df.loc[7, "y"] = np.nan
    ds = from_csv(csv_bytes(df), "y", drop_missing=True)
    assert ds.class_names == ("0", "1") and sum(ds.split_sizes.values()) == 59


def test_boolean_columns_are_numbers_and_boolean_targets_are_classes() -> None:
    df = pd.DataFrame({"x": np.arange(40) * 1.0, "flag": [i % 3 == 0 for i in range(40)]})
    df["y"] = [i % 2 == 0 for i in range(40)]
    ds = from_csv(csv_bytes(df), "y")
    assert ds.feature_names == ("x", "flag") and ds.class_names == ("False", "True")
