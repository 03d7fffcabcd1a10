"""Helpers for the extension tests: a copy of the tree, edits by anchor, the files they touched.

An extension test copies the tracked tree, makes the edits a contributor would make to add a
knob, checks that they touch at most two files, and runs a check script in a fresh interpreter
inside the copy (the spec is read at import, so the check cannot run in this process).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREE = ("app.py", "core", "datasets", "experiments", "dashboard")


def copy_tree(target: Path) -> Path:
    """The source packages and the entry script copied under ``target``."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    target.mkdir(parents=True)
    for name in TREE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


def insert(root: Path, relative: str, anchor: str, text: str, *, after: bool = True) -> None:
    """Insert ``text`` after (or before) the one line of ``relative`` that contains ``anchor``."""
    path = root / relative
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines) if anchor in line]
    assert len(hits) == 1, f"{relative}: anchor {anchor!r} found {len(hits)} times"
    at = hits[0] + 1 if after else hits[0]
    lines[at:at] = [text if text.endswith("\n") else text + "\n"]
    path.write_text("".join(lines), encoding="utf-8")


def replace(root: Path, relative: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``relative``."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{relative}: {old!r} found {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def touched(root: Path) -> list[str]:
    """The files of the copy that differ from the original tree."""
    changed = []
    for name in TREE:
        for path in [root / name] if (root / name).is_file() else (root / name).rglob("*.py"):
            relative = path.relative_to(root)
            original = ROOT / relative
            if not original.exists() or original.read_bytes() != path.read_bytes():
                changed.append(str(relative))
    return sorted(changed)


def run_check(root: Path, script: str, tmp: Path) -> subprocess.CompletedProcess:
    """Run ``script`` with the copy first on the path and its own run store."""
    env = {**os.environ, "PYTHONPATH": str(root), "GRADLAB_STORE": str(tmp / "runs.sqlite")}
    return subprocess.run(
        [sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


def assert_extension(root: Path, files: list[str], script: str, tmp: Path) -> None:
    """The edits touched exactly ``files``, and ``script`` run in the copy printed ``ok``."""
    assert touched(root) == files
    done = run_check(root, script, tmp)
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stderr[-3000:]
