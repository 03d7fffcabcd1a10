"""Sweep throughput: the one-process loop against the built-in workers and Dask's LocalCluster.

The issue's 40 small configs (two moons, 500 samples, 2 hidden layers of 8 or 32, mini-batch 32)
at 100 epochs, x seeds (3 seeds: 120 runs, 10 seeds: 400). Each way is timed from submit to the
last run done (warm: workers started) and as the whole CLI command (interpreter start included),
against the same runs trained one after another in one process, measured in the same run.
Fixed cost per run: a worker's time on a run (started to finished) not spent in its epochs, and
the CPU ``worker.main`` spends beyond a bare ``fit`` of the same run. The ceiling row runs two
loops at once: on shared cores it shows what two workers could give at that moment.

    python bench/bench_sweep.py [--seeds 3 10] [--repeat 3] [--workers 2]
    python bench/bench_sweep.py --memory [--epochs 1]

``--memory``: the largest comparison the form and the work budget allow (8 variants x 5 seeds of
moons at 5,000 samples, 10 hidden layers of 512, float64, full batch, Adam) on the page's
runner, printing each worker's peak resident memory (VmHWM) and address space (VmPeak, what
``RLIMIT_AS`` counts) from ``/proc``. Memory does not depend on the epoch count, so one epoch
per run is the default.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BASE = {"dataset": "moons", "n_samples": 500, "batch_size": 32, "epochs": 100}
GRID = {
    "hidden_layers": [[8, 8], [32, 32]],
    "activation": ["relu", "tanh", "sigmoid", "elu"],
    "learning_rate": [0.001, 0.003, 0.01, 0.03, 0.1],
}
LOOP = """
import sys, time, json
sys.path.insert(0, {root!r})
from experiments.run.sweep import expand
from experiments.spec.build import build_model, fit_model
from experiments.spec.data import load_arrays
from threadpoolctl import threadpool_limits
configs, _ = expand(json.load(open({plan!r})))
with threadpool_limits(1):
    start = time.perf_counter()
    for c in configs:
        data = load_arrays(c)
        fit_model(build_model(c, data), c, data)
