"""The limits on a user's CSV (no pandas import, so the dashboard can show them cheaply)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CsvLimits:
    """What an uploaded CSV may hold.

    Attributes
    ----------
    max_bytes : int
        File size.
    max_rows : int
        Data rows, not counting the header.
    max_columns : int
        Columns in the file, and feature columns after one-hot encoding.
    max_categories : int
        Distinct values a text feature column may have to be one-hot encoded.
    max_target_classes : int
        An integer target with at most this many distinct values is taken as class labels.
    """

    max_bytes: int = 5_000_000
    max_rows: int = 20_000
    max_columns: int = 100
    max_categories: int = 10
    max_target_classes: int = 20


CSV_LIMITS = CsvLimits()
