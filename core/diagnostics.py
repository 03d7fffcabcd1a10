"""Per-epoch diagnostics for the dashboard: gradient and weight norms, update ratios, dead units,
activation statistics, clipping counts.

Per-step quantities (kernel gradient norms, update-to-weight ratios, the global norm before
clipping) are squared-entry sums per variable, one ``np.add.reduceat`` per step over the flat
parameter vector, stored in a (steps, 3, n_vars) array and reduced once at the end of the epoch.
Activation mean/std and dead-unit fractions come from the end-of-epoch inference pass over the
training set (which ``eval_loss`` needs anyway), so they describe the weights the epoch ended with.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.flat import FlatParams
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
    """Collects per-step squared norms into preallocated buffers (no allocation per step).

    ``rows[step]`` holds per-variable sums of w^2 (before the update), g^2 (after clipping) and
    (dw)^2, in that order; ``grad_sq[step]`` the global g^2. Small networks square the flat
    vectors and sum each variable with one ``reduceat`` (few calls), the tiniest keeping the
    squares of the whole epoch for one ``reduceat`` in ``finish``; wide ones take one BLAS dot
    per kernel instead (each array read once, no temporaries), filling only the kernel columns.
    """

    DOT_MIN_KERNEL_SIZE = 4096  # mean kernel size from which per-kernel dots are cheaper
    # up to this many entries in (steps, 3, n), the squares of the whole epoch are kept and summed
    # by one reduceat at its end (same sums; one call per epoch instead of one per step)
    EPOCH_SQUARES_MAX = 1 << 18

    def __init__(self, flat: FlatParams, steps: int) -> None:
        self.flat = flat
        self.rows = np.zeros((steps, 3, len(flat)), dtype=flat.w.dtype)
        self.grad_sq = np.zeros(steps)
        self.pre_clip = np.full(steps, np.nan)
        self.clipped = 0
        kernels = [i for i, (_, key) in enumerate(flat.owners) if key == "kernel"]
        self._dots = bool(kernels) and flat.w.size >= self.DOT_MIN_KERNEL_SIZE * len(kernels)
        if self._dots:
            spans = [slice(flat.starts[i], flat.starts[i] + flat.sizes[i]) for i in kernels]
            self._kernels = [
                (i, s, flat.w[s], flat.g[s]) for i, s in zip(kernels, spans, strict=True)
            ]
            return
        self._deferred = steps * 3 * flat.w.size <= self.EPOCH_SQUARES_MAX
        # squares of w and g (one vector the shape of flat.wg) and of the step, per step
        sq = np.empty((steps if self._deferred else 1, 3, flat.w.size), dtype=flat.w.dtype)
        self._squares = sq
        self._w2g2 = [sq[i, :2].reshape(-1) for i in range(len(sq))]
        self._d2 = [sq[i, 2] for i in range(len(sq))]

    def before_update(self, step: int) -> None:
        """Square the weights and the (clipped) gradient."""
        if not self._dots:
            np.square(self.flat.wg, out=self._w2g2[step if self._deferred else 0])
            return
        row = self.rows[step]
        for i, _, w, g in self._kernels:
            row[0, i] = np.dot(w, w)
            row[1, i] = np.dot(g, g)
        self.grad_sq[step] = np.dot(self.flat.g, self.flat.g)

    def after_update(self, step: int, delta: np.ndarray) -> None:
        """Record the sums, ``delta`` (n,) being the flat step just taken."""
        if not self._dots:
            if self._deferred:
                np.square(delta, out=self._d2[step])
                return
            np.square(delta, out=self._d2[0])
            self.flat.segment_sums(self._squares[0], out=self.rows[step])
            return
        row = self.rows[step]
        for i, span, _, _ in self._kernels:
            d = delta[span]
            row[2, i] = np.dot(d, d)

    def finish(self) -> None:
        """Complete ``rows`` at the end of an epoch (the sums of the kept squares)."""
        if not self._dots and self._deferred:
            self.flat.segment_sums(self._squares, out=self.rows)

    def reset(self) -> None:
        """Start a new epoch (every row is overwritten by its step)."""
        self.pre_clip[:] = np.nan
        self.clipped = 0

    def clip_norms(self) -> tuple[float, float]:
        """Global gradient norm before clipping, mean and max over the recorded steps."""
        norms = self.pre_clip
        if np.isnan(norms[0]):
            # no clipping configured: the gradient was not changed, so its norm is the one recorded
            sq = self.grad_sq if self._dots else self.rows[:, 1, :].sum(axis=1, dtype=np.float64)
            norms = np.sqrt(sq)
        # sum / n is what mean() computes, without its Python-level wrapper
        return float(norms.sum()) / len(norms), float(norms.max())

    def kernel_stats(self, variables: list[int]) -> list[tuple[float, float, float]]:
        """(mean grad norm, max grad norm, mean update/weight ratio) for each of ``variables``."""
        rows = np.sqrt(self.rows[:, :, variables], dtype=np.float64)
        w, gn, dw = rows[:, 0], rows[:, 1], rows[:, 2]
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
    layers: list,
    flat: FlatParams,
    steps: StepRecorder,
    acts: ActivationStats,
) -> EpochDiagnostics:
    """Assemble the frozen record of one epoch; ``times`` is (wall time, eval pass time)."""
    steps.finish()
    records = []
    kernels = {i: flat.index(i, "kernel") for i in range(len(layers))}
    kernels = {i: v for i, v in kernels.items() if v is not None}
    variables = list(kernels.values())
    stats = dict(zip(kernels, steps.kernel_stats(variables), strict=True))
    # end-of-epoch kernel norms: one square and one reduceat over the flat weights
    norms = np.sqrt(flat.segment_sums(np.square(flat.w))[variables], dtype=np.float64).tolist()
    wnorms = dict(zip(kernels, norms, strict=True))
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
