"""``to_keras_code``: the Keras 3 script equivalent to a config, in the tutorial's style."""

from __future__ import annotations

import json

from core.optimizers import OPTIMIZERS
from experiments.spec.config import FULL_BATCH, ExperimentConfig
from experiments.spec.tasks import resolve_head

LABEL_COMMENT = "gradlab variant: "  # then the label as a JSON string
# Keras knows these by their Glorot names only
KERAS_INITIALIZERS = {"xavier_uniform": "glorot_uniform", "xavier_normal": "glorot_normal"}
KERAS_REGULARIZERS = {"l1": "L1(l1={f})", "l2": "L2(l2={f})", "l1_l2": "L1L2(l1={f}, l2={f})"}
BUNDLED = {
    "iris": "load_iris",
    "wine": "load_wine",
    "breast_cancer": "load_breast_cancer",
    "digits": "load_digits",
    "diabetes": "load_diabetes",
}


def _source_code(config: ExperimentConfig, info: object, n: int, noise: float) -> str:
    """Lines that leave the raw data in ``x``, ``y``."""
    from datasets.synthetic import KERAS_RECIPES, knobs

    if config.dataset in KERAS_RECIPES:
        values = {k: default if getattr(config, k) is None else getattr(config, k)
                  for k, default in knobs(config.dataset).items()}  # fmt: skip
        return KERAS_RECIPES[config.dataset].format(
            n=n, noise=noise, seed=config.data_seed, **values
        )
    loader = BUNDLED[config.dataset]
    source = f"from sklearn.datasets import {loader}\nx, y = {loader}(return_X_y=True)"
    if n < info.max_samples:  # a subsample of the bundled set
        source += (
            f"\nx, _, y, _ = train_test_split(x, y, train_size={n}, "
            f"random_state={config.data_seed}{', stratify=y' if info.n_classes else ''})"
        )
    return source


def _data_code(config: ExperimentConfig, info: object) -> str:
    """Generate or load the data, split 60/20/20, standardise on the training rows."""
    n = config.n_samples or info.default_samples
    noise = info.default_noise if config.noise is None else config.noise
    source = _source_code(config, info, n, noise)
    strat = info.task != "regression"
    lines = [
        f"# data: {info.title} (gradlab's recipe; the exact rows may differ from gradlab's)",
        source,
        f"x_rest, x_test, y_rest, y_test = train_test_split(x, y, test_size=0.2, "
        f"random_state={config.data_seed}{', stratify=y' if strat else ''})",
        f"x_train, x_val, y_train, y_val = train_test_split(x_rest, y_rest, test_size=0.25, "
        f"random_state={config.data_seed}{', stratify=y_rest' if strat else ''})",
    ]
    if config.train_fraction < 1:
        lines.append(f"keep = max(1, round({config.train_fraction} * len(x_train)))  # less data")
        lines.append("x_train, y_train = x_train[:keep], y_train[:keep]")
    if config.label_noise > 0 and strat:
        lines += [
            f"flip = np.random.default_rng({config.data_seed}).random(len(y_train)) "
            f"< {config.label_noise}  # label noise",
            f"y_train = np.where(flip, (y_train + 1) % {info.n_classes}, y_train)",
        ]
    lines.append("scaler = StandardScaler().fit(x_train)")
    lines.append("x_train, x_val, x_test = (scaler.transform(a) for a in (x_train, x_val, x_test))")
    if not strat:
        lines.append("y_mean, y_std = y_train.mean(), y_train.std()")
        lines.append(
            "y_train, y_val, y_test = ((a - y_mean) / y_std for a in (y_train, y_val, y_test))"
        )
    return "\n".join(lines)


def _targets_code(encoding: str, n_classes: int) -> str:
    if encoding == "onehot":
        return (
            "# one-hot targets for categorical losses\n"
            "y_train, y_val, y_test = (keras.utils.to_categorical(a, "
            f"{n_classes}) for a in (y_train, y_val, y_test))"
        )
    if encoding in ("column", "regression"):
        return "y_train, y_val, y_test = (a.reshape(-1, 1) for a in (y_train, y_val, y_test))"
    return ""


