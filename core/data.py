"""Validation and conversion of the arrays handed to ``fit``/``evaluate``/``predict``."""

from __future__ import annotations

import numpy as np

from core.losses import Loss


def as_features(
    x: object, dtype: np.dtype, field: str = "x", width: int | None = None
) -> np.ndarray:
    """Return ``x`` as a finite (n, d) array of ``dtype``, or raise ``ValueError``."""
    if x is None or np.iscomplexobj(x):  # casting would silently drop the imaginary part
        kind = "None" if x is None else "complex numbers"
        raise ValueError(f"Received: {field} of {kind}. Accepted: a 2-D array of real numbers")
    try:
        arr = np.asarray(x, dtype=dtype)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"Received: {field} that is not numeric ({exc}). Accepted: numbers"
        ) from None
    if arr.ndim == 1 and width == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or len(arr) == 0:
        raise ValueError(
            f"Received: {field} with shape {arr.shape}. Accepted: a non-empty 2-D array "
            "(samples, features)"
        )
    if width is not None and arr.shape[1] != width:
        raise ValueError(
            f"Received: {field} with shape {arr.shape}. Accepted: (n, {width}), the model's "
            "input width"
        )
    check_finite(arr, field)
    return arr


def check_finite(arr: np.ndarray, field: str) -> None:
    """Raise ``ValueError`` if ``arr`` holds NaN or inf."""
    if arr.dtype.kind == "f" and not np.isfinite(arr).all():
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(
            f"Received: {field} with {bad} non-finite value(s) (NaN or inf). "
            "Accepted: finite numbers only"
        )


def as_targets(
    y: object, n: int, loss: Loss, units: int, dtype: np.dtype, field: str = "y"
) -> np.ndarray:
    """Validate targets for ``loss`` and an output of ``units``; floats become ``dtype``."""
    arr = np.asarray(require_targets(y, field))
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"Received: {field} of dtype {arr.dtype}. Accepted: numeric targets")
    if arr.ndim == 0 or len(arr) != n:
        raise ValueError(
            f"Received: {field} with {len(arr) if arr.ndim else 'no'} rows for {n} samples. "
            "Accepted: one target per sample"
        )
    check_finite(arr.astype(np.float64, copy=False), field)
    prepared = loss.prepare(arr, units)
    return prepared.astype(dtype) if prepared.dtype.kind == "f" else prepared


def require_targets(y: object, field: str = "y") -> object:
    """``y`` itself, or ``ValueError`` when it is ``None`` (training needs targets)."""
    if y is None:
        raise ValueError(f"Received: {field}=None. Accepted: one numeric target per sample")
    return y


def as_callbacks(callbacks: object) -> list:
    """``fit``'s ``callbacks`` as a list: ``None`` or a list/tuple, else ``ValueError``."""
    if callbacks is None:
        return []
    if not isinstance(callbacks, (list, tuple)):
        shown = type(callbacks).__name__
        raise ValueError(
            f"Received: callbacks of type {shown}. Accepted: None or a list of callbacks"
        )
    return list(callbacks)


def check_int(value: object, field: str, minimum: int) -> int:
    """Return ``value`` as an int >= ``minimum`` or raise ``ValueError``."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"Received: {field}={value!r}. Accepted: an integer >= {minimum}")
    return int(value)


def split_validation(
    x: np.ndarray, y: np.ndarray, fraction: float
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
    """Keras's ``validation_split``: the last ``fraction`` of the rows, taken before shuffling."""
    try:
        fraction = float(fraction)
    except (TypeError, ValueError):
        fraction = float("nan")
    if not 0.0 <= fraction < 1.0:
        raise ValueError(f"Received: validation_split={fraction!r}. Accepted: a number in [0, 1)")
    if fraction == 0.0:
        return x, y, None
    cut = int(len(x) * (1.0 - fraction))
    if cut < 1 or cut == len(x):
        raise ValueError(
            f"Received: validation_split={fraction} with {len(x)} samples, which leaves an empty "
            "split. Accepted: a fraction leaving at least one sample on each side"
        )
    return x[:cut], y[:cut], (x[cut:], y[cut:])


def with_ones_column(x: np.ndarray) -> np.ndarray:
    """``x`` (n, d) followed by a column of ones -> (n, d + 1), for ``core.packed_input``."""
    out = np.empty((len(x), x.shape[1] + 1), dtype=x.dtype)
    out[:, :-1] = x
    out[:, -1] = 1
    return out
