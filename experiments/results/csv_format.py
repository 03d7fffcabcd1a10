"""The results CSV's layout, limits and cell escaping, shared by export and import.

A row is one run x epoch x split (``train``, ``val``), carrying the run's metadata, its config
flattened into ``config.<field>`` columns, the split's loss and accuracy, the epoch's
diagnostics, and (on the ``train`` row) every layer's diagnostics as ``layer<k>.<stat>``
columns. A run with no epoch yet (failed at start) still gets one row, with ``epoch`` and
``split`` empty.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pandas as pd

from experiments.results.frames import EPOCH_DTYPES, RUN_DTYPES
from experiments.results.schema import LAYER_STATS
from experiments.spec.config import MAX_RUNS_PER_PERSON, public_fields

RUN_META = [name for name in RUN_DTYPES if name != "config_json"]
EPOCH_COLUMNS = [name for name in EPOCH_DTYPES if name != "run_id"]
# columns added after CSVs were already written: an older file without them still imports
OPTIONAL = ["data_loss"]
CONFIG_PREFIX = "config."
LAYER_COLUMN = re.compile(r"layer(\d+)\.")
LAYER_FIELDS = {"layer_name": "name", "kind": "kind", **{s: s for s in LAYER_STATS}}
CONFIG_COLUMNS = [f"{CONFIG_PREFIX}{f.name}" for f in public_fields()]
REQUIRED = [*RUN_META, *CONFIG_COLUMNS, *(c for c in EPOCH_COLUMNS if c not in OPTIONAL)]
# config fields whose values are always text: written raw, read back raw
TEXT_FIELDS = {f.name for f in public_fields() if f.type in ("str", "str | None")}
# every column that holds free text a user may have typed (labels) or a run may have written
TEXT_COLUMNS = [
    *(name for name in RUN_META if RUN_DTYPES[name] == "string"),
    *(CONFIG_PREFIX + name for name in sorted(TEXT_FIELDS)),
    "split",
]

# One comparison at most: the runs one person may queue (8 variants x 5 seeds, or 4 x 10),
# 1,000 epochs x 2 splits each, and a model of at most 41 layers (10 hidden Dense +
# normalization + activation + dropout each, and the output). An upload of 10,000 one-row runs
# once took 29 s of the shared server's CPU.
MAX_EPOCHS, MAX_LAYERS = 1000, 41
MAX_RUNS = MAX_RUNS_PER_PERSON
MAX_ROWS = MAX_RUNS * MAX_EPOCHS * 2
MAX_COLUMNS = len(REQUIRED) + len(OPTIONAL) + MAX_LAYERS * len(LAYER_FIELDS)

# OWASP CSV injection: a cell starting with one of these is a formula to a spreadsheet. Such a
# cell is written with a leading apostrophe, and so is a cell that starts with an apostrophe,
# so that import can strip exactly one and every text reads back unchanged.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


class CsvFormatError(ValueError):
    """The text is not a gradlab results CSV (or breaks its documented ranges).

    The message is English; ``rule`` names what was refused and ``params`` its facts (values
    already shortened), so the page can word it in another language (``csv.<rule>`` in
    ``dashboard/i18n/ko_csv.py``).
    """

    def __init__(self, message: str, rule: str = "", **params: Any) -> None:
        super().__init__(message)
        self.rule, self.params = rule, params


def config_cells(config_json: str) -> dict[str, str | None]:
    """A stored config as its ``config.<field>`` cells: a text as it is, any other value as JSON
    (lists and booleans as JSON reads them back), None empty."""
    cells: dict[str, str | None] = {}
    for name, value in json.loads(config_json).items():
        text = value if value is None or isinstance(value, str) else json.dumps(value)
        cells[CONFIG_PREFIX + name] = text
    return cells


def neutral_text(text: str) -> str:
    """One text cell as :func:`neutralise` writes it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def neutralise(column: pd.Series) -> pd.Series:
    """Text cells that a spreadsheet would run as a formula, prefixed with ``'``."""
    text = column.astype("string")
    risky = text.str.startswith(FORMULA_STARTS).fillna(False).astype(bool)
    if not risky.any():
        return column
    return text.mask(risky, "'" + text)


def restore(column: pd.Series) -> pd.Series:
    """The cells as they were before :func:`neutralise` (one leading ``'`` removed)."""
    quoted = column.str.startswith("'")
    if not quoted.any():
        return column
    return column.mask(quoted, column.str.slice(1))
