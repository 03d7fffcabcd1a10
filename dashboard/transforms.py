"""Turn a Snapshot's run tracks into what each chart shows (NumPy, no Streamlit).

Runs are grouped by their ``label``: one label is one variant, several runs under a label are its
repeats (seeds). Every function here runs on each live refresh, twice a second, so they work on
the tracks' arrays (:mod:`experiments.results.tracks`), not on tidy frames.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.i18n.catalog import lookup
from experiments.results.evidence import ci_halfwidth
from experiments.results.gap import overfitting_gap
from experiments.results.tracks import SPLITS, RunTrack, padded

VANISHING_RATIO = 1e-3  # first/last layer gradient ratio under which gradients vanished
EXPLODING_NORM = 1e3  # a kernel gradient norm above this is called exploding


@dataclass(frozen=True)
class Curve:
    """One variant's metric on one split, per epoch: the mean over its seeds, their min and max,
    how many seeds have a finite value, and the half-width of the mean's 95% confidence
    interval (Student's t, NaN with one seed; None when not computed). Epochs without a finite
    value are left out."""

    epoch: np.ndarray
    mean: np.ndarray
    low: np.ndarray
    high: np.ndarray
    n: np.ndarray
    ci: np.ndarray | None = None


# variant label -> split -> Curve (only the splits with points), in variant order
Curves = dict[str, dict[str, Curve]]


@dataclass(frozen=True)
class Gap:
    """Validation minus training loss (means over seeds) at the epochs where both exist."""

    epoch: np.ndarray
    gap: np.ndarray
    val: np.ndarray


@dataclass(frozen=True)
class Best:
    """A variant's epoch of lowest mean validation loss."""

    epoch: int
    val: float


@dataclass(frozen=True)
class GradMatrix:
    """A layer statistic per epoch: ``values[i, j]`` for ``layers[i]`` at ``epochs[j]`` (for
    the gradients, log10 of the kernel gradient norm; for dead units, a share in [0, 1])."""

    layers: tuple[str, ...]
    epochs: np.ndarray
    values: np.ndarray

    @property
    def empty(self) -> bool:
        return self.values.size == 0


def variant_runs(runs: pd.DataFrame) -> dict[str, list[str]]:
    """Variant label to its run ids, labels in order of first appearance in ``runs``."""
    groups: dict[str, list[str]] = {}
    for run_id, label in zip(runs["run_id"], runs["label"], strict=True):
        groups.setdefault(label, []).append(run_id)
    return groups


def _stack(rows: list[np.ndarray]) -> np.ndarray:
    """``rows`` padded to the longest (see ``padded``) and stacked along a new first axis."""
    length = max((row.shape[-1] for row in rows), default=0)
    return np.stack([padded(r, length) for r in rows]) if rows else np.empty((0, 0))


def curve(series: list[np.ndarray]) -> Curve | None:
    """Mean, min, max, count and CI half-width over ``series`` (one per seed, by epoch) of their
    finite values; None when none is finite."""
    stack = _stack(series)
    finite = np.isfinite(stack)
    n = finite.sum(axis=0)
    keep = n > 0
    if not keep.any():
        return None
    values = np.where(finite, stack, np.nan)[:, keep]
    n = n[keep]
    mean = np.nanmean(values, axis=0)
    # the sample deviation by hand: nanstd warns on every epoch that one seed has reached alone
    spread = np.nansum((values - mean) ** 2, axis=0) / np.maximum(n - 1, 1)
    std = np.where(n >= 2, np.sqrt(spread), np.nan)
    return Curve(
        np.flatnonzero(keep) + 1,
        mean,
        np.nanmin(values, axis=0),
        np.nanmax(values, axis=0),
        n,
        ci_halfwidth(std, n),
    )


def curves(
    tracks: Mapping[str, RunTrack], groups: Mapping[str, list[str]], metric: str = "loss"
) -> Curves:
    """:class:`Curve` of ``metric`` (``"loss"`` or ``"accuracy"``) per variant and split.

    Parameters
    ----------
    tracks : mapping of str to RunTrack
        Run id to its track.
    groups : mapping of str to list of str
        Variant label to its run ids (:func:`variant_runs`), in variant order.

    Non-finite values (a diverged step) are left out of the statistics; a variant or split
    with no finite value has no entry.
    """
    out: Curves = {}
    for label, run_ids in groups.items():
        mine = [tracks[r] for r in run_ids if r in tracks]
        splits = {s: curve([t.values[metric, s] for t in mine]) for s in SPLITS}
        splits = {s: c for s, c in splits.items() if c is not None}
        if splits:
            out[label] = splits
    return out


def gap(loss: Curves) -> dict[str, Gap]:
    """Overfitting gap per variant from the loss :func:`curves`, where both splits exist."""
    out = {}
    for label, splits in loss.items():
        if not {"train", "val"} <= splits.keys():
            continue
        train, val = splits["train"], splits["val"]
        epoch, values = overfitting_gap(train.epoch, train.mean, val.epoch, val.mean)
        out[label] = Gap(epoch, values, val.mean[np.searchsorted(val.epoch, epoch)])
    return out


def best_epoch(val: Curve) -> Best:
    """The epoch of lowest mean validation loss on a validation ``Curve`` (the first, if tied)."""
    i = int(np.argmin(val.mean))
    return Best(int(val.epoch[i]), float(val.mean[i]))


def best_epochs(loss: Curves) -> dict[str, Best]:
    """:func:`best_epoch` of every variant with a validation split."""
    return {label: best_epoch(splits["val"]) for label, splits in loss.items() if "val" in splits}


def grad_matrix(tracks: list[RunTrack]) -> GradMatrix:
    """One variant's :class:`GradMatrix` from its runs' tracks.

    Repeats are combined by averaging the log10 values (a geometric mean of the norms). Layers
    without a kernel (activation, dropout, normalization) have no norm at all and are left out;
    a Dense layer's NaN norm in a diverged epoch is kept, so the flags can name it. Zero norms
    give ``-inf``, also kept. Only epochs some run has reached are columns: a variant still
    training has fewer than the others (not NaN norms to flag).
    """
    return layer_matrix(tracks, "grad", log=True)


def layer_matrix(tracks: list[RunTrack], attribute: str, *, log: bool = False) -> GradMatrix:
    """One variant's layer x epoch matrix of a track statistic (``grad``, ``dead``, ``update``).

    The mean over its runs (of log10 values when ``log``); layers with no value in any run and
    epoch (no kernel, or an activation without dead units) are left out.
    """
    names = {i: name for t in tracks for i, name in zip(t.layer_indices, t.layers, strict=True)}
    order = sorted(names)
    if not order:
        return GradMatrix((), np.array([], dtype=int), np.empty((0, 0)))
    per_run = []
    for track in tracks:
        stat = getattr(track, attribute)
        rows = np.full((len(order), stat.shape[1]), np.nan)
        rows[[order.index(i) for i in track.layer_indices]] = stat
        per_run.append(rows)
    stack = _stack(per_run)  # runs x layers x epochs
    seen = _stack([t.grad_seen for t in tracks])
    epochs = np.flatnonzero(seen.any(axis=0))
    has_value = ~np.isnan(stack).all(axis=(0, 2))
    values = stack[:, has_value][:, :, epochs]
    if log:
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.log10(values)
    with np.errstate(invalid="ignore"):  # seeds at +inf and -inf average to NaN
        mean = _nanmean_quiet(values)
    kept = tuple(names[i] for i, keep in zip(order, has_value, strict=True) if keep)
    return GradMatrix(kept, epochs + 1, mean)


def layer_matrices(
    tracks: Mapping[str, RunTrack], groups: Mapping[str, list[str]], attribute: str
) -> dict[str, GradMatrix]:
    """:func:`layer_matrix` of ``attribute`` for every variant, in variant order."""
    return {
        label: layer_matrix([tracks[r] for r in run_ids if r in tracks], attribute)
        for label, run_ids in groups.items()
    }


def died_at(matrix: GradMatrix) -> int | None:
    """The epoch from which every layer's gradient is exactly 0 to the end, or None.

    On a :func:`grad_matrix` (log10 values): a net whose every gradient is 0 has stopped
    learning for good, whatever it does next (seed 2) 3 (4): dead ReLU units pass no gradient).
    """
    if matrix.empty:
        return None
    zero = np.all(matrix.values == -np.inf, axis=0)
    if not zero[-1]:
        return None
    alive = np.flatnonzero(~zero)
    first = 0 if alive.size == 0 else int(alive[-1]) + 1
    return int(matrix.epochs[first])


def _nanmean_quiet(stack: np.ndarray) -> np.ndarray:
    """``nanmean`` over the first axis, NaN (without a warning) where every value is NaN."""
    count = (~np.isnan(stack)).sum(axis=0)
    total = np.where(np.isnan(stack), 0.0, stack).sum(axis=0)
    return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def grad_matrices(
    tracks: Mapping[str, RunTrack], groups: Mapping[str, list[str]]
) -> dict[str, GradMatrix]:
    """:func:`grad_matrix` of every variant, in variant order."""
    return {
        label: grad_matrix([tracks[r] for r in run_ids if r in tracks])
        for label, run_ids in groups.items()
    }


def grad_flags(matrix: GradMatrix, lang: str = "en") -> list[str]:
    """Warnings for one variant's :class:`GradMatrix`, in ``lang``.

    Vanishing: the first layer's gradient norm, averaged in log space over epochs, is below
    ``VANISHING_RATIO`` times the last layer's. Exploding: any norm above ``EXPLODING_NORM``.
    A layer whose gradient is zero in every epoch (``-inf``) and NaN or infinite norms are named.
    """
    if matrix.empty:
        return []
    flags = []
    values = matrix.values
    zero_rows = [
        name for name, row in zip(matrix.layers, values, strict=True) if np.all(row == -np.inf)
    ]
    if zero_rows:
        flags.append(lookup(lang, "grad.zero", layers=", ".join(map(str, zero_rows))))
    if np.isnan(values).any() or np.isposinf(values).any():
        flags.append(lookup(lang, "grad.non_finite"))
    if np.nanmax(np.where(np.isfinite(values), values, -np.inf)) > np.log10(EXPLODING_NORM):
        flags.append(lookup(lang, "grad.exploding", norm=f"{EXPLODING_NORM:g}"))
    with np.errstate(invalid="ignore"):  # -inf - -inf: a dead layer, flagged above
        ratio = float(_nanmean_quiet(values[0]) - _nanmean_quiet(values[-1]))
    if len(values) > 1 and np.isfinite(ratio) and ratio < np.log10(VANISHING_RATIO):
        flags.append(lookup(lang, "grad.vanishing", ratio=f"{10**ratio:.1e}"))
    return flags
