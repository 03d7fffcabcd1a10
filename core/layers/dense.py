"""Fully connected layer ``a = activation(x W + b)`` (seed section 3: Y = XW + B)."""

from __future__ import annotations

import numpy as np

from core import activations, initializers, regularizers
from core.layers.base import Layer, check_positive_int
from core.reductions import col_sum
from core.regularizers import Regularizer


class Dense(Layer):
    """Keras ``Dense``: kernel (in, out), bias (out,), optional activation.

    Parameters
    ----------
    units : int
        Output width, positive.
    activation : str or Activation or None
        Keras activation name; ``None`` is linear.
    use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer
        As in Keras 3.
    input_dim, input_shape : int, tuple
        Declare the input width on the first layer.

    After ``forward``, ``x`` (n, in), ``z`` (n, units) and ``a`` (n, units) hold the input, the
    pre-activation and the output, for ``backward``, the fused losses (which read ``z``) and the
    Backprop trace.
    """

    kind = "Dense"

    def __init__(
        self,
        units: int,
        activation: str | activations.Activation | None = None,
        use_bias: bool = True,
        kernel_initializer: str | initializers.Initializer = "glorot_uniform",
        bias_initializer: str | initializers.Initializer = "zeros",
        kernel_regularizer: str | Regularizer | None = None,
        bias_regularizer: str | Regularizer | None = None,
        input_dim: int | None = None,
        input_shape: tuple[int, ...] | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(name=name, input_shape=input_shape, input_dim=input_dim)
        self.units = check_positive_int(units, "units")
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)

    def _build(self) -> None:
        if len(self.input_shape) != 1:
            raise ValueError(
                f"{self.name}: Received: input_shape={self.input_shape}. Accepted: a 1-D "
                "feature shape (d,); gradlab networks are fully connected"
            )
        shape = (self.input_shape[0], self.units)
        self.params["kernel"] = self.kernel_initializer(shape, self.rng, self.dtype)
        if self.use_bias:
            self.params["bias"] = self.bias_initializer((self.units,), self.rng, self.dtype)

    def output_shape(self, input_shape: tuple[int, ...]) -> tuple[int, ...]:
        return (self.units,)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        """``z = x W + b``, ``a = activation(z)``: ``x`` (n, in) -> ``a`` (n, units)."""
        # np.dot: same as @ for 2-D arrays, with less call overhead on the small ones
        z = np.dot(x, self.params["kernel"])
        if self.use_bias:
            z += self.params["bias"]
        # .fn skips __call__'s asarray (z is already an array): one call fewer per layer and step
        a = self.activation.fn(z)
        self.x, self.z, self.a = x, z, a
        return a

    def backward(self, grad_out: np.ndarray, skip_activation: bool = False) -> np.ndarray | None:
        """``dz = dL/da * activation'(z)``, ``dW = x^T dz``, ``db = sum_rows(dz)``, returns
        ``dx = dz W^T`` (n, in). ``skip_activation``: ``grad_out`` is already dL/dz (output
        activation fused with the loss)."""
        dz = grad_out if skip_activation else self.activation.backward(self.a, self.z, grad_out)
        np.dot(self.x.T, dz, out=self.grads["kernel"])
        if self.use_bias:
            col_sum(dz, out=self.grads["bias"])
        if not self.needs_input_grad:
            return None
        return np.dot(dz, self.params["kernel"].T)

    def regularizers(self) -> list[tuple[str, Regularizer]]:
        pairs = [("kernel", self.kernel_regularizer)]
        if self.use_bias:
            pairs.append(("bias", self.bias_regularizer))
        return [(k, r) for k, r in pairs if r is not None]
