"""Reading a user's CSV into a DataFrame within fixed limits.

The file is only ever read as text and parsed by ``pandas.read_csv``: nothing is unpickled,
decompressed or evaluated, whatever the file name or content claims to be.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import IO

import pandas as pd

from datasets.errors import DatasetError
from datasets.limits import CSV_LIMITS, CsvLimits

CsvSource = bytes | bytearray | memoryview | str | os.PathLike | IO[bytes] | IO[str]


def _too_large(size: str, limits: CsvLimits) -> DatasetError:
    return DatasetError(
        f"File too large: {size} bytes; the limit is {limits.max_bytes:,} bytes "
        f"({limits.max_bytes / 1e6:g} MB).",
        field="source",
    )


def read_bytes(source: CsvSource, limits: CsvLimits = CSV_LIMITS) -> bytes:
    """The raw bytes of ``source``, refusing anything over ``limits.max_bytes``.

    Parameters
    ----------
    source : bytes, str path, os.PathLike or a file-like object with ``read()``
        A file-like object may yield bytes (an upload) or text (``io.StringIO``).
    limits : CsvLimits

    Returns
    -------
    bytes
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str):
        # a str may be a user's text that happens to name a server file: only a Path opens one
        raise DatasetError(
            f"Received: source={_shown(source)} (a str); accepted: bytes or a file-like object "
            "for CSV content, or a pathlib.Path for a file on this machine.",
            field="source",
        )
    elif isinstance(source, os.PathLike):
        data = _read_path(source, limits)
    elif hasattr(source, "read"):
        # Reading one byte past the limit tells "too large" apart without loading a huge file.
        chunk = source.read(limits.max_bytes + 1)
        data = chunk.encode("utf-8") if isinstance(chunk, str) else bytes(chunk)
        if len(data) > limits.max_bytes:
            raise _too_large(f"more than {limits.max_bytes:,}", limits)
    else:
        raise DatasetError(
            f"Received: source of type {type(source).__name__}; accepted: bytes, a file path "
            "(str or os.PathLike) or a file-like object with read().",
            field="source",
        )
    if len(data) > limits.max_bytes:
        raise _too_large(f"{len(data):,}", limits)
    return data


def _shown(text: str) -> str:
    return repr(text[:60]) + ("..." if len(text) > 60 else "")


def _read_path(source: os.PathLike, limits: CsvLimits) -> bytes:
    shown = _shown(str(source))
    try:
        size = os.stat(source).st_size
        if size > limits.max_bytes:
            raise _too_large(f"{size:,}", limits)
        with Path(source).open("rb") as handle:
            return handle.read(limits.max_bytes + 1)
    except OSError as err:
        raise DatasetError(
            f"Received: source={shown}; could not read that file ({err.strerror}).",
            field="source",
        ) from None


def parse_csv(data: bytes, limits: CsvLimits = CSV_LIMITS) -> pd.DataFrame:
    """Parse CSV bytes (UTF-8, header row, comma-separated) into a DataFrame.

    Raises
    ------
    DatasetError
        Empty, binary or non-UTF-8 data, a malformed table, no data rows, too many rows or
        too many columns; the message states the limit.
    """
    if not data.strip():
        raise DatasetError(
            "The file is empty: expected a header row and data rows.", field="source"
        )
    if b"\x00" in data:
        raise DatasetError(
            "Could not parse the file as CSV: it contains NUL bytes, so it is a binary file "
            "(e.g. Excel or a pickle), not comma-separated text.",
            field="source",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DatasetError(
            f"Could not parse the file as CSV: it is not UTF-8 text (byte {data[err.start]:#04x} "
            f"at position {err.start}). Save it as 'CSV UTF-8'.",
            field="source",
        ) from None
    try:
        frame = pd.read_csv(io.StringIO(text), nrows=limits.max_rows + 1, skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as err:
        raise DatasetError(f"Could not parse the file as CSV: {err}", field="source") from None
    _check_shape(frame, limits)
    _check_header(text)
    return frame


def _check_header(text: str) -> None:
    """Refuse repeated column names: pandas would rename the second ``y`` to ``y.1`` and a
    copy of the target would become a feature."""
    try:
        header = next(csv.reader(io.StringIO(text, newline=""), skipinitialspace=True), [])
    except csv.Error as err:
        raise DatasetError(f"Could not parse the header row: {err}", field="source") from None
    seen: set[str] = set()
    repeated = [name for name in header if name in seen or seen.add(name)]
    if repeated:
        shown = ", ".join(_shown(name) for name in dict.fromkeys(repeated))
        raise DatasetError(
            f"Repeated column names: {shown}; accepted: a header row naming each column once.",
            field="columns",
        )


def _check_shape(frame: pd.DataFrame, limits: CsvLimits) -> None:
    if len(frame) == 0:
        raise DatasetError("The CSV has a header but no data rows.", field="rows")
    if len(frame) > limits.max_rows:
        raise DatasetError(
            f"Too many rows: more than {limits.max_rows:,}; the limit is {limits.max_rows:,} "
            "data rows.",
            field="rows",
        )
    if frame.shape[1] > limits.max_columns:
        raise DatasetError(
            f"Too many columns: {frame.shape[1]}; the limit is {limits.max_columns}.",
            field="columns",
        )
    if frame.shape[1] < 2:
        raise DatasetError(
            f"Only one column ({str(frame.columns[0])[:60]!r}): a target and at least one "
            "feature are needed. Is the file separated by commas?",
            field="columns",
        )
