"""Weight penalties, by Keras name, with Keras 3 formulas and default factors.

``L1``: ``l1 * sum(|w|)``; ``L2``: ``l2 * sum(w^2)`` (no 1/2, as in Keras); ``L1L2`` both. The
penalty is added to the training loss as is (not divided by the batch size), exactly like Keras.
"""

from __future__ import annotations

import numpy as np

from core.registry import unknown_name


def _factor(value: float, field: str) -> float:
    value = float(value)
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"Received: {field}={value!r}. Accepted: a finite number >= 0")
    return value


class Regularizer:
    """``l1 * sum(|w|) + l2 * sum(w^2)``; subclasses fix Keras's defaults."""

    def __init__(self, l1: float = 0.0, l2: float = 0.0) -> None:
        self.l1 = _factor(l1, "l1")
        self.l2 = _factor(l2, "l2")

    def __call__(self, w: np.ndarray) -> float:
        """Penalty for weights ``w`` of any shape."""
        total = 0.0
        if self.l1:
            total += self.l1 * float(np.sum(np.abs(w)))
        if self.l2:
            total += self.l2 * float(np.sum(w * w))
        return total

    def gradient(self, w: np.ndarray) -> np.ndarray:
        """d penalty / dw, same shape as ``w`` (sign(0) = 0 for L1, as autodiff of |w| gives)."""
        g = np.zeros_like(w)
        if self.l1:
            g += self.l1 * np.sign(w)
        if self.l2:
            g += (2 * self.l2) * w
        return g

    def add_gradient(self, w: np.ndarray, grad: np.ndarray) -> None:
        """Add the penalty gradient into ``grad`` in place."""
        if self.l1:
            grad += self.l1 * np.sign(w)
        if self.l2:
            grad += (2 * self.l2) * w

    def get_config(self) -> dict[str, float]:
        """The factors, as Keras reports them."""
        return {"l1": self.l1, "l2": self.l2}


class L1(Regularizer):
    """``l1 * sum(|w|)``, Keras default ``l1=0.01``."""

    def __init__(self, l1: float = 0.01) -> None:
        super().__init__(l1=l1)


class L2(Regularizer):
    """``l2 * sum(w^2)``, Keras default ``l2=0.01``."""

    def __init__(self, l2: float = 0.01) -> None:
        super().__init__(l2=l2)


class L1L2(Regularizer):
    """``l1 * sum(|w|) + l2 * sum(w^2)``; Keras defaults both factors to 0."""


# Keras 3 exports the classes under these lower-case names too (so l1_l2() defaults to 0, 0).
l1 = L1
l2 = L2
l1_l2 = L1L2


def get(identifier: str | Regularizer | None) -> Regularizer | None:
    """Return a regularizer for a Keras name, pass an instance (or ``None``) through."""
    if identifier is None or isinstance(identifier, Regularizer):
        return identifier
    if isinstance(identifier, str) and identifier in REGULARIZERS:
        return REGULARIZERS[identifier]()
    raise unknown_name("regularizer", identifier, REGULARIZERS, last=" or None")


REGULARIZERS: dict[str, type[Regularizer]] = {"l1": L1, "l2": L2, "l1_l2": L1L2}
