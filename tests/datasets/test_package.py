"""The package surface: every contract name exported, and a cheap import for DATASETS."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import datasets

ROOT = Path(__file__).resolve().parents[2]


def test_every_contract_name_is_exported() -> None:
    for name in ("DATASETS", "DatasetInfo", "Dataset", "DatasetError", "load", "from_csv"):
        assert name in datasets.__all__ and getattr(datasets, name) is not None
    assert datasets.CSV_LIMITS.max_bytes == 5_000_000
    assert (datasets.CSV_LIMITS.max_rows, datasets.CSV_LIMITS.max_columns) == (20_000, 100)
    assert issubclass(datasets.DatasetError, ValueError)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = datasets.nope


def test_reading_the_registry_does_not_import_sklearn_or_pandas() -> None:
    # Pages and worker processes that only need DATASETS should not pay for scikit-learn.
    code = (
        "import sys; from datasets import DATASETS, Dataset, DatasetError, CSV_LIMITS; "
        "print(sorted(m for m in ('sklearn', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
