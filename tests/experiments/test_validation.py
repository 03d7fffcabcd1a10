"""Every validation error names the field, the received value and what is accepted."""

from __future__ import annotations

import pytest

from datasets import DATASETS
from experiments.spec.config import FIELD_NAMES, ExperimentConfig
from experiments.spec.errors import ConfigError
from experiments.spec.validation import validate

# (field, bad value, a fragment of the "accepted" part of the message)
BAD_VALUES = [
    ("dataset", "mnist", "moons"),
    ("n_samples", 10, "[30, 5000]"),
    ("n_samples", 200, "[30, 150]"),  # iris: the whole bundled set is the maximum
    ("n_samples", 100.5, "an integer"),
    ("noise", 0.9, "[0.0, 0.5]"),
    ("noise", -0.1, "[0.0, 0.5]"),
    ("train_fraction", 0.0, "(0.0, 1.0]"),
    ("train_fraction", 1.5, "(0.0, 1.0]"),
    ("label_noise", 0.6, "[0.0, 0.5]"),
    ("label_noise", 0.1, "0 for the regression dataset 'sine'"),  # caught here, not at load
    ("data_seed", -1, "an integer"),
    ("hidden_layers", (4,) * 11, "at most 10"),
    ("hidden_layers", (4, 0), "[1, 512]"),
    ("hidden_layers", (4, 513), "[1, 512]"),
    ("hidden_layers", (4.5,), "integers"),
    ("activation", "sigmoidal", "leaky_relu"),
    ("kernel_initializer", "he", "he_normal"),
    ("use_bias", "yes", "true or false"),
    ("normalization", "group", "batch, layer, none"),
    ("dropout", 1.0, "[0.0, 1.0)"),
    ("regularizer", "l3", "l1, l1_l2, l2, none"),
    ("regularization_factor", -0.1, "[0.0, 10.0]"),
    ("output_activation", "soft_max", "softmax"),
    ("loss", "hinge", "binary_crossentropy"),
    ("dtype", "float16", "float32, float64"),
    ("optimizer", "nadam", "adagrad, adam, rmsprop, sgd"),
    ("learning_rate", 0.0, "(0.0, 100.0]"),
    ("learning_rate", 1000.0, "(0.0, 100.0]"),
    ("momentum", 1.0, "[0.0, 1.0)"),
    ("rho", -0.5, "[0.0, 1.0)"),
    ("beta_1", 1.0, "[0.0, 1.0)"),
    ("beta_2", 2.0, "[0.0, 1.0)"),
    ("epsilon", 0.0, "(0.0, 1.0]"),
    ("nesterov", 1, "true or false"),
    ("amsgrad", "no", "true or false"),
    ("centered", None, "true or false"),
    ("initial_accumulator_value", -1.0, "[0.0, 1000.0]"),
    ("clipping", "clip", "clipnorm, clipvalue, global_clipnorm, none"),
    ("clip_threshold", 0.0, "(0.0, 1000000.0]"),
    ("batch_size", 0, '"full"'),
    ("batch_size", "all", '"full"'),
    ("batch_size", True, "an integer"),
    ("epochs", 0, "[1, 1000]"),
    ("epochs", 1001, "[1, 1000]"),
    ("epochs", 10.0, "an integer"),
    ("seed", -3, "an integer"),
    ("repeats", 11, "[1, 10]"),
]


@pytest.mark.parametrize(("field", "value", "accepted"), BAD_VALUES)
def test_error_names_field_value_and_accepted(field: str, value: object, accepted: str) -> None:
    extra = {
        ("n_samples", 200): {"dataset": "iris"},
        ("label_noise", 0.1): {"dataset": "sine", "noise": 0.1},
    }.get((field, value), {})
    with pytest.raises(ConfigError) as info:
        validate(ExperimentConfig(**{field: value, **extra}))
    message = str(info.value)
    assert info.value.field == field
    assert message.startswith(f"{field}: ")
    shown = list(value) if isinstance(value, tuple) else value
    assert f"received {shown!r}" in message or f"received {value!r}" in message
    assert accepted in message


def test_every_field_is_covered() -> None:
    covered = {field for field, _, _ in BAD_VALUES}
    assert covered == set(FIELD_NAMES)


def test_noise_on_a_dataset_without_noise() -> None:
    assert not DATASETS["iris"].has_noise
    with pytest.raises(ConfigError, match="'iris' has no noise control"):
        validate(ExperimentConfig(dataset="iris", noise=0.1))


@pytest.mark.parametrize(
    ("dataset", "loss"),
    [
        ("sine", "binary_crossentropy"),
        ("diabetes", "sparse_categorical_crossentropy"),
        ("blobs", "binary_crossentropy"),
    ],
)
def test_loss_must_fit_the_task(dataset: str, loss: str) -> None:
    with pytest.raises(ConfigError, match=f"received '{loss}' for the") as info:
        validate(ExperimentConfig(dataset=dataset, loss=loss))
    assert info.value.field == "loss"


def test_valid_configs_pass() -> None:
    he = {"kernel_initializer": "he_normal"}
    assert validate(ExperimentConfig(**he)) == []
    assert validate(ExperimentConfig(dataset="sine", batch_size="full", **he)) == []
    assert validate(ExperimentConfig(dataset="digits", loss="categorical_crossentropy", **he)) == []
    assert validate(ExperimentConfig(hidden_layers=(), activation="tanh")) == []


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"activation": "sigmoid", "hidden_layers": (8, 8, 8)}, "gradients vanish"),
        ({"activation": "tanh", "hidden_layers": (8, 8, 8, 8)}, "gradients vanish"),
        ({"normalization": "batch", "batch_size": 4}, "fewer than 8 samples"),
        ({"normalization": "batch", "batch_size": 1}, "fewer than 8 samples"),
        ({"dataset": "blobs", "loss": "mse"}, "softmax output with loss='mse'"),
        ({"output_activation": "softmax", "loss": "mse", "dataset": "iris"}, "softmax output"),
        ({"activation": "step"}, "step activation"),
        ({"output_activation": "step", "activation": "tanh"}, "step activation"),
    ],
)
def test_dubious_choices_warn(overrides: dict, fragment: str) -> None:
    base = {"kernel_initializer": "he_uniform", "activation": "tanh", "hidden_layers": (8,)}
    warnings = validate(ExperimentConfig(**{**base, **overrides}))
    assert len(warnings) == 1
    assert fragment in warnings[0]


def test_no_warning_just_below_the_thresholds() -> None:
    base = {"kernel_initializer": "he_uniform"}
    assert validate(ExperimentConfig(activation="sigmoid", hidden_layers=(8, 8), **base)) == []
    assert validate(ExperimentConfig(normalization="batch", batch_size=8, **base)) == []
    assert validate(ExperimentConfig(normalization="batch", batch_size="full", **base)) == []


def test_keras_defaults_do_not_warn() -> None:
    assert validate(ExperimentConfig()) == []
    deep = ExperimentConfig(hidden_layers=(64,) * 10, kernel_initializer="glorot_normal")
    assert validate(deep) == []
