"""Shared checks for the datasets tests."""

from __future__ import annotations

import numpy as np

from datasets import Dataset


def raw_rows(ds: Dataset, split: str) -> np.ndarray:
    """Undo the scaling of one split with the statistics the Dataset reports, shape (n, d)."""
    return getattr(ds, f"x_{split}") * ds.feature_scale + ds.feature_mean


def sorted_rows(a: np.ndarray) -> np.ndarray:
    """Rows in lexicographic order, so two multisets of rows can be compared."""
    return a[np.lexsort(a.T[::-1])]


def class_shares(y: np.ndarray, n_classes: int) -> np.ndarray:
    """Share of each class in ``y``, shape (n_classes,)."""
    return np.bincount(y, minlength=n_classes) / len(y)
