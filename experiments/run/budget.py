"""The work budget shared by the form, the runner and the CLI: what one run may cost.

Three bounds, each with a message naming what to change:

- **work** (checked before anything runs): ``epochs x (n_train x n_params + steps x STEP_COST)``,
  in sample-parameter products. The first term is the matrix products, the second the fixed
  cost of one optimizer step (measured on this project's 2-core machines at about 250 us, the
  time of 100,000 sample-parameter products at about 2.5 ns each), so batch size 1 is not free.
- **wall clock** (enforced by the pool): a run still training after :data:`MAX_RUN_S` seconds
  is stopped and marked failed.
- **memory** (enforced in each worker with ``RLIMIT_AS``): a run that needs more fails with a
  ``MemoryError`` and the reason; the other runs go on.
"""

from __future__ import annotations

import itertools
import logging
import math
import os
import resource
from collections.abc import Sequence
from dataclasses import dataclass

from experiments.spec.config import MAX_RUNS_PER_PERSON, ExperimentConfig
from experiments.spec.errors import ConfigError

log = logging.getLogger(__name__)

STEP_COST = 100_000
SECONDS_PER_WORK = 2.5e-9  # one core, measured: for the estimate printed before a sweep
# about 8 minutes of one core at the measured rates: the form's largest comparisons that finish
MAX_WORK = 2 * 10**11
MAX_RUN_S = 900.0
# address space, not resident memory: numpy and OpenBLAS alone map about 0.4 GiB (measured with
# bench/bench_sweep.py --memory), the largest allowed model's run adds its arrays on top
MEMORY_LIMIT_MB = 2048
WORKERS_ENV = "GRADLAB_WORKERS"


@dataclass(frozen=True)
class Work:
    """The estimated cost of one run: parameters, optimizer steps and work units."""

    n_params: int
    steps: int
    work: int


def n_params(config: ExperimentConfig, n_features: int, n_outputs: int) -> int:
    """Trainable parameters of the config's dense stack (normalization adds gamma and beta)."""
    widths = [n_features, *config.hidden_layers, n_outputs]
    total = 0
    for fan_in, fan_out in itertools.pairwise(widths):
        total += fan_in * fan_out + (fan_out if config.use_bias else 0)
    if config.normalization != "none":
        total += 2 * sum(config.hidden_layers)
    return total


def estimate(config: ExperimentConfig) -> Work:
    """The work of one run of ``config`` (an upper bound: the whole sample counts as training)."""
    from datasets import DATASETS  # the registry only, when first asked

    info = DATASETS.get(config.dataset)
    n_features = info.n_features if info else 2
    classes = info.n_classes if info else 2
    n_outputs = 1 if classes <= 2 else classes
    n_samples = config.n_samples or (info.default_samples if info else 1000)
    n_train = max(1, math.ceil(n_samples * config.train_fraction))
    batch = n_train if config.batch_size == "full" else min(int(config.batch_size), n_train)
    steps = config.epochs * math.ceil(n_train / batch)
    params = n_params(config, n_features, n_outputs)
    return Work(params, steps, config.epochs * n_train * params + steps * STEP_COST)


def check(config: ExperimentConfig, max_work: int = MAX_WORK) -> None:
    """Refuse a run over the work budget, naming the field that drives its cost.

    Raises
    ------
    ConfigError
        ``hidden_layers`` when the model is the larger share of the work, else ``batch_size``.
    """
    cost = estimate(config)
    if cost.work <= max_work:
        return
    share = cost.steps * STEP_COST / cost.work
    field, hint = (
        ("batch_size", "a larger batch size or fewer epochs")
        if share > 0.5
        else ("hidden_layers", "fewer or narrower hidden layers, fewer samples or fewer epochs")
    )
    raise ConfigError(
        field,
        f"one run would cost {cost.work:.2g} work units ({cost.n_params:,} parameters x "
        f"{cost.steps:,} steps); the limit is {max_work:.2g} per run. Choose {hint}.",
        "budget", work=cost.work, n_params=cost.n_params, steps=cost.steps, limit=max_work,
    )  # fmt: skip


def check_comparison(
    configs: Sequence[ExperimentConfig], max_runs: int = MAX_RUNS_PER_PERSON
) -> None:
    """Refuse a comparison whose seeds add up to more runs than one person may queue.

    Raises
    ------
    ConfigError
        ``repeats``, naming the total and what fits (fewer seeds or fewer variants).
    """
    total = sum(config.repeats for config in configs)
    if total <= max_runs:
        return
    per_variant = max(1, max_runs // max(1, len(configs)))
    raise ConfigError(
        "repeats",
        f"{len(configs)} variants x their seeds make {total} runs; the limit is {max_runs} "
        f"runs per person. Choose at most {per_variant} seeds per variant, or fewer variants.",
        "run_cap", n=len(configs), total=total, limit=max_runs, per_variant=per_variant,
    )  # fmt: skip


def worker_count() -> int:
    """Workers to start: ``$GRADLAB_WORKERS``, else the CPU quota (cgroup-aware), at least 1."""
    value = os.environ.get(WORKERS_ENV, "").strip()
    if value:
        try:
            count = int(value)
        except ValueError:
            count = 0
        if count >= 1:
            return count
        log.warning("%s=%r is not a positive integer; using the CPU quota", WORKERS_ENV, value)
    import joblib  # cgroup quotas, unlike os.cpu_count(), which reports the host's CPUs

    return max(1, int(joblib.cpu_count()))


def limit_memory(megabytes: int | None) -> None:
    """Cap this process's address space (``RLIMIT_AS``) at ``megabytes`` (None: no cap)."""
    if megabytes is None:
        return
    limit = int(megabytes) * 2**20
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
