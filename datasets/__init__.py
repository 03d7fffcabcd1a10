"""Named datasets and user CSVs as scaled train/validation/test splits.

Public surface (see docs/architecture.md): :data:`DATASETS`, :class:`DatasetInfo`,
:class:`Dataset`, :class:`DatasetError`, :func:`load`, :func:`from_csv`, :data:`CSV_LIMITS`.
"""

from __future__ import annotations

from datasets.csv_read import CSV_LIMITS, CsvLimits
from datasets.csv_upload import from_csv
from datasets.dataset import Dataset
from datasets.errors import DatasetError
from datasets.loading import load
from datasets.registry import DATASETS, DatasetInfo

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
