"""Sweeps: a grid of configs x seeds, checked as a whole, resumable, followed by SQL counts.

A grid plan is ``{"base": {...}, "grid": {"learning_rate": [...], "activation": [...]},
"seeds": 5}``: every combination of the grid's values over ``base``, each trained with seeds
``base.seed, base.seed + 1, ...``. Each (config, seed) pair is one config with ``repeats=1``, so
its :attr:`~experiments.spec.config.ExperimentConfig.config_id` names the pair and ``--resume``
can tell which pairs a store already holds.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from experiments.results import groups
from experiments.results.schema import COMPLETED, FINISHED
from experiments.results.store import Store
from experiments.run import budget
from experiments.spec.config import ExperimentConfig, config_from_dict
from experiments.spec.errors import ConfigError
from experiments.spec.validation import validate

MAX_RUNS = 100_000

# following a sweep sleeps at least this many times as long as its progress read took
SLEEP_PER_READ = 10


def is_grid(plan: Any) -> bool:
    """Whether a parsed plan file is a grid plan."""
    return isinstance(plan, dict) and "grid" in plan


def expand(plan: dict[str, Any]) -> tuple[list[ExperimentConfig], list[str]]:
    """One config per (grid point, seed), and a label naming its grid values and seed.

    Raises
    ------
    ConfigError
        The plan's shape, or any one config (named by its label): nothing runs then.
    """
    unknown = sorted(set(plan) - {"base", "grid", "seeds"})
    grid, base = plan.get("grid"), plan.get("base", {})
    seeds = plan.get("seeds", 1)
    if unknown or not isinstance(grid, dict) or not grid or not isinstance(base, dict):
        raise ConfigError(
            "FILE",
            f'a grid plan is {{"base": {{...}}, "grid": {{field: [values]}}, "seeds": n}}; '
            f"received keys {sorted(plan)}",
        )
    if not isinstance(seeds, int) or isinstance(seeds, bool) or seeds < 1:
        raise ConfigError("seeds", f"received {seeds!r}; accepted: an integer >= 1")
    for field, values in grid.items():
        if not isinstance(values, list) or not values:
            raise ConfigError(field, f"grid values must be a non-empty list; received {values!r}")
    n_runs = seeds * len(list(itertools.product(*grid.values())))
    if n_runs > MAX_RUNS:
        raise ConfigError("grid", f"{n_runs} runs; the limit is {MAX_RUNS} per plan")
    first = base.get("seed", 0)
    configs, labels = [], []
    for combo in itertools.product(*grid.values()):
        point = {**base, **dict(zip(grid, combo, strict=True)), "repeats": 1}
        name = " ".join(f"{k}={json.dumps(v)}" for k, v in zip(grid, combo, strict=True))
        for k in range(seeds):
            configs.append(config_from_dict({**point, "seed": first + k}))
            labels.append(f"{name} seed={first + k}")
    return configs, labels


def check_all(configs: Sequence[ExperimentConfig], labels: Sequence[str]) -> list[tuple[str, str]]:
    """Validate every config and its work budget before anything runs; return the warnings as
    ``(label, warning)``. The error names the first failing config by its label."""
    warnings: list[tuple[str, str]] = []
    for config, label in zip(configs, labels, strict=True):
        try:
            warnings += [(label, w) for w in validate(config)]
            budget.check(config)
        except ConfigError as error:
            message = str(error).removeprefix(f"{error.field}: ")
            raise ConfigError(error.field, f"{message} (in {label})") from error
    return warnings


def describe(configs: Sequence[ExperimentConfig]) -> str:
    """``"120 runs, 3.1e+09 work units (about 25 s of one core)"``: printed before a sweep."""
    work = sum(budget.estimate(c).work * c.repeats for c in configs)
    runs = sum(c.repeats for c in configs)
    seconds = work * budget.SECONDS_PER_WORK
    return f"{runs} runs, {work:.2g} work units (about {seconds:.0f} s of one core)"


def per_seed(configs: Sequence[ExperimentConfig], labels: Sequence[str]) -> tuple[list, list]:
    """Each config's repeats as configs of their own (``repeats=1``, consecutive seeds)."""
    out, names = [], []
    for config, label in zip(configs, labels, strict=True):
        for k in range(config.repeats):
            out.append(dataclasses.replace(config, seed=config.seed + k, repeats=1))
            names.append(label if config.repeats == 1 else f"{label} seed={config.seed + k}")
    return out, names


