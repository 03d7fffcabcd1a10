"""The layers of the project import one way: dashboard -> experiments -> core, datasets."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STDLIB = set(sys.stdlib_module_names) | {"__future__"}

# For each package: the top-level modules it may import besides the standard library.
ALLOWED = {
    "core": {"numpy", "core"},
    "datasets": {"numpy", "pandas", "sklearn", "datasets"},
    "experiments": {"numpy", "pandas", "threadpoolctl", "core", "datasets", "experiments"},
    "dashboard": {
        "numpy",
        "pandas",
        "plotly",
        "streamlit",
        "core",
        "datasets",
        "experiments",
        "dashboard",
    },
}


def imported_top_level_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_what_its_layer_allows(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no Python files"
    offending = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in files
        for name in imported_top_level_names(path) - STDLIB - ALLOWED[package]
    }
    assert not offending, "\n".join(sorted(offending))


def test_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import streamlit as st\nfrom core.layers import Dense\nfrom . import x\n")
    assert imported_top_level_names(sample) == {"streamlit", "core"}
