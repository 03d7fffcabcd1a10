"""One training step laid open, layer by layer, for the dashboard's Backprop page (seed 4-3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from core.layers import Dense, Layer
from core.models import Sequential
from core.optimizers import SGD
from core.training import TrainableModel, Trainer, inference_pass


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


class _TracingTrainer(Trainer):
    """The training step, unchanged, keeping each layer's input and incoming gradient."""

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.inputs = []
        for layer in self.layers:
            self.inputs.append(x)
            x = layer.forward(x, training=True)
        self.output = x
        return x

    def backward(self, grad: np.ndarray) -> None:
        # dL/d(output) of each layer, last layer first (dL/dz for a fused output layer)
        self.grads_out = []
        fused = self.model.fused_output
        for layer in reversed(self.layers):
            self.grads_out.append(grad)
            grad = layer.backward(grad, skip_activation=True) if fused else layer.backward(grad)
            fused = False
            if grad is None:
                break


def _layer_trace(
    i: int,
    layer: Layer,
    x: np.ndarray,
    a: np.ndarray,
    grad_out: np.ndarray,
    kernel_before: np.ndarray | None,
    fused_grad: bool,
    model: TrainableModel,
    y: np.ndarray,
) -> LayerTrace:
    act = getattr(layer, "activation", None)
    z = getattr(layer, "z", None)
    dl_da, dl_dz, da_dz = grad_out, None, None
    if fused_grad:
        dl_da = model.loss.gradient(y, a)
        dl_dz = grad_out
    elif act is not None:
        # the same call backward made, so the same numbers
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


def trace_train_step(model: Sequential, x: ArrayLike, y: ArrayLike) -> BackpropTrace:
    """Run one ``train_on_batch`` on ``(x, y)`` and return every layer's intermediate values.

    Parameters
    ----------
    model : Sequential
        A compiled model (built on first use).
    x : array (n, d)
    y : targets as ``fit`` accepts them.
    """
    x, y = model.prepare(x, y)
    before = [
        layer.params["kernel"].copy() if "kernel" in layer.params else None
        for layer in model.layers
    ]
    trainer = _TracingTrainer(model)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        loss = trainer.step(x, y)
        result = BackpropTrace()
        n = len(model.layers)
        outputs = [*trainer.inputs[1:], trainer.output]
        for i, layer in enumerate(model.layers):
            # backward stops at the first layer, so grads_out may be shorter only by design
            grad_out = trainer.grads_out[n - 1 - i]
            fused_grad = model.fused_output and i == n - 1
            result.append(
                _layer_trace(
                    i,
                    layer,
                    trainer.inputs[i],
                    outputs[i],
                    grad_out,
                    before[i],
                    fused_grad,
                    model,
                    y,
                )
            )
        result.loss = float(loss)
        result.loss_after = float(inference_pass(model, x, y)[1] + trainer.penalty())
    return result


def trace_worked_example(
    x: Sequence[float],
    t: Sequence[float],
    hidden: Sequence[Sequence[float]],
    output: Sequence[Sequence[float]],
    learning_rate: float,
) -> BackpropTrace:
    """One SGD step of the seed's 2-2-2 sigmoid network without biases, loss ``mse``, float64.

    Parameters
    ----------
    x, t : sequence of float, shape (2,)
        Input and target.
    hidden, output : nested sequences, shape (2, 2)
        Kernels ``(inputs, units)``.
    learning_rate : float
        SGD step size.
    """
    model = Sequential(
        [
            Dense(2, activation="sigmoid", use_bias=False, input_dim=2),
            Dense(2, activation="sigmoid", use_bias=False),
        ],
        dtype="float64",
    )
    model.compile(optimizer=SGD(learning_rate=learning_rate), loss="mse")
    model.set_weights([np.asarray(hidden, dtype=float), np.asarray(output, dtype=float)])
    return trace_train_step(model, np.asarray([x], dtype=float), np.asarray([t], dtype=float))
