"""Fast paths give what the plain definitions give: epoch metrics counted at once, ReLU against
cached zeros, sparse cross-entropy through flat indices, the inference pass's reused buffers, the
first layer's bias inside its matrix product (packed input)."""

from __future__ import annotations

import numpy as np
import pytest

from core import activations, losses, metrics, optimizers, packed_input
from core.data import with_ones_column
from core.layers import Dense, Dropout
from core.models import Sequential
from core.packed_input import packed_layers

RNG = np.random.default_rng(7)


def batches(n_rows, batch, units, labels):
    """Outputs of consecutive batches (last one short) and the matching targets."""
    p = RNG.random((n_rows, units)).astype(np.float32)
    if labels == "sparse":
        y = RNG.integers(0, units, n_rows)
    elif labels == "onehot":
        y = np.eye(units)[RNG.integers(0, units, n_rows)]
    else:
        y = RNG.integers(0, 2, (n_rows, units)).astype(np.float64)
    return [p[i : i + batch] for i in range(0, n_rows, batch)], y


@pytest.mark.parametrize(
    ("fn", "units", "labels"),
    [
        (metrics.sparse_categorical_accuracy, 3, "sparse"),
        (metrics.categorical_accuracy, 4, "onehot"),
        (metrics.binary_accuracy, 1, "binary"),
        (metrics.binary_accuracy, 3, "binary"),
        (metrics.mean_squared_error, 2, "binary"),
        (metrics.mean_absolute_error, 2, "binary"),
    ],
)
def test_epoch_metric_sum_equals_the_running_sum_over_batches(fn, units, labels):
    outputs, y = batches(203, 16, units, labels)
    expected, start = 0.0, 0
    for p in outputs:
        expected += len(p) * fn(y[start : start + len(p)], p)
        start += len(p)
    # same float operations in the same order: equal, not just close
    assert metrics.batch_weighted_sum(fn, y, outputs) == expected


def test_relu_matches_maximum_with_zero_including_nan_and_signed_zero():
    z = np.array([[-0.0, 0.0, np.nan, -1.5, 2.5, -np.inf, np.inf]], dtype=np.float32)
    out = activations.get("relu")(z)
    np.testing.assert_array_equal(out, np.maximum(z, 0))
    assert not np.signbit(out[~np.isnan(out)]).any()
    buf = np.empty_like(z)
    assert activations.get("relu").fn_into(z, buf) is buf
    np.testing.assert_array_equal(buf, np.maximum(z, 0))


def test_sparse_crossentropy_value_and_gradient_from_their_formulas():
    z = RNG.normal(size=(9, 4)).astype(np.float32)
    y = RNG.integers(0, 4, 9)
    p = activations.get("softmax")(z)
    loss, dz = losses.SparseCategoricalCrossentropy().fused(y, z, p)
    onehot = np.eye(4, dtype=np.float32)[y]
    assert loss == pytest.approx(-np.mean(np.log(p[np.arange(9), y])), rel=1e-6)
    np.testing.assert_allclose(dz, (p - onehot) / 9, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "linear"])
def test_predict_results_are_not_overwritten_by_later_calls(activation):
    model = Sequential(
        [Dense(8, input_dim=3, activation=activation), Dense(2, activation=activation)], seed=0
    )
    model.compile("adam", "mse")
    x1, x2 = RNG.normal(size=(5, 3)), RNG.normal(size=(5, 3))
    p1 = model.predict(x1)
    kept = p1.copy()
    model.predict(x2)
    np.testing.assert_array_equal(p1, kept)
    # and the buffered inference pass agrees with the plain forward, chunk boundaries included
    x = RNG.normal(size=(2100, 3)).astype(np.float32)
    plain = model.forward(x, training=False)
    np.testing.assert_array_equal(model.predict(x), plain)


@pytest.mark.parametrize("shape", [(7, 2), (64, 3), (300, 10), (50, 10), (200, 40), (129, 32)])
def test_row_max_equals_max_over_columns_nan_included(shape):
    from core.reductions import row_max

    a = RNG.normal(size=shape).astype(np.float32)
    a[3, 1] = np.nan
    np.testing.assert_array_equal(row_max(a), a.max(axis=1, keepdims=True))


