"""The field spec: every field described once, messages bounded, defaults from the core."""

from __future__ import annotations

import dataclasses
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.optimizers import OPTIMIZERS
from experiments.spec.bounded import MAX_ECHO, shorten
from experiments.spec.config import DATA_FIELDS, OPTIMIZER_FIELDS, ExperimentConfig, field_specs
from experiments.spec.errors import ConfigError
from experiments.spec.fields import GROUPS, describe, users
from experiments.spec.validation import validate


def test_every_field_has_a_spec_in_a_known_group() -> None:
    specs = field_specs()
    assert list(specs) == [f.name for f in dataclasses.fields(ExperimentConfig)]
    assert {spec.group for spec in specs.values()} == set(GROUPS)
    assert all(spec.label for spec in specs.values())
    assert DATA_FIELDS == ("dataset", "n_samples", "noise", "train_fraction", "label_noise",
                           "data_seed")  # fmt: skip


def test_every_default_is_admitted_by_its_own_spec() -> None:
    defaults = ExperimentConfig()
    for name, spec in field_specs().items():
        assert spec.admits(getattr(defaults, name)), name


@pytest.mark.parametrize("optimizer", sorted(OPTIMIZERS))
def test_hyperparameter_defaults_are_the_core_signatures(optimizer: str) -> None:
    signature = inspect.signature(OPTIMIZERS[optimizer].__init__).parameters
    for name in OPTIMIZER_FIELDS:
        if name in signature and name != "learning_rate":
            assert getattr(ExperimentConfig(), name) == signature[name].default
            assert optimizer in users(name)


@pytest.mark.parametrize(
    "value",
    ["x" * 10**6, list(range(10**5)), {"a": "b" * 10**5}, 10**5000, b"\0" * 10**6],
    ids=["text", "list", "dict", "int", "bytes"],
)
def test_a_refusal_echoes_a_shortened_value(value: object) -> None:
    assert len(shorten(value)) <= MAX_ECHO
    with pytest.raises(ConfigError) as info:
        validate(ExperimentConfig(activation=value))
    assert len(str(info.value)) < 400


def test_depth_and_width_are_bounded_before_anything_is_built() -> None:
    for depth, width in [(100_000_000, 2), (2, 10**9), (-1, 4), (True, 4)]:
        with pytest.raises(ConfigError, match=r"accepted: an integer in \[") as info:
            ExperimentConfig.from_depth_width(depth, width)
        assert len(str(info.value)) < 120


def test_the_field_table_lists_every_field_with_what_it_accepts() -> None:
    table = describe(field_specs(), ExperimentConfig().to_dict()).splitlines()
    assert len(table) == 1 + len(field_specs())
    epochs = next(line for line in table if line.startswith("epochs "))
    assert epochs.split() == ["epochs", "training", "100", "an", "integer", "in", "[1,", "1000]"]


def test_the_cli_prints_the_field_table() -> None:
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "experiments", "fields"], cwd=root, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(root)}, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == describe(field_specs(), ExperimentConfig().to_dict())
