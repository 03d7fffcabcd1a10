"""The experiment configuration: one frozen, JSON-native record per variant.

Field names and defaults follow Keras 3, so a configuration reads like the ``Sequential`` /
``compile`` / ``fit`` calls it stands for. Validation lives in :mod:`experiments.spec.validation`.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from core.activations import ACTIVATIONS
from core.initializers import INITIALIZERS
from core.losses import LOSSES
from core.optimizers import OPTIMIZERS
from experiments.spec.bounded import shorten
from experiments.spec.errors import ConfigError
from experiments.spec.fields import (
    FieldSpec,
    hyperparameter,
    optimizer_default,
    optimizer_params,
    spec,
)

# Options of the config's own choice fields (the core's registries list the rest).
NORMALIZATIONS = ("none", "batch", "layer")
REGULARIZERS = ("none", "l1", "l2", "l1_l2")
CLIPPINGS = ("none", "clipnorm", "clipvalue", "global_clipnorm")
DTYPES = ("float32", "float64")
FULL_BATCH = "full"
SEED_MAX = 2**31 - 1
# Upper limits that keep one shared server responsive.
MAX_HIDDEN_LAYERS, MAX_WIDTH, MAX_EPOCHS, MAX_REPEATS = 10, 512, 1000, 10
# Runs one person may have queued or running, so a comparison's total: 10 seeds buy evidence,
# and the work budget stays what 8 variants x 5 seeds cost (4 variants x 10 seeds, or 8 x 5).
MAX_RUNS_PER_PERSON = 40
MAX_BATCH_SIZE, MAX_LEARNING_RATE = 100_000, 100.0
# The core optimizers and the hyperparameters any of them takes (from their signatures).
OPTIMIZER_PARAMS: dict[str, tuple[str, ...]] = {name: optimizer_params(name) for name in OPTIMIZERS}
DEFAULT_LEARNING_RATE: dict[str, float] = {
    name: optimizer_default(name, "learning_rate") for name in OPTIMIZERS
}
OPTIMIZER_FIELDS = tuple(dict.fromkeys(p for params in OPTIMIZER_PARAMS.values() for p in params))
FROM_TASK, FROM_DATASET = "from the dataset's task", "the dataset's default"


def _dataset_names() -> list[str]:
    # the registry alone (no scikit-learn), and only when asked: workers never import datasets
    from datasets import DATASETS

    return list(DATASETS)


@dataclass(frozen=True)
class ExperimentConfig:
    """Everything needed to reproduce one training run (or ``repeats`` runs with seeds
    ``seed, seed + 1, ...``).

    ``None`` means "from the dataset" (``n_samples``, ``noise``, ``output_activation``, ``loss``)
    or "the optimizer's Keras default" (``learning_rate``). ``batch_size="full"`` is batch gradient
    descent; ``batch_size=1`` is stochastic gradient descent. Each field's metadata holds its
    :class:`~experiments.spec.fields.FieldSpec` (see :func:`field_specs`).
    """

    # data: shared by every variant of a comparison
    dataset: str = spec("moons", "data", "Dataset", "choice", options=_dataset_names)
    n_samples: int | None = spec(None, "data", "Samples", "int", null=FROM_DATASET,
                                 per_dataset=True, step=50)  # fmt: skip
    noise: float | None = spec(None, "data", "Noise", "float", null=FROM_DATASET, step=0.05,
                               per_dataset=True, help="Only for synthetic datasets.")  # fmt: skip
    train_fraction: float = spec(
        1.0, "data", "Training fraction", "float", low=0.0, high=1.0, open_low=True, step=0.05,
        help="Share of the training split kept: small values provoke overfitting (tutorial 5).",
    )  # fmt: skip
    label_noise: float = spec(
        0.0, "data", "Label noise", "float", low=0.0, high=0.5, step=0.05,
        help="Share of the training labels flipped to another class (classification only).",
    )  # fmt: skip
    data_seed: int = spec(0, "data", "Data seed", "int", low=0, high=SEED_MAX)
    # model
    hidden_layers: tuple[int, ...] = spec(
        (16, 16), "model", "Hidden layers", "widths", high=MAX_WIDTH, max_items=MAX_HIDDEN_LAYERS
    )
    activation: str = spec("relu", "model", "Activation", "choice", options=ACTIVATIONS)
    kernel_initializer: str = spec(
        "glorot_uniform", "model", "Initializer", "choice", options=INITIALIZERS
    )
    use_bias: bool = spec(True, "model", "Use bias", "bool")
    normalization: str = spec(
        "none", "model", "Normalization (before activation)", "choice", options=NORMALIZATIONS
    )
    dropout: float = spec(0.0, "model", "Dropout rate", "float", low=0.0, high=1.0, open_high=True,
                          step=0.05)  # fmt: skip
    regularizer: str = spec("none", "model", "Regularizer", "choice", options=REGULARIZERS)
    regularization_factor: float = spec(0.01, "model", "Factor", "float", low=0.0, high=10.0,
                                        format="%.4g")  # fmt: skip
    output_activation: str | None = spec(
        None, "model", "Output activation", "choice", options=ACTIVATIONS, null=FROM_TASK
    )
    loss: str | None = spec(None, "model", "Loss", "choice", options=LOSSES, null=FROM_TASK)
    dtype: str = spec("float32", "model", "Float type", "choice", options=DTYPES)
    # optimizer: each hyperparameter's default is the core optimizers' own (Keras 3's)
    optimizer: str = spec("adam", "optimizer", "Optimizer", "choice", options=OPTIMIZERS)
    learning_rate: float | None = spec(
        None, "optimizer", "Learning rate", "float", low=0.0, high=MAX_LEARNING_RATE,
        open_low=True, null="the optimizer's Keras default", format="%.5g",
    )  # fmt: skip
    momentum: float = hyperparameter("momentum", low=0.0, high=1.0, open_high=True, format="%.3g")
    nesterov: bool = hyperparameter("nesterov", "bool")
    rho: float = hyperparameter("rho", low=0.0, high=1.0, open_high=True, format="%.3g")
    beta_1: float = hyperparameter("beta_1", low=0.0, high=1.0, open_high=True, format="%.4g")
    beta_2: float = hyperparameter("beta_2", low=0.0, high=1.0, open_high=True, format="%.5g")
    epsilon: float = hyperparameter("epsilon", low=0.0, high=1.0, open_low=True, format="%.2g")
    amsgrad: bool = hyperparameter("amsgrad", "bool")
    centered: bool = hyperparameter("centered", "bool")
    initial_accumulator_value: float = hyperparameter("initial_accumulator_value", low=0.0,
                                                      high=1e3, format="%.3g")  # fmt: skip
    clipping: str = spec("none", "optimizer", "Clipping", "choice", options=CLIPPINGS)
    clip_threshold: float = spec(1.0, "optimizer", "Clip threshold", "float", low=0.0, high=1e6,
                                 open_low=True)  # fmt: skip
    # training
    batch_size: int | str = spec(32, "training", "Batch", "batch", high=MAX_BATCH_SIZE)
    epochs: int = spec(100, "training", "Epochs", "int", low=1, high=MAX_EPOCHS)
    seed: int = spec(0, "training", "Seed", "int", low=0, high=SEED_MAX)
    repeats: int = spec(1, "training", "Seeds (repeats)", "int", low=1, high=MAX_REPEATS)

    def __post_init__(self) -> None:
        # JSON gives lists; a tuple keeps the dataclass hashable and the id independent of type.
        if isinstance(self.hidden_layers, list):
            object.__setattr__(self, "hidden_layers", tuple(self.hidden_layers))

    @property
    def depth(self) -> int:
        """Number of hidden layers."""
        return len(self.hidden_layers)

    @property
    def width(self) -> int:
        """Widest hidden layer (0 without hidden layers)."""
        return max(self.hidden_layers, default=0)

    @classmethod
    def from_depth_width(cls, depth: int, width: int, **kwargs: Any) -> ExperimentConfig:
        """Build a config with ``depth`` hidden layers of ``width`` units each.

        Both are checked against the ``hidden_layers`` limits before the tuple is built: a
        depth of 10**8 must be refused, not allocated.
        """
        limits = (("depth", depth, MAX_HIDDEN_LAYERS, 0), ("width", width, MAX_WIDTH, 1))
        for name, value, high, low in limits:
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise ConfigError(
                    name, f"received {shorten(value)}; accepted: an integer in [{low}, {high}]",
                    "range", value=shorten(value), low=low, high=high, kind="int",
                )  # fmt: skip
        return cls(hidden_layers=(width,) * depth, **kwargs)

    def to_dict(self) -> dict[str, Any]:
        """The fields as a JSON-native dict (``hidden_layers`` as a list)."""
        out = {f.name: getattr(self, f.name) for f in public_fields()}
        if isinstance(self.hidden_layers, tuple | list):  # else invalid: validation names it
            out["hidden_layers"] = list(self.hidden_layers)
        return out

    def to_json(self) -> str:
        """The config as JSON, keys in field order."""
        return json.dumps(self.to_dict())

    def canonical(self) -> ExperimentConfig:
        """An equivalent config with every setting that cannot matter made explicit or reset.

        Hyperparameters the chosen optimizer does not take, the clip threshold without clipping,
        the regularization factor without a regularizer and ``repeats`` (a property of the run
        set, not of one run) are reset to their defaults; an unset learning rate, sample count or
        noise level becomes the value it stands for. So two configs that train identically share
        one :attr:`config_id`.
        """
        from datasets import DATASETS

        changes = self._optimizer_changes()
        # an invalid value (a list, a number) has no entry; validation refuses it by name
        info = DATASETS.get(self.dataset) if isinstance(self.dataset, str) else None
        if info is not None and self.n_samples is None:
            changes["n_samples"] = info.default_samples
        if info is not None and info.has_noise and self.noise is None:
            changes["noise"] = info.default_noise
        return dataclasses.replace(self, **changes)

    def _optimizer_changes(self) -> dict[str, Any]:
        defaults = ExperimentConfig()
        changes: dict[str, Any] = {"repeats": 1}
        known = isinstance(self.optimizer, str) and self.optimizer in OPTIMIZER_PARAMS
        used = OPTIMIZER_PARAMS[self.optimizer] if known else OPTIMIZER_FIELDS
        for name in OPTIMIZER_FIELDS:
            if name not in used:
                changes[name] = getattr(defaults, name)
        if self.learning_rate is None and known:
            changes["learning_rate"] = DEFAULT_LEARNING_RATE[self.optimizer]
        if self.clipping == "none":
            changes["clip_threshold"] = defaults.clip_threshold
        if self.regularizer == "none":
            changes["regularization_factor"] = defaults.regularization_factor
        return changes

    @property
    def config_id(self) -> str:
        """10 hex characters of the SHA-256 of the canonical JSON (sorted keys)."""
        data = self.canonical().to_dict()
        for name in _FLOAT_FIELDS:
            if isinstance(data[name], int) and not isinstance(data[name], bool):
                data[name] = float(data[name])
        # default=repr: an invalid value from the Python API still hashes (validation names it)
        text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=repr)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]

    def optimizer_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for the chosen optimizer: its own hyperparameters and clipping."""
        values = {**self.to_dict(), **self._optimizer_changes()}
        kwargs = {name: values[name] for name in OPTIMIZER_PARAMS.get(self.optimizer, ())}
        if self.clipping != "none":
            kwargs[self.clipping] = self.clip_threshold
        return kwargs