def test_packed_first_layer_gives_the_plain_forward_and_gradients():
    model = Sequential(
        [Dense(5, input_dim=3, activation="tanh"), Dense(2)], seed=1, dtype="float64"
    )
    model.compile("sgd", "mse")
    model.build((3,))
    layers = packed_layers(model.layers, model.flat)
    assert layers is not None
    first, packed_first, x = model.layers[0], layers[0], RNG.standard_normal((7, 3))
    grad = RNG.standard_normal((7, 5))
    plain = first.forward(x, training=True)
    first.backward(grad)
    kernel_grad, bias_grad = first.grads["kernel"].copy(), first.grads["bias"].copy()
    packed = packed_first.forward(with_ones_column(x), training=True)
    packed_first.backward(grad)
    np.testing.assert_allclose(packed, plain, rtol=1e-13)
    np.testing.assert_allclose(first.grads["kernel"], kernel_grad, rtol=1e-13)
    np.testing.assert_allclose(first.grads["bias"], bias_grad, rtol=1e-13)
    np.testing.assert_allclose(packed_first.forward(with_ones_column(x)), plain, rtol=1e-13)


def test_fit_with_packed_input_equals_fit_without(monkeypatch):
    x = RNG.standard_normal((90, 4))
    y = (x[:, 0] * x[:, 1] > 0).astype(int)

    def history():
        model = Sequential(
            [
                Dense(8, input_dim=4, activation="relu"),
                Dropout(0.2),
                Dense(2, activation="softmax"),
            ],
            seed=5,
            dtype="float64",
        )
        model.compile(optimizers.Adam(0.01), "sparse_categorical_crossentropy", ["accuracy"])
        return model.fit(x, y, batch_size=16, epochs=3, validation_split=0.2).history

    packed = history()
    monkeypatch.setattr(packed_input, "packed_layers", lambda layers, flat: None)
    plain = history()
    assert packed.keys() == plain.keys() and "eval_loss" in plain and "val_loss" in plain
    for key, values in plain.items():
        np.testing.assert_allclose(packed[key], values, rtol=1e-10, err_msg=key)


def test_first_layer_without_bias_is_not_packed():
    model = Sequential([Dense(3, input_dim=2, use_bias=False), Dense(1)], seed=0)
    model.compile("sgd", "mse")
    model.build((2,))
    assert packed_layers(model.layers, model.flat) is None


@pytest.mark.parametrize("output", ["softmax", "sigmoid"])
def test_evaluate_equals_a_plain_numpy_forward(output):
    # inner layers activate in place during inference; the fused loss must still see the last
    # layer's logits
    units = 3 if output == "softmax" else 1
    loss = "sparse_categorical_crossentropy" if output == "softmax" else "binary_crossentropy"
    model = Sequential(
        [
            Dense(6, input_dim=2, activation="relu"),
            Dense(5, activation="tanh"),
            Dense(units, activation=output),
        ],
        seed=2,
        dtype="float64",
    )
    model.compile("sgd", loss)
    x = RNG.standard_normal((50, 2))
    y = RNG.integers(0, units if units > 1 else 2, 50)
    k1, b1, k2, b2, k3, b3 = model.get_weights()
    z = np.tanh(np.maximum(x @ k1 + b1, 0) @ k2 + b2) @ k3 + b3
    if output == "softmax":
        p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        expected = -np.mean(np.log(p[np.arange(50), y]))
    else:
        p = 1 / (1 + np.exp(-z[:, 0]))
        expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert model.evaluate(x, y) == pytest.approx(expected, rel=1e-9)
    np.testing.assert_allclose(model.predict(x)[:, 0], p if output == "sigmoid" else p[:, 0])


@pytest.mark.parametrize("shape", [(8, 5), (64, 128)], ids=["sign-mask", "bool-mask"])
def test_relu_backward_is_the_gradient_times_the_step_of_z(shape):
    relu = activations.get("relu")
    z = RNG.normal(size=shape).astype(np.float32)
    z[0, :3] = 0.0  # the kink: Keras (and the derivative here) take 0
    g = RNG.normal(size=shape).astype(np.float32)
    expected = np.where(z > 0, g, np.float32(0))
    np.testing.assert_array_equal(relu.backward(relu(z), z, g), expected)
