"""Workers start without re-running the parent's __main__ (Streamlit's launcher, under the app)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Top-level code runs again in every standard spawn child, as __mp_main__; it logs each run.
SCRIPT = """
import sys
with open(sys.argv[1] + ".log", "a") as log:
    log.write(__name__ + "\\n")
from experiments.spec.config import ExperimentConfig
from experiments.run.runner import Runner
from experiments.results.store import Store
from experiments.results.frames import read_runs
if __name__ == "__main__":
    store = Store(sys.argv[1])
    with Runner(store, max_workers=2) as runner:
        ids = runner.submit([ExperimentConfig(n_samples=100, epochs=2, seed=s) for s in (0, 1)],
                            owner="ann")
        assert runner.wait(ids, timeout=60)
    assert set(read_runs(store)["status"]) == {"done"}, read_runs(store)
"""


def test_workers_do_not_rerun_the_main_script(tmp_path: Path) -> None:
    script = tmp_path / "main_script.py"
    script.write_text(SCRIPT)
    store = tmp_path / "runs.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(script), str(store)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert Path(f"{store}.log").read_text().split() == ["__main__"]
