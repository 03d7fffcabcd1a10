"""Losses, by Keras name, each averaged over the batch as Keras does ("sum_over_batch_size").

A loss gives its value, ``gradient`` (dL/dy_pred, already divided by the batch size) and
``prepare(y, units)``, which validates targets once per ``fit``. The cross-entropies also have a
logits form, used when the output activation is fused with the loss: sigmoid + binary and softmax +
(sparse) categorical give ``dL/dz = (p - y) / n`` and a log-sum-exp loss, finite when saturated.
"""

from __future__ import annotations

import functools

import numpy as np

from core.activations import _sigmoid, _softmax
from core.registry import unknown_name

EPSILON = 1e-7  # Keras's backend epsilon, used to clip probabilities


@functools.lru_cache(maxsize=32)
def _rows(n: int) -> np.ndarray:
    """0..n-1, cached: batch sizes repeat every step."""
    return np.arange(n)


@functools.lru_cache(maxsize=32)
def _row_offsets(n: int, units: int) -> np.ndarray:
    """Flat offset of each row's first entry in a C-ordered (n, units) array, cached."""
    return np.arange(0, n * units, units)


def _flat_picks(y: np.ndarray, units: int) -> np.ndarray:
    """Flat positions of the entries ``[i, y[i]]`` of an (n, units) array: indexing the raveled
    array with them is several times cheaper than a 2-D fancy index, on every step."""
    return _row_offsets(len(y), units) + y


def _matrix_targets(y: np.ndarray, units: int, name: str) -> np.ndarray:
    y = np.asarray(y, dtype=np.float64)
    if y.ndim == 1 and units == 1:
        y = y[:, None]
    if y.ndim != 2 or y.shape[1] != units:
        raise ValueError(
            f"{name}: Received: y with shape {y.shape}. Accepted: shape (n, {units}) "
            f"matching the output layer's {units} unit(s)"
        )
    return y


