"""Check a config before it reaches a worker: errors raise, dubious choices warn.

Every error is a :class:`~experiments.spec.config.ConfigError` naming the field, the received value
and what is accepted. The upper limits keep one shared server responsive.
"""

from __future__ import annotations

from typing import Any

from core.activations import ACTIVATIONS
from core.initializers import INITIALIZERS
from core.losses import LOSSES
from datasets import DATASETS
from experiments.spec.config import (
    CLIPPINGS,
    DTYPES,
    FULL_BATCH,
    NORMALIZATIONS,
    OPTIMIZER_PARAMS,
    REGULARIZERS,
    ConfigError,
    ExperimentConfig,
)
from experiments.spec.tasks import resolve_head

MAX_HIDDEN_LAYERS = 10
MAX_WIDTH = 512
MAX_EPOCHS = 1000
MAX_REPEATS = 5
MAX_BATCH_SIZE = 100_000
MAX_LEARNING_RATE = 100.0
RELU_FAMILY = ("relu", "leaky_relu")
SATURATING = ("sigmoid", "tanh")
GLOROT = ("glorot_uniform", "glorot_normal", "xavier_uniform", "xavier_normal")
DEEP = 3  # the seed's vanishing-gradient demo: sigmoid fails from about three hidden layers


def _fail(field: str, value: Any, accepted: str) -> ConfigError:
    return ConfigError(field, f"received {value!r}; accepted: {accepted}")


def _choice(config: ExperimentConfig, field: str, options: Any) -> None:
    value = getattr(config, field)
    if not isinstance(value, str) or value not in options:
        raise _fail(field, value, "one of " + ", ".join(sorted(options)))


def _number(config: ExperimentConfig, field: str, low: float, high: float, **kw: Any) -> None:
    """Check ``low <= value <= high`` (``open_low``/``open_high`` exclude the bound)."""
    value = getattr(config, field)
    integer = kw.get("integer", False)
    kinds = (int,) if integer else (int, float)
    ok = isinstance(value, kinds) and not isinstance(value, bool)
    if ok:
        above = value > low if kw.get("open_low") else value >= low
        below = value < high if kw.get("open_high") else value <= high
        ok = above and below
    if not ok:
        left = "(" if kw.get("open_low") else "["
        right = ")" if kw.get("open_high") else "]"
        kind = "an integer" if integer else "a number"
        raise _fail(field, value, f"{kind} in {left}{low}, {high}{right}")


def _flag(config: ExperimentConfig, field: str) -> None:
    value = getattr(config, field)
    if not isinstance(value, bool):
        raise _fail(field, value, "true or false")


def _check_data(config: ExperimentConfig) -> None:
    _choice(config, "dataset", DATASETS)
    info = DATASETS[config.dataset]
    if config.n_samples is not None:
        _number(config, "n_samples", info.min_samples, info.max_samples, integer=True)
    if config.noise is not None:
        if not info.has_noise:
            raise _fail("noise", config.noise, f"null: {config.dataset!r} has no noise control")
        _number(config, "noise", 0.0, info.max_noise)
    _number(config, "train_fraction", 0.0, 1.0, open_low=True)
    _number(config, "label_noise", 0.0, 0.5)
    if config.label_noise and info.task == "regression":
        raise _fail("label_noise", config.label_noise, f"0 for the regression dataset "
                    f"{config.dataset!r} (only class labels can be flipped)")  # fmt: skip
    _number(config, "data_seed", 0, 2**31 - 1, integer=True)


def _check_model(config: ExperimentConfig) -> None:
    layers = config.hidden_layers
    if not isinstance(layers, tuple) or len(layers) > MAX_HIDDEN_LAYERS:
        raise _fail("hidden_layers", layers, f"a list of at most {MAX_HIDDEN_LAYERS} widths")
    for width in layers:
        if not isinstance(width, int) or isinstance(width, bool) or not 1 <= width <= MAX_WIDTH:
            raise _fail("hidden_layers", list(layers), f"widths are integers in [1, {MAX_WIDTH}]")
    _choice(config, "activation", ACTIVATIONS)
    _choice(config, "kernel_initializer", INITIALIZERS)
    _flag(config, "use_bias")
    _choice(config, "normalization", NORMALIZATIONS)
    _number(config, "dropout", 0.0, 1.0, open_high=True)
    _choice(config, "regularizer", REGULARIZERS)
    _number(config, "regularization_factor", 0.0, 10.0)
    if config.output_activation is not None:
        _choice(config, "output_activation", ACTIVATIONS)
    if config.loss is not None:
        _choice(config, "loss", LOSSES)
    _choice(config, "dtype", DTYPES)


