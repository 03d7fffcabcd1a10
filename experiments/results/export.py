"""One tidy CSV for a set of runs (layout in :mod:`experiments.results.csv_format`).

The store's runs are written a few at a time, so memory stays bounded by a handful of runs
whatever the comparison's size: building the largest comparison's file (8 variants x 5 seeds x
1,000 epochs x 10 layers) as one frame took 0.7-2 GB of a shared 2.7 GB server.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import Any, TextIO

import pandas as pd

from experiments.results.csv_format import (
    CONFIG_COLUMNS,
    CONFIG_PREFIX,
    LAYER_FIELDS,
    RUN_META,
    TEXT_COLUMNS,
    CsvFormatError,
    neutralise,
)
from experiments.results.csv_import import import_csv
from experiments.results.frames import EPOCH_DTYPES, Results, read_results
from experiments.results.store import Store

__all__ = ["CsvFormatError", "export_csv", "import_csv", "store_csv", "write_csv"]

RUNS_PER_CHUNK = 4


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


def layer_columns(indices: Sequence[int]) -> list[str]:
    """The ``layer<k>.<field>`` column names for these layer indices, in file order."""
    return [f"layer{k}.{column}" for k in indices for column in LAYER_FIELDS.values()]


def _layer_cells(layers: pd.DataFrame) -> pd.DataFrame:
    """One row per run x epoch (the train row) with ``layer<k>.<stat>`` columns."""
    if layers.empty:
        return pd.DataFrame(columns=["run_id", "epoch", "split"])
    wide = layers.pivot(index=["run_id", "epoch"], columns="layer_index", values=list(LAYER_FIELDS))
    wide.columns = [f"layer{k}.{LAYER_FIELDS[stat]}" for stat, k in wide.columns]
    indices = sorted(layers["layer_index"].unique())
    return wide[layer_columns(indices)].reset_index().assign(split="train")


def _rows(results: Results, columns: list[str] | None) -> pd.DataFrame:
    """The CSV rows of ``results``; ``columns`` fixes the layer columns across chunks."""
    runs = results.runs
    config = pd.DataFrame(
        [_config_cells(text) for text in runs["config_json"]],
        index=runs.index,
        columns=CONFIG_COLUMNS,
    )
    runs = pd.concat([runs[RUN_META], config], axis=1)
    rows = runs.merge(results.epochs, on="run_id", how="left")
    # layer statistics belong to the epoch: written once, on its train row
    rows = rows.merge(_layer_cells(results.layers), on=["run_id", "epoch", "split"], how="left")
    for name in TEXT_COLUMNS:
        rows[name] = neutralise(rows[name])
    return rows if columns is None else rows.reindex(columns=columns)


def export_csv(results: Results) -> str:
    """``results`` (e.g. an imported file) as one CSV text."""
    return _rows(results, None).to_csv(index=False, lineterminator="\n")


def write_csv(store: Store, run_ids: Sequence[str], out: TextIO) -> int:
    """Write the CSV of these stored runs to ``out``, a few runs at a time.

    Returns
    -------
    int
        The number of characters written.
    """
    marks = ", ".join("?" * len(run_ids))
    found = store.query(
        f"SELECT DISTINCT layer_index FROM layers WHERE run_id IN ({marks}) ORDER BY 1",
        list(run_ids),
    )
    columns = [
        *RUN_META,
        *CONFIG_COLUMNS,
        *(c for c in EPOCH_DTYPES if c != "run_id"),
        *layer_columns([row["layer_index"] for row in found]),
    ]
    written = out.write(",".join(columns) + "\n")
    for start in range(0, len(run_ids), RUNS_PER_CHUNK):
        chunk = read_results(store, run_ids[start : start + RUNS_PER_CHUNK])
        text = _rows(chunk, columns).to_csv(index=False, header=False, lineterminator="\n")
        written += out.write(text)
    return written


def store_csv(store: Store, run_ids: Sequence[str]) -> bytes:
    """The CSV of these stored runs as UTF-8 bytes (what a download button sends)."""
    buffer = io.StringIO()
    write_csv(store, list(run_ids), buffer)
    return buffer.getvalue().encode("utf-8")
