"""The :class:`Dataset` every loader returns, and the one function that assembles it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from datasets.splits import flip_labels, keep_fraction, split_indices, stage_seeds, standardize


@dataclass(frozen=True)
class Dataset:
    """Scaled train/validation/test arrays plus what a model needs to fit them.

    Arrays are read-only, so one Dataset can be shared by every variant of a comparison.

    Attributes
    ----------
    name : str
    task : {"binary", "multiclass", "regression"}
    x_train, x_val, x_test : ndarray of shape (n_split, d), float64
        Standardised with the training rows' mean and standard deviation.
    y_train, y_val, y_test : ndarray
        Classification: int64 labels of shape (n_split,). Regression: float64 of shape
        (n_split, 1), standardised with the training targets' mean and standard deviation.
    feature_names : tuple of str, length d
    class_names : tuple of str, length n_classes (empty for regression)
    n_classes : int
        0 for regression.
    output_units, output_activation, loss
        Suggested last layer and loss: binary -> 1, "sigmoid", "binary_crossentropy";
        multiclass -> n_classes, "softmax", "sparse_categorical_crossentropy";
        regression -> 1, "linear", "mse".
    feature_mean, feature_scale : ndarray of shape (d,)
        The training statistics the features were scaled with (raw = x * scale + mean).
    target_mean, target_scale : float
        Same for a regression target; 0.0 and 1.0 for classification.
    """

    name: str
    task: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    feature_names: tuple[str, ...]
    class_names: tuple[str, ...]
    n_classes: int
    output_units: int
    output_activation: str
    loss: str
    feature_mean: np.ndarray | None = None
    feature_scale: np.ndarray | None = None
    target_mean: float = 0.0
    target_scale: float = 1.0

    @property
    def n_features(self) -> int:
        """Width of ``x``."""
        return int(self.x_train.shape[1])

    @property
    def split_sizes(self) -> dict[str, int]:
        """Rows per split: ``{"train": ..., "val": ..., "test": ...}``."""
        return {"train": len(self.y_train), "val": len(self.y_val), "test": len(self.y_test)}


def output_head(task: str, n_classes: int) -> tuple[int, str, str]:
    """Suggested ``(units, activation, loss)`` for the last layer, with Keras names."""
    if task == "binary":
        return 1, "sigmoid", "binary_crossentropy"
    if task == "multiclass":
        return n_classes, "softmax", "sparse_categorical_crossentropy"
    return 1, "linear", "mse"


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
