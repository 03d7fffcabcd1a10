"""Each lesson preset really shows its point when trained (in-process, exactly as a worker fits)."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from experiments.spec.build import build_model, fit_model
from experiments.spec.data import load_arrays
from experiments.spec.presets import PRESETS_BY_KEY


@cache
def histories(key: str) -> dict:
    """``{label: History}`` for every variant of preset ``key``."""
    out = {}
    for label, config in PRESETS_BY_KEY[key].variants:
        data = load_arrays(config)
        out[label] = fit_model(build_model(config, data), config, data)
    return out


def kernel_grads(history, layer_index: int) -> np.ndarray:
    """Per-epoch mean kernel-gradient norm of the ``layer_index``-th Dense layer."""
    per_epoch = []
    for epoch in history.diagnostics:
        dense = [layer for layer in epoch.layers if layer.grad_norm_mean is not None]
        per_epoch.append(dense[layer_index].grad_norm_mean)
    return np.array(per_epoch)


def test_clipping_keeps_a_run_alive_that_diverges_without_it() -> None:
    runs = histories("clipping")
    plain, clipped = runs["no clipping"], runs["clipnorm 1.0"]
    assert plain.diverged and plain.diverged_at["epoch"] >= 1  # partial curves to show
    assert len(plain.history["val_loss"]) == plain.diverged_at["epoch"]
    assert not clipped.diverged
    assert clipped.history["val_accuracy"][-1] >= 0.9
    assert sum(epoch.clipped_steps for epoch in clipped.diagnostics) > 0


def test_a_step_activation_passes_no_gradient_to_the_hidden_layer() -> None:
    runs = histories("step")
    assert np.all(kernel_grads(runs["step"], 0) == 0.0)
    assert np.all(kernel_grads(runs["sigmoid"], 0) > 0.0)
    assert max(runs["sigmoid"].history["val_accuracy"]) > max(runs["step"].history["val_accuracy"])


def test_sigmoid_gradients_vanish_towards_the_input_and_relu_gradients_do_not() -> None:
    runs = histories("vanishing")
    ratio = {label: kernel_grads(h, 0)[0] / kernel_grads(h, -1)[0] for label, h in runs.items()}
    assert ratio["sigmoid"] < 1e-3 < ratio["relu"]


@pytest.mark.parametrize("regularized", ["L2 (0.01)", "dropout 0.5"])
def test_regularization_narrows_the_overfitting_gap(regularized: str) -> None:
    runs = histories("overfitting")

    def final_gap(history) -> float:
        return history.history["val_loss"][-1] - history.history["eval_loss"][-1]

    assert final_gap(runs[regularized]) < final_gap(runs["no regularization"])
