"""Texts whose English lives with the thing they name: field specs, lesson presets, datasets.

Their English stays in its one home (``experiments.spec``, ``datasets.registry``); a language's
dictionary translates them under ``field.<name>.label``, ``preset.<key>.title``,
``dataset.<name>.title`` and so on. A name without a translation (an uploaded CSV dataset, a
new field) shows its English, and ``tests/dashboard/test_i18n.py`` lists the ones missing.
"""

from __future__ import annotations

from typing import Any

from dashboard.i18n import current
from dashboard.i18n.catalog import CATALOGS, lookup
from datasets import DATASETS
from experiments.spec.config import OPTIMIZER_FIELDS, field_specs
from experiments.spec.fields import users
from experiments.spec.presets import Preset

SPECS = field_specs()


def translated(key: str, english: str, **fmt: Any) -> str:
    """``key`` in the current language where it has it, else ``english`` (from its home)."""
    text = CATALOGS.get(current(), {}).get(key)
    if text is None:
        return english
    return text.format(**fmt) if fmt else text


def metric_label(name: str) -> str:
    """A stored run metric (``best_val_loss``) as the results table heads it."""
    return translated(f"table.{name}", name.replace("_", " "))


def field_label(name: str) -> str:
    """The form label of config field ``name`` (a Keras name, such as ``beta_1``, stays)."""
    return translated(f"field.{name}.label", SPECS[name].label)


def field_help(name: str) -> str | None:
    """The help line of config field ``name``, or None without one."""
    spec = SPECS[name]
    if not spec.help:
        return None
    if name in OPTIMIZER_FIELDS and name != "learning_rate":  # "Used by sgd, ..." from the spec
        return translated("field.used_by", spec.help, names=", ".join(users(name)))
    return translated(f"field.{name}.help", spec.help)


def preset_title(preset: Preset) -> str:
    return translated(f"preset.{preset.key}.title", preset.title)


def variant_label(preset: Preset, label: str, lang: str) -> str:
    """A lesson variant's label in ``lang`` ("no clipping": "클리핑 없음"); Keras names stay.

    A label is data once loaded (links, CSV, the Keras script carry it), so it is translated as
    the lesson loads, not as it is shown."""
    return CATALOGS.get(lang, {}).get(f"preset.{preset.key}.variant.{label}", label)


def preset_caption(preset: Preset) -> str:
    """ "Seed 2) 3 (3). Six sigmoid layers ...": the tutorial's section and what to see."""
    section = translated(f"preset.{preset.key}.section", preset.seed_section)
    explanation = translated(f"preset.{preset.key}.explanation", preset.explanation)
    return lookup(current(), "preset.caption", section=section, explanation=explanation)


def dataset_title(name: str) -> str:
    info = DATASETS.get(name)
    return translated(f"dataset.{name}.title", info.title if info else name)


def dataset_description(name: str) -> str:
    return translated(f"dataset.{name}.description", DATASETS[name].description)


def noise_meaning(name: str) -> str:
    return translated(f"dataset.{name}.noise", DATASETS[name].noise_meaning)


def task_name(task: str) -> str:
    """``binary``, ``multiclass`` or ``regression`` in words."""
    return lookup(current(), f"task.{task}")
