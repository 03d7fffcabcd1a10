"""Inverted dropout (seed section 5): zero a share ``rate`` of units while training only."""

from __future__ import annotations

import numpy as np

from core.layers.base import Layer


class Dropout(Layer):
    """Keras ``Dropout(rate)``: in training keep each unit with probability ``1 - rate`` and scale
    kept ones by ``1 / (1 - rate)``, so inference needs no rescaling; identity at inference."""

    kind = "Dropout"

    def __init__(
        self, rate: float, name: str | None = None, input_shape: tuple[int, ...] | None = None
    ) -> None:
        super().__init__(name=name, input_shape=input_shape)
        try:
            rate = float(rate)
        except (TypeError, ValueError):
            rate = float("nan")
        if not 0.0 <= rate < 1.0:
            raise ValueError(f"Received: rate={rate!r}. Accepted: a number in [0, 1)")
        self.rate = rate

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        if not training or self.rate == 0.0:
            self._mask = None
            return x
        keep = self.rng.random(x.shape) >= self.rate
        self._mask = keep.astype(x.dtype) * x.dtype.type(1.0 / (1.0 - self.rate))
        return x * self._mask

    def backward(self, grad_out: np.ndarray) -> np.ndarray | None:
        if not self.needs_input_grad:
            return None
        return grad_out if self._mask is None else grad_out * self._mask
