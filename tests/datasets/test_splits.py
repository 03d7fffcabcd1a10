"""Split, shrink, flip and scale: the building blocks under load() and from_csv()."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.preprocessing import StandardScaler

from datasets import DatasetError
from datasets.assemble import assemble
from datasets.splits import (
    MIN_CLASS_ROWS,
    check_splittable,
    flip_labels,
    keep_fraction,
    split_indices,
    stage_seeds,
)

Y = np.repeat([0, 1, 2], [50, 30, 20])


def test_split_indices_partition_the_rows_60_20_20_and_stratify() -> None:
    train, val, test = split_indices(Y, stratify=True, seed=0)
    assert sorted(np.concatenate([train, val, test]).tolist()) == list(range(100))
    assert (len(train), len(val), len(test)) == (60, 20, 20)
    # 50/30/20 rows per class divide exactly into 60/20/20.
    assert np.bincount(Y[val]).tolist() == [10, 6, 4] == np.bincount(Y[test]).tolist()


@pytest.mark.parametrize("fraction", [0.5, 0.1, 0.01])
def test_keep_fraction_rule_per_class(fraction: float) -> None:
    train, _, _ = split_indices(Y, stratify=True, seed=0)
    kept = keep_fraction(train, Y, fraction, stratify=True, seed=1)
    per_class = np.bincount(Y[train])
    expected = [max(1, int(fraction * n + 0.5)) for n in per_class]
    assert np.bincount(Y[kept], minlength=3).tolist() == expected
    assert set(kept) <= set(train)


def test_keep_fraction_for_regression_keeps_at_least_two_rows() -> None:
    train = np.arange(40)
    y = np.linspace(0.0, 1.0, 40)
    assert len(keep_fraction(train, y, 0.25, stratify=False, seed=0)) == 10
    assert len(keep_fraction(train, y, 0.001, stratify=False, seed=0)) == 2
    assert keep_fraction(train, y, 1.0, stratify=False, seed=0) is train


def test_flip_labels_changes_exactly_the_share_to_other_classes() -> None:
    y = np.tile([0, 1, 2, 3], 250)
    flipped = flip_labels(y, 0.3, 4, seed=0)
    changed = flipped != y
    assert changed.sum() == 300
    # Each wrong label is uniform over the three other classes.
    offsets = (flipped[changed] - y[changed]) % 4
    assert np.bincount(offsets, minlength=4)[1:] == pytest.approx([100, 100, 100], abs=30)
    binary = np.tile([0, 1], 50)
    assert (flip_labels(binary, 0.5, 2, seed=1) != binary).sum() == 50


def test_stage_seeds_are_distinct_and_stable() -> None:
    seeds = stage_seeds(0)
    assert len(set(seeds.values())) == 4 and seeds == stage_seeds(0) != stage_seeds(1)


def test_check_splittable_names_the_small_classes() -> None:
    check_splittable(np.repeat([0, 1], MIN_CLASS_ROWS), ("a", "b"))
    with pytest.raises(DatasetError, match=r"'b' \(4\)"):
        check_splittable(np.repeat([0, 1], [9, MIN_CLASS_ROWS - 1]), ("a", "b"))


def test_assemble_scales_every_split_with_the_training_statistics() -> None:
    rng = np.random.default_rng(0)
    # Column 0 is the row id, so each scaled row can be traced back to its raw row.
    x = np.column_stack([np.arange(100.0), rng.normal(5.0, 2.0, 100), rng.uniform(0, 9, 100)])
    ds = assemble(
        "t",
        x,
        Y,
        feature_names=("id", "a", "b"),
        class_names=("p", "q", "r"),
        train_fraction=0.4,
        label_noise=0.0,
        seed=3,
    )
    scaled_ids = {s: getattr(ds, f"x_{s}")[:, 0] for s in ("train", "val", "test")}
    # Row ids are 0..99; recover them by inverting the id column's affine scaling.
    ids = {
        s: np.rint(v * ds.feature_scale[0] + ds.feature_mean[0]).astype(int)
        for s, v in scaled_ids.items()
    }
    scaler = StandardScaler().fit(x[ids["train"]])
    for split in ("train", "val", "test"):
        assert np.allclose(getattr(ds, f"x_{split}"), scaler.transform(x[ids[split]]))
        assert np.array_equal(getattr(ds, f"y_{split}"), Y[ids[split]])
    assert len(set(ids["train"]) | set(ids["val"]) | set(ids["test"])) == sum(
        ds.split_sizes.values()
    )
