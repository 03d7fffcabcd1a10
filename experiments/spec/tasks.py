"""The output layer and loss a task implies, and the target encoding that loss expects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from experiments.spec.config import ExperimentConfig
from experiments.spec.errors import ConfigError

ACCEPTED_LOSSES = {
    "binary": (
        "binary_crossentropy",
        "categorical_crossentropy",
        "sparse_categorical_crossentropy",
        "mse",
        "mae",
    ),
    "multiclass": ("categorical_crossentropy", "sparse_categorical_crossentropy", "mse", "mae"),
    "regression": ("mse", "mae"),
}
CATEGORICAL = ("categorical_crossentropy", "sparse_categorical_crossentropy")


@dataclass(frozen=True)
class Head:
    """What sits on top of the hidden layers.

    ``encoding`` is how targets are fed to the loss: ``"labels"`` integer labels ``(n,)``,
    ``"onehot"`` ``(n, n_classes)``, ``"column"`` a float column ``(n, 1)``.
    """

    output_activation: str
    loss: str
    encoding: str
    one_unit: bool

    def units(self, n_classes: int | None) -> int:
        """Output width for a dataset with ``n_classes`` classes (``None`` for regression)."""
        return 1 if self.one_unit else int(n_classes or 1)

    @property
    def metrics(self) -> list[str]:
        """Keras's ``metrics=["accuracy"]`` for classification, nothing for regression."""
        return [] if self.encoding == "regression" else ["accuracy"]


def resolve_head(config: ExperimentConfig, info: Any) -> Head:
    """Resolve ``output_activation`` and ``loss`` (``None`` = from the task) for a dataset.

    Parameters
    ----------
    config : ExperimentConfig
    info : DatasetInfo or Dataset
        Anything with a ``task`` attribute (``binary``, ``multiclass`` or ``regression``).

    Raises
    ------
    ConfigError
        When the loss does not fit the task (e.g. cross-entropy on a regression target).
    """
    # the task's own head is the datasets' fact (Dataset.output_*); the registry package is light
    # (no scikit-learn), so a worker may import it here, when it first resolves a head
    from datasets.dataset import output_head

    task = info.task
    _, default_activation, default_loss = output_head(task, 2)
    loss = config.loss or default_loss
    if loss not in ACCEPTED_LOSSES[task]:
        raise ConfigError(
            "loss",
            f"received {loss!r} for the {task} dataset {config.dataset!r}; accepted: "
            + ", ".join(ACCEPTED_LOSSES[task]),
            "loss_task", value=repr(loss), task=task, dataset=config.dataset,
            accepted=", ".join(ACCEPTED_LOSSES[task]),
        )  # fmt: skip
    if task == "regression":
        return Head(config.output_activation or "linear", loss, "regression", True)
    if loss in CATEGORICAL:
        encoding = "labels" if loss.startswith("sparse") else "onehot"
        return Head(config.output_activation or "softmax", loss, encoding, False)
    if task == "binary":
        return Head(config.output_activation or "sigmoid", loss, "column", True)
    return Head(config.output_activation or default_activation, loss, "onehot", False)


def encode_targets(y: np.ndarray, head: Head, n_classes: int | None) -> np.ndarray:
    """Encode targets ``y`` (labels ``(n,)`` or regression values ``(n, 1)``) for ``head.loss``.

    Returns
    -------
    ndarray
        ``(n,)`` int labels, ``(n, n_classes)`` one-hot floats, or an ``(n, 1)`` float column.
    """
    if head.encoding == "regression":
        return np.asarray(y, dtype=np.float64).reshape(len(y), -1)
    labels = np.asarray(y).astype(np.int64).reshape(-1)
    if head.encoding == "labels":
        return labels
    if head.encoding == "column":
        return labels.astype(np.float64).reshape(-1, 1)
    onehot = np.zeros((labels.size, int(n_classes)), dtype=np.float64)
    onehot[np.arange(labels.size), labels] = 1.0
    return onehot
