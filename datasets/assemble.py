"""Split, shrink, corrupt and scale raw arrays into a :class:`~datasets.dataset.Dataset`."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from datasets.dataset import Dataset, output_head
from datasets.splits import flip_labels, keep_fraction, split_indices, stage_seeds, standardize


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    a.flags.writeable = False
    return a


def _targets(
    y: np.ndarray,
    splits: tuple[np.ndarray, np.ndarray, np.ndarray],
    n_classes: int,
    label_noise: float,
    *,
    seed: int,
) -> tuple[list[np.ndarray], float, float]:
    """Per-split targets, plus the mean and scale that standardised a regression target."""
    train, val, test = splits
    if n_classes:
        # Only the training labels are corrupted: validation and test stay the ground truth.
        noisy = flip_labels(y[train], label_noise, n_classes, seed=seed)
        return [a.astype(np.int64) for a in (noisy, y[val], y[test])], 0.0, 1.0
    scaler, ys = standardize(*(y[rows].reshape(-1, 1) for rows in splits))
    return ys, float(scaler.mean_[0]), float(scaler.scale_[0])


def assemble(
    name: str,
    x: np.ndarray,
    y: np.ndarray,
    *,
    feature_names: Sequence[str],
    class_names: Sequence[str],
    train_fraction: float,
    label_noise: float,
    seed: int,
) -> Dataset:
    """Split, shrink the training split, add label noise, scale, and wrap in a :class:`Dataset`.

    Parameters
    ----------
    name : str
    x : ndarray of shape (n, d)
        Raw features.
    y : ndarray of shape (n,)
        int labels ``0..len(class_names)-1``, or float targets when ``class_names`` is empty.
    feature_names : sequence of str, length d
    class_names : sequence of str
        Empty for regression; two names make the task binary, more make it multiclass.
    train_fraction : float in (0, 1]
    label_noise : float in [0, 0.5]
        Share of the kept training labels to flip; must be 0 for regression.
    seed : int

    Returns
    -------
    Dataset
    """
    n_classes = len(class_names)
    classify = n_classes > 0
    task = "regression" if not classify else ("binary" if n_classes == 2 else "multiclass")
    seeds = stage_seeds(seed)
    train, val, test = split_indices(y, stratify=classify, seed=seeds["split"])
    train = keep_fraction(train, y, train_fraction, stratify=classify, seed=seeds["keep"])
    scaler, (x_train, x_val, x_test) = standardize(x[train], x[val], x[test])
    ys, target_mean, target_scale = _targets(
        y, (train, val, test), n_classes, label_noise, seed=seeds["noise"]
    )
    units, activation, loss = output_head(task, n_classes)
    return Dataset(
        name=name,
        task=task,
        x_train=_frozen(x_train),
        y_train=_frozen(ys[0]),
        x_val=_frozen(x_val),
        y_val=_frozen(ys[1]),
        x_test=_frozen(x_test),
        y_test=_frozen(ys[2]),
        feature_names=tuple(feature_names),
        class_names=tuple(class_names),
        n_classes=n_classes,
        output_units=units,
        output_activation=activation,
        loss=loss,
        feature_mean=_frozen(scaler.mean_.astype(np.float64)),
        feature_scale=_frozen(scaler.scale_.astype(np.float64)),
        target_mean=target_mean,
        target_scale=target_scale,
    )