print(time.perf_counter() - start)
"""


def plan_file(folder: Path, seeds: int) -> Path:
    path = folder / f"plan{seeds}.json"
    path.write_text(json.dumps({"base": BASE, "grid": GRID, "seeds": seeds}))
    return path


def timed(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=True)
    return time.perf_counter() - start, done.stdout


def fixed_cost_ms(store_path: Path) -> float:
    import sqlite3

    conn = sqlite3.connect(store_path)
    rows = conn.execute(
        "SELECT r.finished_at - r.started_at - SUM(e.wall_time_s) FROM runs r JOIN epochs e "
        "USING (run_id) GROUP BY r.run_id"
    ).fetchall()
    return 1000 * statistics.median(r[0] for r in rows)


def fixed_cpu_ms(plan: Path, runs: int = 40) -> float:
    """Median CPU a worker spends on a run beyond the loop's ``fit``: ``worker.main`` (store
    writes, artifacts, diagnostics rows) minus a bare ``fit`` of the same run, in this process.
    CPU time, so other processes on the machine do not inflate it as they do wall time."""
    from experiments.results.store import Store
    from experiments.run import worker
    from experiments.run.sweep import expand, queued_rows
    from experiments.spec.build import build_model, fit_model
    from experiments.spec.data import load_arrays

    configs, labels = expand(json.loads(plan.read_text()))
    configs, labels = configs[:runs], labels[:runs]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "cpu.sqlite")
        rows = queued_rows(configs, "bench", labels, "bench")
        store.insert_runs(rows)
        extra = []
        for config, row in zip(configs, rows, strict=True):
            data = load_arrays(config)
            start = time.process_time()
            fit_model(build_model(config, data, seed=config.seed), config, data)
            bare = time.process_time() - start
            store.update_run(row["run_id"], status="running")
            start = time.process_time()
            worker.main(row["run_id"], str(store.path), os.getppid(), data)
            extra.append(time.process_time() - start - bare)
    return 1000 * statistics.median(extra)


def two_loops(code: str) -> float:
    """The slower of two one-process loops run at once: what two cores give at best now."""
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                              cwd=ROOT) for _ in range(2)]  # fmt: skip
    return max(float(p.communicate()[0]) for p in procs)


def warm_builtin(plan: Path, store: Path, workers: int) -> float:
    from experiments.results.store import Store
    from experiments.run.runner import Runner
    from experiments.run.sweep import expand, follow

    configs, labels = expand(json.loads(plan.read_text()))
    runner = Runner(Store(store), max_workers=workers, niceness=0,
                    max_active_per_owner=len(configs), max_active_total=len(configs))  # fmt: skip
    while len(runner.standby_processes()) < workers:
        time.sleep(0.05)
    start = time.perf_counter()
    runner.submit(configs, owner="bench", labels=labels)
    follow(runner.store, runner.runner_id, io.StringIO(), lambda *a: "", 0.05)
    elapsed = time.perf_counter() - start
    runner.shutdown()
    return elapsed


def warm_dask(plan: Path, store: Path, workers: int) -> float:
    from experiments.results.store import Store
    from experiments.run import dask_backend
    from experiments.run.sweep import expand, follow

    configs, labels = expand(json.loads(plan.read_text()))
    client = dask_backend.client_for("local", workers)
    client.run(lambda: __import__("experiments.run.remote"))  # warm imports, like the pool
    address = client.scheduler.address
    start = time.perf_counter()
    runner_id, _, thread = dask_backend.run(Store(store), configs, labels, "bench", address)
    follow(Store(store), runner_id, io.StringIO(), lambda *a: "", 0.05)
    thread.join()
    elapsed = time.perf_counter() - start
    cluster = client.cluster
    client.close()
    cluster.close()
    return elapsed


def one_round(folder: Path, seeds: int, workers: int, k: int) -> dict[str, float]:
    plan = plan_file(folder, seeds)
    out: dict[str, float] = {"load": os.getloadavg()[0]}
    code = LOOP.format(root=str(ROOT), plan=str(plan))
    out["loop whole"], text = timed([sys.executable, "-c", code])
    out["loop warm"] = float(text.strip())
    out["two loops"] = two_loops(code)  # each does the whole sweep: the ceiling is 2x
    cli = [sys.executable, "-m", "experiments", "run", str(plan), "--workers", str(workers)]
    store = folder / f"cli{seeds}-{k}.sqlite"
    out["builtin whole"], _ = timed([*cli, "--store", str(store), "--out", os.devnull])
    out["builtin fixed ms"] = fixed_cost_ms(store)
    out["fixed cpu ms"] = fixed_cpu_ms(plan)
    out["builtin warm"] = warm_builtin(plan, folder / f"w{seeds}-{k}.sqlite", workers)
    store = folder / f"dask{seeds}-{k}.sqlite"
    out["dask whole"], _ = timed([*cli, "--store", str(store), "--out", os.devnull,
                                  "--scheduler", "local"])  # fmt: skip
    out["dask warm"] = warm_dask(plan, folder / f"dw{seeds}-{k}.sqlite", workers)
    return out


def proc_kib(pid: int) -> dict[str, int]:
    """``VmSize``, ``VmPeak``, ``VmRSS``, ``VmHWM`` of ``pid`` in KiB (empty once it is gone)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    keys = ("VmSize", "VmPeak", "VmRSS", "VmHWM")
    return {k: int(v.split()[0]) for k, v in (x.split(":", 1) for x in lines) if k in keys}