def public_fields() -> tuple[dataclasses.Field, ...]:
    """The config's fields, in declaration order."""
    return dataclasses.fields(ExperimentConfig)


@functools.cache
def field_specs() -> Mapping[str, FieldSpec]:
    """Every field's :class:`~experiments.spec.fields.FieldSpec`, in declaration order.

    Built once (the fields are fixed at import; validation reads it for every field of every
    config) and read-only, so no caller can change what the others see.
    """
    return MappingProxyType({f.name: f.metadata["spec"] for f in public_fields()})


def fields_of(group: str) -> tuple[str, ...]:
    """The names of the fields in ``group`` (``data``, ``model``, ``optimizer``, ``training``)."""
    return tuple(name for name, field in field_specs().items() if field.group == group)


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in public_fields())
DATA_FIELDS = fields_of("data")
_FLOAT_FIELDS = tuple(
    f.name for f in public_fields() if "float" in str(f.type) and "int" not in str(f.type)
)


def config_from_dict(data: dict[str, Any]) -> ExperimentConfig:
    """Build a config from a dict such as :meth:`ExperimentConfig.to_dict` returns.

    Missing keys take their defaults; unknown keys raise :class:`ConfigError` listing valid ones.
    Values are checked by :func:`experiments.spec.validation.validate`, not here.
    """
    if not isinstance(data, dict):
        raise ConfigError("config", f"expected a JSON object. Received: {type(data).__name__}",
                          "not_object", value=type(data).__name__)  # fmt: skip
    unknown = sorted(set(data) - set(FIELD_NAMES))
    if unknown:
        raise ConfigError(
            unknown[0],
            f"unknown field(s) {', '.join(map(repr, unknown))}. Accepted: {', '.join(FIELD_NAMES)}",
            "unknown_field", value=shorten(unknown), accepted=", ".join(FIELD_NAMES),
        )  # fmt: skip
    return ExperimentConfig(**data)


def config_from_json(text: str) -> ExperimentConfig:
    """Inverse of :meth:`ExperimentConfig.to_json`."""
    return config_from_dict(json.loads(text))
