"""The arrays a worker trains on, prepared in the parent so workers never import scikit-learn.

Importing ``datasets`` (scikit-learn, pandas) costs more than a second in a fresh process, most
of the time budget for the first live point; the parent has them imported already. Variants
that share their data settings also share one loaded dataset (and so, by construction, one split).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

import numpy as np

from experiments.spec.config import DATA_FIELDS, ExperimentConfig


@dataclass(frozen=True)
class ArrayData:
    """Plain arrays and the facts a model needs; picklable and cheap to send to a worker.

    Attributes
    ----------
    name, task : str
    n_classes : int
        0 for regression.
    x_train, x_val : ndarray of shape (n_split, n_features), float64
    y_train, y_val : ndarray
        Integer labels ``(n_split,)`` or regression targets ``(n_split, 1)``.
    """

    name: str
    task: str
    n_classes: int
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray

    @property
    def n_features(self) -> int:
        """Width of ``x``."""
        return int(self.x_train.shape[1])

    def fingerprint(self) -> str:
        """SHA-256 (16 hex chars) of the four arrays: equal iff the split is identical."""
        digest = hashlib.sha256()
        for array in (self.x_train, self.y_train, self.x_val, self.y_val):
            digest.update(np.ascontiguousarray(array).tobytes())
            digest.update(str(array.shape).encode())
        return digest.hexdigest()[:16]


def data_key(config: ExperimentConfig) -> tuple:
    """The data fields' values; variants equal here train on the same arrays."""
    return tuple(getattr(config, name) for name in DATA_FIELDS)


@functools.lru_cache(maxsize=32)
def _load(key: tuple) -> ArrayData:
    from datasets import load

    values = dict(zip(DATA_FIELDS, key, strict=True))
    # every data field is a keyword of ``load`` (its generator's knobs included) but two
    name, seed = values.pop("dataset"), values.pop("data_seed")
    data = load(name, seed=seed, **values)
    return ArrayData(
        data.name, data.task, data.n_classes, data.x_train, data.y_train, data.x_val, data.y_val
    )


def load_arrays(config: ExperimentConfig) -> ArrayData:
    """The config's train and validation arrays (cached per data settings in this process)."""
    return _load(data_key(config))
