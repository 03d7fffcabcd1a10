"""The layers of the project import one way: dashboard -> experiments -> core, datasets.

Inside ``experiments`` the sub-packages stack the same way (run -> results -> spec), and no module
anywhere imports one that imports it back, directly or around a longer circle, not even for types
or inside a function.
"""

from __future__ import annotations

import ast
import graphlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STDLIB = set(sys.stdlib_module_names) | {"__future__"}

# For each package: the top-level modules it may import besides the standard library.
ALLOWED = {
    "core": {"numpy", "core"},
    "datasets": {"numpy", "pandas", "sklearn", "datasets"},
    "experiments": {
        "numpy",
        "pandas",
        "threadpoolctl",
        "core",
        "datasets",
        "experiments",
        "scipy",  # scipy.stats: confidence intervals and tests over seeds (results/evidence.py)
        "joblib",  # the CPU quota (experiments/run/budget.py)
        "distributed",  # optional, the CLI's --scheduler path only (run/dask_backend.py)
        "dask",  # its config: the embedded cluster's profiler off (run/dask_backend.py)
        "pyarrow",  # comes with Streamlit; the export's Parquet path only (results/parquet.py)
    },
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


# Inside experiments/: each sub-package may import only those listed (and itself).
EXPERIMENT_LAYERS = {
    "experiments.spec": set(),
    "experiments.results": {"experiments.spec"},
    "experiments.run": {"experiments.spec", "experiments.results"},
}
PACKAGES = ("core", "datasets", "experiments", "dashboard")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    paths = [p for package in PACKAGES for p in (ROOT / package).rglob("*.py")]
    return {module_name(p): p for p in [*paths, ROOT / "app.py"]}


def imported_modules(path: Path, known: set[str], package: str = "") -> set[str]:
    """The project modules ``path`` imports anywhere in its body, each as its most specific module.

    ``from experiments.spec import config`` names the module ``experiments.spec.config``; ``from
    experiments.spec.config import load`` names ``experiments.spec.config``. Relative imports are
    resolved against ``package``, the file's own.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}".strip(".")
            candidates = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for name in candidates:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
                break
    return found


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    known = set(modules)
    return {
        name: imported_modules(path, known, name if path.name == "__init__.py" else parent) - {name}
        for name, path in modules.items()
        for parent in [name.rpartition(".")[0]]
    }


def test_no_import_cycle_anywhere() -> None:
    try:
        tuple(graphlib.TopologicalSorter(import_graph()).static_order())
    except graphlib.CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")


def test_experiments_subpackages_stack_one_way() -> None:
    offending = sorted(
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        for layer, allowed in EXPERIMENT_LAYERS.items()
        if module == layer or module.startswith(layer + ".")
        for target in targets
        if target.startswith("experiments.")
        and not target.startswith(layer)
        and not any(target == a or target.startswith(a + ".") for a in allowed)
    )
    assert not offending, "\n".join(offending)


def test_cycle_checker_sees_a_circle(tmp_path: Path) -> None:
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("def f():\n    from ..results import store\n")
    b.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import experiments.spec\n"
    )
    known = {"experiments", "experiments.spec", "experiments.results", "experiments.results.store"}
    assert imported_modules(a, known, "experiments.run") == {"experiments.results.store"}
    assert imported_modules(b, known, "experiments.run") == {"experiments.spec"}
    graph = {"x": {"y"}, "y": {"z"}, "z": {"x"}}
    with pytest.raises(graphlib.CycleError):
        tuple(graphlib.TopologicalSorter(graph).static_order())