def _check_optimizer(config: ExperimentConfig) -> None:
    _choice(config, "optimizer", OPTIMIZER_PARAMS)
    if config.learning_rate is not None:
        _number(config, "learning_rate", 0.0, MAX_LEARNING_RATE, open_low=True)
    for name in ("momentum", "rho", "beta_1", "beta_2"):
        _number(config, name, 0.0, 1.0, open_high=True)
    _number(config, "epsilon", 0.0, 1.0, open_low=True)
    _number(config, "initial_accumulator_value", 0.0, 1e3)
    for name in ("nesterov", "amsgrad", "centered"):
        _flag(config, name)
    _choice(config, "clipping", CLIPPINGS)
    _number(config, "clip_threshold", 0.0, 1e6, open_low=True)


def _check_training(config: ExperimentConfig) -> None:
    if config.batch_size != FULL_BATCH:
        value = config.batch_size
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or not 1 <= value <= MAX_BATCH_SIZE
        ):
            accepted = (
                f'"{FULL_BATCH}" (batch gradient descent) or an integer in [1, {MAX_BATCH_SIZE}]'
            )
            raise _fail("batch_size", value, accepted)
    _number(config, "epochs", 1, MAX_EPOCHS, integer=True)
    _number(config, "seed", 0, 2**31 - 1, integer=True)
    _number(config, "repeats", 1, MAX_REPEATS, integer=True)


def _warnings(config: ExperimentConfig, output_activation: str, loss: str) -> list[str]:
    found = []
    if config.activation in SATURATING and config.depth >= DEEP:
        found.append(
            f"activation={config.activation!r} with {config.depth} hidden layers: gradients "
            "vanish in deep sigmoid/tanh nets (its derivative is at most "
            f"{'0.25' if config.activation == 'sigmoid' else '1'}); ReLU is the usual choice"
        )
    small_batch = isinstance(config.batch_size, int) and config.batch_size < 8
    if config.normalization == "batch" and small_batch:
        found.append(
            f"normalization='batch' with batch_size={config.batch_size}: batch statistics "
            "of fewer than 8 samples are noise (and undefined for 1); use 'layer'"
        )
    if output_activation == "softmax" and loss == "mse":
        found.append(
            "softmax output with loss='mse': cross-entropy is the loss that matches softmax "
            "(its gradient does not vanish when the model is confidently wrong)"
        )
    if config.kernel_initializer in GLOROT and config.activation in RELU_FAMILY and config.depth:
        found.append(
            f"kernel_initializer={config.kernel_initializer!r} with activation="
            f"{config.activation!r}: Glorot assumes a symmetric activation; He initialization "
            "(he_normal, he_uniform) suits ReLU"
        )
    if "step" in (config.activation, output_activation):
        found.append(
            "the step activation has a zero derivative almost everywhere, so backpropagation "
            "cannot train the layers before it"
        )
    return found


def validate(config: ExperimentConfig) -> list[str]:
    """Check every field; return warnings for legal but dubious choices.

    Parameters
    ----------
    config : ExperimentConfig

    Returns
    -------
    list of str
        One sentence per warning (empty when nothing is dubious).

    Raises
    ------
    ConfigError
        For the first invalid field, naming it, the received value and what is accepted.
    """
    if not isinstance(config, ExperimentConfig):
        raise ConfigError("config", f"expected an ExperimentConfig. Received: {config!r}")
    _check_data(config)
    _check_model(config)
    _check_optimizer(config)
    _check_training(config)
    head = resolve_head(config, DATASETS[config.dataset])
    return _warnings(config, head.output_activation, head.loss)
