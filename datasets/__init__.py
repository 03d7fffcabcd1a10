"""Named datasets and user CSVs as scaled train/validation/test splits.

Public surface (see docs/architecture.md): :data:`DATASETS`, :class:`DatasetInfo`,
:class:`Dataset`, :class:`DatasetError`, :func:`load`, :func:`from_csv`, :data:`CSV_LIMITS`.

``load`` and ``from_csv`` are imported on first use: they pull in scikit-learn and pandas (over a
second in a fresh process), which a page or worker that only reads :data:`DATASETS` should not pay.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from datasets.dataset import Dataset
from datasets.errors import DatasetError
from datasets.limits import CSV_LIMITS, CsvLimits
from datasets.registry import DATASETS, DatasetInfo

if TYPE_CHECKING:
    from datasets.csv_upload import from_csv
    from datasets.loading import load

_LAZY = {"load": "datasets.loading", "from_csv": "datasets.csv_upload"}

__all__ = [
    "CSV_LIMITS",
    "DATASETS",
    "CsvLimits",
    "Dataset",
    "DatasetError",
    "DatasetInfo",
    "from_csv",
    "load",
]


def __getattr__(name: str) -> object:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'datasets' has no attribute {name!r}")
