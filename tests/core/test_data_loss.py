"""The data loss: Keras's loss without the regularization penalty, checked against NumPy."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import make_moons

from core import optimizers
from core.layers import Dense
from core.models import Sequential


def bce(y: np.ndarray, p: np.ndarray) -> float:
    """Binary cross-entropy in float64, clipped like Keras (epsilon 1e-7)."""
    p = np.clip(p.astype(np.float64).ravel(), 1e-7, 1 - 1e-7)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def l2_penalty(model: Sequential, factor: float) -> float:
    kernels = [layer.params["kernel"].astype(np.float64) for layer in model.layers]
    return factor * sum(float(np.sum(k**2)) for k in kernels)


def regularized(seed: int = 0, factor: float = 0.05) -> Sequential:
    from core.regularizers import L2

    model = Sequential(
        [
            Dense(8, input_dim=2, activation="tanh", kernel_regularizer=L2(factor)),
            Dense(1, activation="sigmoid", kernel_regularizer=L2(factor)),
        ],
        seed=seed,
        dtype="float64",
    )
    model.compile(optimizers.SGD(0.1), "binary_crossentropy", metrics=["accuracy"])
    return model


def test_data_loss_is_the_loss_without_the_penalty():
    x, y = make_moons(300, noise=0.2, random_state=0)
    xv, yv = make_moons(100, noise=0.2, random_state=1)
    model = regularized()
    model.build()
    p0, penalty0 = model.predict(x), l2_penalty(model, 0.05)
    # one full batch: the running loss is the loss at the initial weights
    h = model.fit(x, y, epochs=1, batch_size=len(x), validation_data=(xv, yv), shuffle=False)
    logs = {k: v[0] for k, v in h.history.items()}
    assert logs["data_loss"] == pytest.approx(bce(y, p0), rel=1e-9)
    assert logs["loss"] == pytest.approx(bce(y, p0) + penalty0, rel=1e-9)
    # the end-of-epoch passes use the weights after the step
    penalty1 = l2_penalty(model, 0.05)
    assert penalty1 > 0.01
    assert logs["eval_data_loss"] == pytest.approx(bce(y, model.predict(x)), rel=1e-9)
    assert logs["val_data_loss"] == pytest.approx(bce(yv, model.predict(xv)), rel=1e-9)
    assert logs["val_loss"] == pytest.approx(logs["val_data_loss"] + penalty1, rel=1e-9)
    assert logs["eval_loss"] == pytest.approx(model.evaluate(x, y)[0], rel=1e-9)


def test_without_a_regularizer_no_data_loss_is_logged():
    x, y = make_moons(100, noise=0.2, random_state=0)
    model = Sequential([Dense(4, input_dim=2, activation="relu"), Dense(1, activation="sigmoid")])
    model.compile("adam", "binary_crossentropy")
    h = model.fit(x, y, epochs=1, validation_data=(x, y))
    assert not any("data_loss" in key for key in h.history)
