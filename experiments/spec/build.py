"""Turn a config into a compiled ``core.models.Sequential`` (and its Keras-style summary)."""

from __future__ import annotations

from typing import Any

from core import optimizers, regularizers
from core.layers import Activation, BatchNormalization, Dense, Dropout, LayerNormalization
from core.models import Sequential
from experiments.spec.config import FULL_BATCH, ExperimentConfig
from experiments.spec.tasks import encode_targets, resolve_head

NORMALIZATION_LAYERS = {"batch": BatchNormalization, "layer": LayerNormalization}


def kernel_regularizer(config: ExperimentConfig) -> regularizers.Regularizer | None:
    """The Keras regularizer for every Dense kernel, or ``None``."""
    factor = config.regularization_factor
    if config.regularizer == "l1":
        return regularizers.L1(l1=factor)
    if config.regularizer == "l2":
        return regularizers.L2(l2=factor)
    if config.regularizer == "l1_l2":
        return regularizers.L1L2(l1=factor, l2=factor)
    return None


def hidden_block(config: ExperimentConfig, width: int, input_dim: int | None) -> list[Any]:
    """One hidden layer: Dense, then [normalization, Activation] or the Dense's own activation,
    then Dropout. Normalization sits between Dense and its activation, as the seed teaches."""
    normalized = config.normalization != "none"
    dense = Dense(
        width,
        activation=None if normalized else config.activation,
        use_bias=config.use_bias,
        kernel_initializer=config.kernel_initializer,
        kernel_regularizer=kernel_regularizer(config),
        input_dim=input_dim,
    )
    block: list[Any] = [dense]
    if normalized:
        block += [NORMALIZATION_LAYERS[config.normalization](), Activation(config.activation)]
    if config.dropout > 0:
        block.append(Dropout(config.dropout))
    return block


def build_model(config: ExperimentConfig, dataset: Any, seed: int | None = None) -> Sequential:
    """A compiled model for ``config`` on ``dataset``.

    Parameters
    ----------
    config : ExperimentConfig
    dataset : Dataset or DatasetInfo
        Supplies ``task``, ``n_features`` and ``n_classes``.
    seed : int, optional
        Model seed (initialisation, shuffling, dropout); default ``config.seed``. Repeats pass
        ``config.seed + k``.

    Returns
    -------
    Sequential
        Built for inputs ``(n, n_features)`` and compiled with the config's optimizer, loss and
        ``metrics=["accuracy"]`` for classification.
    """
    head = resolve_head(config, dataset)
    model = Sequential(seed=config.seed if seed is None else seed, dtype=config.dtype)
    input_dim: int | None = dataset.n_features
    for width in config.hidden_layers:
        for layer in hidden_block(config, width, input_dim):
            model.add(layer)
        input_dim = None
    model.add(
        Dense(
            head.units(dataset.n_classes),
            activation=head.output_activation,
            use_bias=config.use_bias,
            kernel_initializer=config.kernel_initializer,
            kernel_regularizer=kernel_regularizer(config),
            input_dim=input_dim,
        )
    )
    optimizer = optimizers.get(config.optimizer, **config.optimizer_kwargs())
    model.compile(optimizer=optimizer, loss=head.loss, metrics=head.metrics)
    model.build()
    return model


def batch_size_for(config: ExperimentConfig, n_train: int) -> int:
    """The config's batch regime as a Keras ``batch_size``: ``"full"`` is the whole training set."""
    return n_train if config.batch_size == FULL_BATCH else min(config.batch_size, n_train)


def fit_model(
    model: Sequential, config: ExperimentConfig, data: Any, callbacks: list[Any] | None = None
) -> Any:
    """Train a :func:`build_model` model on ``data`` as every run does; returns the ``History``.

    ``data`` has the splits of a ``Dataset`` (``x_train``, ``y_train``, ``x_val``, ``y_val``) and
    ``n_classes``; targets are encoded for the config's loss, the validation split is evaluated
    after each epoch.
    """
    head = resolve_head(config, data)
    return model.fit(
        data.x_train,
        encode_targets(data.y_train, head, data.n_classes),
        batch_size=batch_size_for(config, len(data.x_train)),
        epochs=config.epochs,
        validation_data=(data.x_val, encode_targets(data.y_val, head, data.n_classes)),
        callbacks=callbacks,
    )


def model_summary(config: ExperimentConfig) -> str:
    """Keras-style ``model.summary()`` text for ``config`` on its named dataset (no data loaded)."""
    from datasets import DATASETS

    return build_model(config, DATASETS[config.dataset]).summary(print_fn=None)
