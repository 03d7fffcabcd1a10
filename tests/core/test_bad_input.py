"""Bad input raises ValueError naming the field, the received value and what is accepted."""

from __future__ import annotations

import numpy as np
import pytest

from core import activations, initializers, losses, regularizers
from core.layers import BatchNormalization, Dense, Dropout
from core.models import Sequential


def compiled(units=1, activation="sigmoid", loss="binary_crossentropy", metrics=None):
    model = Sequential(
        [Dense(4, input_dim=2, activation="relu"), Dense(units, activation=activation)], seed=0
    )
    model.compile("adam", loss, metrics)
    return model


X = np.random.default_rng(0).normal(size=(6, 2))


@pytest.mark.parametrize(
    ("make", "pattern"),
    [
        (lambda: activations.get("swishy"), r"activation='swishy'.*relu"),
        (lambda: initializers.get("he"), r"initializer='he'.*he_normal"),
        (lambda: losses.get("hinge"), r"loss='hinge'.*mse"),
        (lambda: regularizers.get("l3"), r"regularizer='l3'.*l1_l2"),
        (lambda: Dense(0), r"units=0.*positive integer"),
        (lambda: Dense(2.5), r"units=2.5"),
        (lambda: Dropout(1.0), r"rate=1.0.*\[0, 1\)"),
        (lambda: Dropout(-0.1), r"rate=-0.1"),
        (lambda: BatchNormalization(momentum=2), r"momentum=2.0"),
        (lambda: compiled(metrics=["f1"]), r"metrics=\['f1'\].*accuracy"),
        (lambda: regularizers.L2(-1), r"l2=-1.0"),
    ],
)
def test_bad_configuration(make, pattern):
    with pytest.raises(ValueError, match=pattern):
        make()


def test_nan_or_inf_in_data():
    x = X.copy()
    x[1, 0] = np.nan
    with pytest.raises(ValueError, match=r"x with 1 non-finite"):
        compiled().fit(x, np.zeros(6))
    with pytest.raises(ValueError, match=r"y with 1 non-finite"):
        compiled(loss="mse", activation=None).fit(X, np.array([0, 1, np.inf, 0, 1, 0]))
    with pytest.raises(ValueError, match=r"x_val with 1 non-finite"):
        compiled().fit(X, np.zeros(6), validation_data=(x, np.zeros(6)))


def test_wrong_shapes():
    with pytest.raises(ValueError, match=r"x with shape \(6, 3\).*\(n, 2\)"):
        compiled().fit(np.zeros((6, 3)), np.zeros(6))
    with pytest.raises(ValueError, match=r"y with 5 rows for 6 samples"):
        compiled().fit(X, np.zeros(5))
    with pytest.raises(ValueError, match=r"shape \(6, 2\).*\(n, 1\)"):
        compiled().fit(X, np.zeros((6, 2)))


def test_labels_that_do_not_fit_the_loss():
    one_hot = np.eye(3)[[0, 1, 2, 0, 1, 2]]
    sparse = compiled(3, "softmax", "sparse_categorical_crossentropy")
    with pytest.raises(ValueError, match=r"shape \(6, 3\).*integer labels"):
        sparse.fit(X, one_hot)
    with pytest.raises(ValueError, match=r"labels in \[0, 3\].*\[0, 2\]"):
        sparse.fit(X, np.array([0, 1, 2, 3, 0, 1]))
    with pytest.raises(ValueError, match=r"labels with values in \[0, 2\].*\[0, 1\]"):
        compiled().fit(X, np.array([0, 1, 2, 0, 1, 2]))
    with pytest.raises(ValueError, match=r"integer labels.*sparse_categorical_crossentropy"):
        compiled(3, "softmax", "categorical_crossentropy").fit(X, np.array([0, 1, 2, 0, 1, 2]))


def test_bad_fit_arguments():
    model = compiled()
    y = np.zeros(6)
    with pytest.raises(ValueError, match=r"batch_size=0"):
        model.fit(X, y, batch_size=0)
    with pytest.raises(ValueError, match=r"epochs=-1"):
        model.fit(X, y, epochs=-1)
    with pytest.raises(ValueError, match=r"validation_split=1.0"):
        model.fit(X, y, validation_split=1.0)
    with pytest.raises(ValueError, match=r"uncompiled"):
        Sequential([Dense(1, input_dim=2)]).fit(X, y)


def test_saturated_outputs_give_finite_loss_and_gradients():
    model = compiled()
    model.build()
    model.layers[1].params["kernel"][...] = 1e4  # pushes the sigmoid far into saturation
    x = np.abs(X) + 1
    h = model.fit(x, np.zeros(6), epochs=1, batch_size=6)
    assert not h.diverged and np.isfinite(h.history["loss"][0]) and h.history["loss"][0] > 100
    softmax = compiled(3, "softmax", "sparse_categorical_crossentropy")
    softmax.build()
    softmax.layers[1].params["kernel"][...] = np.array([1e4, -1e4, 0.0])
    h = softmax.fit(x, np.full(6, 1), epochs=1, batch_size=6)
    assert not h.diverged and np.isfinite(h.history["loss"][0])
