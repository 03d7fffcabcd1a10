"""What runs left: the SQLite store, tidy frames read from it, live tracks and the CSV format.

The middle layer of ``experiments``: it may import ``experiments.spec`` (to validate an imported
config) but nothing from ``experiments.run``. ``Store`` is SQLite alone; pandas lives in the
readers.
"""

from __future__ import annotations

# The export formats, here so that the CLI's parser names them without importing pandas
EXPORT_FORMATS = ("csv", "parquet")
