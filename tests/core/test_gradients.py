"""Finite-difference checks (float64, relative error < 1e-6) of every backward formula."""

from __future__ import annotations

import numpy as np
import pytest

from core import activations, losses, regularizers
from core.layers import Activation, BatchNormalization, Dense, Dropout, LayerNormalization
from core.models import Sequential
from core.training import Trainer, loss_and_gradient
from tests.core.gradcheck import numeric_grad, rel_error

TOL = 1e-6
SMOOTH = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "gelu", "swish"]


def _z(rng, shape=(4, 5)):
    z = rng.normal(size=shape)
    # keep clear of the kinks of relu-family functions, where differences are not derivatives
    return np.where(np.abs(z) < 1e-2, 0.5, z)


@pytest.mark.parametrize("name", [*SMOOTH, "softmax"])
def test_activation_backward_matches_finite_differences(name):
    rng = np.random.default_rng(1)
    z, upstream = _z(rng), rng.normal(size=(4, 5))
    act = activations.get(name)
    numeric = numeric_grad(lambda: float(np.sum(upstream * act(z))), z)
    assert rel_error(act.backward(act(z), z, upstream), numeric) < TOL


@pytest.mark.parametrize("name", SMOOTH)
def test_elementwise_derivative_matches_finite_differences(name):
    rng = np.random.default_rng(2)
    z = _z(rng)
    act = activations.get(name)
    numeric = numeric_grad(lambda: float(np.sum(act(z))), z)
    assert rel_error(act.derivative(z), numeric) < TOL


def test_softmax_normalises_the_last_axis_of_any_shape():
    softmax = activations.get("softmax")
    np.testing.assert_allclose(softmax([0.0, np.log(3.0)]), [0.25, 0.75])
    batch = np.random.default_rng(0).normal(size=(2, 3, 4))
    np.testing.assert_allclose(softmax(batch).sum(axis=-1), np.ones((2, 3)))


def test_step_forward_is_heaviside_and_gradient_zero():
    act = activations.get("step")
    z = np.array([[-1.0, 0.0, 2.0]])
    assert act(z).tolist() == [[0.0, 0.0, 1.0]]
    assert not act.backward(act(z), z, np.ones_like(z)).any()


def _check_layer(layer, x, rng, training=True):
    layer.build(x.shape[1:], rng, "float64")
    upstream = rng.normal(size=layer.forward(x, training).shape)

    def objective():
        if isinstance(layer, Dropout):
            layer.rng = np.random.default_rng(7)  # the same mask for every evaluation
        return float(np.sum(upstream * layer.forward(x, training)))

    objective()
    dx = layer.backward(upstream)
    analytic = {k: g.copy() for k, g in layer.grads.items()}
    assert rel_error(dx, numeric_grad(objective, x)) < TOL
    for key, param in layer.params.items():
        assert rel_error(analytic[key], numeric_grad(objective, param)) < TOL, key


LAYERS = [
    lambda: Dense(3, activation="tanh"),
    lambda: Dense(3, activation="softmax"),
    lambda: Dense(3, use_bias=False, activation="sigmoid"),
    lambda: Activation("swish"),
    lambda: Dropout(0.4),
    lambda: BatchNormalization(),
    lambda: LayerNormalization(),
]


@pytest.mark.parametrize(
    "make",
    LAYERS,
    ids=[
        "dense",
        "dense_softmax",
        "dense_nobias",
        "activation",
        "dropout",
        "batchnorm",
        "layernorm",
    ],
)
@pytest.mark.parametrize("shape", [(5, 4), (3, 6)])
def test_layer_backward_matches_finite_differences(make, shape):
    rng = np.random.default_rng(shape[0])
    _check_layer(make(), rng.normal(size=shape), rng)


def test_normalization_with_non_trivial_gamma_beta():
    rng = np.random.default_rng(5)
    for layer in (BatchNormalization(), LayerNormalization()):
        x = rng.normal(size=(6, 4))
        layer.build((4,), rng, "float64")
        layer.params["gamma"][...] = rng.normal(size=4)
        layer.params["beta"][...] = rng.normal(size=4)
        upstream = rng.normal(size=(6, 4))

        def objective(layer=layer, x=x, upstream=upstream):
            return float(np.sum(upstream * layer.forward(x, True)))

        objective()
        dx = layer.backward(upstream)
        grads = {k: g.copy() for k, g in layer.grads.items()}
        assert rel_error(dx, numeric_grad(objective, x)) < TOL
        for key in ("gamma", "beta"):
            assert rel_error(grads[key], numeric_grad(objective, layer.params[key])) < TOL


