"""The epoch loop behind ``Sequential.fit``: batching, running means, evaluation passes,
diagnostics, callbacks and divergence handling."""

from __future__ import annotations

import math
import time

import numpy as np

from core import inference_buffers, packed_input
from core.callbacks import Callback, History
from core.data import with_ones_column
from core.diagnostics import ActivationStats, EpochDiagnostics, StepRecorder, epoch_record
from core.metrics import batch_weighted_sum
from core.training import TrainableModel, Trainer, inference_pass

Validation = tuple[np.ndarray, np.ndarray] | None
# an epoch's logs and, with diagnostics on, its record
Epoch = tuple[dict[str, float], EpochDiagnostics | None]


def _call(callbacks: list[Callback], method: str, *args: object) -> None:
    for cb in callbacks:
        fn = getattr(cb, method, None)
        if fn is not None:
            fn(*args)


class FitLoop:
    """State of one ``fit`` call."""

    def __init__(
        self,
        model: TrainableModel,
        x: np.ndarray,
        y: np.ndarray,
        validation: Validation,
        batch_size: int,
        shuffle: bool,
        diagnostics: bool,
    ) -> None:
        self.batch_size, self.shuffle, self.diagnostics = batch_size, shuffle, diagnostics
        self.layers = packed_input.packed_layers(model.layers, model.flat)
        if self.layers is not None:
            # the ones column is added once per fit; shuffling and slicing carry it along
            x = with_ones_column(x)
            if validation is not None:
                validation = (with_ones_column(validation[0]), validation[1])
        self.trainer = Trainer(model, self.layers)
        self.eval_layers = inference_buffers.buffered_layers(self.layers or model.layers)
        self.model, self.x, self.y, self.validation = model, x, y, validation
        self.steps = math.ceil(len(x) / batch_size)
        self.recorder = None
        if diagnostics:
            # with clipping on, the clipper records the global norm before clipping
            active = self.trainer.clipper.active
            self.recorder = StepRecorder(model.flat, self.steps, global_norm=not active)
            self.trainer.recorder = self.recorder

    def run(self, epochs: int, callbacks: list[Callback], verbose: int) -> History:
        """Train for ``epochs`` epochs and return the ``History``."""
        model = self.model
        history = History(
            {
                "epochs": epochs,
                "steps": self.steps,
                "batch_size": self.batch_size,
                "samples": len(self.x),
            }
        )
        model.history = history
        model.stop_training = False
        _call(callbacks, "set_model", model)  # as Keras does, so a callback can stop training
        _call(callbacks, "on_train_begin", {})
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            for epoch in range(epochs):
                result = self.epoch(epoch, history)
                if result is None:
                    break
                logs, diag = result
                history.append(epoch, logs, diag)
                if verbose:
                    shown = " - ".join(f"{k}: {v:.4f}" for k, v in logs.items())
                    print(f"Epoch {epoch + 1}/{epochs} - {shown}")
                _call(callbacks, "on_epoch_end", epoch, {**logs, "diagnostics": diag})
                if model.stop_training:
                    break
        _call(callbacks, "on_train_end", {})
        return history

    def epoch(self, epoch: int, history: History) -> Epoch | None:
        """One epoch; returns (logs, diagnostics) or ``None`` once diverged."""
        start = time.perf_counter()
        model, bs = self.model, self.batch_size
        x, y = self.x, self.y
        if self.shuffle:
            order = model.rng.permutation(len(x))
            x, y = x[order], y[order]
        recorder = self.recorder
        if recorder is not None:
            recorder.reset()
        loss_sum, data_sum, outputs = 0.0, 0.0, []
        for step in range(self.steps):
            xb, yb = x[step * bs : (step + 1) * bs], y[step * bs : (step + 1) * bs]
            loss = self.trainer.step(xb, yb)
            if not math.isfinite(loss):
                history.mark_diverged(epoch, step)
                return None
            loss_sum += len(xb) * loss
            data_sum += len(xb) * self.trainer.data_loss
            # metrics once per epoch from the kept outputs: fewer calls than per step
            outputs.append(self.trainer.output)
        logs = {"loss": loss_sum / len(x)}
        if self.trainer.regs:  # without a penalty the data loss is the loss: not logged twice
            logs["data_loss"] = data_sum / len(x)
        for name, fn in model.metric_functions.items():
            logs[name] = batch_weighted_sum(fn, y, outputs) / len(x)
        return self._finish(epoch, history, logs, start)

    def _finish(
        self, epoch: int, history: History, logs: dict[str, float], start: float
    ) -> Epoch | None:
        """Evaluation passes, the divergence check and the epoch record."""
        model = self.model
        acts, eval_time = None, 0.0
        if self.diagnostics:
            acts = ActivationStats(len(model.layers))
            eval_start = time.perf_counter()
            logs.update(self._evaluate("eval", self.x, self.y, acts))
            eval_time = time.perf_counter() - eval_start
        if self.validation is not None:
            logs.update(self._evaluate("val", *self.validation, None))
        finite = np.isfinite(model.flat.w).all() and all(map(math.isfinite, logs.values()))
        if not finite:
            history.mark_diverged(epoch, self.steps - 1)
            return None
        if not self.diagnostics:
            return logs, None
        times = (time.perf_counter() - start, eval_time)
        return logs, epoch_record(epoch, times, model.layers, self.recorder, acts)

    def _evaluate(
        self, prefix: str, x: np.ndarray, y: np.ndarray, acts: ActivationStats | None
    ) -> dict[str, float]:
        _, loss, metrics = inference_pass(self.model, x, y, acts, self.eval_layers)
        logs = {f"{prefix}_loss": loss}
        if self.trainer.regs:  # Keras's loss includes the penalties; the data loss does not
            logs[f"{prefix}_loss"] = loss + self.trainer.penalty()
            logs[f"{prefix}_data_loss"] = loss
        logs.update({f"{prefix}_{k}": v for k, v in metrics.items()})
        return logs
