"""The training step and the inference pass, each written once.

Step order (house style): forward, loss + penalties, backward, regularizer gradients, clipping
(global norm recorded before clipping), optimizer step computed, statistics (weights before the
update, gradient, step), step applied.
"""

from __future__ import annotations

import math

import numpy as np

from core.clipping import Clipper
from core.diagnostics import ActivationStats, StepRecorder, dead_unit_kind

# rows per inference chunk: bounds memory, and keeps temporaries small enough to be reused
# (larger ones are mapped fresh from the OS each time; the page faults cost ~10% on wide nets)
EVAL_CHUNK = 1024


class Trainer:
    """Runs training steps for a built, compiled ``Sequential``."""

    def __init__(self, model) -> None:
        self.model = model
        self.layers = model.layers
        self.flat = model._flat
        self.optimizer = model.optimizer
        opt = self.optimizer
        self.clipper = Clipper(self.flat, opt.clipnorm, opt.clipvalue, opt.global_clipnorm)
        opt.bind_step_buffer(self.flat.d)
        self.packs_input = self._bind_packed_first_layer()
        self.regs = [
            (layer.params[key], layer.grads[key], reg)
            for layer in self.layers
            for key, reg in layer.regularizers()
        ]

    def _bind_packed_first_layer(self) -> bool:
        """Let the first layer take inputs with a ones column (bias inside its matrix product)
        when its kernel and bias sit back to back in the flat buffer; True when it can."""
        first = self.layers[0] if self.layers else None
        if not getattr(first, "use_bias", False) or not hasattr(first, "forward_packed"):
            return False
        kernel, bias = self.flat.index(0, "kernel"), self.flat.index(0, "bias")
        if bias != kernel + 1:
            return False
        start, stop = self.flat.starts[kernel], self.flat.starts[bias] + self.flat.sizes[bias]
        shape = (first.params["kernel"].shape[0] + 1, first.units)
        first.bind_packed(
            self.flat.w[start:stop].reshape(shape), self.flat.g[start:stop].reshape(shape)
        )
        return True

    def penalty(self) -> float:
        """Sum of the regularizer penalties at the current weights."""
        return sum(reg(w) for w, _, reg in self.regs)

    def step(
        self,
        xb,
        yb,
        recorder: StepRecorder | None = None,
        step: int = 0,
        trace=None,
        inputs=None,
        packed: bool = False,
    ):
        """One update on a batch; returns the loss (penalties included) before the update.

        ``packed``: ``xb`` carries a last column of ones (see ``packs_input``).

        A non-finite loss leaves the weights untouched so the caller can stop cleanly.
        ``trace`` and ``inputs``, when lists, receive each layer's incoming dL/d(output) (last
        layer first) and its input (first layer first), for the backprop view.
        """
        out = self.model._forward(xb, training=True, inputs=inputs, packed=packed)
        self.output = out
        loss, grad = loss_and_gradient(self.model, yb, out)
        if self.regs:
            loss += self.penalty()
        if not math.isfinite(loss):
            return loss
        self.backward(grad, trace)
        for w, g, reg in self.regs:
            reg.add_gradient(w, g)
        if self.clipper.active:
            norm, changed = self.clipper()
            if recorder is not None:
                recorder.pre_clip[step] = norm
                recorder.clipped += changed
        delta = self.optimizer.next_step(self.flat.w, self.flat.g)
        if recorder is not None:
            recorder.record(step)
        self.flat.w -= delta
        return loss

    def backward(self, grad: np.ndarray, trace: list | None = None) -> None:
        """Back-propagate dL/d(output) (or dL/dz when fused) through all layers."""
        fused = self.model._fused
        for layer in reversed(self.layers):
            if trace is not None:
                trace.append(grad)
            if fused:
                grad = layer.backward(grad, skip_activation=True)
                fused = False
            else:
                grad = layer.backward(grad)
            if grad is None:
                break


def loss_and_gradient(model, y: np.ndarray, out: np.ndarray) -> tuple[float, np.ndarray]:
    """Batch loss (no penalties) and the gradient to start backward with: dL/dz of the last
    layer when its activation is fused with the loss, else dL/d(output)."""
    loss = model.loss
    if model._fused:
        return loss.fused(y, model.layers[-1]._z, out)
    return loss(y, out), loss.gradient(y, out)


def inference_pass(
    model,
    x: np.ndarray,
    y: np.ndarray | None,
    stats: ActivationStats | None,
    packed: bool = False,
):
    """Forward ``x`` (n, d) in inference mode chunk by chunk; ``packed``: ``x`` (n, d + 1) ends
    with a column of ones for the first layer (``Trainer.packs_input``).

    Returns (outputs (n, units), loss without penalties or None, metric values by name).
    """
    outputs, loss_sum, metric_sums = [], 0.0, dict.fromkeys(model._metric_fns, 0.0)
    dead_kinds = [dead_unit_kind(layer) for layer in model.layers]
    for start in range(0, len(x), EVAL_CHUNK):
        a = x[start : start + EVAL_CHUNK]
        for i, layer in enumerate(model.layers):
            a = layer._infer(a, packed=True) if packed and i == 0 else layer._infer(a)
            if stats is not None:
                stats.add(i, a, dead_kinds[i])
        # _infer may hand back a buffer that the next chunk (or call) overwrites
        outputs.append(a.copy())
        if y is None:
            continue
        yb = y[start : start + EVAL_CHUNK]
        loss_sum += len(a) * loss_value(model, yb, a)
        for name, fn in model._metric_fns.items():
            metric_sums[name] += len(a) * fn(yb, a)
    out = np.concatenate(outputs) if len(outputs) > 1 else outputs[0]
    if y is None:
        return out, None, {}
    n = len(x)
    return out, loss_sum / n, {k: v / n for k, v in metric_sums.items()}


def loss_value(model, y: np.ndarray, out: np.ndarray) -> float:
    """Batch loss only (fused form when the output activation is fused with the loss)."""
    if model._fused:
        return model.loss.fused_value(y, model.layers[-1]._z, out)
    return model.loss(y, out)