def missing(
    store: Store, configs: Sequence[ExperimentConfig], labels: Sequence[str]
) -> tuple[list[ExperimentConfig], list[str]]:
    """The (config, seed) pairs that ``store`` holds no done or diverged run of."""
    ids = [c.config_id for c in configs]
    held: set[tuple[str, int]] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = store.query(
            f"SELECT config_id, seed FROM runs WHERE status IN {COMPLETED!r} "
            f"AND config_id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        held |= {(r["config_id"], r["seed"]) for r in rows}
    keep = [i for i, c in enumerate(configs) if (ids[i], c.seed) not in held]
    return [configs[i] for i in keep], [labels[i] for i in keep]


def queued_rows(
    configs: Sequence[ExperimentConfig], owner: str, labels: Sequence[str], runner_id: str
) -> list[dict[str, Any]]:
    """New ``runs`` rows (``repeats=1`` configs), in submission order, in one sweep group."""
    now, group_id = time.time(), groups.new_group_id(groups.SWEEP)
    return [
        {
            "run_id": uuid.uuid4().hex[:12],
            "owner": owner,
            "label": label,
            "config_id": config.config_id,
            "config_json": config.to_json(),
            "repeat": 0,
            "seed": config.seed,
            "status": "queued",
            "runner_id": runner_id,
            "group_id": group_id,
            "created_at": now + 1e-6 * i,
        }
        for i, (config, label) in enumerate(zip(configs, labels, strict=True))
    ]


def progress(store: Store, runner_id: str) -> tuple[int, int, int, int]:
    """``(epochs done, epochs planned, runs finished, runs)`` of one runner, from SQL counts.

    A finished run counts all its planned epochs (it may have stopped early).
    """
    done, planned = f"status IN {FINISHED!r}", "json_extract(config_json, '$.epochs')"
    written = "(SELECT COUNT(*) FROM epochs WHERE epochs.run_id = runs.run_id)"
    row = (
        store.connection()
        .execute(
            f"SELECT SUM(CASE WHEN {done} THEN {planned} ELSE {written} END), SUM({planned}), "
            f"SUM({done}), COUNT(*) FROM runs WHERE runner_id = ?",
            (runner_id,),
        )
        .fetchone()
    )
    return tuple(int(v or 0) for v in row)  # type: ignore[return-value]


def follow(store: Store, runner_id: str, out: TextIO, line: Any, every_s: float = 0.1) -> None:
    """Redraw ``line(done, total, finished, runs)`` until every run of ``runner_id`` finished.

    Reads every ``every_s``, or less often when a read is slow (a sweep of 10,000 runs takes
    tens of milliseconds to count): following takes at most a tenth of a core from the workers.
    """
    while True:
        start = time.perf_counter()
        done, total, finished, runs = progress(store, runner_id)
        out.write("\r" + line(done, total, finished, runs))
        out.flush()
        if finished >= runs:
            out.write("\n")
            return
        time.sleep(max(every_s, SLEEP_PER_READ * (time.perf_counter() - start)))


def execute(
    store: Store,
    configs: Sequence[ExperimentConfig],
    labels: Sequence[str],
    *,
    owner: str,
    workers: int | None,
    scheduler: str | None,
    out: TextIO,
    line: Any,
    started: Callable[[list[str]], None] | None = None,
) -> list[str]:
    """Run the plan on the built-in workers (``scheduler=None``) or on Dask, following its
    progress on ``out``; return the run ids in plan order. ``started`` is given the run ids
    once they are queued (the CLI's CSV starts then). Ctrl-C stops every worker."""
    if scheduler:
        from experiments.run import dask_backend  # Dask is imported only for this path

        runner_id, run_ids, thread = dask_backend.run(
            store, configs, labels, owner, scheduler, workers
        )
        if started is not None:
            started(run_ids)
        follow(store, runner_id, out, line)
        thread.join()
        return run_ids
    from experiments.run.runner import Runner

    n_runs = sum(c.repeats for c in configs)
    runner = Runner(
        store,
        max_workers=workers,
        max_active_per_owner=n_runs,
        max_active_total=n_runs + store.count_active(),
        niceness=0,  # headless: nothing to keep responsive
        start_workers=True,  # they start while this process imports the data stack
    )
    try:
        group_id = groups.new_group_id(groups.SWEEP)  # one group per sweep, however it runs
        run_ids = runner.submit(configs, owner=owner, labels=labels, group_id=group_id)
        if started is not None:
            started(run_ids)
        follow(store, runner.runner_id, out, line)
        return run_ids
    finally:
        runner.shutdown()
