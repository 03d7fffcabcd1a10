"""Train/validation/test splitting, training-set shrinking, label noise and scaling.

Every step draws from its own seed (see :func:`stage_seeds`), so changing ``train_fraction`` does
not move the validation and test rows, and changing ``label_noise`` does not change which rows
are kept: variants of one comparison differ only in the knob being compared.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from datasets.errors import DatasetError

TEST_SHARE = 0.2
VAL_SHARE = 0.2
# Stratified 60/20/20 gives every class at least one row in each split from 5 rows up.
MIN_CLASS_ROWS = 5
MIN_REGRESSION_ROWS = 10


def stage_seeds(seed: int) -> dict[str, int]:
    """Independent integer seeds for each random stage, derived from one user seed."""
    data, split, keep, noise = np.random.SeedSequence(seed).generate_state(4)
    return {"data": int(data), "split": int(split), "keep": int(keep), "noise": int(noise)}


def check_splittable(y: np.ndarray, class_names: Sequence[str], *, field: str = "target") -> None:
    """Raise :class:`DatasetError` unless a 60/20/20 split can be made.

    Parameters
    ----------
    y : ndarray of shape (n,)
        Integer labels ``0..len(class_names)-1``, or float targets when ``class_names`` is empty.
    class_names : sequence of str
        Empty for regression.
    """
    if not class_names:
        if len(y) < MIN_REGRESSION_ROWS:
            raise DatasetError(
                f"{field}: {len(y)} rows is too few to split 60/20/20 into "
                f"train/validation/test; at least {MIN_REGRESSION_ROWS} are needed.",
                "regression_rows",
                field=field,
                n=len(y),
                least=MIN_REGRESSION_ROWS,
            )
        return
    counts = np.bincount(y, minlength=len(class_names))
    small = [f"{class_names[c]!r} ({counts[c]})" for c in np.flatnonzero(counts < MIN_CLASS_ROWS)]
    if small:
        classes, more = ", ".join(small[:5]), max(len(small) - 5, 0)
        shown = classes + (f" and {more} more" if more else "")
        raise DatasetError(
            f"{field}: too few rows in class {shown} to split 60/20/20 into "
            f"train/validation/test; every class needs at least {MIN_CLASS_ROWS} rows.",
            "class_rows",
            field=field,
            classes=classes,
            more=more,
            least=MIN_CLASS_ROWS,
        )


def split_indices(
    y: np.ndarray, *, stratify: bool, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row indices of a 60/20/20 train/validation/test split.

    Parameters
    ----------
    y : ndarray of shape (n,)
        Labels (used for stratification) or regression targets.
    stratify : bool
        Keep each class's share equal in the three splits.
    seed : int

    Returns
    -------
    train, val, test : ndarray of int, shapes (~0.6 n,), (~0.2 n,), (~0.2 n,)
    """
    rows = np.arange(len(y))
    rest, test = train_test_split(
        rows, test_size=TEST_SHARE, stratify=y if stratify else None, random_state=seed
    )
    train, val = train_test_split(
        rest,
        test_size=VAL_SHARE / (1.0 - TEST_SHARE),
        stratify=y[rest] if stratify else None,
        random_state=seed,
    )
    return train, val, test


def keep_fraction(
    train: np.ndarray, y: np.ndarray, fraction: float, *, stratify: bool, seed: int
) -> np.ndarray:
    """Keep ``fraction`` of the training rows; smaller fractions keep subsets of larger ones.

    Rule: with ``stratify``, each class keeps ``max(1, round(fraction * its rows))``, so even the
    smallest fraction leaves one example of every class; otherwise ``max(2, round(fraction * n))``
    rows are kept.

    Parameters
    ----------
    train : ndarray of int, shape (n_train,)
        Training row indices into ``y``.
    y : ndarray of shape (n,)
    fraction : float in (0, 1]
    stratify : bool
    seed : int

    Returns
    -------
    ndarray of int, shape (n_kept,)
    """
    if fraction >= 1.0:
        return train
    rng = np.random.default_rng(seed)
    groups = [train[y[train] == c] for c in np.unique(y[train])] if stratify else [train]
    smallest = 1 if stratify else 2
    kept = []
    for rows in groups:
        # A fixed permutation, then a prefix: nested subsets across fractions for one seed.
        order = rng.permutation(rows)
        kept.append(order[: max(smallest, int(fraction * len(rows) + 0.5))])
    # Keep the split's shuffled order: bundled data is sorted by class.
    return train[np.isin(train, np.concatenate(kept))]


def flip_labels(y: np.ndarray, share: float, n_classes: int, *, seed: int) -> np.ndarray:
    """Return a copy of ``y`` with ``round(share * n)`` labels changed to another class.

    A flipped binary label becomes ``1 - y``; a multiclass one becomes a different class, drawn
    uniformly. Larger shares flip supersets of the rows smaller shares flip (same seed).

    Parameters
    ----------
    y : ndarray of int, shape (n,)
    share : float in [0, 0.5]
    n_classes : int
    seed : int

    Returns
    -------
    ndarray of int, shape (n,)
    """
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(y))
    offsets = rng.integers(1, n_classes, size=len(y))
    flipped = order[: int(share * len(y) + 0.5)]
    out = y.copy()
    out[flipped] = (y[flipped] + offsets[flipped]) % n_classes
    return out


def standardize(train: np.ndarray, *others: np.ndarray) -> tuple[StandardScaler, list[np.ndarray]]:
    """Fit a StandardScaler on ``train`` only and apply it to ``train`` and each of ``others``.

    Parameters
    ----------
    train : ndarray of shape (n_train, d)
    *others : ndarray of shape (m, d)

    Returns
    -------
    scaler : StandardScaler
        Fitted on ``train``; ``mean_`` and ``scale_`` have shape (d,).
    arrays : list of ndarray
        ``train`` then each of ``others``, transformed, float64.
    """
    scaler = StandardScaler().fit(train)
    return scaler, [scaler.transform(a).astype(np.float64) for a in (train, *others)]
