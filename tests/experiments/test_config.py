"""ExperimentConfig: JSON round trip, stable ids, canonical form, one-knob variants."""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json

import pytest

from core.optimizers import OPTIMIZERS
from datasets import DATASETS
from experiments.spec.config import (
    DEFAULT_LEARNING_RATE,
    FIELD_NAMES,
    OPTIMIZER_PARAMS,
    ExperimentConfig,
    config_from_dict,
    config_from_json,
)
from experiments.spec.errors import ConfigError
from experiments.spec.variants import vary_one_knob


def test_json_round_trip_keeps_every_field() -> None:
    config = ExperimentConfig(
        dataset="blobs", hidden_layers=(8, 4), batch_size="full", learning_rate=0.5, noise=0.3
    )
    text = config.to_json()
    assert json.loads(text)["hidden_layers"] == [8, 4]
    assert config_from_json(text) == config
    assert config_from_dict(json.loads(text)).hidden_layers == (8, 4)


def test_unknown_key_is_named_and_valid_keys_listed() -> None:
    with pytest.raises(ConfigError) as info:
        config_from_dict({"activaton": "relu"})
    assert info.value.field == "activaton"
    assert "'activaton'" in str(info.value)
    assert "activation" in str(info.value) and "kernel_initializer" in str(info.value)


def test_config_id_is_sha256_of_sorted_canonical_json() -> None:
    config = ExperimentConfig(optimizer="sgd", learning_rate=0.1, momentum=0.9)
    moons = DATASETS["moons"]
    expected = {
        **config.to_dict(),
        "n_samples": moons.default_samples,
        "noise": moons.default_noise,
    }
    # by hand: what the docstring promises (floats as floats, repeats reset)
    for name in ("train_fraction", "label_noise", "dropout", "learning_rate", "momentum", "noise"):
        expected[name] = float(expected[name])
    text = json.dumps(expected, sort_keys=True, separators=(",", ":"))
    assert config.config_id == hashlib.sha256(text.encode()).hexdigest()[:10]


def test_config_id_ignores_what_cannot_matter() -> None:
    base = ExperimentConfig()  # adam
    assert base.config_id == ExperimentConfig(momentum=0.9, nesterov=True).config_id
    assert base.config_id == ExperimentConfig(learning_rate=0.001).config_id
    assert base.config_id == ExperimentConfig(clip_threshold=5.0).config_id
    assert base.config_id == ExperimentConfig(regularization_factor=0.5).config_id
    assert base.config_id == ExperimentConfig(repeats=3).config_id
    assert base.config_id == ExperimentConfig(dropout=0).config_id
    moons = DATASETS["moons"]
    explicit = ExperimentConfig(n_samples=moons.default_samples, noise=moons.default_noise)
    assert base.config_id == explicit.config_id
    assert base.config_id != ExperimentConfig(noise=0.3).config_id
    assert base.config_id != ExperimentConfig(beta_1=0.8).config_id
    assert base.config_id != ExperimentConfig(seed=1).config_id
    sgd = ExperimentConfig(optimizer="sgd")
    assert sgd.config_id != dataclasses.replace(sgd, momentum=0.9).config_id


def test_optimizer_kwargs_pass_only_what_applies_plus_clipping() -> None:
    config = ExperimentConfig(optimizer="sgd", momentum=0.5, beta_1=0.1, clipping="clipnorm")
    assert config.optimizer_kwargs() == {
        "learning_rate": 0.01,
        "momentum": 0.5,
        "nesterov": False,
        "clipnorm": 1.0,
    }


@pytest.mark.parametrize("name", sorted(OPTIMIZER_PARAMS))
def test_optimizer_table_matches_core_signatures(name: str) -> None:
    signature = inspect.signature(OPTIMIZERS[name])
    defaults = ExperimentConfig()
    for param in OPTIMIZER_PARAMS[name]:
        assert param in signature.parameters, f"{name} does not take {param}"
        default = signature.parameters[param].default
        if param == "learning_rate":
            assert default == DEFAULT_LEARNING_RATE[name]
        else:
            assert default == getattr(defaults, param), (name, param)


def test_depth_and_width() -> None:
    config = ExperimentConfig.from_depth_width(3, 32, activation="tanh")
    assert config.hidden_layers == (32, 32, 32)
    assert (config.depth, config.width, config.activation) == (3, 32, "tanh")
    assert ExperimentConfig(hidden_layers=()).width == 0
    with pytest.raises(ConfigError, match="depth"):
        ExperimentConfig.from_depth_width(-1, 4)


def test_vary_one_knob_changes_only_that_field() -> None:
    base = ExperimentConfig(dataset="circles", seed=7, data_seed=3, epochs=5)
    variants = vary_one_knob(base, "learning_rate", [0.1, 0.01, 0.001])
    assert [v.learning_rate for v in variants] == [0.1, 0.01, 0.001]
    for variant in variants:
        differing = {f for f in FIELD_NAMES if getattr(variant, f) != getattr(base, f)}
        assert differing == {"learning_rate"}


def test_vary_depth_and_hidden_layers() -> None:
    base = ExperimentConfig(hidden_layers=(8, 8))
    deeper = vary_one_knob(base, "depth", [1, 4])
    assert [v.hidden_layers for v in deeper] == [(8,), (8, 8, 8, 8)]
    lists = vary_one_knob(base, "hidden_layers", [[4], [4, 4]])
    assert [v.hidden_layers for v in lists] == [(4,), (4, 4)]


def test_vary_rejects_bad_requests() -> None:
    base = ExperimentConfig()
    with pytest.raises(ConfigError, match="'colour'") as info:
        vary_one_knob(base, "colour", [1, 2])
    assert info.value.field == "vary"
    with pytest.raises(ConfigError, match="identical") as info:
        vary_one_knob(base, "learning_rate", [None, 0.001])
    with pytest.raises(ConfigError, match="activation") as info:
        vary_one_knob(base, "activation", ["relu", "swishy"])
    assert info.value.field == "activation"
    with pytest.raises(ConfigError, match="1 to 8"):
        vary_one_knob(base, "seed", list(range(9)))
