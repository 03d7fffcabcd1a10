"""to_keras_code: a complete script for every option, and the same network when Keras runs it."""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from datasets import DATASETS
from experiments.spec.build import build_model
from experiments.spec.config import ExperimentConfig
from experiments.spec.keras_code import to_keras_code

HAS_KERAS = all(importlib.util.find_spec(m) is not None for m in ("keras", "torch"))
OPTIONS = [
    {"normalization": "batch", "dropout": 0.2, "regularizer": "l2", "clipping": "clipnorm"},
    {
        "normalization": "layer",
        "regularizer": "l1_l2",
        "optimizer": "sgd",
        "momentum": 0.9,
        "nesterov": True,
        "batch_size": "full",
        "clipping": "global_clipnorm",
    },
    {"activation": "step", "optimizer": "rmsprop", "centered": True, "use_bias": False},
    {
        "kernel_initializer": "xavier_normal",
        "optimizer": "adagrad",
        "dtype": "float64",
        "train_fraction": 0.5,
        "label_noise": 0.1,
        "hidden_layers": (),
    },
    {"loss": "categorical_crossentropy", "activation": "leaky_relu", "clipping": "clipvalue"},
    {"loss": "mse", "regularizer": "l1", "batch_size": 1},
]


@pytest.mark.parametrize("dataset", sorted(DATASETS))
@pytest.mark.parametrize("options", OPTIONS, ids=range(len(OPTIONS)))
def test_script_is_valid_python_with_the_same_layers(dataset: str, options: dict) -> None:
    if DATASETS[dataset].task == "regression" and "loss" in options:
        options = {k: v for k, v in options.items() if k != "loss"}
    if dataset == "digits":
        options = {**options, "n_samples": 300}
    config = ExperimentConfig(dataset=dataset, epochs=7, **options)
    code = to_keras_code(config)
    ast.parse(code)
    model = build_model(config, DATASETS[dataset])
    dense_calls = code.count("model.add(Dense(")
    assert dense_calls == sum(layer.kind == "Dense" for layer in model.layers)
    assert code.count("model.add(Dropout(") == sum(
        layer.kind == "Dropout" for layer in model.layers
    )
    assert "epochs=7" in code and config.config_id in code
    assert "import keras" in code
    assert not any(f"{w} {m}" in code for w in ("import", "from") for m in ("core", "datasets"))


def test_batch_and_optimizer_text() -> None:
    code = to_keras_code(ExperimentConfig(optimizer="sgd", learning_rate=0.5, batch_size=1))
    assert "optimizers.SGD(learning_rate=0.5, momentum=0.0, nesterov=False)" in code
    assert "batch_size=1," in code
    full = to_keras_code(ExperimentConfig(batch_size="full", clipping="clipvalue"))
    assert "batch_size=len(x_train)" in full and "clipvalue=1.0" in full


RUNNER = """
import json, sys
for path in sys.argv[1:]:
    scope = {}
    exec(compile(open(path).read(), path, "exec"), scope)
    print(json.dumps(scope["model"].count_params()), flush=True)
"""


@pytest.mark.skipif(not HAS_KERAS, reason="Keras 3 with torch is only on the reference machine")
def test_scripts_run_under_keras_with_the_same_parameter_count(tmp_path: Path) -> None:
    configs = [
        ExperimentConfig(
            dataset="moons",
            n_samples=100,
            epochs=1,
            normalization="batch",
            dropout=0.1,
            regularizer="l2",
            clipping="clipnorm",
        ),
        ExperimentConfig(
            dataset="iris",
            epochs=1,
            hidden_layers=(8, 8),
            optimizer="sgd",
            loss="categorical_crossentropy",
            activation="step",
            batch_size="full",
        ),
        ExperimentConfig(
            dataset="sine",
            n_samples=100,
            epochs=1,
            normalization="layer",
            optimizer="adagrad",
            use_bias=False,
        ),
    ]
    paths = []
    for k, config in enumerate(configs):
        paths.append(tmp_path / f"script{k}.py")
        paths[-1].write_text(to_keras_code(config))
    env = {**os.environ, "KERAS_BACKEND": "torch"}
    out = subprocess.run(
        [sys.executable, "-c", RUNNER, *map(str, paths)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    counts = [json.loads(line) for line in out.stdout.splitlines() if line.strip().isdigit()]
    expected = [build_model(c, DATASETS[c.dataset]).count_params() for c in configs]
    assert counts == expected
