"""Import of a results CSV back into :class:`Results`, within one comparison's size.

The file comes from anyone (an upload on a public page): its header is checked before a row
is parsed, rows are parsed a chunk at a time, and every value is checked against the documented
ranges and vocabularies (:mod:`experiments.results.csv_checks`) before the page sees it.
"""

from __future__ import annotations

import csv
import io
import json

import pandas as pd

from experiments.results.csv_checks import (
    check_epochs,
    check_layers,
    check_runs,
    no_repeats,
    numbers,
)
from experiments.results.csv_format import (
    CONFIG_PREFIX,
    LAYER_COLUMN,
    LAYER_FIELDS,
    MAX_COLUMNS,
    MAX_LAYERS,
    MAX_ROWS,
    MAX_RUNS,
    OPTIONAL,
    REQUIRED,
    TEXT_COLUMNS,
    TEXT_FIELDS,
    CsvFormatError,
    restore,
)
from experiments.results.frames import EPOCH_DTYPES, LAYER_DTYPES, RUN_DTYPES, Results
from experiments.spec.bounded import shorten
from experiments.spec.config import config_from_dict, public_fields
from experiments.spec.errors import ConfigError
from experiments.spec.validation import validate

CHUNK_ROWS = 5_000
NOT_OURS = "not a gradlab results CSV"


def _header(text: str) -> list[str]:
    """The header row, checked: no repeats, nothing unknown, nothing missing, whole layers."""
    header = next(csv.reader(io.StringIO(text[:1_000_000])), [])
    if len(header) > MAX_COLUMNS:
        raise CsvFormatError(
            f"{NOT_OURS}: {len(header)} columns; the limit is {MAX_COLUMNS}",
            "columns",
            n=len(header),
            most=MAX_COLUMNS,
        )
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        found = ", ".join(c[:30] for c in header[:8]) + ("..." if len(header) > 8 else "")
        raise CsvFormatError(
            f"{NOT_OURS}: missing columns {', '.join(missing)} (it has {found})",
            "missing",
            missing=", ".join(missing),
            found=found,
        )
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise CsvFormatError(
            f"{NOT_OURS}: repeated columns {shorten(repeated)}", "repeated", names=shorten(repeated)
        )
    layers = {}
    for name in header:
        if name in REQUIRED or name in OPTIONAL:
            continue
        match = LAYER_COLUMN.match(name)
        field = name[match.end() :] if match else ""
        if not match or field not in LAYER_FIELDS.values() or int(match[1]) >= MAX_LAYERS:
            raise CsvFormatError(
                f"{NOT_OURS}: unknown column {shorten(name)}; accepted: the documented columns "
                f"and layer<k>.<{'|'.join(LAYER_FIELDS.values())}> for k below {MAX_LAYERS}",
                "unknown_column",
                name=shorten(name),
                fields="|".join(LAYER_FIELDS.values()),
                most=MAX_LAYERS,
            )
        layers.setdefault(int(match[1]), set()).add(field)
    for k, fields in sorted(layers.items()):
        if lacking := [f for f in LAYER_FIELDS.values() if f not in fields]:
            raise CsvFormatError(
                f"{NOT_OURS}: layer{k} lacks columns {', '.join(lacking)}",
                "layer_lacks",
                layer=f"layer{k}",
                lacking=", ".join(lacking),
            )
    return header


def _parse_config(row: dict) -> str:
    values = {}
    for f in public_fields():
        cell = row[CONFIG_PREFIX + f.name]
        if cell == "":
            values[f.name] = None
        elif f.name in TEXT_FIELDS:
            values[f.name] = cell
        else:
            values[f.name] = _config_cell(f.type, cell)
    config = config_from_dict(values)
    validate(config)
    return config.to_json()


# a file opened and saved again by pandas (read_csv -> to_csv) spells booleans as Python does
# and writes an integer column that has an empty cell as floats (3 -> 3.0)
PYTHON_BOOLEANS = {"True": True, "False": False}


def _config_cell(kind: str, cell: str):
    """A non-empty ``config.<field>`` cell as the value the config holds."""
    if kind == "bool" and cell in PYTHON_BOOLEANS:
        return PYTHON_BOOLEANS[cell]
    try:
        value = json.loads(cell)
    except (json.JSONDecodeError, RecursionError):
        return cell  # batch_size="full"
    if kind.startswith("int") and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _layer_rows(chunk: pd.DataFrame, indices: list[int]) -> pd.DataFrame:
    """The ``layers`` rows of a chunk (from its rows that carry ``layer<k>.*`` cells)."""
    parts = [pd.DataFrame(columns=[*LAYER_DTYPES, "_line"], dtype=str)]
    for k in indices:
        names = {f"layer{k}.{column}": field for field, column in LAYER_FIELDS.items()}
        part = chunk[["run_id", "epoch", "_line", *names]].rename(columns=names)
        parts.append(part[part["layer_name"] != ""].assign(layer_index=str(k)))
    return pd.concat(parts, ignore_index=True)


