"""``export --summary`` at sweep scale: a synthetic store of 10,000 runs x 100 epochs x 3 layers.

Training 10,000 runs takes hours, so the store is filled with SQL (random but valid values: a
grid of real configs, each run's epochs and layers made by a recursive CTE). Each export is
timed as the whole command a user types, interpreter start included.

    python bench/bench_summary.py [--runs 10000] [--epochs 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LAYERS = 3


def fill(path: Path, runs: int, epochs: int) -> None:
    from experiments.results.schema import EPOCH_DIAGNOSTICS, EPOCH_METRICS, LAYER_STATS
    from experiments.results.store import Store
    from experiments.run.sweep import expand, queued_rows

    grid = {"learning_rate": [10.0**-k for k in range(1, 11)], "activation": ["relu", "tanh"]}
    configs, labels = expand({"base": {"epochs": epochs}, "grid": grid, "seeds": runs // 20})
    store = Store(path)
    rows = queued_rows(configs[:runs], "bench", labels[:runs], "bench")
    for row in rows:
        row.update(status="done", started_at=row["created_at"], finished_at=row["created_at"] + 9)
    store.insert_runs(rows)
    metrics = [*EPOCH_METRICS, *EPOCH_DIAGNOSTICS]
    # abs(random()) / 2^63: a float in [0, 1) made by SQLite, so no row passes through Python
    uniform = "abs(random()) / 9223372036854775807.0"
    steps = f"WITH RECURSIVE n(e) AS (SELECT 1 UNION ALL SELECT e + 1 FROM n WHERE e < {epochs})"
    with store.transaction() as conn:
        conn.execute(
            f"INSERT INTO epochs (run_id, epoch, written_at, {', '.join(metrics)}) "
            f"{steps} SELECT run_id, e, 0, {', '.join([uniform] * len(metrics))} FROM runs, n"
        )
        for k in range(LAYERS):
            conn.execute(
                f"INSERT INTO layers (run_id, epoch, layer_index, layer_name, kind, "
                f"{', '.join(LAYER_STATS)}) {steps} SELECT run_id, e, {k}, 'dense_{k}', "
                f"'Dense', {', '.join([uniform] * len(LAYER_STATS))} FROM runs, n"
            )


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "experiments", *args], cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "sweep.sqlite"
        start = time.perf_counter()
        fill(store, opts.runs, opts.epochs)
        mib = store.stat().st_size / 2**20
        took = time.perf_counter() - start
        print(f"filled {opts.runs:,} runs x {opts.epochs} epochs x {LAYERS} layers: {mib:.0f} MiB "
              f"of SQLite in {took:.0f} s")  # fmt: skip
        out = {"summary.parquet": Path(tmp) / "s.parquet", "summary.csv": Path(tmp) / "s.csv"}
        for name, path in out.items():
            args = ["export", "--summary", "--store", str(store), "--out", str(path)]
            times = [timed(args) for _ in range(opts.repeat)]
            median, size = statistics.median(times), path.stat().st_size / 2**20
            figures = {"median_s": round(median, 2), "times_s": [round(t, 2) for t in times]}
            print(json.dumps({"export --summary": name, **figures, "MiB": round(size, 2)}))


if __name__ == "__main__":
    main()