def _targets(name, rng, n, k):
    if name == "sparse_categorical_crossentropy":
        return rng.integers(0, k, size=n)
    if name == "categorical_crossentropy":
        return np.eye(k)[rng.integers(0, k, size=n)]
    if name == "binary_crossentropy":
        return rng.integers(0, 2, size=(n, k)).astype(float)
    return rng.normal(size=(n, k))


@pytest.mark.parametrize(
    "name", sorted(set(losses.LOSSES) - {"mean_squared_error", "mean_absolute_error"})
)
def test_loss_gradient_matches_finite_differences(name):
    rng = np.random.default_rng(3)
    loss = losses.get(name)
    y = _targets(name, rng, 6, 3)
    pred = rng.uniform(0.1, 0.9, size=(6, 3))
    if name == "mae":
        pred = y + np.where(rng.random((6, 3)) < 0.5, -1, 1) * rng.uniform(0.1, 1, (6, 3))
    numeric = numeric_grad(lambda: loss(y, pred), pred)
    assert rel_error(loss.gradient(y, pred), numeric) < TOL


@pytest.mark.parametrize(
    "name", ["binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy"]
)
def test_fused_loss_gradient_wrt_logits(name):
    rng = np.random.default_rng(4)
    loss = losses.get(name)
    z = rng.normal(size=(5, 3))
    y = _targets(name, rng, 5, 3)
    act = activations.get(loss.fused_activation)

    def value():
        return loss.fused(y, z, act(z))[0]

    assert rel_error(loss.fused(y, z, act(z))[1], numeric_grad(value, z)) < TOL
    # in the unsaturated range the fused value equals the loss on probabilities
    assert value() == pytest.approx(loss(y, act(z)), rel=1e-9)


@pytest.mark.parametrize(
    "reg", [regularizers.L1(0.03), regularizers.L2(0.02), regularizers.L1L2(l1=0.01, l2=0.05)]
)
def test_regularizer_gradient_matches_finite_differences(reg):
    w = np.random.default_rng(6).normal(size=(4, 3))
    assert rel_error(reg.gradient(w), numeric_grad(lambda: reg(w), w)) < TOL


def test_whole_model_gradient_with_fusion_normalization_and_penalties():
    rng = np.random.default_rng(8)
    model = Sequential(
        [
            Dense(5, input_dim=3, activation="tanh", kernel_regularizer="l2"),
            BatchNormalization(),
            Dense(4, activation="elu", bias_regularizer=regularizers.L1(0.02)),
            LayerNormalization(),
            Dense(3, activation="softmax"),
        ],
        seed=0,
        dtype="float64",
    )
    model.compile("sgd", "sparse_categorical_crossentropy")
    model.build()
    x, y = rng.normal(size=(7, 3)), rng.integers(0, 3, size=7)
    trainer = Trainer(model)

    def total_loss():
        out = model.forward(x, training=True)
        return loss_and_gradient(model, y, out)[0] + trainer.penalty()

    out = model.forward(x, training=True)
    trainer.backward(loss_and_gradient(model, y, out)[1])
    for w, g, reg in trainer.regs:
        reg.add_gradient(w, g)
    analytic = model.flat.g.copy()
    assert model.fused_output
    assert rel_error(analytic, numeric_grad(total_loss, model.flat.w)) < TOL


@pytest.mark.parametrize(
    ("name", "z", "expected"),
    [
        ("gelu", 1.0, 0.8413447460685429),  # Phi(1), standard normal table (Keras: exact gelu)
        ("gelu", -1.0, -0.15865525393145707),
        ("swish", 1.0, 1 / (1 + np.exp(-1.0))),
        ("elu", -1.0, np.exp(-1.0) - 1),
        ("selu", -1.0, 1.0507009873554805 * 1.6732632423543772 * (np.exp(-1.0) - 1)),
        ("leaky_relu", -1.0, -0.2),  # Keras 3 default negative_slope
        ("sigmoid", 0.0, 0.5),
        ("tanh", 0.5, np.tanh(0.5)),
    ],
)
def test_activation_values_from_their_definitions(name, z, expected):
    assert activations.get(name)(np.array([z]))[0] == pytest.approx(expected, rel=1e-12)