def _dense(units: int, activation: str | None, config: ExperimentConfig) -> str:
    init = KERAS_INITIALIZERS.get(config.kernel_initializer, config.kernel_initializer)
    args = [str(units)]
    if activation is not None:
        args.append("activation=step" if activation == "step" else f"activation={activation!r}")
    if not config.use_bias:
        args.append("use_bias=False")
    args.append(f"kernel_initializer={init!r}")
    if config.regularizer != "none":
        reg = KERAS_REGULARIZERS[config.regularizer].format(f=config.regularization_factor)
        args.append(f"kernel_regularizer=regularizers.{reg}")
    return f"model.add(Dense({', '.join(args)}))"


def _model_code(config: ExperimentConfig, n_features: int, units: int, head: object) -> str:
    lines = ["model = Sequential()", f"model.add(Input(shape=({n_features},)))"]
    norm = {"batch": "BatchNormalization()", "layer": "LayerNormalization()"}.get(
        config.normalization
    )
    for width in config.hidden_layers:
        if norm:  # normalization between Dense and its activation, as the seed teaches
            lines += [_dense(width, None, config), f"model.add({norm})"]
            act = "step" if config.activation == "step" else repr(config.activation)
            lines.append(f"model.add(Activation({act}))")
        else:
            lines.append(_dense(width, config.activation, config))
        if config.dropout > 0:
            lines.append(f"model.add(Dropout({config.dropout}))")
    lines.append(_dense(units, head.output_activation, config))
    return "\n".join(lines)


def _compile_code(config: ExperimentConfig, head: object) -> str:
    kwargs = ", ".join(f"{k}={v!r}" for k, v in config.optimizer_kwargs().items())
    # the core's optimizer classes carry Keras's class names (SGD, RMSprop, Adam, ...)
    optimizer = f"optimizers.{OPTIMIZERS[config.optimizer].__name__}({kwargs})"
    metrics = ", metrics=['accuracy']" if head.metrics else ""
    batch = "len(x_train)" if config.batch_size == FULL_BATCH else str(config.batch_size)
    return (
        f"model.compile(optimizer={optimizer}, loss={head.loss!r}{metrics})\n"
        f"history = model.fit(x_train, y_train, batch_size={batch}, epochs={config.epochs}, "
        "validation_data=(x_val, y_val))\n"
        "print(model.evaluate(x_test, y_test, verbose=0))"
    )


def _header(config: ExperimentConfig, head: object) -> list[str]:
    """Docstring, imports, seed, dtype and (if needed) a step activation."""
    header = [
        f'"""gradlab config {config.config_id} as a Keras 3 script (any backend)."""',
        "import numpy as np",
        "from sklearn.model_selection import train_test_split",
        "from sklearn.preprocessing import StandardScaler",
        "",
        "import keras",
        "from keras import optimizers, regularizers",
        "from keras.layers import Activation, BatchNormalization, Dense, Dropout, Input, "
        "LayerNormalization",
        "from keras.models import Sequential",
        "",
        f"keras.utils.set_random_seed({config.seed})",
    ]
    if config.dtype != "float32":
        header.append(f"keras.config.set_floatx({config.dtype!r})")
    if "step" in (config.activation, head.output_activation):
        header += [
            "",
            "",
            "def step(x):  # Keras has no step activation; its gradient is 0",
            "    return keras.ops.cast(x > 0, x.dtype)",
        ]
    return header


def to_keras_code(config: ExperimentConfig, label: str | None = None) -> str:
    """A complete Keras 3 script training the same network as ``config`` (runs unchanged).

    Data comes from scikit-learn (or a few NumPy lines for gradlab's own generators) with the
    same recipe: 60/20/20 split, scaling fitted on the training rows. A variant's ``label``
    (any text, Korean included) goes in a comment as a JSON string, so no quote or line break
    in it can end the comment.
    """
    from datasets import DATASETS

    info = DATASETS[config.dataset]
    head = resolve_head(config, info)
    units = head.units(info.n_classes)
    header = _header(config, head)
    if label is not None:
        header.insert(1, f"# {LABEL_COMMENT}{json.dumps(label, ensure_ascii=False)}")
    parts = [
        "\n".join(header),
        _data_code(config, info),
        _targets_code(head.encoding, info.n_classes),
        _model_code(config, info.n_features, units, head) + "\nmodel.summary()",
        _compile_code(config, head),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"
