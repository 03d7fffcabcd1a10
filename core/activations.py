"""Elementwise activations, by Keras name.

Each activation knows its forward map, its elementwise derivative ``derivative(z)`` (da/dz, for the
activation explorer) and ``backward(a, z, grad_a)`` (dL/dz from dL/da), which layers call with the
values they cached in ``forward`` so nothing is recomputed. Derivatives are written from the output
``a`` where the function allows it (sigmoid' = a (1 - a), tanh' = 1 - a^2).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from core.reductions import row_max, row_sum, zeros
from core.registry import unknown_name

_SELU_ALPHA = 1.6732632423543772
_SELU_SCALE = 1.0507009873554805
_LEAKY_SLOPE = 0.2  # Keras 3 default negative_slope for leaky_relu
_SQRT_HALF = math.sqrt(0.5)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # exp(-|z|) never overflows; rebuild both halves from it
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(z.dtype, copy=False)


def _softmax(z: np.ndarray) -> np.ndarray:
    if z.ndim != 2:
        # any other shape: over the last axis, as Keras does
        return _softmax(z.reshape(-1, z.shape[-1] if z.ndim else 1)).reshape(z.shape)
    # subtracting the row max keeps exp finite without changing the result
    e = np.exp(z - row_max(z))
    e /= row_sum(e)
    return e


def _softmax_backward(a: np.ndarray, z: np.ndarray, g: np.ndarray) -> np.ndarray:
    # Jacobian-vector product of softmax: a * (g - <g, a>)
    return a * (g - np.sum(g * a, axis=-1, keepdims=True))


def _softmax_derivative(z: np.ndarray) -> np.ndarray:
    raise ValueError(
        "softmax has no elementwise derivative (its Jacobian couples the outputs); "
        "use backward(a, z, grad_a) instead"
    )


# numpy has no erf; math.erf per element keeps Keras 3's exact gelu (approximate=False) at the
# price of speed, acceptable for an optional activation
_ERF = np.frompyfunc(math.erf, 1, 1)


def _normal_cdf(z: np.ndarray) -> np.ndarray:
    return (0.5 * (1.0 + _ERF(z * _SQRT_HALF).astype(np.float64))).astype(z.dtype, copy=False)


def _gelu(z: np.ndarray) -> np.ndarray:
    # Keras 3 default: exact, z * Phi(z)
    return z * _normal_cdf(z)


def _gelu_derivative(z: np.ndarray) -> np.ndarray:
    # Phi(z) + z phi(z)
    return _normal_cdf(z) + z * np.exp(-0.5 * z * z) * _INV_SQRT_2PI


def _swish_derivative(z: np.ndarray) -> np.ndarray:
    s = _sigmoid(z)
    return s * (1.0 + z * (1.0 - s))


@dataclass(frozen=True)
class Activation:
    """An elementwise activation function with its derivative.

    Parameters
    ----------
    name : str
        Keras name.
    fn : callable
        ``z (n, d) -> a (n, d)``.
    dfn : callable
        ``z (n, d) -> da/dz (n, d)``, elementwise.
    dfn_from_output : callable or None
        ``a (n, d) -> da/dz (n, d)`` where the derivative is a function of the output.
    backward_fn : callable or None
        ``(a, z, grad_a) -> grad_z`` for non-elementwise activations (softmax).
    relu_family : bool
        Whether units can "die" (never positive), tracked by the diagnostics.
    fn_into : callable or None
        ``(z, out) -> out``: the forward map written into a preallocated ``out``, for the
        inference pass's reused buffers; ``None`` where the forward needs temporaries anyway.
    """

    name: str
    fn: Callable[[np.ndarray], np.ndarray]
    dfn: Callable[[np.ndarray], np.ndarray]
    dfn_from_output: Callable[[np.ndarray], np.ndarray] | None = None
    backward_fn: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray] | None = None
    relu_family: bool = False
    fn_into: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None

    def __call__(self, z: np.ndarray) -> np.ndarray:
        """Apply the activation: ``z (n, d) -> a (n, d)`` (any array-like)."""
        return self.fn(np.asarray(z))

    def derivative(self, z: np.ndarray) -> np.ndarray:
        """Elementwise derivative da/dz at ``z`` (same shape); softmax raises ``ValueError``."""
        return self.dfn(np.asarray(z))

    def backward(self, a: np.ndarray, z: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
        """Chain rule through the activation: dL/dz (n, d) from the cached a, z and dL/da."""
        if self.backward_fn is not None:
            return self.backward_fn(a, z, grad_a)
        if self.dfn_from_output is not None:
            return grad_a * self.dfn_from_output(a)
        return grad_a * self.dfn(z)


_CACHED_ZEROS_MAX = 1 << 20  # entries; larger inputs take the scalar form (no big cached arrays)


def _relu_into(z: np.ndarray, out: np.ndarray | None) -> np.ndarray:
    if z.size > _CACHED_ZEROS_MAX:
        return np.maximum(z, 0, out=out)
    return np.maximum(z, zeros(z.shape, z.dtype), out=out)


def _relu(z: np.ndarray) -> np.ndarray:
    return _relu_into(z, None)


_BOOL_MASK_MIN = 4096  # entries from which g * (a > 0) beats g * sign(a)


def _relu_backward(a: np.ndarray, z: np.ndarray, g: np.ndarray) -> np.ndarray:
    # a >= 0, so sign(a) and a > 0 are the same 0/1 mask: the float sign is cheaper on small
    # arrays, the bool mask (a cheap compare, then numpy's casting multiply) on large ones
    if a.size < _BOOL_MASK_MIN:
        return g * np.sign(a)
    return np.multiply(g, np.greater(a, 0))


def _tanh_backward(a: np.ndarray, z: np.ndarray, g: np.ndarray) -> np.ndarray:
    # g * (1 - a^2) with one temporary: this runs for every tanh layer of every step
    t = np.multiply(a, a)
    np.subtract(1, t, out=t)
    t *= g
    return t


def _sigmoid_backward(a: np.ndarray, z: np.ndarray, g: np.ndarray) -> np.ndarray:
    t = np.subtract(1, a)
    t *= a
    t *= g
    return t


def get(identifier: str | Activation | None) -> Activation:
    """Return the activation named ``identifier`` (``None`` means ``linear``)."""
    if identifier is None:
        return ACTIVATIONS["linear"]
    if isinstance(identifier, Activation):
        return identifier
    if isinstance(identifier, str) and identifier in ACTIVATIONS:
        return ACTIVATIONS[identifier]
    raise unknown_name("activation", identifier, ACTIVATIONS)


def _ones_like(z: np.ndarray) -> np.ndarray:
    return np.ones_like(z)


ACTIVATIONS: dict[str, Activation] = {
    "linear": Activation("linear", lambda z: z, _ones_like, backward_fn=lambda a, z, g: g),
    # Heaviside: its derivative is zero almost everywhere, so nothing upstream can learn
    "step": Activation("step", lambda z: (z > 0).astype(z.dtype), np.zeros_like),
    "sigmoid": Activation(
        "sigmoid",
        _sigmoid,
        lambda z: _sigmoid(z) * (1 - _sigmoid(z)),
        dfn_from_output=lambda a: a * (1 - a),
        backward_fn=_sigmoid_backward,
    ),
    "tanh": Activation(
        "tanh",
        np.tanh,
        lambda z: 1 - np.tanh(z) ** 2,
        dfn_from_output=lambda a: 1 - a * a,
        backward_fn=_tanh_backward,
        fn_into=lambda z, out: np.tanh(z, out=out),
    ),
    "relu": Activation(
        "relu",
        _relu,
        lambda z: (z > 0).astype(z.dtype),
        backward_fn=_relu_backward,
        relu_family=True,
        fn_into=_relu_into,
    ),
    "leaky_relu": Activation(
        "leaky_relu",
        lambda z: np.where(z > 0, z, _LEAKY_SLOPE * z),
        lambda z: np.where(z > 0, 1.0, _LEAKY_SLOPE).astype(z.dtype),
        relu_family=True,
    ),
    "elu": Activation(
        "elu",
        lambda z: np.where(z > 0, z, np.expm1(np.minimum(z, 0))),
        lambda z: np.where(z > 0, 1.0, np.exp(np.minimum(z, 0))).astype(z.dtype),
        relu_family=True,
    ),
    "selu": Activation(
        "selu",
        lambda z: _SELU_SCALE * np.where(z > 0, z, _SELU_ALPHA * np.expm1(np.minimum(z, 0))),
        lambda z: (
            _SELU_SCALE
            * np.where(z > 0, 1.0, _SELU_ALPHA * np.exp(np.minimum(z, 0))).astype(z.dtype)
        ),
    ),
    "gelu": Activation("gelu", _gelu, _gelu_derivative),
    "swish": Activation("swish", lambda z: z * _sigmoid(z), _swish_derivative),
    "softmax": Activation("softmax", _softmax, _softmax_derivative, backward_fn=_softmax_backward),
}
