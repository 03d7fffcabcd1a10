"""Keras-compatible model API: parameter counts, summary, weights, layer modes, names."""

from __future__ import annotations

import numpy as np
import pytest

from core import activations, initializers, losses, optimizers, regularizers
from core.layers import BatchNormalization, Dense, Dropout, LayerNormalization
from core.models import Sequential


def seed_4_8_8_3() -> Sequential:
    return Sequential(
        [
            Dense(8, input_dim=4, activation="relu"),
            Dense(8, activation="relu"),
            Dense(3, activation="softmax"),
        ]
    )


def test_param_counts_from_the_seed():
    assert Sequential([Dense(2, input_dim=3)]).count_params() == 3 * 2 + 2
    assert seed_4_8_8_3().count_params() == (4 * 8 + 8) + (8 * 8 + 8) + (8 * 3 + 3)


def test_summary_is_keras_like_and_returned():
    printed = []
    text = seed_4_8_8_3().summary(print_fn=printed.append)
    assert printed == [text]
    assert 'Model: "sequential"' in text
    assert "dense (Dense)" in text and "dense_2 (Dense)" in text
    assert "(None, 8)" in text
    assert "Total params: 139" in text and "Non-trainable params: 0" in text


def test_batchnorm_has_four_per_unit_two_non_trainable():
    model = Sequential([Dense(5, input_dim=2), BatchNormalization()])
    bn = model.layers[1]
    model.build()
    assert bn.count_params() == (10, 10)
    assert model.count_params() == 15 + 20
    assert "Non-trainable params: 10" in model.summary(print_fn=None)
    assert [w.shape for w in model.get_weights()] == [(2, 5), (5,), (5,), (5,), (5,), (5,)]


def test_get_set_weights_keras_order_and_shapes():
    model = Sequential([Dense(3, input_dim=2), LayerNormalization(), Dense(1)], seed=0)
    shapes = [w.shape for w in model.get_weights()]
    assert shapes == [(2, 3), (3,), (3,), (3,), (3, 1), (1,)]
    new = [np.full(s, i + 1.0) for i, s in enumerate(shapes)]
    model.set_weights(new)
    for got, want in zip(model.get_weights(), new, strict=True):
        np.testing.assert_array_equal(got, want)
    assert model.predict(np.zeros((1, 2))).dtype == np.float32
    with pytest.raises(ValueError, match=r"shape \(2, 3\)"):
        model.set_weights([np.zeros((3, 3)), *new[1:]])


def test_dropout_inverted_in_training_identity_at_inference():
    layer = Dropout(0.25)
    layer.build((2000,), np.random.default_rng(0), "float64")
    x = np.ones((50, 2000))
    np.testing.assert_array_equal(layer.forward(x, training=False), x)
    out = layer.forward(x, training=True)
    assert set(np.unique(out)) == {0.0, 1.0 / 0.75}
    assert abs((out == 0).mean() - 0.25) < 0.01


def test_batchnorm_uses_moving_statistics_at_inference():
    layer = BatchNormalization(momentum=0.5, epsilon=1e-3)
    layer.build((2,), np.random.default_rng(0), "float64")
    x = np.array([[1.0, 10.0], [3.0, 30.0]])
    train_out = layer.forward(x, training=True)
    # batch mean (2, 20), biased variance (1, 100)
    np.testing.assert_allclose(train_out[:, 0], [-1 / np.sqrt(1.001), 1 / np.sqrt(1.001)])
    np.testing.assert_allclose(layer.state["moving_mean"], [0.5 * 2, 0.5 * 20])
    np.testing.assert_allclose(layer.state["moving_variance"], [0.5 + 0.5 * 1, 0.5 + 0.5 * 100])
    inf_out = layer.forward(x, training=False)
    np.testing.assert_allclose(inf_out[:, 0], (x[:, 0] - 1.0) / np.sqrt(1.0 + 1e-3))


def test_layer_names_like_keras():
    model = Sequential([Dense(2, input_dim=2), Dropout(0.1), Dense(2), BatchNormalization()])
    assert [layer.name for layer in model.layers] == [
        "dense",
        "dropout",
        "dense_1",
        "batch_normalization",
    ]


def test_registries_hold_the_documented_names():
    assert set(activations.ACTIVATIONS) == {
        "linear",
        "step",
        "sigmoid",
        "tanh",
        "relu",
        "leaky_relu",
        "softmax",
        "elu",
        "selu",
        "gelu",
        "swish",
    }
    assert {
        "zeros",
        "ones",
        "random_normal",
        "random_uniform",
        "glorot_uniform",
        "glorot_normal",
        "he_uniform",
        "he_normal",
        "lecun_normal",
        "xavier_uniform",
        "xavier_normal",
    } == set(initializers.INITIALIZERS)
    assert {
        "mse",
        "mae",
        "binary_crossentropy",
        "categorical_crossentropy",
        "sparse_categorical_crossentropy",
    } <= set(losses.LOSSES)
    assert set(optimizers.OPTIMIZERS) == {"sgd", "adagrad", "rmsprop", "adam"}
    assert set(regularizers.REGULARIZERS) == {"l1", "l2", "l1_l2"}


def test_keras_regularizer_defaults_and_penalty_formula():
    w = np.array([[1.0, -2.0]])
    assert regularizers.get("l1")(w) == pytest.approx(0.01 * 3)
    assert regularizers.get("l2")(w) == pytest.approx(0.01 * 5)
    assert regularizers.get("l1_l2")(w) == 0.0
    assert regularizers.L1L2(l1=0.1, l2=0.2)(w) == pytest.approx(0.1 * 3 + 0.2 * 5)


@pytest.mark.parametrize(
    ("name", "expected_var"),
    [
        ("glorot_uniform", 2 / (300 + 200)),
        ("glorot_normal", 2 / (300 + 200)),
        ("he_uniform", 2 / 300),
        ("he_normal", 2 / 300),
        ("lecun_normal", 1 / 300),
        ("random_normal", 0.05**2),
        ("random_uniform", 0.1**2 / 12),
    ],
)
def test_initializer_variances_follow_the_formulas(name, expected_var):
    w = initializers.get(name)((300, 200), np.random.default_rng(0), "float64")
    assert w.shape == (300, 200)
    assert w.var() == pytest.approx(expected_var, rel=0.03)
    if name.endswith("uniform"):
        assert np.abs(w).max() <= np.sqrt(3 * expected_var) + 1e-12


def test_truncated_normal_stays_within_two_stddevs():
    w = initializers.get("he_normal")((400, 100), np.random.default_rng(1), "float64")
    assert np.abs(w).max() <= 2 * np.sqrt(2 / 400) / 0.87962566103423978 + 1e-12


def test_float64_model_keeps_float64():
    model = Sequential([Dense(2, input_dim=2)], dtype="float64")
    assert all(w.dtype == np.float64 for w in model.get_weights())
    with pytest.raises(ValueError, match="dtype"):
        Sequential(dtype="float16")


def test_any_layer_can_declare_the_input_shape():
    for first in (
        BatchNormalization(input_shape=(3,)),
        LayerNormalization(input_shape=(3,)),
        Dropout(0.1, input_shape=(3,)),
    ):
        model = Sequential([first, Dense(2)])
        assert model.count_params() == sum(first.count_params()) + 3 * 2 + 2
