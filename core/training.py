"""The training step and the inference pass, each written once, and the interface they need from a
model.

Step order (house style): forward, loss + penalties, backward, regularizer gradients, clipping
(global norm recorded before clipping), optimizer step computed, statistics (weights before the
update, gradient, step), step applied.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np

from core.clipping import Clipper
from core.diagnostics import ActivationStats, StepRecorder, dead_unit_kind
from core.flat import FlatParams
from core.layers.base import Layer
from core.losses import Loss
from core.optimizer_base import Optimizer

# rows per inference chunk: bounds memory, and keeps temporaries small enough to be reused
# (larger ones are mapped fresh from the OS each time; the page faults cost ~10% on wide nets)
EVAL_CHUNK = 1024


class TrainableModel(Protocol):
    """What the training step, the epoch loop and the Backprop trace use of a model
    (``Sequential`` once built and compiled).

    ``flat`` holds every trainable parameter and gradient (the layers' ``params``/``grads`` are
    views into it); ``fused_output`` says the last layer's activation is fused with the loss, whose
    fused form then reads that layer's pre-activation ``z``; ``metric_functions`` maps metric
    names to ``fn(y, outputs) -> float``.
    """

    layers: list[Layer]
    loss: Loss
    optimizer: Optimizer
    rng: np.random.Generator
    flat: FlatParams
    fused_output: bool
    metric_functions: dict[str, Callable[[np.ndarray, np.ndarray], float]]
    stop_training: bool
    history: Any


class Trainer:
    """Runs training steps for a built, compiled model.

    Parameters
    ----------
    model : TrainableModel
    layers : sequence of Layer, optional
        The layers to run, default ``model.layers`` (``core.packed_input`` swaps in its stand-in
        for the first one).

    Attributes
    ----------
    output : ndarray (n, units)
        The last step's output (before its update).
    data_loss : float
        The last step's loss without the regularization penalties.
    recorder : StepRecorder or None
        When set, receives the per-step statistics.
    """

    def __init__(self, model: TrainableModel, layers: Sequence[Layer] | None = None) -> None:
        self.model = model
        self.layers = list(model.layers if layers is None else layers)
        self.flat = model.flat
        self.optimizer = opt = model.optimizer
        self.clipper = Clipper(self.flat, opt.clipnorm, opt.clipvalue, opt.global_clipnorm)
        opt.bind_step_buffer(self.flat.d)
        self.recorder: StepRecorder | None = None
        self.regs = [
            (layer.params[key], layer.grads[key], reg)
            for layer in model.layers
            for key, reg in layer.regularizers()
        ]

    def penalty(self) -> float:
        """Sum of the regularizer penalties at the current weights."""
        return sum(reg(w) for w, _, reg in self.regs)

    def step(self, x: np.ndarray, y: np.ndarray) -> float:
        """One update on a batch ``x`` (n, d), ``y`` (n, ...); returns the loss (penalties
        included) before the update. A non-finite loss leaves the weights untouched so the caller
        can stop cleanly."""
        out = self.forward(x)
        loss, grad = loss_and_gradient(self.model, y, out)
        # the loss without penalties, for comparing a regularized variant with others
        self.data_loss = loss
        if self.regs:
            loss += self.penalty()
        if not math.isfinite(loss):
            return loss
        self.backward(grad)
        for w, g, reg in self.regs:
            reg.add_gradient(w, g)
        recorder, flat = self.recorder, self.flat
        if self.clipper.active:
            norm, changed = self.clipper()
            if recorder is not None:
                recorder.record_clipping(norm, changed)
        d = self.optimizer.next_step(flat.w, flat.g)
        if recorder is not None:
            recorder.record()
        flat.w -= d
        return loss

    def forward(self, x: np.ndarray) -> np.ndarray:
        """Forward ``x`` (n, d) in training mode through all layers -> (n, units)."""
        for layer in self.layers:
            x = layer.forward(x, training=True)
        self.output = x
        return x

    def backward(self, grad: np.ndarray) -> None:
        """Back-propagate dL/d(output) (or dL/dz when fused) through all layers."""
        fused = self.model.fused_output
        for layer in reversed(self.layers):
            if fused:
                grad = layer.backward(grad, skip_activation=True)
                fused = False
            else:
                grad = layer.backward(grad)
            if grad is None:
                break


def loss_and_gradient(
    model: TrainableModel, y: np.ndarray, out: np.ndarray
) -> tuple[float, np.ndarray]:
    """Batch loss (no penalties) and the gradient to start backward with: dL/dz of the last
    layer when its activation is fused with the loss, else dL/d(output)."""
    loss = model.loss
    if model.fused_output:
        return loss.fused(y, model.layers[-1].z, out)
    return loss(y, out), loss.gradient(y, out)


def loss_value(model: TrainableModel, y: np.ndarray, out: np.ndarray) -> float:
    """Batch loss only (fused form when the output activation is fused with the loss)."""
    if model.fused_output:
        return model.loss.fused_value(y, model.layers[-1].z, out)
    return model.loss(y, out)


def inference_pass(
    model: TrainableModel,
    x: np.ndarray,
    y: np.ndarray | None,
    stats: ActivationStats | None = None,
    layers: Sequence[Layer] | None = None,
) -> tuple[np.ndarray, float | None, dict[str, float]]:
    """Forward ``x`` (n, d) in inference mode, ``EVAL_CHUNK`` rows at a time, through ``layers``
    (default ``model.layers``; ``fit`` passes its fast-path stand-ins), folding each layer's
    outputs into ``stats`` when given.

    Returns (outputs (n, units), loss without penalties or None, metric values by name).
    """
    layers = model.layers if layers is None else layers
    fns = model.metric_functions
    outputs, loss_sum, metric_sums = [], 0.0, dict.fromkeys(fns, 0.0)
    dead_kinds = [dead_unit_kind(layer) for layer in model.layers]
    for start in range(0, len(x), EVAL_CHUNK):
        a = x[start : start + EVAL_CHUNK]
        for i, layer in enumerate(layers):
            a = layer.forward(a, training=False)
            if stats is not None:
                stats.add(i, a, dead_kinds[i])
        # copied: a layer may hand back a buffer that the next chunk overwrites
        # (core.inference_buffers), or its input (Dropout), which may be the caller's x
        outputs.append(a.copy())
        if y is None:
            continue
        yb = y[start : start + EVAL_CHUNK]
        loss_sum += len(a) * loss_value(model, yb, a)
        for name, fn in fns.items():
            metric_sums[name] += len(a) * fn(yb, a)
    out = np.concatenate(outputs) if len(outputs) > 1 else outputs[0]
    if y is None:
        return out, None, {}
    n = len(x)
    return out, loss_sum / n, {k: v / n for k, v in metric_sums.items()}