def _chunks(text: str):
    try:
        # bytes, not StringIO: a StringIO holds 4 bytes per character
        data = io.BytesIO(text.encode("utf-8"))
        reader = pd.read_csv(data, dtype=str, keep_default_na=False, chunksize=CHUNK_ROWS)
        yield from reader
    except (pd.errors.ParserError, ValueError) as error:
        detail = shorten(str(error))
        message = f"{NOT_OURS}: could not parse it ({detail})"
        raise CsvFormatError(message, "unparsable", detail=detail) from None


def _config_json(row: dict) -> str:
    try:
        return _parse_config(row)
    except (ValueError, RecursionError) as error:
        message = f"{NOT_OURS}: a config in it is invalid: {shorten(str(error), 300)}"
        # a ConfigError is worded by the page from its own rule; any other reason is shortened
        reason = error if isinstance(error, ConfigError) else shorten(str(error), 300)
        raise CsvFormatError(message, "invalid_config", error=reason) from None


def _read(text: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Runs, epochs and layers, each chunk checked and turned into numbers as it is read
    (held as text, the largest comparison's layer cells alone took about 400 MB)."""
    header = _header(text)
    indices = sorted({int(m[1]) for c in header if (m := LAYER_COLUMN.match(c))})
    runs: dict[str, dict] = {}
    limits: dict[str, int] = {}
    epochs, layers, seen = [], [], 0
    for chunk in _chunks(text):
        chunk["_line"] = range(seen + 2, seen + 2 + len(chunk))
        seen += len(chunk)
        if seen > MAX_ROWS + MAX_RUNS:
            raise CsvFormatError(
                f"too many rows: more than {MAX_ROWS + MAX_RUNS:,}; a CSV holds one comparison "
                f"(at most {MAX_RUNS} runs x 1,000 epochs x 2 splits)",
                "too_many_rows",
                most=MAX_ROWS + MAX_RUNS,
                runs=MAX_RUNS,
            )
        for name in TEXT_COLUMNS:
            chunk[name] = restore(chunk[name])
        for row in chunk.drop_duplicates("run_id").to_dict("records"):
            if row["run_id"] not in runs:
                if len(runs) == MAX_RUNS:
                    raise CsvFormatError(
                        f"too many runs: more than {MAX_RUNS}; a CSV holds one comparison "
                        f"(at most 8 variants x 5 seeds)",
                        "too_many_runs",
                        most=MAX_RUNS,
                    )
                row["config_json"] = _config_json(row)
                runs[row["run_id"]] = row
                limits[row["run_id"]] = json.loads(row["config_json"])["epochs"]
        # an optional column the file lacks reads as empty cells
        rows = chunk.loc[chunk["split"] != ""].reindex(
            columns=[*EPOCH_DTYPES, "_line"], fill_value=""
        )
        epochs.append(check_epochs(rows, limits))
        layers.append(numbers(_layer_rows(chunk, indices), LAYER_DTYPES))
    frame = pd.DataFrame(list(runs.values())) if runs else pd.DataFrame(columns=[*RUN_DTYPES])
    if not epochs:  # a header and no rows
        empty = pd.DataFrame(columns=["_line"], dtype=str)
        return frame, check_epochs(empty.reindex(columns=[*EPOCH_DTYPES, "_line"]), {}), empty
    return frame, pd.concat(epochs, ignore_index=True), pd.concat(layers, ignore_index=True)


def decode_csv(data: bytes) -> str:
    """The text of an uploaded CSV: UTF-8 (with or without Excel's byte-order mark), else
    CP949, what Excel on Korean Windows writes for a plain "CSV" (labels typed in Korean).

    A CP949 byte sequence is almost never valid UTF-8, so trying UTF-8 first cannot misread
    one; anything neither decodes is refused, saying how to save it.
    """
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CsvFormatError(
        f"{NOT_OURS}: the file is neither UTF-8 nor CP949 text; save it as "
        '"CSV UTF-8 (comma delimited)"',
        "encoding",
    )


def import_csv(text: str | bytes) -> Results:
    """Read a CSV written by :func:`~experiments.results.export.export_csv` back into the
    same :class:`Results`; bytes are decoded by :func:`decode_csv`.

    Raises
    ------
    CsvFormatError
        The text is empty or unparsable; lacks, repeats or adds columns; holds more than one
        comparison (40 runs, 8 labels, 1,000 epochs each); a config in it is invalid; or a
        value is outside its documented range or vocabulary (the message names the line, the
        column and the value).
    """
    if isinstance(text, bytes):
        text = decode_csv(text)
    if isinstance(text, str):
        text = text.removeprefix("\ufeff")  # a UTF-8 byte-order mark decoded as text
    if not isinstance(text, str) or not text.strip():
        raise CsvFormatError(f"{NOT_OURS}: the file is empty", "empty")
    runs, epochs, layers = _read(text)
    runs = check_runs(runs.reindex(columns=[*RUN_DTYPES, "_line"]))
    # a file from before the data loss was recorded: without it, it is the loss
    epochs["data_loss"] = epochs["data_loss"].fillna(epochs["loss"])
    return Results.build(runs, no_repeats(epochs), check_layers(layers, epochs))