def largest_comparison(epochs: int, workers: int) -> None:
    from experiments.results.store import Store
    from experiments.run.budget import MAX_WORK, estimate
    from experiments.run.runner import Runner
    from experiments.spec.config import ExperimentConfig

    big = {"dataset": "moons", "n_samples": 5000, "hidden_layers": (512,) * 10,
           "dtype": "float64", "batch_size": "full", "optimizer": "adam", "repeats": 5}  # fmt: skip
    variants = [ExperimentConfig(learning_rate=10.0**-k, epochs=epochs, **big) for k in range(8)]
    most = max(e for e in range(1, 1001)
               if estimate(ExperimentConfig(**{**big, "epochs": e})).work <= MAX_WORK)  # fmt: skip
    print(f"largest allowed: {most} epochs of {estimate(variants[0]).n_params:,} parameters")
    with tempfile.TemporaryDirectory() as tmp, Runner(Store(Path(tmp) / "m.sqlite"),
                                                      max_workers=workers) as runner:  # fmt: skip
        while len(runner.standby_processes()) < workers:
            time.sleep(0.05)
        time.sleep(3.0)  # a standby worker is listed at spawn; let it finish its imports
        idle = {pid: proc_kib(pid) for pid in runner.standby_processes()}
        ids = runner.submit(variants, owner="bench")
        start = time.perf_counter()
        assert runner.wait(ids, timeout=3600)
        elapsed = time.perf_counter() - start
        pids = set(idle) | set(runner.standby_processes())
        peaks = {pid: proc_kib(pid) for pid in pids}
        statuses = {runner.store.get_run(i)["status"] for i in ids}
    print(f"{len(ids)} runs x {epochs} epochs in {elapsed:.0f} s on {workers} workers: {statuses}")
    for pid, kib in peaks.items():
        before = idle.get(pid, {})
        print(f"worker {pid}: idle {before.get('VmRSS', 0) / 1024:.0f} MiB resident, "
              f"{before.get('VmSize', 0) / 1024:.0f} MiB mapped; peak {kib['VmHWM'] / 1024:.0f} "
              f"MiB resident, {kib['VmPeak'] / 1024:.0f} MiB address space")  # fmt: skip


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--memory", action="store_true", help="the largest comparison's memory")
    args.add_argument("--epochs", type=int, default=1, help="epochs per run for --memory")
    args.add_argument("--seeds", type=int, nargs="+", default=[3, 10])
    args.add_argument("--repeat", type=int, default=3)
    args.add_argument("--workers", type=int, default=2)
    opts = args.parse_args()
    if opts.memory:
        largest_comparison(opts.epochs, opts.workers)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for seeds in opts.seeds:
            rounds = [one_round(Path(tmp), seeds, opts.workers, k) for k in range(opts.repeat)]
            med = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
            runs = 40 * seeds
            print(f"\n{runs} runs x 100 epochs, {opts.workers} workers, median of {opts.repeat}")
            print("| how | warm (submit -> last done) | ratio | whole command | ratio |")
            print("|---|---|---|---|---|")
            for name in ("loop", "builtin", "dask"):
                warm, whole = med[f"{name} warm"], med[f"{name} whole"]
                print(f"| {name} | {warm:.1f} s | {med['loop warm'] / warm:.2f}x | {whole:.1f} s "
                      f"| {med['loop whole'] / whole:.2f}x |")  # fmt: skip
            ceiling = 2 * med["loop warm"] / med["two loops"]
            print(f"ceiling: two loops at once, each the whole sweep, {med['two loops']:.1f} s: "
                  f"2 cores give {ceiling:.2f}x now")  # fmt: skip
            print(f"fixed cost per run on the built-in workers: {med['builtin fixed ms']:.1f} ms "
                  "wall (started to finished minus the epochs' wall time), "
                  f"{med['fixed cpu ms']:.1f} ms CPU (worker.main minus a bare fit)")  # fmt: skip
            loads = ", ".join(f"{r['load']:.2f}" for r in rounds)
            print(f"load average (1 min) at each round's start: {loads}")


if __name__ == "__main__":
    main()
