"""``python -m experiments run`` / ``export`` as a user runs them, in a fresh process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from experiments.cli import differences, progress_line
from experiments.results.export import import_csv
from experiments.spec.config import ExperimentConfig

ROOT = Path(__file__).resolve().parents[2]
TINY = {"dataset": "moons", "n_samples": 100, "epochs": 3, "hidden_layers": [4]}


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "experiments", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_run_a_sweep_then_export(tmp_path: Path) -> None:
    plan = tmp_path / "sweep.json"
    plan.write_text(json.dumps({"base": TINY, "vary": "activation", "values": ["relu", "tanh"]}))
    store = str(tmp_path / "runs.sqlite")
    done = cli(
        "run", str(plan), "--workers", "2", "--store", store, "--out", "out.csv", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "100% 6/6 epochs | 2/2 runs finished" in done.stderr
    results = import_csv((tmp_path / "out.csv").read_text())
    assert results.runs["label"].tolist() == ['activation="relu"', 'activation="tanh"']
    assert results.runs["status"].tolist() == ["done", "done"]
    assert len(results.epochs) == 2 * 3 * 2
    exported = cli("export", "--store", store, "--owner", "cli", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    again = import_csv(exported.stdout)
    assert again.runs["run_id"].tolist() == results.runs["run_id"].tolist()
    nobody = cli("export", "--store", store, "--owner", "nobody", cwd=tmp_path)
    assert import_csv(nobody.stdout).runs.empty


def test_run_a_list_with_repeats(tmp_path: Path) -> None:
    plan = tmp_path / "list.json"
    plan.write_text(json.dumps([{**TINY, "repeats": 2}, {**TINY, "learning_rate": 0.05}]))
    done = cli("run", str(plan), "--store", str(tmp_path / "s.sqlite"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    runs = import_csv((tmp_path / "results.csv").read_text()).runs
    assert runs["label"].tolist() == [
        "learning_rate=null repeats=2",
        "learning_rate=null repeats=2",
        "learning_rate=0.05 repeats=1",
    ]
    assert runs["seed"].tolist() == [0, 1, 0]


def test_invalid_config_exits_non_zero_with_the_message(tmp_path: Path) -> None:
    plan = tmp_path / "bad.json"
    plan.write_text(json.dumps([{**TINY, "dropout": 1.5}]))
    done = cli("run", str(plan), "--store", str(tmp_path / "s.sqlite"), cwd=tmp_path)
    assert done.returncode == 2
    assert "error: dropout: received 1.5; accepted: a number in [0.0, 1.0)" in done.stderr
    assert not (tmp_path / "results.csv").exists()


def test_unreadable_or_unknown_plans(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("{not json")
    assert "cannot read" in cli("run", "x.json", cwd=tmp_path).stderr
    (tmp_path / "y.json").write_text('{"vary": "seed"}')
    out = cli("run", "y.json", cwd=tmp_path)
    assert out.returncode == 2 and "accepted: a non-empty list" in out.stderr
    (tmp_path / "z.json").write_text('[{"colour": 1}]')
    assert "unknown field(s) 'colour'" in cli("run", "z.json", cwd=tmp_path).stderr


def test_labels_name_what_differs() -> None:
    configs = [ExperimentConfig(), ExperimentConfig(activation="tanh", seed=2)]
    assert differences(configs) == ['activation="relu" seed=0', 'activation="tanh" seed=2']
    same = ExperimentConfig()
    assert differences([same]) == [same.config_id]


def test_progress_line() -> None:
    assert progress_line(0, 20, 0, 2).startswith("[" + "-" * 30 + "]   0% 0/20 epochs")
    assert progress_line(10, 20, 1, 2) == (
        "[" + "#" * 15 + "-" * 15 + "]  50% 10/20 epochs | 1/2 runs finished"
    )


def test_the_cli_starts_without_pandas_or_scikit_learn(tmp_path: Path) -> None:
    """``--help`` and a sweep's start (its plan read and checked, the runner imported) import
    neither: pandas with pyarrow costs about 0.4 s of a command's start, scikit-learn about a
    second (the runner loads the data stack while its workers start)."""
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"base": TINY, "grid": {"learning_rate": [0.1, 0.2]}, "seeds": 2}))
    code = (
        "import sys\n"
        "from experiments import cli\n"
        "from experiments.run import sweep\n"
        "from experiments.run.runner import Runner\n"
        f"configs, labels = cli.read_plan(cli.Path({str(plan)!r}))\n"
        "sweep.check_all(configs, labels)\n"
        "assert len(configs) == 4\n"
        "try:\n"
        "    cli.main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('pandas', 'sklearn', 'pyarrow', 'scipy') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_cli_leaves_a_closed_store_and_a_complete_file(tmp_path: Path) -> None:
    """The command ends without the interpreter's teardown (os._exit): the store must be
    closed first, or its write-ahead log stays beside it (a copy of the .sqlite file alone
    would miss the newest runs), and every line must be flushed."""
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"base": TINY, "vary": "activation", "values": ["relu", "tanh"]}))
    store = tmp_path / "runs.sqlite"
    done = cli("run", str(plan), "--store", str(store), "--out", "out.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.rstrip().endswith("wrote out.csv (2 runs, 0.0 MB)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "plan.json", "runs.sqlite"]
    exported = cli("export", "--store", str(store), cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == (tmp_path / "out.csv").read_text()
    summary = cli("export", "--store", str(store), "--summary", "--out", "s.csv", cwd=tmp_path)
    assert summary.returncode == 0, summary.stderr
    assert not list(tmp_path.glob("*-wal")) and not list(tmp_path.glob("*-shm"))
    bad = cli("run", str(tmp_path / "missing.json"), "--store", str(store), cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.startswith("error: ")


def test_a_sweeps_csv_on_standard_output_is_the_stores_export(tmp_path: Path) -> None:
    """The run command writes its CSV while the sweep trains (rows of finished runs first):
    what reaches standard output is the file ``export`` writes from the store afterwards."""
    plan = tmp_path / "grid.json"
    grid = {"learning_rate": [0.01, 0.1], "hidden_layers": [[4], [4, 4]]}
    plan.write_text(json.dumps({"base": {**TINY, "epochs": 20}, "grid": grid, "seeds": 3}))
    store = str(tmp_path / "runs.sqlite")
    done = cli("run", str(plan), "--store", store, "--out", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    exported = cli("export", "--store", store, cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert done.stdout == exported.stdout
    assert pd.read_csv(io.StringIO(done.stdout))["run_id"].nunique() == 12
