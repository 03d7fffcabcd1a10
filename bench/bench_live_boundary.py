"""What the live decision boundary costs a run (a script, not a test).

Trains runs in this process exactly as a worker does (``experiments.run.worker.main``: the
store, the epoch writer, the final artifacts), with the live grids on and off, alternating, and
prints the median wall time of each, the grids written and the share of the run's time the
grids took (drawing, encoding, writing), as the run's own ``LiveBoundary`` counted it.

Usage: ``python bench/bench_live_boundary.py [--trials 5]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from experiments.results.store import Store
from experiments.run import worker
from experiments.spec.config import ExperimentConfig
from experiments.spec.data import load_arrays

CASES = {
    # the dashboard bench's comparison: 2 x 16 units, 100 epochs of two moons
    "moons 2x16, 100 epochs": {"hidden_layers": (16, 16), "epochs": 100},
    # its live case: the most samples in batches of 8 (every poll brings epochs)
    "moons 5000, batch 8, 20 epochs": {
        "hidden_layers": (16, 16),
        "epochs": 20,
        "n_samples": 5000,
        "batch_size": 8,
    },
    # a wide net: the grid's forward pass is dearest
    "moons 3x128, 60 epochs": {"hidden_layers": (128, 128, 128), "epochs": 60},
}


def one_run(store: Store, config: ExperimentConfig, data, live: bool) -> tuple[float, dict]:
    run_id = uuid.uuid4().hex
    row = {"run_id": run_id, "owner": "bench", "config_id": config.config_id, "seed": 0}
    row.update(config_json=config.to_json(), repeat=0, status="running", created_at=time.time())
    store.insert_runs([row])
    seen: dict = {}
    made = worker._live_boundary

    def spy(model, arrays, head):
        found = made(model, arrays, head) if live else None
        seen["live"] = found
        return found

    worker._live_boundary = spy
    start = time.perf_counter()
    try:
        worker.main(run_id, str(store.path), os.getppid(), data)
    finally:
        worker._live_boundary = made
    wall = time.perf_counter() - start
    assert store.get_run(run_id)["status"] == "done"
    return wall, seen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    print("| case | without (s) | with live grids (s) | ratio | grids | grid share of run |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "runs.sqlite")
        for name, fields in CASES.items():
            config = ExperimentConfig(**fields)
            data = load_arrays(config)
            one_run(store, config, data, True)  # warm-up
            times = {False: [], True: []}
            grids, shares = [], []
            for _ in range(args.trials):
                for live in (False, True):
                    wall, seen = one_run(store, config, data, live)
                    times[live].append(wall)
                    if live:
                        grids.append(len(seen["live"].drawn))
                        shares.append(seen["live"].spent / wall)
            off, on = (statistics.median(times[k]) for k in (False, True))
            grid_count, share = statistics.median(grids), statistics.median(shares)
            cells = [name, f"{off:.3f}", f"{on:.3f}", f"{on / off:.3f}", f"{grid_count:.0f}"]
            print("| " + " | ".join([*cells, f"{share:.1%}"]) + " |")


if __name__ == "__main__":
    main()
