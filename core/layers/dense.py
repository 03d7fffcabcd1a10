"""Fully connected layer ``a = activation(x W + b)`` (seed section 3: Y = XW + B)."""

from __future__ import annotations

import numpy as np

from core import activations, initializers, regularizers
from core.layers.base import Layer, check_positive_int
from core.reductions import col_sum


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
    """

    kind = "Dense"

    def __init__(
        self,
        units: int,
        activation=None,
        use_bias: bool = True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
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

    def output_shape(self, input_shape):
        return (self.units,)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        # np.dot: same as @ for 2-D arrays, with less call overhead on the small ones
        z = np.dot(x, self.params["kernel"])
        if self.use_bias:
            z += self.params["bias"]
        # .fn skips __call__'s asarray (z is already an array): one call fewer per layer and step
        a = self.activation.fn(z)
        self._x, self._x1, self._z, self._a = x, None, z, a
        return a

    def bind_packed(self, kernel_and_bias: np.ndarray, grads: np.ndarray) -> None:
        """Enable the packed forms: ``kernel_and_bias`` (in + 1, out) is the kernel's rows then
        the bias row, in the same memory as ``params`` (``grads`` likewise for ``grads``)."""
        self._packed = (kernel_and_bias, grads)

    def forward_packed(self, x1: np.ndarray, training: bool = False) -> np.ndarray:
        """``forward`` from ``x1`` (n, in + 1), the input with a last column of ones: the bias is
        added inside the matrix product, and ``backward`` gets kernel and bias gradients from
        one product as well (two broadcasting calls fewer per step; needs ``bind_packed``)."""
        z = np.dot(x1, self._packed[0])
        a = self.activation.fn(z)
        self._x, self._x1, self._z, self._a = x1[:, :-1], x1, z, a
        return a

    def _infer(self, x: np.ndarray, packed: bool = False) -> np.ndarray:
        """Inference forward; ``packed``: ``x`` carries the ones column (``forward_packed``)."""
        into = self.activation.fn_into
        kernel = self._packed[0] if packed else self.params["kernel"]
        z = self._buffer(len(x), np.result_type(x, kernel))
        np.dot(x, kernel, out=z)
        if self.use_bias and not packed:
            z += self.params["bias"]
        # elementwise activations (ReLU, tanh) overwrite z in place: nothing reads an inner
        # layer's z after inference, and the fused losses that read the last layer's z pair it
        # with sigmoid or softmax, which have no in-place form
        a = self.activation.fn(z) if into is None else into(z, z)
        self._x, self._x1 = (x[:, :-1], x) if packed else (x, None)
        self._z, self._a = z, a
        return a

    def _buffer(self, n: int, dtype: np.dtype) -> np.ndarray:
        """(n, units) view of the inference buffer, kept across calls (fresh arrays of this size
        would be returned to the OS between epochs and fault their pages in again at every
        inference pass), grown when too small."""
        buf = getattr(self, "_inference_buffer", None)
        if buf is None or len(buf) < n or buf.dtype != dtype:
            buf = self._inference_buffer = np.empty((n, self.units), dtype)
        return buf[:n]

    def backward(self, grad_out: np.ndarray, skip_activation: bool = False) -> np.ndarray | None:
        """As ``Layer.backward``; ``skip_activation`` means ``grad_out`` is already dL/dz (fused
        output activation and loss)."""
        dz = grad_out if skip_activation else self.activation.backward(self._a, self._z, grad_out)
        self._dz = dz
        if self._x1 is not None:
            np.dot(self._x1.T, dz, out=self._packed[1])
        else:
            np.dot(self._x.T, dz, out=self.grads["kernel"])
            if self.use_bias:
                col_sum(dz, out=self.grads["bias"])
        if not self.needs_input_grad:
            return None
        return np.dot(dz, self.params["kernel"].T)

    def regularizers(self):
        pairs = [("kernel", self.kernel_regularizer)]
        if self.use_bias:
            pairs.append(("bias", self.bias_regularizer))
        return [(k, r) for k, r in pairs if r is not None]
