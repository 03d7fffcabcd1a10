"""One training step laid open, layer by layer, for the dashboard's Backprop page (seed 4-3)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.training import Trainer, inference_pass


@dataclass(frozen=True)
class LayerTrace:
    """What one layer saw and produced in a traced step; arrays are (batch, units) unless noted.

    ``z`` is the pre-activation and ``a`` the output; ``dL_da``, ``da_dz`` (elementwise, ``None``
    for softmax) and ``dL_dz`` are the chain rule's factors; ``dL_dW`` (in, out) and the kernels
    before and after the step are ``None`` for layers without a kernel. When the output activation
    is fused with the loss, ``dL_dz`` is the fused ``(p - y) / n`` and ``dL_da`` the plain loss
    gradient, shown for teaching.
    """

    index: int
    name: str
    kind: str
    activation: str | None
    inputs: np.ndarray
    z: np.ndarray | None
    a: np.ndarray
    dL_da: np.ndarray
    da_dz: np.ndarray | None
    dL_dz: np.ndarray | None
    dL_dW: np.ndarray | None
    dL_db: np.ndarray | None
    kernel_before: np.ndarray | None
    kernel_after: np.ndarray | None


class BackpropTrace(list):
    """A ``list[LayerTrace]`` in model order, with the batch loss before and after the step."""

    loss: float
    loss_after: float


def _layer_trace(i, layer, x, a, grad_out, kernel_before, fused_grad, model, y) -> LayerTrace:
    act = getattr(layer, "activation", None)
    z = getattr(layer, "_z", None)
    dl_da, dl_dz, da_dz = grad_out, getattr(layer, "_dz", None), None
    if fused_grad:
        dl_da = model.loss.gradient(y, a)
        dl_dz = grad_out
    elif act is not None and layer.kind == "Activation":
        dl_dz = act.backward(a, z, grad_out)
    if act is not None and act.name != "softmax" and z is not None:
        da_dz = act.derivative(z)
    has_kernel = "kernel" in layer.params
    grads = layer.grads
    return LayerTrace(
        index=i,
        name=layer.name,
        kind=layer.kind,
        activation=None if act is None else act.name,
        inputs=x,
        z=z,
        a=a,
        dL_da=dl_da,
        da_dz=da_dz,
        dL_dz=dl_dz,
        dL_dW=grads["kernel"].copy() if has_kernel else None,
        dL_db=grads["bias"].copy() if "bias" in grads else None,
        kernel_before=kernel_before,
        kernel_after=layer.params["kernel"].copy() if has_kernel else None,
    )


def trace_train_step(model, x, y) -> BackpropTrace:
    """Run one ``train_on_batch`` on ``(x, y)`` and return every layer's intermediate values.

    Parameters
    ----------
    model : Sequential
        A compiled model (built on first use).
    x : array (n, d)
    y : targets as ``fit`` accepts them.
    """
    model._require_compiled()
    x, y = model._prepare(x, y)
    before = [
        layer.params["kernel"].copy() if "kernel" in layer.params else None
        for layer in model.layers
    ]
    trainer = Trainer(model)
    grads_out, inputs = [], []
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        loss = trainer.step(x, y, trace=grads_out, inputs=inputs)
        result = BackpropTrace()
        n = len(model.layers)
        outputs = [*inputs[1:], trainer.output]
        for i, layer in enumerate(model.layers):
            # backward stops at the first layer, so grads_out may be shorter only by design
            grad_out = grads_out[n - 1 - i]
            fused_grad = model._fused and i == n - 1
            result.append(
                _layer_trace(
                    i, layer, inputs[i], outputs[i], grad_out, before[i], fused_grad, model, y
                )
            )
        result.loss = float(loss)
        result.loss_after = float(inference_pass(model, x, y, None)[1] + trainer.penalty())
    return result
