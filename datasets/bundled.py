"""scikit-learn's bundled datasets (shipped inside the package: nothing is downloaded)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np
from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits, load_iris, load_wine
from sklearn.utils import Bunch


def _diabetes_raw() -> Bunch:
    # scaled=False keeps the measurements in their units; we standardise on the training rows.
    return load_diabetes(scaled=False)


_LOADERS: dict[str, Callable[[], Bunch]] = {
    "iris": load_iris,
    "wine": load_wine,
    "breast_cancer": load_breast_cancer,
    "digits": load_digits,
    "diabetes": _diabetes_raw,
}


@cache
def load_bundled(name: str) -> tuple[np.ndarray, np.ndarray, tuple[str, ...], tuple[str, ...]]:
    """The whole bundled dataset, read once per process.

    The arrays are shared between calls, so they are made read-only; callers index them (which
    copies) rather than modify them.

    Returns
    -------
    x : ndarray of shape (n, d), float64
    y : ndarray of shape (n,)
        int64 class labels, or float64 targets for diabetes.
    feature_names : tuple of str, length d
    class_names : tuple of str
        Empty for regression.
    """
    bunch = _LOADERS[name]()
    x = np.asarray(bunch.data, dtype=np.float64)
    target_names = bunch.get("target_names")
    if target_names is None:
        y = np.asarray(bunch.target, dtype=np.float64)
        class_names: tuple[str, ...] = ()
    else:
        y = np.asarray(bunch.target, dtype=np.int64)
        class_names = tuple(str(c) for c in target_names)
    x.flags.writeable = False
    y.flags.writeable = False
    return x, y, tuple(str(f) for f in bunch.feature_names), class_names
