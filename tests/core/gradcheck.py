"""Central finite differences for the gradient checks (float64)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

H = 1e-6


def numeric_grad(f: Callable[[], float], arr: np.ndarray) -> np.ndarray:
    """d f / d arr by central differences, perturbing ``arr`` in place."""
    grad = np.zeros_like(arr)
    flat, gflat = arr.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + H
        up = f()
        flat[i] = old - H
        down = f()
        flat[i] = old
        gflat[i] = (up - down) / (2 * H)
    return grad


def rel_error(a: np.ndarray, b: np.ndarray) -> float:
    """||a - b|| / (||a|| + ||b||), 0 when both vanish."""
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)
