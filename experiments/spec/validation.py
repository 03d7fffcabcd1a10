"""Check a config before it reaches a worker: errors raise, dubious choices warn.

Every error is a :class:`~experiments.spec.errors.ConfigError` naming the field, the received value
(shortened) and what is accepted. What each field accepts is read from its
:class:`~experiments.spec.fields.FieldSpec`; this module adds only the rules that join two fields
or a field and the dataset.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datasets import DATASETS, DatasetInfo
from experiments.spec.bounded import shorten
from experiments.spec.config import ExperimentConfig, field_specs
from experiments.spec.errors import ConfigError, ConfigWarning
from experiments.spec.tasks import resolve_head

SATURATING = ("sigmoid", "tanh")
DEEP = 3  # the seed's vanishing-gradient demo: sigmoid fails from about three hidden layers


def _fail(field: str, value: Any, accepted: str, rule: str = "field", **params: Any) -> ConfigError:
    """The error naming ``field``, the value received (shortened) and what is accepted; ``rule``
    and ``params`` let the dashboard word it in another language (``field``: the spec's own
    ``accepted()``)."""
    text = shorten(value)
    return ConfigError(field, f"received {text}; accepted: {accepted}", rule, value=text, **params)


def _check_field(name: str, value: Any) -> None:
    """Refuse ``value`` unless the field's spec admits it."""
    field = field_specs()[name]
    if field.admits(value):
        return
    if field.kind == "widths" and isinstance(value, tuple) and len(value) <= field.max_items:
        high = int(field.high)
        raise _fail(name, list(value), f"widths are integers in [1, {high}]", "widths", high=high)
    raise _fail(name, list(value) if isinstance(value, tuple) else value, field.accepted())


def dataset_range(field: str, info: DatasetInfo) -> tuple[float, float]:
    """The range ``field`` (a ``per_dataset`` field) accepts for the dataset ``info``."""
    return {
        "n_samples": (info.min_samples, info.max_samples),
        "noise": (0.0, info.max_noise),
    }[field]


def widest_range(field: str) -> tuple[float, float]:
    """The range of a ``per_dataset`` field over every dataset (what a form accepts at all)."""
    lows, highs = zip(*(dataset_range(field, info) for info in DATASETS.values()), strict=True)
    return min(lows), max(highs)


def _dataset_problems(config: ExperimentConfig, info: DatasetInfo) -> Iterator[ConfigError]:
    """The per-dataset fields within the chosen dataset's own range, and its generator's knobs."""
    if config.noise is not None and not info.has_noise:
        yield _fail("noise", config.noise, f"null: {config.dataset!r} has no noise control",
                    "no_control", dataset=config.dataset, control="noise")  # fmt: skip
    for name, field in field_specs().items():
        value = getattr(config, name)
        if field.per_dataset and value is not None and (name != "noise" or info.has_noise):
            low, high = dataset_range(name, info)
            if not field.in_range(value, low, high):
                kind = "an integer" if field.kind == "int" else "a number"
                yield _fail(name, value, f"{kind} in [{low}, {high}]", "range", low=low,
                            high=high, kind=field.kind)  # fmt: skip
        if field.knob and value is not None:
            from datasets.synthetic import knobs  # scikit-learn: only when a knob is set

            if name not in knobs(config.dataset):
                yield _fail(name, value, f"null: {config.dataset!r} has no {name} control",
                            "no_control", dataset=config.dataset, control=name)  # fmt: skip
    if config.label_noise and info.task == "regression":
        yield _fail("label_noise", config.label_noise, f"0 for the regression dataset "
                    f"{config.dataset!r} (only class labels can be flipped)",
                    "label_noise_regression", dataset=config.dataset)  # fmt: skip


def problems(config: ExperimentConfig) -> list[ConfigError]:
    """Every invalid field of ``config``, at most one error each, in field order.

    A form shows them all at once; :func:`validate` raises the first.
    """
    found: dict[str, ConfigError] = {}
    for name in field_specs():
        try:
            _check_field(name, getattr(config, name))
        except ConfigError as error:
            found[name] = error
    if "dataset" not in found:
        for error in _dataset_problems(config, DATASETS[config.dataset]):
            found.setdefault(error.field, error)
    if not found:
        try:
            head = resolve_head(config, DATASETS[config.dataset])
        except ConfigError as error:
            found[error.field] = error
        else:
            if head.output_activation == "softmax" and head.one_unit:
                # softmax over one unit is 1 whatever its input: nothing to learn from
                found["output_activation"] = _fail(
                    "output_activation",
                    "softmax",
                    "sigmoid (or null) for a one-unit output: "
                    "softmax over one unit always outputs 1, so the model cannot learn",
                    "softmax_one_unit",
                )
    order = list(field_specs())
    return sorted(found.values(), key=lambda error: order.index(error.field))


def _warnings(config: ExperimentConfig, output_activation: str, loss: str) -> list[ConfigWarning]:
    """Warnings for real traps only. Keras's own default, relu with glorot_uniform, trains well
    at every depth the form allows (He et al. saw Glorot fail with ReLU at 30 layers), so it is
    not flagged: a warning on every default variant drowned the ones that matter."""
    found = []
    if config.activation in SATURATING and config.depth >= DEEP:
        bound = "0.25" if config.activation == "sigmoid" else "1"
        found.append(ConfigWarning(
            f"activation={config.activation!r} with {config.depth} hidden layers: gradients "
            f"vanish in deep sigmoid/tanh nets (its derivative is at most {bound}); ReLU is the "
            "usual choice",
            "saturating", activation=config.activation, depth=config.depth, bound=bound,
        ))  # fmt: skip
    small_batch = isinstance(config.batch_size, int) and config.batch_size < 8
    if config.normalization == "batch" and small_batch:
        found.append(ConfigWarning(
            f"normalization='batch' with batch_size={config.batch_size}: batch statistics "
            "of fewer than 8 samples are noise (and undefined for 1); use 'layer'",
            "small_batch_norm", batch_size=config.batch_size,
        ))  # fmt: skip
    if output_activation == "softmax" and loss == "mse":
        found.append(ConfigWarning(
            "softmax output with loss='mse': cross-entropy is the loss that matches softmax "
            "(its gradient does not vanish when the model is confidently wrong)",
            "softmax_mse",
        ))  # fmt: skip
    if "step" in (config.activation, output_activation):
        found.append(ConfigWarning(
            "the step activation has a zero derivative almost everywhere, so backpropagation "
            "cannot train the layers before it",
            "step",
        ))  # fmt: skip
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
        raise ConfigError("config", f"expected an ExperimentConfig. Received: {shorten(config)}",
                          "not_object", value=shorten(config))  # fmt: skip
    found = problems(config)
    if found:
        raise found[0]
    head = resolve_head(config, DATASETS[config.dataset])
    return _warnings(config, head.output_activation, head.loss)
