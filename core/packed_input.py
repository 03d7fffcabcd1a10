"""Fast path for ``fit``: the first Dense layer's bias inside its matrix product.

``fit`` appends a column of ones to the inputs once; the first layer then computes
``z = [x 1] [W; b]`` with one product, and its kernel and bias gradients ``[x 1]^T dz`` with
another: the bias add and the bias gradient's column sum disappear from every step and from the
end-of-epoch pass. Kernel and bias sit back to back in the flat parameter vector, so ``[W; b]``
(in + 1, units) is a view of the same memory. The result rounds differently from ``x W + b``
(the bias is summed inside the product); ``train_on_batch``, ``predict``, ``evaluate`` and the
Backprop trace use the plain layer.

Measured without it: +2% to +5% per epoch on W1 (one series of four ``bench_core`` runs +10%),
within noise on W2-W4. That is at or under the 5% bar the other fast paths clear; it stays
because removing it changes the last bits of every ``fit`` history (the rounding above), which
the refactor that isolated it was not to do. Removing it is this file, three lines of
``fitloop.py`` and its tests in ``tests/core/test_fast_paths.py``.
"""

from __future__ import annotations

import numpy as np

from core.flat import FlatParams
from core.layers.base import Layer
from core.layers.dense import Dense


class PackedDense:
    """Stands in for a Dense layer whose inputs ``x1`` (n, in + 1) end with a column of ones;
    forward and backward as ``Dense``'s, caching ``x``, ``z`` and ``a`` on the layer itself."""

    def __init__(self, layer: Dense, kernel_and_bias: np.ndarray, grads: np.ndarray) -> None:
        self.layer, self.kernel_and_bias, self.grads = layer, kernel_and_bias, grads

    def forward(self, x1: np.ndarray, training: bool = False) -> np.ndarray:
        """``z = [x 1] [W; b]``, ``a = activation(z)``: (n, in + 1) -> (n, units)."""
        layer = self.layer
        z = np.dot(x1, self.kernel_and_bias)
        a = layer.activation.fn(z)
        layer.x, layer.z, layer.a = x1[:, :-1], z, a
        self.x1 = x1
        return a

    def backward(self, grad_out: np.ndarray, skip_activation: bool = False) -> np.ndarray | None:
        """``[dW; db] = [x 1]^T dz``; returns dL/dx (n, in) unless it is the first layer."""
        layer = self.layer
        dz = grad_out if skip_activation else layer.activation.backward(layer.a, layer.z, grad_out)
        np.dot(self.x1.T, dz, out=self.grads)
        if not layer.needs_input_grad:
            return None
        return np.dot(dz, layer.params["kernel"].T)


def packed_layers(layers: list[Layer], flat: FlatParams) -> list[Layer | PackedDense] | None:
    """``layers`` with the first replaced by its ``PackedDense``, or ``None`` when it cannot be
    packed (not a Dense layer with a bias right after its kernel in ``flat``)."""
    first = layers[0] if layers else None
    if not isinstance(first, Dense) or not first.use_bias:
        return None
    kernel, bias = flat.index(0, "kernel"), flat.index(0, "bias")
    if bias != kernel + 1:
        return None
    start, stop = flat.starts[kernel], flat.starts[bias] + flat.sizes[bias]
    shape = (first.params["kernel"].shape[0] + 1, first.units)
    packed = PackedDense(
        first, flat.w[start:stop].reshape(shape), flat.g[start:stop].reshape(shape)
    )
    return [packed, *layers[1:]]
