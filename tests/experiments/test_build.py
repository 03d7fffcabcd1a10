"""build_model and the task head: layer order, parameter counts by hand, what reaches core."""

from __future__ import annotations

import numpy as np
import pytest

from datasets import DATASETS
from experiments.spec.build import build_model, model_summary
from experiments.spec.config import ExperimentConfig
from experiments.spec.errors import ConfigError
from experiments.spec.tasks import encode_targets, resolve_head


def kinds(model) -> list[str]:
    return [layer.kind for layer in model.layers]


def test_seed_network_has_139_parameters() -> None:
    # the seed's 4-8-8-3 ReLU/softmax network (iris): (4*8+8) + (8*8+8) + (8*3+3) = 139
    model = build_model(ExperimentConfig(dataset="iris", hidden_layers=(8, 8)), DATASETS["iris"])
    assert model.count_params() == 139
    assert kinds(model) == ["Dense", "Dense", "Dense"]
    assert [layer.activation.name for layer in model.layers] == ["relu", "relu", "softmax"]


def test_normalization_sits_between_dense_and_activation_then_dropout() -> None:
    config = ExperimentConfig(
        hidden_layers=(5,), normalization="batch", dropout=0.3, activation="tanh", use_bias=False
    )
    model = build_model(config, DATASETS["moons"])
    assert kinds(model) == ["Dense", "BatchNormalization", "Activation", "Dropout", "Dense"]
    assert model.layers[0].activation.name == "linear"
    assert model.layers[2].activation.name == "tanh"
    assert model.layers[3].rate == 0.3
    # kernels only (no bias): 2*5 + 5*1; batch norm: gamma, beta, moving mean, variance = 4*5
    assert model.count_params() == 2 * 5 + 5 * 1 + 4 * 5
    layer_norm = build_model(
        ExperimentConfig(hidden_layers=(5,), normalization="layer"), DATASETS["moons"]
    )
    assert kinds(layer_norm) == ["Dense", "LayerNormalization", "Activation", "Dense"]


def test_optimizer_clipping_and_regularizer_reach_core() -> None:
    config = ExperimentConfig(
        optimizer="sgd",
        learning_rate=0.2,
        momentum=0.5,
        nesterov=True,
        clipping="clipvalue",
        clip_threshold=0.7,
        regularizer="l1_l2",
        regularization_factor=0.03,
    )
    model = build_model(config, DATASETS["moons"])
    opt = model.optimizer
    assert (type(opt).__name__, opt.learning_rate, opt.momentum, opt.nesterov) == (
        "SGD",
        0.2,
        0.5,
        True,
    )
    assert (opt.clipvalue, opt.clipnorm, opt.global_clipnorm) == (0.7, None, None)
    for dense in (layer for layer in model.layers if layer.kind == "Dense"):
        assert (dense.kernel_regularizer.l1, dense.kernel_regularizer.l2) == (0.03, 0.03)
    default_lr = build_model(ExperimentConfig(optimizer="rmsprop"), DATASETS["moons"])
    assert default_lr.optimizer.learning_rate == 0.001


def test_seed_and_dtype() -> None:
    a = build_model(ExperimentConfig(seed=3, dtype="float64"), DATASETS["moons"])
    b = build_model(ExperimentConfig(seed=0, dtype="float64"), DATASETS["moons"], seed=3)
    c = build_model(ExperimentConfig(seed=4), DATASETS["moons"])
    assert a.get_weights()[0].dtype == np.float64
    np.testing.assert_array_equal(a.get_weights()[0], b.get_weights()[0])
    assert not np.allclose(a.get_weights()[0], c.get_weights()[0])


@pytest.mark.parametrize(
    ("dataset", "loss", "expected"),
    [
        ("moons", None, ("sigmoid", "binary_crossentropy", "column", 1)),
        (
            "moons",
            "sparse_categorical_crossentropy",
            ("softmax", "sparse_categorical_crossentropy", "labels", 2),
        ),
        ("moons", "mse", ("sigmoid", "mse", "column", 1)),
        ("iris", None, ("softmax", "sparse_categorical_crossentropy", "labels", 3)),
        ("iris", "categorical_crossentropy", ("softmax", "categorical_crossentropy", "onehot", 3)),
        ("iris", "mse", ("softmax", "mse", "onehot", 3)),
        ("sine", None, ("linear", "mse", "regression", 1)),
        ("diabetes", "mae", ("linear", "mae", "regression", 1)),
    ],
)
def test_head_follows_the_task(dataset: str, loss: str | None, expected: tuple) -> None:
    info = DATASETS[dataset]
    head = resolve_head(ExperimentConfig(dataset=dataset, loss=loss), info)
    assert (
        head.output_activation,
        head.loss,
        head.encoding,
        head.units(info.n_classes),
    ) == expected
    model = build_model(ExperimentConfig(dataset=dataset, loss=loss), info)
    assert model.layers[-1].units == expected[3]


def test_output_activation_override() -> None:
    head = resolve_head(
        ExperimentConfig(dataset="sine", output_activation="tanh"), DATASETS["sine"]
    )
    assert head.output_activation == "tanh"


def test_loss_that_does_not_fit_the_task() -> None:
    with pytest.raises(ConfigError) as info:
        resolve_head(ExperimentConfig(dataset="iris", loss="binary_crossentropy"), DATASETS["iris"])
    assert info.value.field == "loss"


def test_encode_targets() -> None:
    labels = np.array([0, 2, 1])
    iris = DATASETS["iris"]
    onehot = resolve_head(ExperimentConfig(dataset="iris", loss="categorical_crossentropy"), iris)
    np.testing.assert_array_equal(
        encode_targets(labels, onehot, 3), [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
    )
    sparse = resolve_head(ExperimentConfig(dataset="iris"), iris)
    np.testing.assert_array_equal(encode_targets(labels, sparse, 3), labels)
    column = resolve_head(ExperimentConfig(), DATASETS["moons"])
    assert encode_targets(np.array([0, 1]), column, 2).shape == (2, 1)
    regression = resolve_head(ExperimentConfig(dataset="sine"), DATASETS["sine"])
    assert encode_targets(np.array([[0.5], [1.5]]), regression, 0).dtype == np.float64


def test_model_summary_is_keras_like() -> None:
    text = model_summary(ExperimentConfig(dataset="iris", hidden_layers=(8, 8)))
    assert text.startswith('Model: "sequential"')
    assert "dense_2 (Dense)" in text and "Total params: 139" in text
