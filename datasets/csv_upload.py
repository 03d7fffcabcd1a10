"""``from_csv``: a user's CSV, validated column by column, as a scaled :class:`Dataset`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from datasets.assemble import assemble
from datasets.checks import check_knobs
from datasets.csv_read import CsvSource, parse_csv, read_bytes
from datasets.dataset import Dataset
from datasets.errors import DatasetError
from datasets.limits import CSV_LIMITS, CsvLimits
from datasets.splits import check_splittable

TASK_CHOICES = ("classification", "regression")


def from_csv(
    source: CsvSource,
    target: str,
    *,
    drop_missing: bool = False,
    seed: int = 0,
    train_fraction: float = 1.0,
    label_noise: float = 0.0,
    task: str | None = None,
    name: str = "csv",
    limits: CsvLimits = CSV_LIMITS,
) -> Dataset:
    """Load a user's CSV (header row, comma-separated, UTF-8) as scaled 60/20/20 splits.

    Text feature columns with at most ``limits.max_categories`` distinct values are one-hot
    encoded (``column=value``); other non-numeric columns are rejected by name. The target is
    classification when it is text, or integers with at most ``limits.max_target_classes``
    distinct values; otherwise regression. ``task`` overrides that guess.

    Parameters
    ----------
    source : bytes, str path, os.PathLike or file-like
    target : str
        Name of the target column.
    drop_missing : bool
        Drop rows with missing values instead of refusing the file.
    seed, train_fraction, label_noise
        As for :func:`datasets.load`.
    task : {"classification", "regression"}, optional
    name : str
        The resulting ``Dataset.name``.
    limits : CsvLimits

    Returns
    -------
    Dataset

    Raises
    ------
    DatasetError
        With a specific message for each problem: too large, too many rows or columns,
        unparseable, unknown target, unusable text columns, missing values, a single class,
        a class too small to split.
    """
    if task is not None and task not in TASK_CHOICES:
        raise DatasetError(
            f"Received: task={task!r}; accepted: None (guess), {', '.join(TASK_CHOICES)}.",
            field="task",
        )
    frame = parse_csv(read_bytes(source, limits), limits)
    _check_target_name(frame, target)
    frame = _handle_missing(frame, drop_missing)
    y, class_names = _encode_target(frame[target], target, task, limits)
    check_knobs(train_fraction, label_noise, seed, regression=not class_names, name=name)
    x, feature_names = _encode_features(frame.drop(columns=[target]), limits)
    check_splittable(y, class_names, field="target")
    return assemble(
        name,
        x,
        y,
        feature_names=feature_names,
        class_names=class_names,
        train_fraction=train_fraction,
        label_noise=label_noise,
        seed=seed,
    )


def _names(columns: list[object], limit: int = 10) -> str:
    shown = ", ".join(repr(str(c)) for c in columns[:limit])
    return shown + (f" and {len(columns) - limit} more" if len(columns) > limit else "")


def _check_target_name(frame: pd.DataFrame, target: object) -> None:
    if not isinstance(target, str) or target not in frame.columns:
        raise DatasetError(
            f"Received: target={target!r}, which is not a column of the CSV; accepted: one of "
            f"{_names(list(frame.columns), 20)}.",
            field="target",
        )


def _handle_missing(frame: pd.DataFrame, drop_missing: bool) -> pd.DataFrame:
    per_column = frame.isna().sum()
    per_column = per_column[per_column > 0]
    if per_column.empty:
        return frame
    bad_rows = int(frame.isna().any(axis=1).sum())
    if drop_missing:
        kept = frame.dropna()
        if kept.empty:
            raise DatasetError(
                f"Every one of the {len(frame)} rows has a missing value; nothing is left "
                "after dropping them.",
                field="missing",
            )
        return kept.reset_index(drop=True)
    detail = ", ".join(f"{str(c)!r}: {n}" for c, n in per_column.items())
    raise DatasetError(
        f"Missing values: {int(per_column.sum())} in {bad_rows} of {len(frame)} rows "
        f"({detail}). Fill them in, or pass drop_missing=True to drop those {bad_rows} rows.",
        field="missing",
    )


def _is_numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column)


def _encode_target(
    column: pd.Series, target: str, task: str | None, limits: CsvLimits
) -> tuple[np.ndarray, tuple[str, ...]]:
    """Integer labels ``(n,)`` with class names, or float targets ``(n,)`` and no names."""
    numeric = _is_numeric(column) and not pd.api.types.is_bool_dtype(column)
    values = column.to_numpy()
    if task is None:
        integral = numeric and bool(np.all(np.mod(values.astype(np.float64), 1.0) == 0.0))
        few = column.nunique() <= limits.max_target_classes
        task = "classification" if not numeric or (integral and few) else "regression"
    if task == "regression":
        if not numeric:
            raise DatasetError(
                f"target={target!r} is not numeric (e.g. {values[0]!r}), so it cannot be a "
                "regression target; accepted: numbers, or task='classification'.",
                field="target",
            )
        y = values.astype(np.float64)
        _check_finite(y.reshape(-1, 1), [target])
        return y, ()
    codes, uniques = pd.factorize(column, sort=True)
    if len(uniques) < 2:
        raise DatasetError(
            f"target={target!r} has a single class ({_label(uniques[0])!r}); classification "
            "needs at least 2 classes.",
            field="target",
        )
    return codes.astype(np.int64), tuple(_label(u) for u in uniques)


def _label(value: object) -> str:
    # 1.0 read from a column with gaps is the class "1", not "1.0".
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


def _encode_features(frame: pd.DataFrame, limits: CsvLimits) -> tuple[np.ndarray, tuple[str, ...]]:
    """Numeric columns as they are, low-cardinality text columns one-hot; shape ``(n, d)``."""
    text = [c for c in frame.columns if not _is_numeric(frame[c])]
    too_varied = [c for c in text if frame[c].nunique() > limits.max_categories]
    if too_varied:
        detail = ", ".join(
            f"{str(c)!r} ({frame[c].nunique()} distinct values, e.g. {frame[c].iloc[0]!r})"
            for c in too_varied[:10]
        )
        raise DatasetError(
            f"Non-numeric feature columns: {detail}. Text columns are one-hot encoded only "
            f"with at most {limits.max_categories} distinct values; drop these columns or "
            "convert them to numbers.",
            field="columns",
        )
    encoded = pd.get_dummies(frame, columns=text, prefix_sep="=", dtype=np.float64)
    if encoded.shape[1] > limits.max_columns:
        raise DatasetError(
            f"Too many columns: {encoded.shape[1]} feature columns after one-hot encoding "
            f"{_names(text)}; the limit is {limits.max_columns}.",
            field="columns",
        )
    x = encoded.to_numpy(dtype=np.float64)
    names = [str(c) for c in encoded.columns]
    _check_finite(x, names)
    return x, tuple(names)


# Standardising squares the deviations: past about 1e154 the square overflows and the scaled
# features become NaN. 1e150 keeps a margin and is far beyond any measured quantity.
MAX_MAGNITUDE = 1e150


def _check_finite(x: np.ndarray, names: list[str]) -> None:
    huge = np.isfinite(x) & (np.abs(x) > MAX_MAGNITUDE)
    if huge.any():
        counts = huge.sum(axis=0)
        detail = ", ".join(f"{names[j][:40]!r}: {counts[j]}" for j in np.flatnonzero(counts)[:10])
        raise DatasetError(
            f"Values too large to scale ({detail}); accepted: numbers between "
            f"-{MAX_MAGNITUDE:g} and {MAX_MAGNITUDE:g}.",
            field="columns",
        )
    bad = ~np.isfinite(x)
    if bad.any():
        counts = bad.sum(axis=0)
        detail = ", ".join(f"{names[j]!r}: {counts[j]}" for j in np.flatnonzero(counts)[:10])
        raise DatasetError(
            f"Infinite values ({detail}); accepted: finite numbers.", field="columns"
        )
