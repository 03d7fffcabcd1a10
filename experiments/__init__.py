"""Experiments: validated configs, a background runner, the SQLite store, CSV export and a CLI.

Public names are imported lazily, so that a worker process importing ``experiments.run.worker``
does not pay for pandas before its first epoch.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ConfigError": "experiments.spec.errors",
    "ExperimentConfig": "experiments.spec.config",
    "config_from_dict": "experiments.spec.config",
    "config_from_json": "experiments.spec.config",
    "validate": "experiments.spec.validation",
    "vary_one_knob": "experiments.spec.variants",
    "build_model": "experiments.spec.build",
    "encode_targets": "experiments.spec.tasks",
    "model_summary": "experiments.spec.build",
    "to_keras_code": "experiments.spec.keras_code",
    "Store": "experiments.results.store",
    "Results": "experiments.results.frames",
    "Runner": "experiments.run.runner",
    "QueueFullError": "experiments.run.queue",
    "export_csv": "experiments.results.export",
    "import_csv": "experiments.results.csv_import",
    "CsvFormatError": "experiments.results.csv_format",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'experiments' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
