"""The results CSV's lines, formatted straight from the store's rows (no pandas).

Most of a sweep's file is its epochs' cells (120 runs of 100 epochs: 24,000 rows of 41 cells, 3
layers): reading them into frames, merging the layers in and writing them with
``DataFrame.to_csv`` took 0.75 s of CPU, taken from the workers while a sweep trains (the CLI
writes its file as runs finish). Here a cell is the text pandas writes for it: a float by
``repr`` (the shortest text that reads back the same, which is what numpy's ``astype(str)``
gives), an integer plain, an empty value empty, a text quoted as the ``csv`` module quotes it.
``tests/experiments/test_csv_rows.py`` holds the result to ``export_csv`` of the same runs.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from experiments.results.csv_format import (
    CONFIG_COLUMNS,
    EPOCH_COLUMNS,
    LAYER_FIELDS,
    RUN_META,
    TEXT_COLUMNS,
    config_cells,
    neutral_text,
)
from experiments.results.frames import EPOCH_DTYPES, LAYER_DTYPES, RUN_DTYPES, RUNS_SQL
from experiments.results.schema import EPOCH_DIAGNOSTICS, SPLIT_SOURCES


def _float(value: Any) -> str:
    # SQLite keeps no NaN (it stores NULL), so a float is never NaN here
    return "" if value is None else repr(float(value))


def _integer(value: Any) -> str:
    return "" if value is None else str(int(value))


@lru_cache(maxsize=4096)
def _quoted(text: str) -> str:
    # the writer pandas uses, so a text with a comma, a quote or a line break is written the
    # same way; an empty text is an empty cell (alone on a line, the writer would quote it)
    if not text:
        return ""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([text])
    return buffer.getvalue()[:-1]


def _text(value: Any) -> str:
    return "" if value is None else _quoted(str(value))


def _free_text(value: Any) -> str:
    # a text a user may have typed (csv_format.TEXT_COLUMNS): never a formula to a spreadsheet
    return "" if value is None else _quoted(neutral_text(str(value)))


FORMATS: dict[str, Callable[[Any], str]] = {"float64": _float, "Int64": _integer, "string": _text}
RUN_FORMATS = [
    _free_text if name in TEXT_COLUMNS else FORMATS[RUN_DTYPES[name]] for name in RUN_META
]
CONFIG_FREE = [(name, name in TEXT_COLUMNS) for name in CONFIG_COLUMNS]  # free text or not


def run_heads(conn: sqlite3.Connection, run_ids: Sequence[str]) -> list[tuple[str, str]]:
    """``(run_id, its own cells)`` of each run, oldest first: its metadata, then its config
    over the ``config.<field>`` columns (a text as it is, any other value as JSON)."""
    marks = ", ".join("?" * len(run_ids))
    rows = conn.execute(
        f"{RUNS_SQL} WHERE run_id IN ({marks}) ORDER BY created_at, run_id",
        list(run_ids),
    )
    names = [column[0] for column in rows.description]
    at = [names.index(name) for name in RUN_META]
    config_at = names.index("config_json")
    heads = []
    for row in rows:
        cells = [cell(row[i]) for cell, i in zip(RUN_FORMATS, at, strict=True)]
        config = config_cells(row[config_at])
        for column, free in CONFIG_FREE:
            text = config.get(column)
            cells.append(_free_text(text) if free else _text(text))
        heads.append((row[at[0]], ",".join(cells)))
    return heads


# an epoch row's cells after epoch and split: the split's values, then the epoch's diagnostics
VALUE_COLUMNS = [name for name in EPOCH_COLUMNS if name not in ("epoch", "split")]
VALUE_FORMATS = [FORMATS[EPOCH_DTYPES[name]] for name in VALUE_COLUMNS]
# neither starts like a formula (csv_format.FORMULA_STARTS): neutralise leaves them as they are
SPLIT_NAMES = {split: _text(split) for split in SPLIT_SOURCES}
LAYER_NAMES = list(LAYER_FIELDS)
LAYER_FORMATS = [FORMATS[LAYER_DTYPES[name]] for name in LAYER_NAMES]


def _values_sql(split: str, stored: set[str]) -> list[str]:
    """The SQL of a split's value cells from an epochs row: the first stored column of each
    that is not empty (a column a read-only store from before it existed lacks is empty)."""
    own = SPLIT_SOURCES[split]
    out = []
    for name in VALUE_COLUMNS:
        names = [n for n in ((name,) if name in EPOCH_DIAGNOSTICS else own.get(name, ()))
                 if n in stored]  # fmt: skip
        out.append(f"COALESCE({', '.join(names)}, NULL)" if names else "NULL")
    return out


def epoch_lines(
    conn: sqlite3.Connection, run_ids: Sequence[str], layer_indices: Sequence[int]
) -> dict[str, list[str]]:
    """Each run's epoch rows as CSV text, after its own cells: ``epoch,split,...`` under the
    file's columns (``layer_indices`` gives its layer columns), the train row then the val row
    of each epoch in order. A run with no stored epoch is absent."""
    marks = ", ".join("?" * len(run_ids))
    stored = {row[1] for row in conn.execute("PRAGMA table_info(epochs)")}
    n = len(VALUE_COLUMNS)
    train, val = (", ".join(_values_sql(split, stored)) for split in ("train", "val"))
    layers = _layer_text(conn, marks, run_ids, layer_indices)
    no_layers = "," + "," * (len(layer_indices) * len(LAYER_NAMES) - 1) if layer_indices else ""
    rows = conn.execute(
        f"SELECT run_id, epoch, val_loss IS NOT NULL, {train}, {val} FROM epochs "
        f"WHERE run_id IN ({marks}) ORDER BY run_id, epoch",
        list(run_ids),
    )
    out: dict[str, list[str]] = {}
    for row in rows:
        run_id, epoch = row[0], _integer(row[1])
        cells = ",".join([cell(v) for cell, v in zip(VALUE_FORMATS, row[3 : 3 + n], strict=True)])
        # layer statistics belong to the epoch: written once, on its train row
        text = layers.get((run_id, row[1]))
        lines = out.setdefault(run_id, [])
        lines.append(f"{epoch},{SPLIT_NAMES['train']},{cells}{no_layers if text is None else text}")
        if row[2]:  # the epoch has a validation split
            cells = ",".join([cell(v) for cell, v in zip(VALUE_FORMATS, row[3 + n :], strict=True)])
            lines.append(f"{epoch},{SPLIT_NAMES['val']},{cells}{no_layers}")
    return out


def _layer_text(
    conn: sqlite3.Connection, marks: str, run_ids: Sequence[str], indices: Sequence[int]
) -> dict[tuple[str, int], str]:
    """``{(run_id, epoch): "," + the cells of every layer column}`` (a layer the run lacks:
    empty; a layer outside ``indices``: left out, as the file has no column for it)."""
    if not indices:
        return {}
    empty = "," * (len(LAYER_NAMES) - 1)
    place = {index: i for i, index in enumerate(indices)}
    found: dict[tuple[str, int], list[str]] = {}
    rows = conn.execute(
        f"SELECT run_id, epoch, layer_index, {', '.join(LAYER_NAMES)} FROM layers "
        f"WHERE run_id IN ({marks})",
        list(run_ids),
    )
    for row in rows:
        if row[2] not in place:
            continue
        per_layer = found.setdefault((row[0], row[1]), [empty] * len(indices))
        cells = [cell(v) for cell, v in zip(LAYER_FORMATS, row[3:], strict=True)]
        per_layer[place[row[2]]] = ",".join(cells)
    return {key: "," + ",".join(cells) for key, cells in found.items()}
