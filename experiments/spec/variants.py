""" "Vary one knob": variants of a base config that differ in exactly one field."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from experiments.spec.bounded import shorten
from experiments.spec.config import FIELD_NAMES, ExperimentConfig
from experiments.spec.errors import ConfigError
from experiments.spec.validation import validate

MAX_VARIANTS = 8
# Knobs that are not fields but shape ``hidden_layers``, so "deeper" and "wider" are one click.
DERIVED_KNOBS = ("depth", "width")


def _variant(base: ExperimentConfig, field: str, value: Any) -> ExperimentConfig:
    if field == "depth":
        return ExperimentConfig.from_depth_width(value, base.width or 16, **_without(base))
    if field == "width":
        return ExperimentConfig.from_depth_width(base.depth, value, **_without(base))
    if field == "hidden_layers" and isinstance(value, list):
        value = tuple(value)
    return dataclasses.replace(base, **{field: value})


def _without(base: ExperimentConfig) -> dict[str, Any]:
    values = base.to_dict()
    del values["hidden_layers"]
    return values


def vary_one_knob(
    base: ExperimentConfig, field: str, values: Sequence[Any]
) -> list[ExperimentConfig]:
    """One variant of ``base`` per value of ``field``; data, seeds and everything else shared.

    Parameters
    ----------
    base : ExperimentConfig
    field : str
        A config field, or ``"depth"`` / ``"width"`` (equal-width hidden layers).
    values : sequence
        2 to 8 distinct values.

    Raises
    ------
    ConfigError
        Unknown field, too few/many or repeated values, or a value the field does not accept.
    """
    if field not in FIELD_NAMES and field not in DERIVED_KNOBS:
        accepted = ", ".join((*FIELD_NAMES, *DERIVED_KNOBS))
        raise ConfigError("vary", f"received {shorten(field)}; accepted: {accepted}",
                          "vary_field", value=shorten(field), accepted=accepted)  # fmt: skip
    if not isinstance(values, list | tuple):
        raise ConfigError("values", f"received {shorten(values)}; accepted: a list of values",
                          "vary_values", value=shorten(values))  # fmt: skip
    values = list(values)
    if not 1 <= len(values) <= MAX_VARIANTS:
        raise ConfigError("values", f"received {len(values)} values; accepted: 1 to {MAX_VARIANTS}",
                          "vary_count", value=len(values), high=MAX_VARIANTS)  # fmt: skip
    variants = []
    for value in values:
        variant = _variant(base, field, value)
        try:
            validate(variant)
        except ConfigError as error:
            raise ConfigError(error.field, f"(varying {field}) {error}", error.rule,
                              **error.params, varying=field) from error  # fmt: skip
        variants.append(variant)
    ids = [variant.config_id for variant in variants]
    if len(set(ids)) < len(ids):
        raise ConfigError("values", f"received {shorten(values)}: some values give identical runs",
                          "vary_identical", value=shorten(values))  # fmt: skip
    return variants
