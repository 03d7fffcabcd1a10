"""Validation of the knobs shared by :func:`datasets.load` and :func:`datasets.from_csv`."""

from __future__ import annotations

import numbers

from datasets.errors import DatasetError

MAX_LABEL_NOISE = 0.5


def is_number(value: object) -> bool:
    """A real number that is not a bool (``True`` is an int to Python, not to a user)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def is_integer(value: object) -> bool:
    """An integer that is not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def check_knobs(
    train_fraction: object, label_noise: object, seed: object, *, regression: bool, name: str
) -> None:
    """Raise :class:`DatasetError` for a bad ``train_fraction``, ``label_noise`` or ``seed``.

    Parameters
    ----------
    train_fraction, label_noise, seed : object
        As received from the caller.
    regression : bool
        Whether the dataset is a regression (where labels cannot be flipped).
    name : str
        Dataset name, for the message.
    """
    if not is_number(train_fraction) or not 0.0 < train_fraction <= 1.0:
        raise DatasetError(
            f"Received: train_fraction={train_fraction!r}; accepted: a number in (0, 1] "
            "(the share of the training split kept; each class keeps at least one example).",
            field="train_fraction",
        )
    if not is_number(label_noise) or not 0.0 <= label_noise <= MAX_LABEL_NOISE:
        raise DatasetError(
            f"Received: label_noise={label_noise!r}; accepted: a number in "
            f"[0, {MAX_LABEL_NOISE}] (the share of training labels flipped).",
            field="label_noise",
        )
    if regression and label_noise > 0:
        raise DatasetError(
            f"Received: label_noise={label_noise!r} for the regression dataset {name!r}; "
            "accepted: 0 (only class labels can be flipped; use noise for regression).",
            field="label_noise",
        )
    if not is_integer(seed) or seed < 0:
        raise DatasetError(f"Received: seed={seed!r}; accepted: an integer >= 0.", field="seed")
