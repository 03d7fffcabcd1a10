"""Batch and layer normalization (seed sections 6-4 and 6-5).

Both compute ``y = gamma * x_hat + beta`` with ``x_hat = (x - mean) / sqrt(var + epsilon)``; batch
norm takes the statistics over the batch (axis 0) in training and its moving averages at inference,
layer norm over each sample's features (axis 1) always. The backward pass is the standard
closed form over the normalised axis:
``dx = inv_std / m * (m dx_hat - sum(dx_hat) - x_hat sum(dx_hat x_hat))``.
"""

from __future__ import annotations

import numpy as np

from core.layers.base import Layer


def _check_float(value: float, field: str, low: float, high: float) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        value = float("nan")
    if not low <= value <= high:
        raise ValueError(f"Received: {field}={value!r}. Accepted: a number in [{low}, {high}]")
    return value


class _Normalization(Layer):
    axis = 0

    def __init__(self, epsilon: float, name: str | None = None, input_shape=None) -> None:
        super().__init__(name=name, input_shape=input_shape)
        self.epsilon = _check_float(epsilon, "epsilon", 1e-12, 1.0)

    def _build(self) -> None:
        units = self.input_shape[-1]
        self.params["gamma"] = np.ones(units, dtype=self.dtype)
        self.params["beta"] = np.zeros(units, dtype=self.dtype)

    def _normalize(self, x: np.ndarray, mean: np.ndarray, var: np.ndarray) -> np.ndarray:
        self._inv_std = 1.0 / np.sqrt(var + self.dtype.type(self.epsilon))
        self._x_hat = (x - mean) * self._inv_std
        return self._x_hat * self.params["gamma"] + self.params["beta"]

    def backward(self, grad_out: np.ndarray) -> np.ndarray | None:
        x_hat = self._x_hat
        np.sum(grad_out * x_hat, axis=0, out=self.grads["gamma"])
        np.sum(grad_out, axis=0, out=self.grads["beta"])
        if not self.needs_input_grad:
            return None
        d_hat = grad_out * self.params["gamma"]
        if not self._batch_stats:
            return d_hat * self._inv_std
        ax = self.axis
        m = x_hat.shape[ax]
        s1 = d_hat.sum(axis=ax, keepdims=True)
        s2 = (d_hat * x_hat).sum(axis=ax, keepdims=True)
        return self._inv_std / m * (m * d_hat - s1 - x_hat * s2)


class BatchNormalization(_Normalization):
    """Keras ``BatchNormalization(momentum=0.99, epsilon=1e-3)``: gamma, beta trainable; moving
    mean and variance in ``state``, updated in training as ``s <- momentum s + (1 - momentum) s_b``.
    """

    kind = "BatchNormalization"
    axis = 0

    def __init__(
        self,
        momentum: float = 0.99,
        epsilon: float = 1e-3,
        name: str | None = None,
        input_shape: tuple[int, ...] | None = None,
    ) -> None:
        super().__init__(epsilon, name=name, input_shape=input_shape)
        self.momentum = _check_float(momentum, "momentum", 0.0, 1.0)

    def _build(self) -> None:
        super()._build()
        units = self.input_shape[-1]
        self.state["moving_mean"] = np.zeros(units, dtype=self.dtype)
        self.state["moving_variance"] = np.ones(units, dtype=self.dtype)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        self._batch_stats = training
        if not training:
            return self._normalize(x, self.state["moving_mean"], self.state["moving_variance"])
        mean, var = x.mean(axis=0), x.var(axis=0)
        mom = self.momentum
        self.state["moving_mean"] *= mom
        self.state["moving_mean"] += (1 - mom) * mean
        self.state["moving_variance"] *= mom
        self.state["moving_variance"] += (1 - mom) * var
        return self._normalize(x, mean, var)


class LayerNormalization(_Normalization):
    """Keras ``LayerNormalization(epsilon=1e-3)``: each sample normalised over its features."""

    kind = "LayerNormalization"
    axis = 1

    def __init__(
        self,
        epsilon: float = 1e-3,
        name: str | None = None,
        input_shape: tuple[int, ...] | None = None,
    ) -> None:
        super().__init__(epsilon, name=name, input_shape=input_shape)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        self._batch_stats = True
        mean = x.mean(axis=1, keepdims=True)
        var = x.var(axis=1, keepdims=True)
        return self._normalize(x, mean, var)
