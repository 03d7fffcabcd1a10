"""Export and import of the largest comparison: time and peak memory (issue 15 item 2).

The largest comparison the page allows is 8 variants x 5 seeds x 1,000 epochs with 10 layers
each. Training it takes hours, so the store is filled directly with rows of the same shape
(random but valid values). Each measurement runs in a fresh process, so its peak resident
memory (``ru_maxrss``) is its own.

``python bench/bench_export.py`` prints, for export to a file and for import of that file, the
wall time, the peak resident memory of the process and the file size.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

VARIANTS, SEEDS, EPOCHS, LAYERS = 8, 5, 1000, 10


def fill(path: Path) -> list[str]:
    """A store holding the largest comparison's rows; returns the run ids."""
    from experiments.results.schema import (
        EPOCH_DIAGNOSTICS,
        EPOCH_INTEGERS,
        EPOCH_METRICS,
        LAYER_STATS,
    )
    from experiments.results.store import Store
    from experiments.spec.config import ExperimentConfig

    store, rng, run_ids = Store(path), np.random.default_rng(0), []
    for v in range(VARIANTS):
        config = ExperimentConfig.from_depth_width(LAYERS - 1, 16 + v, epochs=EPOCHS, repeats=SEEDS)
        rows = [
            {
                "run_id": f"v{v}s{s}",
                "owner": "bench",
                "label": f"=variant {v}" if v == 0 else f"variant {v}",
                "config_id": config.config_id,
                "config_json": config.to_json(),
                "repeat": s,
                "seed": s,
                "status": "done",
                "created_at": time.time(),
                "started_at": time.time(),
                "finished_at": time.time() + 60,
                "n_params": 1000 + v,
                "steps_per_epoch": 10,
                "n_train": 300,
            }
            for s in range(SEEDS)
        ]
        store.insert_runs(rows)
        run_ids += [row["run_id"] for row in rows]
    names = [*EPOCH_METRICS, *EPOCH_DIAGNOSTICS]
    layer_cols = ["layer_index", "layer_name", "kind", *LAYER_STATS]
    with store.transaction() as conn:
        for run_id in run_ids:
            # magnitudes from 1e-6 to 1 print at full length (e.g. 3.0517578125000003e-05)
            values = (10 ** rng.uniform(-6, 0, (EPOCHS, len(names)))).tolist()
            for row in values:
                for j, name in enumerate(names):
                    row[j] = 10 if name in EPOCH_INTEGERS else row[j]
            conn.executemany(
                f"INSERT INTO epochs (run_id, epoch, written_at, {', '.join(names)}) "
                f"VALUES (?, ?, 0{', ?' * len(names)})",
                [[run_id, e + 1, *values[e]] for e in range(EPOCHS)],
            )
            stats = 10 ** rng.uniform(-6, 0, (EPOCHS, LAYERS, len(LAYER_STATS)))
            conn.executemany(
                f"INSERT INTO layers (run_id, epoch, {', '.join(layer_cols)}) "
                f"VALUES (?, ?{', ?' * len(layer_cols)})",
                [
                    [run_id, e + 1, k, f"dense_{k}", "Dense", *stats[e, k]]
                    for e in range(EPOCHS)
                    for k in range(LAYERS)
                ],
            )
    return run_ids


def measure(step: str, store_path: str, csv_path: str) -> None:
    """Run one step in this process and print its JSON figures."""
    start = time.perf_counter()
    if step == "export":
        from experiments.results.export import write_csv
        from experiments.results.store import Store

        store = Store(store_path)
        run_ids = [row["run_id"] for row in store.query("SELECT run_id FROM runs")]
        with open(csv_path, "w", encoding="utf-8", newline="") as out:
            write_csv(store, run_ids, out)
    else:
        from experiments.results.export import import_csv

        import_csv(Path(csv_path).read_text(encoding="utf-8"))
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"step": step, "seconds": round(seconds, 1), "peak_rss_mb": round(peak_mb)}))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store_path, csv_path = Path(folder) / "runs.sqlite", Path(folder) / "largest.csv"
        fill(store_path)
        for step in ("export", "import"):
            args = [sys.executable, __file__, step, str(store_path), str(csv_path)]
            result = subprocess.run(args, capture_output=True, text=True, check=False)
            print(result.stdout.strip() or result.stderr.strip()[-2000:])
        print(json.dumps({"csv_mb": round(csv_path.stat().st_size / 1e6, 1)}))


if __name__ == "__main__":
    if len(sys.argv) == 4:
        measure(*sys.argv[1:])
    else:
        main()
