"""Parquet and the per-run summary for ``python -m experiments export``.

Parquet keeps each column's type and compresses the repeated run ids and names of a sweep's
long tables. The full tables are written as three files in a folder, ``runs.parquet``,
``epochs.parquet`` and ``layers.parquet``: the frames of
:func:`~experiments.results.frames.read_results`, read and written a chunk of runs at a time,
so a sweep of any size never sits in memory whole. ``pd.read_parquet`` gives back those frames.
pyarrow comes with Streamlit and is imported only here, on this path.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from experiments.results.frames import EPOCH_DTYPES, LAYER_DTYPES, RUN_DTYPES, read_results
from experiments.results.summary import read_summary

if TYPE_CHECKING:
    from experiments.results.store import Store

TABLES = {"runs": RUN_DTYPES, "epochs": EPOCH_DTYPES, "layers": LAYER_DTYPES}
CHUNK_RUNS = 500


def write_tables(store: Store, folder: Path, run_ids: Sequence[str]) -> list[Path]:
    """Write the runs' three frames to ``folder`` (created) as Parquet; return the files."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    schemas = {
        name: pa.Schema.from_pandas(pd.DataFrame(columns=list(dtypes)).astype(dtypes),
                                    preserve_index=False)
        for name, dtypes in TABLES.items()
    }  # fmt: skip
    paths = {name: folder / f"{name}.parquet" for name in TABLES}
    writers = {name: pq.ParquetWriter(paths[name], schemas[name]) for name in TABLES}
    try:
        for start in range(0, len(run_ids), CHUNK_RUNS):
            results = read_results(store, run_ids[start : start + CHUNK_RUNS])
            frames = (results.runs, results.epochs, results.layers)
            for name, frame in zip(TABLES, frames, strict=True):
                table = pa.Table.from_pandas(frame, schema=schemas[name], preserve_index=False)
                writers[name].write_table(table)
    finally:
        for writer in writers.values():
            writer.close()
    return list(paths.values())


def export_format(out: str | None, fmt: str | None) -> str:
    """``fmt`` if given, else ``parquet`` for an ``--out`` ending in ``.parquet``, else csv."""
    if fmt is not None:
        return fmt
    return "parquet" if out is not None and out.endswith(".parquet") else "csv"


def export(store: Store, out: str | None, *, owner: str | None, summary: bool, fmt: str) -> str:
    """Write the summary (to ``out`` or standard output) or the full tables as Parquet (to the
    folder ``out``); return what was written, for the user.

    Raises
    ------
    ValueError
        Parquet without ``--out``.
    """
    to_stdout = out in (None, "-")
    if fmt == "parquet" and to_stdout:
        raise ValueError("--out: Parquet needs a file (a folder for the full tables)")
    if not summary:
        from experiments.results.frames import read_runs

        run_ids = read_runs(store, owner=owner)["run_id"].tolist()
        write_tables(store, Path(out), run_ids)  # type: ignore[arg-type]
        return f"wrote {out}/{{{','.join(TABLES)}}}.parquet ({len(run_ids)} runs)"
    frame = read_summary(store, owner)
    if to_stdout:
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
        return f"{len(frame)} runs"
    if fmt == "parquet":
        frame.to_parquet(out, index=False)
    else:
        frame.to_csv(out, index=False, lineterminator="\n")
    return f"wrote {out} ({len(frame)} runs)"
