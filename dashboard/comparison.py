"""The comparison being edited: shared data settings plus labelled variants (no Streamlit).

A variant is ``{"uid": int, "label": str, "config": dict}`` where ``config`` holds the
per-variant fields of ``ExperimentConfig``; the data fields live once, in the shared ``data``
dict, so every variant gets the same split.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Any

import pandas as pd

from dashboard.i18n import current, t
from dashboard.i18n.messages import config_error
from dashboard.i18n.names import field_label, variant_label
from experiments import ConfigError, ExperimentConfig, config_from_dict, validate
from experiments.results.schema import COMPLETED
from experiments.run import budget
from experiments.spec.config import DATA_FIELDS, field_specs
from experiments.spec.fields import users
from experiments.spec.presets import Preset
from experiments.spec.validation import problems

MIN_VARIANTS, MAX_VARIANTS = 2, 8


def defaults() -> dict[str, Any]:
    """Every config field with its default, JSON-native."""
    return ExperimentConfig().to_dict()


def split_config(config: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split a full config dict into its data part and its per-variant part."""
    data = {k: v for k, v in config.items() if k in DATA_FIELDS}
    return data, {k: v for k, v in config.items() if k not in DATA_FIELDS}


def reset_dataset_knobs(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """``after`` with the dataset's own knobs back at their defaults when the dataset changed.

    A knob is reset only where its value is the one carried over from ``before``: a value typed
    in the same submit as the new dataset is kept (and validated against the new dataset).
    """
    if after.get("dataset") == before.get("dataset"):
        return dict(after)
    specs = field_specs()
    own = [name for name in DATA_FIELDS if specs[name].per_dataset or specs[name].knob]
    return {**after, **{name: None for name in own if after.get(name) == before.get(name)}}


def differences(variants: Sequence[dict[str, Any]]) -> dict[Any, str]:
    """One line per variant: its values of the fields on which the variants disagree.

    Fields are named by their form labels, so the clipping preset's two cards, alike at a
    glance, read "Clipping clipnorm" and "Clipping none".
    """
    specs = field_specs()
    configs = [{**defaults(), **v["config"]} for v in variants]
    varying = [
        name
        for name in specs
        if name not in DATA_FIELDS and len({json.dumps(c.get(name)) for c in configs}) > 1
    ]
    # an optimizer's hyperparameter says nothing about a variant whose optimizer lacks it
    # (Adam's card read "momentum 0.0" beside SGD's "momentum 0.9")
    takers = {n: set(users(n)) for n in varying}
    return {
        v["uid"]: " · ".join(
            f"{field_label(n)} {_shown(c.get(n))}"
            for n in varying
            if not takers[n] or c.get("optimizer") in takers[n]
        )
        or t("form.same_settings")
        for v, c in zip(variants, configs, strict=True)
    }


def _shown(value: Any) -> str:
    if value is None:
        return t("form.default")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value).lower() if isinstance(value, bool) else str(value)


def from_configs(
    pairs: Sequence[tuple[str, dict[str, Any]]],
) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]:
    """Shared data (taken from the first variant) and per-variant parts of ``(label, config)``."""
    data = split_config({**defaults(), **pairs[0][1]})[0]
    return data, [(label, split_config({**defaults(), **cfg})[1]) for label, cfg in pairs]


def from_preset(
    preset: Preset, lang: str | None = None
) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]:
    """The preset's shared data and variant parts, labelled in ``lang`` (the page's language)."""
    lang = lang or current()
    return from_configs(
        [(variant_label(preset, label, lang), cfg.to_dict()) for label, cfg in preset.variants]
    )


def full_configs(data: dict[str, Any], variants: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge the shared data into each variant's config dict."""
    return [{**defaults(), **v["config"], **data} for v in variants]


def check(
    data: dict[str, Any], variants: Sequence[dict[str, Any]]
) -> tuple[list[ExperimentConfig], dict[tuple[Any, str], str], dict[Any, list[str]]]:
    """Validate every variant.

    Returns
    -------
    configs : list of ExperimentConfig
        One per variant when there is no error, else empty.
    errors : dict of (uid or "data", field) to str
        Messages to show next to the field at fault; data fields are keyed by ``"data"``.
    warnings : dict of uid to list of str
        ``experiments.validate`` warnings per variant.
    """
    configs, errors, warnings = [], {}, {}
    labels = [v["label"].strip() for v in variants]
    for variant, label, full in zip(variants, labels, full_configs(data, variants), strict=True):
        if not label or labels.count(label) > 1:
            errors[(variant["uid"], "label")] = t("form.label_error", label=repr(label))
        try:
            config = config_from_dict(full)
        except ConfigError as error:
            errors[(variant["uid"], error.field)] = config_error(error)
            continue
        found = problems(config)
        if not found:
            try:  # the work budget the runner enforces, said before Run is pressed
                budget.check(config)
            except ConfigError as error:
                found = [error]
        for error in found:  # every field at fault, not only the first
            owner = "data" if error.field in DATA_FIELDS else variant["uid"]
            errors[(owner, error.field)] = config_error(error)
        if not found:
            warnings[variant["uid"]] = validate(config)
            configs.append(config)
    if configs and not errors:
        _check_total(variants, configs, errors)
    if not MIN_VARIANTS <= len(variants) <= MAX_VARIANTS:
        errors[("data", "variants")] = t(
            "form.variant_count", low=MIN_VARIANTS, high=MAX_VARIANTS, n=len(variants)
        )
    return ([] if errors else configs), errors, warnings


def _check_total(variants, configs: list[ExperimentConfig], errors: dict) -> None:
    """The runs one person may queue, said at the Seeds field of the variants with the most."""
    try:
        budget.check_comparison(configs)
    except ConfigError as error:
        most = max(c.repeats for c in configs)
        for variant, config in zip(variants, configs, strict=True):
            if config.repeats == most:
                errors[(variant["uid"], error.field)] = config_error(error)


def lookup_ids(configs: Sequence[ExperimentConfig]) -> list[str]:
    """The config ids a stored run of these configs may carry: the Runner stores every repeat
    under the config's own id, a sweep each seed under the id of its one-seed config."""
    ids = [c.config_id for c in configs]
    for config in configs:
        ids += [
            dataclasses.replace(config, seed=config.seed + k, repeats=1).config_id
            for k in range(1, config.repeats)
        ]
    return list(dict.fromkeys(ids))


def stored_runs(runs: pd.DataFrame, configs: Sequence[ExperimentConfig], labels: Sequence[str]):
    """Finished stored runs that reproduce each config, newest first, or None if one is missing.

    Parameters
    ----------
    runs : DataFrame
        ``read_runs(store, config_ids=lookup_ids(configs))``: ``run_id, config_id, seed,
        status, created_at``.
    configs, labels : sequences of equal length
        The comparison's configs and labels.

    Returns
    -------
    dict of str to str or None
        Run id to label (``repeats`` runs per config), in variant order.
    """
    finished = runs[runs["status"].isin(COMPLETED)].sort_values("created_at", ascending=False)
    chosen: dict[str, str] = {}
    for config, label in zip(configs, labels, strict=True):
        mine = finished[finished["config_id"].isin(lookup_ids([config]))].drop_duplicates("seed")
        by_seed = dict(zip(mine["seed"].astype(int), mine["run_id"], strict=True))
        seeds = range(config.seed, config.seed + config.repeats)
        if not all(seed in by_seed for seed in seeds):
            return None
        chosen.update({by_seed[seed]: label for seed in seeds})
    return chosen
