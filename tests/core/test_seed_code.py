"""The seed's Keras snippets run on the core with only their imports changed."""

from __future__ import annotations

import numpy as np
import pytest

from core import losses, optimizers
from core.layers import Dense, Dropout
from core.models import Sequential

RNG = np.random.default_rng(0)
X_TRAIN = RNG.normal(size=(40, 4))
Y_INT = RNG.integers(0, 3, 40)
Y_ONEHOT = np.eye(3)[Y_INT]


def seed_4_8_8_3(output="softmax"):
    model = Sequential()
    model.add(Dense(8, input_dim=4, activation="relu"))
    model.add(Dense(8, activation="relu"))
    model.add(Dense(3, activation=output))
    return model


@pytest.mark.parametrize(
    ("loss", "y", "metric"),
    [
        ("mse", Y_ONEHOT, "mse"),
        (losses.MeanSquaredError(), Y_ONEHOT, "mse"),
        ("categorical_crossentropy", Y_ONEHOT, "acc"),
        (losses.CategoricalCrossentropy(), Y_ONEHOT, "acc"),
        ("sparse_categorical_crossentropy", Y_INT, "acc"),
        (losses.SparseCategoricalCrossentropy(), Y_INT, "acc"),
    ],
)
def test_seed_compile_variants(loss, y, metric):
    model = seed_4_8_8_3()
    model.compile(optimizer="adam", loss=loss, metrics=[metric])
    history = model.fit(X_TRAIN, y, batch_size=len(X_TRAIN))
    assert history.params["steps"] == 1
    assert set(history.history) >= {"loss", metric}


def test_seed_binary_and_batch_regimes():
    model = Sequential([Dense(8, input_dim=4, activation="relu"), Dense(1, activation="sigmoid")])
    model.compile(loss=losses.BinaryCrossentropy(), optimizer="adam", metrics=["acc"])
    y = (Y_INT > 0).astype(float)
    assert model.fit(X_TRAIN, y, batch_size=1).params["steps"] == 40
    assert model.fit(X_TRAIN, y, batch_size=128).params["steps"] == 1
    assert model.fit(X_TRAIN, y).params["batch_size"] == 32


def test_seed_optimizer_lines():
    optimizers.SGD(lr=0.01, momentum=0.9)
    optimizers.Adagrad(lr=0.01, epsilon=1e-6)
    optimizers.RMSprop(lr=0.001, rho=0.9, epsilon=1e-06)
    adam = optimizers.Adam(
        lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=None, decay=0.0, amsgrad=False
    )
    model = seed_4_8_8_3()
    model.compile(loss="categorical_crossentropy", optimizer=adam, metrics=["acc"])
    model.fit(X_TRAIN, Y_ONEHOT, epochs=2)
    clipped = optimizers.Adam(lr=0.0001, clipnorm=1.0)
    assert (clipped.learning_rate, clipped.clipnorm) == (0.0001, 1.0)


def test_seed_dropout_network():
    max_words, num_classes = 30, 3
    model = Sequential()
    model.add(Dense(256, input_shape=(max_words,), activation="relu"))
    model.add(Dropout(0.5))
    model.add(Dense(128, activation="relu"))
    model.add(Dropout(0.5))
    model.add(Dense(num_classes, activation="softmax"))
    model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    x = RNG.random((20, max_words))
    history = model.fit(x, np.eye(3)[RNG.integers(0, 3, 20)], batch_size=8, epochs=1)
    assert "eval_accuracy" in history.history
    assert model.count_params() == (30 * 256 + 256) + (256 * 128 + 128) + (128 * 3 + 3)
