"""Metrics by Keras name. ``accuracy``/``acc`` resolve from the shapes as Keras 3 does.

One output unit: binary accuracy (threshold 0.5); integer labels with several units: sparse
categorical accuracy; otherwise categorical accuracy (argmax against argmax).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from core.registry import unknown_name

MetricFn = Callable[[np.ndarray, np.ndarray], float]


def binary_accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Share of entries where ``y_pred > 0.5`` equals the 0/1 target; y arrays (n, 1)."""
    return np.count_nonzero((y_pred > 0.5) == (y_true > 0.5)) / y_true.size


def categorical_accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Share of rows whose argmax agrees; y arrays (n, k)."""
    return np.count_nonzero(y_pred.argmax(axis=-1) == y_true.argmax(axis=-1)) / len(y_true)


def sparse_categorical_accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Share of rows whose argmax equals the integer label; y_true (n,), y_pred (n, k)."""
    return np.count_nonzero(y_pred.argmax(axis=-1) == y_true) / len(y_true)


# accuracy metrics as (hits (n, m) bool, m): each one returns hits.sum() / hits.size of its batch
_HITS = {
    binary_accuracy: lambda y, p: ((p > 0.5) == (y > 0.5)).reshape(len(y), -1),
    categorical_accuracy: lambda y, p: (p.argmax(axis=-1) == y.argmax(axis=-1))[:, None],
    sparse_categorical_accuracy: lambda y, p: (p.argmax(axis=-1) == y)[:, None],
}


def batch_weighted_sum(fn: MetricFn, y_true: np.ndarray, outputs: list[np.ndarray]) -> float:
    """``sum_b n_b * fn(y_b, p_b)`` over consecutive batches ``outputs`` (n_b, units) of
    ``y_true``, in batch order, as a running mean accumulates it. Accuracy metrics are counted
    for all batches in a few vectorised calls (same float operations per batch); others call
    ``fn`` per batch."""
    sizes = [len(p) for p in outputs]
    hits_fn = _HITS.get(fn)
    if hits_fn is None:
        total, start = 0.0, 0
        for n, p in zip(sizes, outputs, strict=True):
            total += n * fn(y_true[start : start + n], p)
            start += n
        return total
    hits = hits_fn(y_true, np.concatenate(outputs))
    width = hits.shape[1]
    starts = np.cumsum([0, *sizes[:-1]])
    counts = np.add.reduceat(np.count_nonzero(hits, axis=1), starts).tolist()
    total = 0.0
    for n, count in zip(sizes, counts, strict=True):
        total += n * (count / (n * width))
    return total


def mean_squared_error(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """``mean((y - p)^2)`` over all entries."""
    return float(np.mean((y_pred - y_true) ** 2))


def mean_absolute_error(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """``mean(|y - p|)`` over all entries."""
    return float(np.mean(np.abs(y_pred - y_true)))


def resolve_accuracy(units: int, sparse_labels: bool) -> MetricFn:
    """The accuracy Keras 3 picks for an output of ``units`` and the label format."""
    if units == 1:
        return binary_accuracy
    return sparse_categorical_accuracy if sparse_labels else categorical_accuracy


def get(identifier: str, units: int, sparse_labels: bool) -> MetricFn:
    """Return the metric function for a Keras name, given the output width and label format."""
    if identifier in ("accuracy", "acc"):
        return resolve_accuracy(units, sparse_labels)
    if isinstance(identifier, str) and identifier in METRICS:
        return METRICS[identifier]
    raise unknown_name("metric", [identifier], METRICS, field="metrics", first=("accuracy", "acc"))


METRICS: dict[str, MetricFn] = {
    "binary_accuracy": binary_accuracy,
    "categorical_accuracy": categorical_accuracy,
    "sparse_categorical_accuracy": sparse_categorical_accuracy,
    "mse": mean_squared_error,
    "mean_squared_error": mean_squared_error,
    "mae": mean_absolute_error,
    "mean_absolute_error": mean_absolute_error,
}
