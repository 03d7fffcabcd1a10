"""The experiment configuration: one frozen, JSON-native record per variant.

Field names and defaults follow Keras 3, so a configuration reads like the ``Sequential`` /
``compile`` / ``fit`` calls it stands for. Validation lives in :mod:`experiments.spec.validation`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Any


class ConfigError(ValueError):
    """A configuration value that cannot be used.

    Parameters
    ----------
    field : str
        The offending field name, as the dashboard's forms and the JSON files spell it.
    message : str
        What was received and what is accepted.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


# The hyperparameters each Keras 3 optimizer takes (besides clipping), with Keras's default
# learning rate; the rest are reset in the canonical form so they cannot change a config's id.
OPTIMIZER_PARAMS: dict[str, tuple[str, ...]] = {
    "sgd": ("learning_rate", "momentum", "nesterov"),
    "rmsprop": ("learning_rate", "rho", "momentum", "epsilon", "centered"),
    "adam": ("learning_rate", "beta_1", "beta_2", "epsilon", "amsgrad"),
    "adagrad": ("learning_rate", "initial_accumulator_value", "epsilon"),
}
DEFAULT_LEARNING_RATE: dict[str, float] = {
    "sgd": 0.01,
    "rmsprop": 0.001,
    "adam": 0.001,
    "adagrad": 0.001,
}
OPTIMIZER_FIELDS = (
    "learning_rate",
    "momentum",
    "nesterov",
    "rho",
    "beta_1",
    "beta_2",
    "epsilon",
    "amsgrad",
    "centered",
    "initial_accumulator_value",
)
NORMALIZATIONS = ("none", "batch", "layer")
REGULARIZERS = ("none", "l1", "l2", "l1_l2")
CLIPPINGS = ("none", "clipnorm", "clipvalue", "global_clipnorm")
DTYPES = ("float32", "float64")
FULL_BATCH = "full"


@dataclass(frozen=True)
class ExperimentConfig:
    """Everything needed to reproduce one training run (or ``repeats`` runs with seeds
    ``seed, seed + 1, ...``).

    ``None`` means "from the dataset" (``n_samples``, ``noise``, ``output_activation``, ``loss``)
    or "the optimizer's Keras default" (``learning_rate``). ``batch_size="full"`` is batch gradient
    descent; ``batch_size=1`` is stochastic gradient descent.
    """

    # data
    dataset: str = "moons"
    n_samples: int | None = None
    noise: float | None = None
    train_fraction: float = 1.0
    label_noise: float = 0.0
    data_seed: int = 0
    # model
    hidden_layers: tuple[int, ...] = (16, 16)
    activation: str = "relu"
    kernel_initializer: str = "glorot_uniform"
    use_bias: bool = True
    normalization: str = "none"
    dropout: float = 0.0
    regularizer: str = "none"
    regularization_factor: float = 0.01
    output_activation: str | None = None
    loss: str | None = None
    dtype: str = "float32"
    # optimizer
    optimizer: str = "adam"
    learning_rate: float | None = None
    momentum: float = 0.0
    nesterov: bool = False
    rho: float = 0.9
    beta_1: float = 0.9
    beta_2: float = 0.999
    epsilon: float = 1e-7
    amsgrad: bool = False
    centered: bool = False
    initial_accumulator_value: float = 0.1
    clipping: str = "none"
    clip_threshold: float = 1.0
    # training
    batch_size: int | str = 32
    epochs: int = 100
    seed: int = 0
    repeats: int = 1

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
        """Build a config with ``depth`` hidden layers of ``width`` units each."""
        for name, value in (("depth", depth), ("width", width)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ConfigError(name, f"expected a non-negative integer. Received: {value!r}")
        return cls(hidden_layers=(width,) * depth, **kwargs)

    def to_dict(self) -> dict[str, Any]:
        """The fields as a JSON-native dict (``hidden_layers`` as a list)."""
        out = {f.name: getattr(self, f.name) for f in public_fields()}
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
        from datasets import DATASETS  # the registry alone: no scikit-learn

        changes = self._optimizer_changes()
        info = DATASETS.get(self.dataset)
        if info is not None and self.n_samples is None:
            changes["n_samples"] = info.default_samples
        if info is not None and info.has_noise and self.noise is None:
            changes["noise"] = info.default_noise
        return dataclasses.replace(self, **changes)

    def _optimizer_changes(self) -> dict[str, Any]:
        defaults = ExperimentConfig()
        changes: dict[str, Any] = {"repeats": 1}
        used = OPTIMIZER_PARAMS.get(self.optimizer, OPTIMIZER_FIELDS)
        for name in OPTIMIZER_FIELDS:
            if name not in used:
                changes[name] = getattr(defaults, name)
        if self.learning_rate is None and self.optimizer in DEFAULT_LEARNING_RATE:
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
        text = json.dumps(data, sort_keys=True, separators=(",", ":"))
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


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in public_fields())
_FLOAT_FIELDS = tuple(
    f.name for f in public_fields() if "float" in str(f.type) and "int" not in str(f.type)
)


def config_from_dict(data: dict[str, Any]) -> ExperimentConfig:
    """Build a config from a dict such as :meth:`ExperimentConfig.to_dict` returns.

    Missing keys take their defaults; unknown keys raise :class:`ConfigError` listing valid ones.
    Values are checked by :func:`experiments.spec.validation.validate`, not here.
    """
    if not isinstance(data, dict):
        raise ConfigError("config", f"expected a JSON object. Received: {type(data).__name__}")
    unknown = sorted(set(data) - set(FIELD_NAMES))
    if unknown:
        raise ConfigError(
            unknown[0],
            f"unknown field(s) {', '.join(map(repr, unknown))}. Accepted: {', '.join(FIELD_NAMES)}",
        )
    return ExperimentConfig(**data)


def config_from_json(text: str) -> ExperimentConfig:
    """Inverse of :meth:`ExperimentConfig.to_json`."""
    return config_from_dict(json.loads(text))