class Loss:
    """Base loss: ``__call__(y_true, y_pred) -> float`` with y arrays of shape (n, units)."""

    name = "loss"
    fused_activation: str | None = None

    def prepare(self, y: np.ndarray, units: int) -> np.ndarray:
        """Validate targets for an output of ``units`` and return them as (n, units) floats."""
        return _matrix_targets(y, units, self.name)

    def __call__(self, y_true: np.ndarray, y_pred: np.ndarray) -> float:
        return float(np.mean(self.elementwise(y_true, y_pred)))

    def elementwise(self, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
        """Per-element (n, units) losses whose mean is the batch loss."""
        raise NotImplementedError

    def gradient(self, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
        """dL/dy_pred, shape (n, units), for the batch-mean loss."""
        raise NotImplementedError

    def fused_value(self, y_true: np.ndarray, z: np.ndarray, p: np.ndarray) -> float:
        """Loss from logits ``z`` and outputs ``p`` (n, units), for losses with a fused form."""
        return self.fused(y_true, z, p)[0]


class MeanSquaredError(Loss):
    """``L = mean((y - p)^2)``; for 2 outputs and 1 sample this is the seed's 1/2 sum (t - o)^2."""

    name = "mean_squared_error"

    def elementwise(self, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
        return (y_pred - y_true) ** 2

    def gradient(self, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
        return (2.0 / y_pred.size) * (y_pred - y_true)


class MeanAbsoluteError(Loss):
    """``L = mean(|y - p|)``."""

    name = "mean_absolute_error"

    def elementwise(self, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
        return np.abs(y_pred - y_true)

    def gradient(self, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
        return np.sign(y_pred - y_true) / y_pred.size


class BinaryCrossentropy(Loss):
    """``L = -mean(y log p + (1 - y) log(1 - p))``, p clipped to [1e-7, 1 - 1e-7] unless logits."""

    name = "binary_crossentropy"
    fused_activation = "sigmoid"

    def __init__(self, from_logits: bool = False) -> None:
        self.from_logits = bool(from_logits)

    def prepare(self, y: np.ndarray, units: int) -> np.ndarray:
        y = _matrix_targets(y, units, self.name)
        if y.size and (y.min() < 0 or y.max() > 1):
            raise ValueError(
                f"{self.name}: Received: labels with values in [{y.min():g}, {y.max():g}]. "
                "Accepted: labels in [0, 1] (two classes); for more classes use "
                "sparse_categorical_crossentropy with a softmax output"
            )
        return y

    def elementwise(self, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
        if self.from_logits:
            return self.logits_elementwise(y_true, y_pred)
        p = np.clip(y_pred, EPSILON, 1 - EPSILON)
        return -(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))

    def gradient(self, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
        if self.from_logits:
            return (_sigmoid(y_pred) - y_true) / y_pred.size
        p = np.clip(y_pred, EPSILON, 1 - EPSILON)
        inside = (y_pred > EPSILON) & (y_pred < 1 - EPSILON)
        return (-(y_true / p) + (1 - y_true) / (1 - p)) * inside / y_pred.size

    @staticmethod
    def logits_elementwise(y_true: np.ndarray, z: np.ndarray) -> np.ndarray:
        """Stable per-element loss from logits: max(z, 0) - z y + log(1 + exp(-|z|))."""
        return np.maximum(z, 0) - z * y_true + np.log1p(np.exp(-np.abs(z)))

    def fused(self, y_true: np.ndarray, z: np.ndarray, p: np.ndarray) -> tuple[float, np.ndarray]:
        """Loss and dL/dz (n, units) from logits ``z`` and sigmoid outputs ``p``."""
        return float(np.mean(self.logits_elementwise(y_true, z))), (p - y_true) / z.size


class CategoricalCrossentropy(Loss):
    """``L = -mean_n sum_k y_k log p_k``, p renormalised and clipped as Keras does."""

    name = "categorical_crossentropy"
    fused_activation = "softmax"

    def __init__(self, from_logits: bool = False) -> None:
        self.from_logits = bool(from_logits)

    def prepare(self, y: np.ndarray, units: int) -> np.ndarray:
        y = np.asarray(y, dtype=np.float64)
        if y.ndim == 1:
            raise ValueError(
                f"{self.name}: Received: integer labels with shape {y.shape}. Accepted: one-hot "
                f"targets (n, {units}); for integer labels use sparse_categorical_crossentropy"
            )
        y = _matrix_targets(y, units, self.name)
        if y.size and (y.min() < 0 or y.max() > 1):
            raise ValueError(
                f"{self.name}: Received: targets in [{y.min():g}, {y.max():g}]. "
                "Accepted: one-hot or probability targets in [0, 1]"
            )
        return y

    def __call__(self, y_true: np.ndarray, y_pred: np.ndarray) -> float:
        if self.from_logits:
            return self.fused(y_true, y_pred, _softmax(y_pred))[0]
        s = y_pred.sum(axis=-1, keepdims=True)
        q = np.clip(y_pred / s, EPSILON, 1 - EPSILON)
        return float(-np.sum(y_true * np.log(q)) / len(y_pred))

    def gradient(self, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
        if self.from_logits:
            return self.fused(y_true, y_pred, _softmax(y_pred))[1]
        s = y_pred.sum(axis=-1, keepdims=True)
        q = y_pred / s
        inside = (q > EPSILON) & (q < 1 - EPSILON)
        g = -y_true / np.clip(q, EPSILON, 1 - EPSILON) * inside / len(y_pred)
        # through the renormalisation q = p / sum(p)
        return (g - np.sum(g * q, axis=-1, keepdims=True)) / s

    def fused(self, y_true: np.ndarray, z: np.ndarray, p: np.ndarray) -> tuple[float, np.ndarray]:
        """Loss and dL/dz (n, units) from logits ``z`` and softmax outputs ``p``."""
        shifted = z - z.max(axis=-1, keepdims=True)
        lse = np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
        n = len(z)
        loss = float(np.sum(y_true * (lse - shifted)) / n)
        return loss, (p * y_true.sum(axis=-1, keepdims=True) - y_true) / n


class SparseCategoricalCrossentropy(Loss):
    """Categorical cross-entropy with integer labels (n,): ``L = -mean_n log p[n, y_n]``."""

    name = "sparse_categorical_crossentropy"
    fused_activation = "softmax"

    def __init__(self, from_logits: bool = False) -> None:
        self.from_logits = bool(from_logits)

    def prepare(self, y: np.ndarray, units: int) -> np.ndarray:
        y = np.asarray(y)
        if y.ndim == 2 and y.shape[1] == 1:
            y = y[:, 0]
        if y.ndim != 1:
            raise ValueError(
                f"{self.name}: Received: targets with shape {y.shape} (one-hot?). Accepted: "
                "integer labels (n,); for one-hot targets use categorical_crossentropy"
            )
        if y.size and (not np.all(np.mod(y, 1) == 0) or y.min() < 0 or y.max() >= units):
            raise ValueError(
                f"{self.name}: Received: labels in [{y.min()}, {y.max()}]. Accepted: integer "
                f"labels in [0, {units - 1}] for an output of {units} units"
            )
        return y.astype(np.intp)

    def _pick(self, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        return a[np.arange(len(a)), y]

    def __call__(self, y_true: np.ndarray, y_pred: np.ndarray) -> float:
        if self.from_logits:
            return self.fused(y_true, y_pred, _softmax(y_pred))[0]
        p = np.clip(self._pick(y_pred / y_pred.sum(axis=-1, keepdims=True), y_true), EPSILON, 1)
        return float(-np.mean(np.log(p)))

    def gradient(self, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
        onehot = np.zeros_like(y_pred)
        onehot[np.arange(len(y_pred)), y_true] = 1
        return CategoricalCrossentropy(self.from_logits).gradient(onehot, y_pred)

    def fused_value(self, y_true: np.ndarray, z: np.ndarray, p: np.ndarray) -> float:
        """Loss from logits ``z`` and softmax outputs ``p`` (n, units)."""
        return self._value(y_true, z, p, _flat_picks(y_true, p.shape[-1]))

    def _value(self, y_true: np.ndarray, z: np.ndarray, p: np.ndarray, picks: np.ndarray) -> float:
        """``fused_value`` given the flat positions ``picks`` (n,) of the labels' entries."""
        n = len(z)
        # log(0) only warns; callers run under np.errstate, and the inf is handled right here
        loss = -float(np.log(p.ravel()[picks]).sum()) / n
        if loss == np.inf:
            # some p_y underflowed to 0: take the log-sum-exp form from the logits
            m = z.max(axis=-1)
            lse = m + np.log(np.exp(z - m[:, None]).sum(axis=-1))
            loss = float((lse - z[_rows(n), y_true]).sum()) / n
        return loss

    def fused(self, y_true: np.ndarray, z: np.ndarray, p: np.ndarray) -> tuple[float, np.ndarray]:
        """Loss and dL/dz (n, units) from logits ``z`` and softmax outputs ``p``."""
        n = len(z)
        picks = _flat_picks(y_true, p.shape[-1])
        dz = p * p.dtype.type(1.0 / n)
        dz.ravel()[picks] -= p.dtype.type(1.0 / n)
        return self._value(y_true, z, p, picks), dz


def get(identifier: str | Loss) -> Loss:
    """Return a loss instance for a Keras name (or alias) or pass an instance through."""
    if isinstance(identifier, Loss):
        return identifier
    if isinstance(identifier, str) and identifier in LOSSES:
        return LOSSES[identifier]()
    raise unknown_name("loss", identifier, LOSSES)


LOSSES: dict[str, type[Loss]] = {
    "mse": MeanSquaredError,
    "mean_squared_error": MeanSquaredError,
    "mae": MeanAbsoluteError,
    "mean_absolute_error": MeanAbsoluteError,
    "binary_crossentropy": BinaryCrossentropy,
    "categorical_crossentropy": CategoricalCrossentropy,
    "sparse_categorical_crossentropy": SparseCategoricalCrossentropy,
}
