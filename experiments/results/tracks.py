"""Each run's curves and gradient norms as NumPy arrays indexed by epoch, grown as epochs arrive.

The live page redraws every chart twice a second while runs train. Kept as tidy pandas frames,
appending the new epochs and grouping them again cost about 60 ms per refresh on 2 cores shared
with the workers; held as arrays indexed by epoch, the new epochs are written into place and a
variant's mean over its seeds is one ``nanmean`` over a (runs, epochs) stack. The tidy frames of
:mod:`experiments.results.frames` stay what the CSV carries; :func:`snapshot_of` turns them into
tracks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from experiments.results.schema import SPLIT_SOURCES

if TYPE_CHECKING:
    import pandas as pd

    from experiments.results.frames import Results

SPLITS = ("train", "val")
# data_loss: the loss without the regularization penalty (the loss itself for a run without one)
METRICS = ("loss", "accuracy", "data_loss")
# The stored epoch columns a track needs (see ``epoch_values``) and the layer columns.
EPOCH_COLUMNS = ("epoch", "loss", "accuracy", "val_loss", "val_accuracy", "eval_loss",
                 "eval_accuracy", "data_loss", "val_data_loss", "eval_data_loss", "steps",
                 "clipped_steps")  # fmt: skip
# a track's per-layer statistics (attribute -> stored layer column), each (n_layers, n_epochs)
LAYER_STATS = {"grad": "grad_norm_mean", "dead": "dead_fraction", "update": "update_ratio"}
LAYER_COLUMNS = ("epoch", "layer_index", "layer_name", *LAYER_STATS.values())


def _floats(values: Sequence[Any]) -> np.ndarray:
    """Floats with ``None`` (SQL NULL) as NaN."""
    return np.array(values, dtype=float)


def padded(array: np.ndarray, length: int) -> np.ndarray:
    """A copy of ``array`` padded with NaN (False if boolean) at the end of its last axis to
    ``length``."""
    pad = [(0, 0)] * (array.ndim - 1) + [(0, max(0, length - array.shape[-1]))]
    fill = False if array.dtype == bool else np.nan
    return np.pad(array, pad, constant_values=fill)


def _positions(epochs: Sequence[Any]) -> np.ndarray:
    """Array positions of 1-based epochs; anything below 1 would silently land at the end."""
    at = np.asarray(epochs, dtype=int) - 1
    if at.min() < 0:
        raise ValueError(f"epoch must be 1 or more; got {int(at.min()) + 1}")
    return at


@dataclass(frozen=True)
class RunTrack:
    """One run's per-epoch series; position ``e - 1`` holds epoch ``e``.

    Attributes
    ----------
    values : dict of (metric, split) to ndarray of shape (n_epochs,)
        ``loss``, ``accuracy`` and ``data_loss`` (the loss without the regularization penalty)
        on ``train`` and ``val`` (as in :class:`~experiments.results.frames.Results`); NaN where
        nothing was recorded (no validation split, a regression's accuracy).
    seen : ndarray of bool, shape (n_epochs,)
        Epochs with a stored row.
    layers : tuple of str
        Every layer's name, in model order (by layer index).
    layer_indices : tuple of int
        The layers' indices in the model.
    grad : ndarray of shape (n_layers, n_epochs)
        Kernel gradient norm (mean over the epoch's steps); NaN for layers without a kernel and
        for a diverged epoch's norms.
    grad_seen : ndarray of bool, shape (n_epochs,)
        Epochs with stored layer rows.
    dead, update : ndarray of shape (n_layers, n_epochs)
        Share of a layer's units never positive over the training set (ReLU family only, else
        NaN) and the mean ||dW|| / ||W|| of its kernel's steps, as ``grad``.
    steps, clipped : ndarray of shape (n_epochs,)
        Optimizer steps (iterations) in the epoch and how many of them clipping changed.

    Tracks are never changed in place: :meth:`extended` returns a new one, so a snapshot the
    page holds stays what it was.
    """

    values: Mapping[tuple[str, str], np.ndarray] = field(
        default_factory=lambda: {(m, s): np.empty(0) for m in METRICS for s in SPLITS}
    )
    seen: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    layers: tuple[str, ...] = ()
    layer_indices: tuple[int, ...] = ()
    grad: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))
    grad_seen: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    dead: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))
    update: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))
    steps: np.ndarray = field(default_factory=lambda: np.empty(0))
    clipped: np.ndarray = field(default_factory=lambda: np.empty(0))

    @property
    def epochs_done(self) -> int:
        """How many epochs have a stored row."""
        return int(self.seen.sum())

    def extended(
        self, epochs: Mapping[str, np.ndarray], layers: Mapping[str, Sequence[Any]]
    ) -> RunTrack:
        """This track with more epochs: ``epochs`` from :func:`epoch_values`, ``layers`` with
        the :data:`LAYER_COLUMNS` (either may be empty; a stored epoch is overwritten)."""
        track = self._with_epochs(epochs) if len(epochs["epoch"]) else self
        return track._with_layers(layers) if len(layers["epoch"]) else track

    def _with_epochs(self, epochs: Mapping[str, np.ndarray]) -> RunTrack:
        at = _positions(epochs["epoch"])
        length = max(len(self.seen), int(at.max()) + 1)
        values = {}
        for key, held in self.values.items():
            values[key] = padded(held, length)
            values[key][at] = epochs["_".join(key)]
        seen = padded(self.seen, length)
        seen[at] = True
        counts = {}
        for name, column in (("steps", "steps"), ("clipped", "clipped_steps")):
            counts[name] = padded(getattr(self, name), length)
            if column in epochs:
                counts[name][at] = epochs[column]
        return dataclasses.replace(self, values=values, seen=seen, **counts)

    def _with_layers(self, layers: Mapping[str, Sequence[Any]]) -> RunTrack:
        at = _positions(layers["epoch"])
        index = np.asarray(layers["layer_index"], dtype=int)
        names = dict(zip(self.layer_indices, self.layers, strict=True))
        names.update(zip(index.tolist(), layers["layer_name"], strict=True))
        order = sorted(names)
        length = max(self.grad.shape[1], int(at.max()) + 1)
        rows = {layer: row for row, layer in enumerate(order)}
        held = [rows[layer] for layer in self.layer_indices]
        fresh = [rows[i] for i in index.tolist()]
        stats = {}
        for attribute, column in LAYER_STATS.items():
            stat = np.full((len(order), length), np.nan)
            before = getattr(self, attribute)
            if held and before.size:
                stat[held, : before.shape[1]] = before
            if column in layers:  # a CSV of an older gradlab may lack a statistic
                stat[fresh, at] = _floats(layers[column])
            stats[attribute] = stat
        seen = padded(self.grad_seen, length)
        seen[at] = True
        layer_names = tuple(names[i] for i in order)
        return dataclasses.replace(self, layers=layer_names, layer_indices=tuple(order),
                                   grad_seen=seen, **stats)  # fmt: skip


def epoch_values(stored: Mapping[str, Sequence[Any]]) -> dict[str, np.ndarray]:
    """Stored ``epochs`` columns (:data:`EPOCH_COLUMNS`) as a track's ``<metric>_<split>``
    arrays (:data:`~experiments.results.schema.SPLIT_SOURCES`)."""
    col = {name: _floats(stored[name]) for name in EPOCH_COLUMNS[1:] if name in stored}
    out = {"epoch": np.asarray(stored["epoch"], dtype=int)}
    out.update({name: col[name] for name in ("steps", "clipped_steps") if name in col})
    nothing = np.full(len(out["epoch"]), np.nan)  # a store from before the data-loss columns
    for split in SPLITS:
        for metric in METRICS:
            value = nothing
            for name in reversed(SPLIT_SOURCES[split][metric]):  # the first one not empty
                stored_value = col.get(name, nothing)
                value = np.where(np.isnan(stored_value), value, stored_value)
            out[f"{metric}_{split}"] = value
    return out


@dataclass(frozen=True)
class Snapshot:
    """What the comparison's charts are drawn from: the runs and each run's track.

    ``runs`` is the runs frame (:data:`experiments.results.frames.RUN_DTYPES`); ``tracks`` maps
    every run id in it to its :class:`RunTrack`.
    """

    runs: pd.DataFrame
    tracks: Mapping[str, RunTrack]

    @property
    def has_epochs(self) -> bool:
        """Whether any run has recorded an epoch."""
        return any(track.seen.any() for track in self.tracks.values())


def snapshot_of(results: Results) -> Snapshot:
    """The :class:`Snapshot` of tidy Results frames (an imported CSV)."""
    epochs = results.epochs.set_index("split")
    tracks = {}
    for run_id in results.runs["run_id"]:
        mine = epochs[epochs["run_id"] == run_id]
        train, val = (mine.loc[[s]] if s in mine.index else mine.iloc[:0] for s in SPLITS)
        # one value per stored epoch: a val row exists only where the validation split did
        both = train[["epoch"]].merge(val[["epoch", *METRICS]], on="epoch", how="left")
        columns = {"epoch": train["epoch"].to_numpy(dtype=int)}
        for name in ("steps", "clipped_steps"):
            columns[name] = train[name].to_numpy(dtype=float, na_value=np.nan)
        for metric in METRICS:
            columns[f"{metric}_train"] = train[metric].to_numpy(dtype=float, na_value=np.nan)
            columns[f"{metric}_val"] = both[metric].to_numpy(dtype=float, na_value=np.nan)
        for split in SPLITS:  # an older CSV has no data loss: take the loss
            data, loss = columns[f"data_loss_{split}"], columns[f"loss_{split}"]
            columns[f"data_loss_{split}"] = np.where(np.isnan(data), loss, data)
        layers = results.layers[results.layers["run_id"] == run_id]
        layer_columns = {name: layers[name].tolist() for name in LAYER_COLUMNS[:3]}
        for column in LAYER_STATS.values():
            layer_columns[column] = layers[column].to_numpy(dtype=float, na_value=np.nan)
        tracks[run_id] = RunTrack().extended(columns, layer_columns)
    return Snapshot(results.runs, tracks)
