"""Per-epoch diagnostics for the dashboard: gradient and weight norms, update ratios, dead units,
activation statistics, clipping counts.

Per-step quantities (kernel gradient norms, update-to-weight ratios, the global norm before
clipping) are squared norms, one ``np.vecdot`` per kernel and step, stored in a (steps, kernels, 3)
array and reduced once at the end of the epoch.
Activation mean/std and dead-unit fractions come from the end-of-epoch inference pass over the
training set (which ``eval_loss`` needs anyway), so they describe the weights the epoch ended with.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.flat import FlatParams
from core.layers.base import Layer
from core.reductions import col_sum


@dataclass(frozen=True)
class LayerDiagnostics:
    """One layer in one epoch. Gradient, weight and update fields refer to the kernel and are
    ``None`` for layers without one; ``dead_fraction`` is ``None`` unless the activation is
    ReLU-family."""

    index: int
    name: str
    kind: str
    grad_norm_mean: float | None
    grad_norm_max: float | None
    weight_norm: float | None
    update_ratio: float | None
    dead_fraction: float | None
    activation_mean: float | None
    activation_std: float | None


@dataclass(frozen=True)
class EpochDiagnostics:
    """One epoch: wall time (s), steps, global gradient norm before clipping (mean and max over
    steps), steps where clipping changed a gradient, the per-layer records, and the part of the
    wall time spent on the end-of-epoch inference pass over the training set (s)."""

    epoch: int
    wall_time: float
    steps: int
    grad_norm_before_clip: float
    grad_norm_before_clip_max: float
    clipped_steps: int
    layers: tuple[LayerDiagnostics, ...]
    eval_time: float = 0.0


class StepRecorder:
    """Collects per-step squared kernel norms into preallocated buffers (no allocation per step).

    ``rows[step, k]`` holds, for the k-th kernel, the sums of w^2 (before the update), g^2 (after
    clipping) and d^2 (the step), in that order; ``grad_sq[step]`` the global g^2 when clipping
    does not record it. ``FlatParams`` keeps w, g and the step as rows of one (3, n) buffer, so
    each kernel's three sums are one ``np.vecdot`` over a (3, size) view: a few calls per step
    whatever the width, each array read once, no temporaries. The tiniest networks instead keep
    the squares of the whole (3, n) buffer for every step of the epoch and sum them per variable
    with one ``reduceat`` in ``finish``: one call per step instead of one per kernel.
    """

    # up to this many entries in (steps, 3, n), the squares of the whole epoch are kept
    EPOCH_SQUARES_MAX = 1 << 16

    def __init__(self, flat: FlatParams, steps: int, global_norm: bool = True) -> None:
        self.flat = flat
        self.variables = [i for i, (_, key) in enumerate(flat.owners) if key == "kernel"]
        self.layers = [flat.owners[i][0] for i in self.variables]
        self._views = [
            flat.wgd[:, flat.starts[i] : flat.starts[i] + flat.sizes[i]] for i in self.variables
        ]
        self.rows = np.zeros((steps, len(self.variables), 3), dtype=flat.w.dtype)
        self.grad_sq = np.zeros(steps)
        self._global_norm = global_norm
        self._squares = None
        if steps * flat.wgd.size <= self.EPOCH_SQUARES_MAX:
            self._squares = np.zeros((steps, *flat.wgd.shape), dtype=flat.w.dtype)
        self.pre_clip = np.full(steps, np.nan)
        self.clipped = 0
        self.step = 0

    def record_clipping(self, norm: float, changed: bool) -> None:
        """Record the current step's global gradient norm before clipping and whether clipping
        changed the gradient (call before ``record``)."""
        self.pre_clip[self.step] = norm
        self.clipped += changed

    def record(self) -> None:
        """Record the current step and move to the next: call with the step computed
        (``flat.d``), not yet applied."""
        step = self.step
        self.step += 1
        if self._squares is not None:
            np.square(self.flat.wgd, out=self._squares[step])
            return
        row = self.rows[step]
        for k, view in enumerate(self._views):
            np.vecdot(view, view, out=row[k])
        if self._global_norm:
            g = self.flat.g
            self.grad_sq[step] = np.dot(g, g)

    def finish(self) -> None:
        """Complete ``rows`` and ``grad_sq`` at the end of an epoch (from the kept squares)."""
        if self._squares is None:
            return
        sums = self.flat.segment_sums(self._squares)  # (steps, 3, n_vars)
        self.rows[...] = sums[:, :, self.variables].transpose(0, 2, 1)
        self.grad_sq[:] = sums[:, 1].sum(axis=1, dtype=np.float64)

    def reset(self) -> None:
        """Start a new epoch (every row is overwritten by its step)."""
        self.pre_clip[:] = np.nan
        self.clipped = 0
        self.step = 0

    def clip_norms(self) -> tuple[float, float]:
        """Global gradient norm before clipping, mean and max over the recorded steps."""
        norms = self.pre_clip
        if np.isnan(norms[0]):
            # no clipping configured: the gradient was not changed, so its norm is the one recorded
            norms = np.sqrt(self.grad_sq)
        # sum / n is what mean() computes, without its Python-level wrapper
        return float(norms.sum()) / len(norms), float(norms.max())

    def weight_norms(self) -> list[float]:
        """Each kernel's L2 norm now (at the end of an epoch)."""
        return [math.sqrt(float(np.dot(view[0], view[0]))) for view in self._views]

    def kernel_stats(self) -> list[tuple[float, float, float]]:
        """(mean grad norm, max grad norm, mean update/weight ratio) for each kernel."""
        rows = np.sqrt(self.rows, dtype=np.float64)
        w, gn, dw = rows[:, :, 0], rows[:, :, 1], rows[:, :, 2]
        # a zero kernel has no defined ratio; average over the steps where it has one
        defined = w > 0
        ratio = np.divide(dw, w, out=np.zeros_like(dw), where=defined).sum(axis=0)
        # bool sum: the count, without count_nonzero's Python-level axis path
        ratio /= np.maximum(defined.sum(axis=0), 1)
        gmean = gn.sum(axis=0) / len(gn)
        return list(zip(gmean.tolist(), gn.max(axis=0).tolist(), ratio.tolist(), strict=True))


