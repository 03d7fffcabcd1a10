"""The documented ranges and vocabularies of an imported results CSV.

Each check names the line, the column, the value received (shortened) and what is accepted.
The page draws what passes here without further checks: a loss of ``inf`` or ``-5``, an
accuracy of 7.5, an unknown status or split, or a second row for the same run x epoch x split
would otherwise be drawn as if a run had produced it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from experiments.results.csv_format import LAYER_FIELDS, CsvFormatError
from experiments.results.frames import EPOCH_DTYPES, RUN_DTYPES, SPLITS
from experiments.results.schema import STATUSES
from experiments.spec.bounded import shorten
from experiments.spec.variants import MAX_VARIANTS

MAX_LABEL_CHARS = 200  # the page's form takes 40, the CLI's labels 60
MAX_WHOLE = 2**53  # the largest integer a float64 holds exactly
# what a column accepts, by the name a page words it from (``csv.accepts.<name>``); the
# English fills in the facts passed with the name
ACCEPTS = {
    "number": "a number",
    "whole": "a whole number from 0 to {most}",
    "whole_non_negative": "a whole number >= 0",
    "finite": "a finite number",
    "non_negative": "a number >= 0",
    "finite_non_negative": "a finite number >= 0",
    "share": "a number from 0 to 1",
    "one_of": "one of {names}",
    "label": "at most {most} characters",
    "one_row": "one row per run x epoch x split",
    "known_epoch": "an epoch with a split row",
}
NON_NEGATIVE, FINITE_NON_NEGATIVE, SHARE = "non_negative", "finite_non_negative", "share"
RANGES = {
    "loss": FINITE_NON_NEGATIVE,
    "running_loss": FINITE_NON_NEGATIVE,
    "data_loss": FINITE_NON_NEGATIVE,
    "accuracy": SHARE,
    "running_accuracy": SHARE,
    "dead_fraction": SHARE,
    "wall_time_s": FINITE_NON_NEGATIVE,
    "grad_norm_before_clip": NON_NEGATIVE,
    "grad_norm_before_clip_max": NON_NEGATIVE,
    "grad_norm_mean": NON_NEGATIVE,
    "grad_norm_max": NON_NEGATIVE,
    "weight_norm": NON_NEGATIVE,
    "update_ratio": NON_NEGATIVE,
    "activation_std": NON_NEGATIVE,
    "duration_s": FINITE_NON_NEGATIVE,
}


def _refuse(
    frame: pd.DataFrame, bad: pd.Series, column: str, raw: pd.Series, accepts: str, **facts: Any
):
    """Refuse the first ``bad`` cell; ``accepts`` names what the column takes (:data:`ACCEPTS`)."""
    at = bad.to_numpy().argmax()
    line = int(frame["_line"].iloc[at])
    if "layer_index" in frame and column in LAYER_FIELDS:  # the file's own column name
        column = f"layer{frame['layer_index'].iloc[at]}.{LAYER_FIELDS[column]}"
    received = shorten(str(raw.iloc[at]))
    raise CsvFormatError(
        f"results CSV outside the documented ranges: line {line}, column {column}: received "
        f"{received}; accepted: {ACCEPTS[accepts].format(**facts)}",
        "range",
        line=line,
        column=column,
        received=received,
        accepts=accepts,
        **facts,
    )


def numbers(frame: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    """The frame with its numeric columns parsed (empty cells become missing values)."""
    out = frame.copy()
    for column, dtype in dtypes.items():
        if dtype == "string" or column not in frame:
            continue
        raw = frame[column].astype(str)
        present = raw != ""
        values = _floats(raw, present)
        if (bad := present & values.isna()).any():
            _refuse(frame, bad, column, raw, "number")
        if dtype == "Int64":
            whole = (values % 1 == 0) & (values.abs() <= MAX_WHOLE)
            if (bad := present & ~whole).any():
                _refuse(frame, bad, column, raw, "whole", most=MAX_WHOLE)
            if (bad := present & (values < 0)).any():
                _refuse(frame, bad, column, raw, "whole_non_negative")
        what = RANGES.get(column, "finite" if dtype == "float64" else None)
        if what and (bad := present & ~_within(values, what)).any():
            _refuse(frame, bad, column, raw, what)
        out[column] = values.astype(dtype) if dtype == "float64" else values
    return out


def _floats(raw: pd.Series, present: pd.Series) -> pd.Series:
    """The cells as float64, NaN where empty or not a number. NumPy parses like ``float()``,
    so values read back exactly (pandas 2.1's to_numeric was off in the last digit)."""
    cells = raw.where(present, "nan").to_numpy(dtype=object)
    try:
        with np.errstate(over="ignore"):
            return pd.Series(cells.astype(np.float64), index=raw.index)
    except (ValueError, OverflowError):  # some cell is not a number: find which
        return pd.to_numeric(raw.where(present), errors="coerce").astype(float)


def _within(values: pd.Series, what: str) -> pd.Series:
    if what == SHARE:
        return (values >= 0) & (values <= 1)
    if what == NON_NEGATIVE:
        return values >= 0
    finite = pd.Series(np.isfinite(values.to_numpy()), index=values.index)
    return finite & (values >= 0) if what == FINITE_NON_NEGATIVE else finite


def _vocabulary(frame: pd.DataFrame, column: str, accepted: tuple[str, ...]) -> None:
    if (bad := ~frame[column].isin(accepted)).any():
        _refuse(frame, bad, column, frame[column], "one_of", names=", ".join(accepted))


def check_runs(runs: pd.DataFrame) -> pd.DataFrame:
    """One row per run: known statuses, at most one comparison's labels, numbers in range."""
    _vocabulary(runs, "status", STATUSES)
    if (long := runs["label"].astype(str).str.len() > MAX_LABEL_CHARS).any():
        _refuse(runs, long, "label", runs["label"], "label", most=MAX_LABEL_CHARS)
    labels = runs["label"].unique()
    if len(labels) > MAX_VARIANTS:
        raise CsvFormatError(
            f"too many labels: {len(labels)}; a CSV holds one comparison (at most "
            f"{MAX_VARIANTS} variants), e.g. {shorten(list(labels[: MAX_VARIANTS + 1]))}",
            "too_many_labels",
            n=len(labels),
            most=MAX_VARIANTS,
            examples=shorten(list(labels[: MAX_VARIANTS + 1])),
        )
    return numbers(runs, RUN_DTYPES)


def check_epochs(epochs: pd.DataFrame, limits: dict[str, int]) -> pd.DataFrame:
    """Whole epochs from 1 to the run's ``config.epochs``, known splits, one row per run x
    epoch x split, and losses and accuracies within range."""
    # the page holds each run's curves in arrays indexed by epoch: a stray value (0, -3 or
    # 10**12) must be rejected here, not turn into a wrong point or a huge allocation
    epoch = pd.to_numeric(epochs["epoch"], errors="coerce").astype(float)
    limit = epochs["run_id"].map(limits).astype(float)
    bad = epoch.isna() | (epoch % 1 != 0) | (epoch < 1) | (epoch > limit)
    if bad.any():
        at = bad.to_numpy().argmax()
        most, line = f"{limit.iloc[at]:g}", int(epochs["_line"].iloc[at])
        received = shorten(epochs["epoch"].iloc[at])
        raise CsvFormatError(
            f"not a gradlab results CSV: epoch must be a whole number from 1 to the run's "
            f"config.epochs ({most}); line {line} has {received}",
            "epoch",
            most=most,
            line=line,
            received=received,
        )
    _vocabulary(epochs, "split", SPLITS)
    return numbers(epochs, EPOCH_DTYPES)


def no_repeats(epochs: pd.DataFrame) -> pd.DataFrame:
    """``epochs`` itself, refused if a run x epoch x split has two rows."""
    twice = epochs.duplicated(["run_id", "epoch", "split"], keep="first")
    if twice.any():
        _refuse(epochs, twice, "epoch", epochs["epoch"], "one_row")
    return epochs


def check_layers(layers: pd.DataFrame, epochs: pd.DataFrame) -> pd.DataFrame:
    """Layers (already numbers): one row per run x epoch x layer, each of a known epoch."""
    # files written before the statistics moved to the train row repeat them on the val row
    layers = layers.drop_duplicates(["run_id", "epoch", "layer_index"])
    known = pd.MultiIndex.from_frame(epochs[["run_id", "epoch"]])
    stray = ~pd.MultiIndex.from_frame(layers[["run_id", "epoch"]]).isin(known)
    if stray.any():
        _refuse(layers, pd.Series(stray), "epoch", layers["epoch"], "known_epoch")
    return layers
