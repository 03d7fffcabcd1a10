"""A stand-alone activation layer, Keras's ``Activation``."""

from __future__ import annotations

import numpy as np

from core import activations
from core.layers.base import Layer


class Activation(Layer):
    """Applies an activation by name elementwise (softmax row-wise); no parameters.

    After ``forward``, ``z`` (its input) and ``a`` (its output), both (n, d), are kept for
    ``backward``, the fused losses and the Backprop trace.
    """

    kind = "Activation"

    def __init__(
        self,
        activation: str | activations.Activation,
        name: str | None = None,
        input_shape: tuple[int, ...] | None = None,
    ) -> None:
        super().__init__(name=name, input_shape=input_shape)
        self.activation = activations.get(activation)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        a = self.activation(x)
        self.z, self.a = x, a
        return a

    def backward(self, grad_out: np.ndarray, skip_activation: bool = False) -> np.ndarray | None:
        if not self.needs_input_grad:
            return None
        if skip_activation:
            return grad_out
        return self.activation.backward(self.a, self.z, grad_out)
