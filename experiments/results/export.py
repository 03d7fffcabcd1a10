"""One tidy CSV for a set of runs (layout in :mod:`experiments.results.csv_format`).

The store's runs are written a chunk at a time, so memory stays bounded whatever the
comparison's size: building the largest comparison's file (8 variants x 5 seeds x 1,000 epochs x
10 layers) as one frame took 0.7-2 GB of a shared 2.7 GB server. A chunk is as many runs as fit
in :data:`ROWS_PER_CHUNK` rows read (CSV rows plus layer rows), not a fixed count of runs. Runs
go into the file oldest first, whatever the chunks, so the bytes do not depend on the chunk
size. The store's rows are formatted without pandas (:mod:`.csv_rows`: a 120-run sweep's file
took 0.75 s of CPU through frames and ``to_csv``, 0.47 s now); a file of imported
:class:`Results` frames is written by pandas, and the two agree byte for byte.
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Sequence
from typing import TextIO

import pandas as pd

from experiments.results.csv_format import (
    CONFIG_COLUMNS,
    LAYER_COLUMN,
    LAYER_FIELDS,
    RUN_META,
    TEXT_COLUMNS,
    CsvFormatError,
    config_cells,
    neutralise,
)
from experiments.results.csv_import import import_csv
from experiments.results.csv_rows import epoch_lines, run_heads
from experiments.results.frames import EPOCH_DTYPES, Results
from experiments.results.store import Store
from experiments.results.storefile import as_store_error, end_read

__all__ = ["CsvFormatError", "export_csv", "import_csv", "store_csv", "write_csv"]

ROWS_PER_CHUNK = 48_000


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


def _run_cells(runs: pd.DataFrame) -> pd.DataFrame:
    """A run's own columns: its metadata, then its config spread over ``config.<field>``."""
    config = pd.DataFrame(
        [config_cells(text) for text in runs["config_json"]],
        index=runs.index,
        columns=CONFIG_COLUMNS,
    )
    return pd.concat([runs[RUN_META], config], axis=1)


def _rows(results: Results, columns: list[str] | None) -> pd.DataFrame:
    """The CSV rows of ``results``; ``columns`` fixes the layer columns across chunks."""
    rows = _run_cells(results.runs).merge(results.epochs, on="run_id", how="left")
    # layer statistics belong to the epoch: written once, on its train row
    rows = rows.merge(_layer_cells(results.layers), on=["run_id", "epoch", "split"], how="left")
    for name in TEXT_COLUMNS:
        rows[name] = neutralise(rows[name])
    return rows if columns is None else rows.reindex(columns=columns)


def export_csv(results: Results) -> str:
    """``results`` (e.g. an imported file) as one CSV text."""
    return _rows(results, None).to_csv(index=False, lineterminator="\n")


def write_csv(
    store: Store, run_ids: Sequence[str], out: TextIO, rows_per_chunk: int = ROWS_PER_CHUNK
) -> int:
    """Write the CSV of these stored runs to ``out``, oldest first, a chunk of runs at a time.

    Returns
    -------
    int
        The number of characters written.
    """
    columns = csv_columns(store, run_ids)
    written = out.write(csv_header(columns))
    for chunk_ids in chunks(store, run_ids, rows_per_chunk):
        written += out.write(chunk_text(store, chunk_ids, columns))
    return written


def csv_columns(store: Store, run_ids: Sequence[str]) -> list[str]:
    """The file's columns for these runs: each layer any of them has gets its columns."""
    marks = ", ".join("?" * len(run_ids))
    found = store.query(
        f"SELECT DISTINCT layer_index FROM layers WHERE run_id IN ({marks}) ORDER BY 1",
        list(run_ids),
    )
    return [
        *RUN_META,
        *CONFIG_COLUMNS,
        *(c for c in EPOCH_DTYPES if c != "run_id"),
        *layer_columns([row["layer_index"] for row in found]),
    ]


def csv_header(columns: Sequence[str]) -> str:
    """The file's first line."""
    return ",".join(columns) + "\n"


def chunk_text(store: Store, run_ids: Sequence[str], columns: list[str]) -> str:
    """The CSV lines of these runs (one chunk, read in one snapshot) under ``columns``: what
    ``_rows(...).to_csv`` writes for them, byte for byte, formatted straight from the store's
    rows (:mod:`.csv_rows`). A run's own cells (62 of a small net's 103 columns) are formatted
    once, not on each of its rows."""
    indices = sorted({int(m.group(1)) for c in columns if (m := LAYER_COLUMN.match(c))})
    conn = store.connection()
    conn.execute("BEGIN")  # one read: the runs and their epochs describe the same moment
    try:
        heads = run_heads(conn, run_ids)
        tails = epoch_lines(conn, run_ids, indices)
    except sqlite3.Error as error:
        raise (as_store_error(error, store.path) or error) from error
    finally:
        end_read(conn)
    no_epoch = "," * (len(columns) - len(RUN_META) - len(CONFIG_COLUMNS) - 1)
    return "".join(
        f"{head},{tail}\n" for run_id, head in heads for tail in tails.get(run_id, [no_epoch])
    )


def chunks(
    store: Store, run_ids: Sequence[str], rows_per_chunk: int = ROWS_PER_CHUNK
) -> list[list[str]]:
    """The runs, oldest first, in groups of about ``rows_per_chunk`` rows read (at least one
    run each): a run reads a train row per epoch, a val row per validated epoch, a layer row
    per epoch and layer."""
    marks = ", ".join("?" * len(run_ids))
    sizes = store.query(
        "SELECT run_id, "
        "(SELECT COUNT(*) + COUNT(val_loss) FROM epochs e WHERE e.run_id = r.run_id) "
        "+ (SELECT COUNT(*) FROM layers l WHERE l.run_id = r.run_id) AS n "
        f"FROM runs r WHERE run_id IN ({marks}) ORDER BY created_at, run_id",
        list(run_ids),
    )
    chunks: list[list[str]] = []
    total = 0
    for row in sizes:
        # the first run opens a chunk even with no rows at all (a run diverged in its first
        # epoch has none: "total + 0 > rows_per_chunk" alone left no chunk to append to)
        if not chunks or total + row["n"] > rows_per_chunk:
            chunks.append([])
            total = 0
        chunks[-1].append(row["run_id"])
        total += row["n"]
    return chunks


def store_csv(store: Store, run_ids: Sequence[str]) -> bytes:
    """The CSV of these stored runs as UTF-8 bytes (what a download button sends)."""
    buffer = io.StringIO()
    write_csv(store, list(run_ids), buffer)
    return buffer.getvalue().encode("utf-8")