class ActivationStats:
    """Accumulates each layer's output mean/std and which units were ever positive, chunk by
    chunk, during an inference pass."""

    def __init__(self, n_layers: int) -> None:
        self.sums = np.zeros(n_layers)
        self.sq_sums = np.zeros(n_layers)
        self.counts = np.zeros(n_layers)
        self.ever_positive: list[np.ndarray | None] = [None] * n_layers

    def add(self, i: int, a: np.ndarray, units: str | None) -> None:
        """Fold layer ``i``'s outputs ``a`` (n, d) into the running sums; ``units`` is
        ``"nonnegative"`` (ReLU), ``"signed"`` (other ReLU-family) or ``None`` (no dead units)."""
        col = col_sum(a)
        self.sums[i] += float(col.sum())
        flat = a.reshape(-1)
        self.sq_sums[i] += float(np.dot(flat, flat))
        self.counts[i] += a.size
        if units is not None:
            # a unit was positive somewhere iff the column sum of its positive part is positive
            pos = (col if units == "nonnegative" else col_sum(np.maximum(a, 0))) > 0
            prev = self.ever_positive[i]
            self.ever_positive[i] = pos if prev is None else prev | pos

    def summaries(self) -> list[tuple[float | None, float | None, float | None]]:
        """(mean, std, dead fraction) for every layer; ``None`` where nothing was recorded."""
        counts = np.maximum(self.counts, 1)
        means = self.sums / counts
        stds = np.sqrt(np.maximum(self.sq_sums / counts - means * means, 0.0))
        out = []
        for mean, std, n, pos in zip(
            means.tolist(), stds.tolist(), self.counts.tolist(), self.ever_positive, strict=True
        ):
            dead = None if pos is None else 1.0 - np.count_nonzero(pos) / pos.size
            out.append((mean, std, dead) if n else (None, None, None))
        return out


def dead_unit_kind(layer: object) -> str | None:
    """``"nonnegative"`` for ReLU outputs, ``"signed"`` for other ReLU-family activations (their
    units can die too), ``None`` for layers where dead units are not tracked."""
    act = getattr(layer, "activation", None)
    if not getattr(act, "relu_family", False):
        return None
    return "nonnegative" if act.name == "relu" else "signed"


def epoch_record(
    epoch: int,
    times: tuple[float, float],
    layers: list[Layer],
    steps: StepRecorder,
    acts: ActivationStats,
) -> EpochDiagnostics:
    """Assemble the frozen record of one epoch; ``times`` is (wall time, eval pass time)."""
    steps.finish()
    records = []
    stats = dict(zip(steps.layers, steps.kernel_stats(), strict=True))
    wnorms = dict(zip(steps.layers, steps.weight_norms(), strict=True))
    for i, (layer, (mean, std, dead)) in enumerate(zip(layers, acts.summaries(), strict=True)):
        gmean = gmax = wnorm = ratio = None
        if i in stats:
            gmean, gmax, ratio = stats[i]
            wnorm = wnorms[i]
        records.append(
            LayerDiagnostics(i, layer.name, layer.kind, gmean, gmax, wnorm, ratio, dead, mean, std)
        )
    clip_mean, clip_max = steps.clip_norms()
    wall, eval_time = times
    n_steps = steps.rows.shape[0]
    return EpochDiagnostics(
        epoch, wall, n_steps, clip_mean, clip_max, steps.clipped, tuple(records), eval_time
    )
