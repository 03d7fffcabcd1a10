"""The :class:`Dataset` every loader returns (numpy only, so importing it is cheap)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


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
