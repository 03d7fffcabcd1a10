"""The layer protocol: ``build``, ``forward`` (caches), ``backward``, and params/grads/state dicts.

``params`` hold trainable arrays and ``grads`` arrays of the same keys and shapes; ``state`` holds
non-trainable arrays (batch-norm moving statistics) that no optimizer or regularizer sees. After a
model is built its ``params`` and ``grads`` are views into one flat vector each, so layers must
update them in place (``out=`` or ``[...] =``), never rebind them.
"""

from __future__ import annotations

import numpy as np


def check_positive_int(value: object, field: str) -> int:
    """Return ``value`` as an int if it is a positive integer, else raise ``ValueError``."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value <= 0:
        raise ValueError(f"Received: {field}={value!r}. Accepted: a positive integer")
    return int(value)


class Layer:
    """Base class. Subclasses set ``kind`` (the Keras class name) and override the hooks."""

    kind = "Layer"

    def __init__(
        self,
        name: str | None = None,
        input_shape: tuple[int, ...] | None = None,
        input_dim: int | None = None,
    ) -> None:
        self.name = name
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.state: dict[str, np.ndarray] = {}
        self.built = False
        self.input_shape: tuple[int, ...] | None = None
        self.needs_input_grad = True
        if input_dim is not None:
            input_shape = (check_positive_int(input_dim, "input_dim"),)
        if input_shape is not None:
            shape = tuple(input_shape)
            for d in shape:
                check_positive_int(d, "input_shape")
            self.input_shape = shape

    def build(
        self,
        input_shape: tuple[int, ...],
        rng: np.random.Generator | None = None,
        dtype: str = "float32",
    ) -> None:
        """Create parameters for inputs of shape ``(batch, *input_shape)``."""
        self.input_shape = tuple(input_shape)
        self.dtype = np.dtype(dtype)
        self.rng = rng if rng is not None else np.random.default_rng()
        self._build()
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        self.built = True

    def _build(self) -> None:
        pass

    def output_shape(self, input_shape: tuple[int, ...]) -> tuple[int, ...]:
        """Per-sample output shape for a per-sample ``input_shape``."""
        return tuple(input_shape)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        """Map ``x`` (n, d_in) to (n, d_out), caching what ``backward`` needs when training."""
        raise NotImplementedError

    def backward(self, grad_out: np.ndarray) -> np.ndarray | None:
        """Fill ``grads`` from dL/d(output) (n, d_out); return dL/d(input) (n, d_in) or ``None``
        when ``needs_input_grad`` is False (the first layer)."""
        raise NotImplementedError

    def weights(self) -> list[tuple[str, np.ndarray]]:
        """Named arrays in Keras's ``get_weights`` order: trainable first, then state."""
        return list(self.params.items()) + list(self.state.items())

    def count_params(self) -> tuple[int, int]:
        """(trainable, non-trainable) parameter counts."""
        trainable = sum(int(v.size) for v in self.params.values())
        return trainable, sum(int(v.size) for v in self.state.values())

    def regularizers(self) -> list[tuple[str, object]]:
        """(param key, regularizer) pairs whose penalty joins the loss."""
        return []

    def __repr__(self) -> str:
        return f"<{self.kind} name={self.name!r}>"
