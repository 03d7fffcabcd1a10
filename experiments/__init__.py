"""Experiments: validated configs, a background runner, the SQLite store, CSV export and a CLI.

Public names are imported lazily, so that a worker process importing ``experiments.worker``
does not pay for pandas before its first epoch.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ConfigError": "experiments.config",
    "ExperimentConfig": "experiments.config",
    "config_from_dict": "experiments.config",
    "config_from_json": "experiments.config",
    "validate": "experiments.validation",
    "vary_one_knob": "experiments.variants",
    "build_model": "experiments.build",
    "encode_targets": "experiments.tasks",
    "model_summary": "experiments.build",
    "to_keras_code": "experiments.keras_code",
    "Store": "experiments.store",
    "Results": "experiments.frames",
    "Runner": "experiments.runner",
    "QueueFullError": "experiments.runner",
    "export_csv": "experiments.export",
    "import_csv": "experiments.export",
    "CsvFormatError": "experiments.export",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'experiments' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
