"""One tidy CSV for a set of runs, and its import back into the same :class:`Results`.

A row is one run x epoch x split (``train``, ``val``), carrying the run's metadata, its config
flattened into ``config.<field>`` columns, the split's loss and accuracy, the epoch's
diagnostics, and every layer's diagnostics as ``layer<k>.<stat>`` columns. A run with no
epoch yet (failed at start) still gets one row, with ``epoch`` and ``split`` empty.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pandas as pd

from experiments.results.frames import EPOCH_DTYPES, LAYER_DTYPES, RUN_DTYPES, Results
from experiments.results.schema import LAYER_STATS
from experiments.spec.config import config_from_dict, public_fields
from experiments.spec.validation import validate

RUN_META = [name for name in RUN_DTYPES if name != "config_json"]
EPOCH_COLUMNS = [name for name in EPOCH_DTYPES if name != "run_id"]
CONFIG_PREFIX = "config."
LAYER_COLUMN = re.compile(r"layer(\d+)\.")
LAYER_FIELDS = {"layer_name": "name", "kind": "kind", **{s: s for s in LAYER_STATS}}
CONFIG_COLUMNS = [f"{CONFIG_PREFIX}{f.name}" for f in public_fields()]
REQUIRED = [*RUN_META, *CONFIG_COLUMNS, *EPOCH_COLUMNS]
# config fields whose values are always text: written raw, read back raw
TEXT_FIELDS = {f.name for f in public_fields() if f.type in ("str", "str | None")}


class CsvFormatError(ValueError):
    """The text is not a gradlab results CSV."""


def _config_cells(config_json: str) -> dict[str, Any]:
    config = json.loads(config_json)
    cells = {}
    for name, value in config.items():
        if value is None:
            cells[CONFIG_PREFIX + name] = None
        elif isinstance(value, str):
            cells[CONFIG_PREFIX + name] = value
        else:
            cells[CONFIG_PREFIX + name] = json.dumps(value)
    return cells


def _layer_columns(layers: pd.DataFrame) -> pd.DataFrame:
    """One row per run x epoch with ``layer<k>.<stat>`` columns."""
    if layers.empty:
        return pd.DataFrame(columns=["run_id", "epoch"])
    wide = layers.pivot(index=["run_id", "epoch"], columns="layer_index", values=list(LAYER_FIELDS))
    wide.columns = [f"layer{k}.{LAYER_FIELDS[stat]}" for stat, k in wide.columns]
    indices = sorted(layers["layer_index"].unique())
    order = [f"layer{k}.{col}" for k in indices for col in LAYER_FIELDS.values()]
    return wide[order].reset_index()


def export_csv(results: Results) -> str:
    """The whole comparison as one tidy CSV text (see the module docstring for its layout)."""
    runs = results.runs.copy()
    config = pd.DataFrame(
        [_config_cells(text) for text in runs["config_json"]],
        index=runs.index,
        columns=CONFIG_COLUMNS,
    )
    runs = pd.concat([runs[RUN_META], config], axis=1)
    rows = runs.merge(results.epochs, on="run_id", how="left")
    rows = rows.merge(_layer_columns(results.layers), on=["run_id", "epoch"], how="left")
    return rows.to_csv(index=False, lineterminator="\n")


def _parse_config(row: pd.Series) -> str:
    values = {}
    for f in public_fields():
        cell = row[CONFIG_PREFIX + f.name]
        if cell == "":
            values[f.name] = None
        elif f.name in TEXT_FIELDS:
            values[f.name] = cell
        else:
            try:
                values[f.name] = json.loads(cell)
            except json.JSONDecodeError:
                values[f.name] = cell  # batch_size="full"
    config = config_from_dict(values)
    validate(config)
    return config.to_json()


def _read(text: str) -> pd.DataFrame:
    if not isinstance(text, str) or not text.strip():
        raise CsvFormatError("not a gradlab results CSV: the file is empty")
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, ValueError) as error:
        raise CsvFormatError(f"not a gradlab results CSV: could not parse it ({error})") from error
    missing = [name for name in REQUIRED if name not in frame.columns]
    if missing:
        found = ", ".join(map(str, frame.columns[:8])) + ("..." if frame.shape[1] > 8 else "")
        raise CsvFormatError(
            f"not a gradlab results CSV: missing columns {', '.join(missing)} (it has {found})"
        )
    return frame


def _layer_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The ``layers`` frame back from the ``layer<k>.*`` columns of one row per run x epoch."""
    per_epoch = frame[frame["epoch"] != ""].drop_duplicates(["run_id", "epoch"])
    indices = sorted({int(m[1]) for c in frame.columns if (m := LAYER_COLUMN.match(c))})
    parts = [pd.DataFrame(columns=list(LAYER_DTYPES))]
    for k in indices:
        names = {f"layer{k}.{column}": field for field, column in LAYER_FIELDS.items()}
        part = per_epoch[["run_id", "epoch", *names]].rename(columns=names)
        parts.append(part[part["layer_name"] != ""].assign(layer_index=str(k)))
    return pd.concat(parts, ignore_index=True)


def import_csv(text: str) -> Results:
    """Read a CSV written by :func:`export_csv` back into the same :class:`Results`.

    Raises
    ------
    CsvFormatError
        The text is empty, unparsable, lacks the expected columns (listed in the message), or a
        config in it is invalid.
    """
    frame = _read(text)
    try:
        runs = frame.drop_duplicates("run_id")[RUN_META].copy()
        firsts = frame.drop_duplicates("run_id")
        runs["config_json"] = [_parse_config(row) for _, row in firsts.iterrows()]
    except ValueError as error:
        message = f"not a gradlab results CSV: a config in it is invalid: {error}"
        raise CsvFormatError(message) from error
    _check_epochs(frame, runs)
    epochs = frame[frame["split"] != ""][list(EPOCH_DTYPES)]
    return Results.build(runs, epochs, _layer_rows(frame))


def _check_epochs(frame: pd.DataFrame, runs: pd.DataFrame) -> None:
    """Every row's epoch is a whole number from 1 to its run's configured epochs.

    The page holds each run's curves in arrays indexed by epoch, so a stray value (0, -3 or
    10**12) must be rejected here, not turn into a wrong point or a huge allocation.
    """
    configs = zip(runs["run_id"], runs["config_json"], strict=True)
    limits = {run_id: json.loads(config)["epochs"] for run_id, config in configs}
    rows = frame[frame["epoch"] != ""]
    epoch = pd.to_numeric(rows["epoch"], errors="coerce").astype(float)
    limit = rows["run_id"].map(limits).astype(float)
    bad = epoch.isna() | (epoch % 1 != 0) | (epoch < 1) | (epoch > limit)
    if bad.any():
        at = bad.idxmax()
        raise CsvFormatError(
            f"not a gradlab results CSV: epoch must be a whole number from 1 to the run's "
            f"config.epochs ({limit[at]:g}); line {at + 2} has {rows.loc[at, 'epoch']!r}"
        )
