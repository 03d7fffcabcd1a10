"""The least time per epoch any NumPy ``fit`` with diagnostics can take, against MLPClassifier.

Run from the repository root: ``python bench/floor_core.py`` (``--only W2 W4``).

For each workload of ``bench_core.py`` this times, on this machine and at the real shapes, only
the calls a NumPy implementation cannot avoid, and adds them up:

- per step: one matrix product per layer forward, one for each weight gradient, one for each
  input gradient (not the first layer's), one elementwise call per activation forward and one per
  activation derivative (biases assumed free, as if folded into the products);
- per step: Adam's eight elementwise passes over all parameters (decay and accumulate each
  moment: 2 + 3, square root, divide, apply the step; epsilon and the step size assumed free);
- per epoch: the end-of-epoch inference pass over the training set (one product and one
  activation per layer, 1,024-row chunks), which the issue requires and MLPClassifier does not do.

Nothing else is counted: no loss, no bias, no shuffling, no statistics, no Python. The ratio
``MLPClassifier / floor`` is therefore an upper bound on the speed-up any NumPy implementation of
this design can reach; where it is below the target, the target is out of reach. The column
``eval pass / train`` is the least the required inference pass adds to an epoch's training.
"""

from __future__ import annotations

import argparse
import sys
import time
from itertools import pairwise
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_core import WORKLOADS, Workload, make_data, time_sklearn

TARGETS = {"W1": 4.0, "W2": 3.0, "W3": 1.8, "W4": 1.8}
EVAL_CHUNK = 1024
ADAM_PASSES = 8


def best_us(fn, repeats: int = 200) -> float:
    """Best wall time of ``fn()`` in µs (one warm-up call)."""
    fn()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1e6


def layer_calls_us(rows: int, fan_in: int, fan_out: int, training: bool, first: bool) -> float:
    """Unavoidable calls of one Dense layer on ``rows`` rows, in µs."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((rows, fan_in), dtype=np.float32)
    w = rng.standard_normal((fan_in, fan_out), dtype=np.float32)
    z = rng.standard_normal((rows, fan_out), dtype=np.float32)
    out, derivative = np.empty_like(z), np.empty_like(z)
    total = best_us(lambda: np.dot(x, w, out=out)) + best_us(lambda: np.tanh(z, out=out))
    if training:
        grad_w = np.empty_like(w)
        total += best_us(lambda: np.dot(x.T, z, out=grad_w))
        total += best_us(lambda: np.multiply(z, out, out=derivative))  # the activation's
        if not first:
            total += best_us(lambda: np.dot(z, w.T))
    return total


def adam_us(n: int) -> float:
    """``ADAM_PASSES`` elementwise passes over ``n`` float32 parameters, in µs."""
    rng = np.random.default_rng(0)
    a, b = np.abs(rng.standard_normal((2, n), dtype=np.float32))
    out = np.empty_like(a)
    return ADAM_PASSES * best_us(lambda: np.multiply(a, b, out=out))


def floor_ms(w: Workload, samples: int) -> tuple[float, float]:
    """(training floor, eval pass floor) in ms per epoch."""
    pairs = list(pairwise(w.widths))
    steps, last = divmod(samples, w.batch_size)
    step_sizes = [w.batch_size] * steps + ([last] if last else [])
    params = sum(a * b + b for a, b in pairs)
    per_rows: dict[int, float] = {}
    for rows in set(step_sizes):
        per_rows[rows] = sum(
            layer_calls_us(rows, a, b, True, i == 0) for i, (a, b) in enumerate(pairs)
        )
    train = sum(per_rows[rows] for rows in step_sizes) + len(step_sizes) * adam_us(params)
    chunks = [min(EVAL_CHUNK, samples - s) for s in range(0, samples, EVAL_CHUNK)]
    evaluation = sum(layer_calls_us(c, a, b, False, False) for c in chunks for a, b in pairs)
    return train / 1e3, evaluation / 1e3


def main(argv: list[str] | None = None) -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="workload names, e.g. W2 W4")
    args = parser.parse_args(argv)
    print(
        "wl | floor ms/epoch (train + eval pass) | eval pass / train | sklearn ms/epoch"
        " | best possible x | target"
    )
    with threadpool_limits(limits=1):
        for w in WORKLOADS:
            if args.only and w.name not in args.only:
                continue
            x, y = make_data(w.data)
            train, evaluation = floor_ms(w, len(x))
            sk = min(time_sklearn(w, x, y) for _ in range(3)) * 1e3
            best = sk / (train + evaluation)
            verdict = "reachable" if best >= TARGETS[w.name] else "OUT OF REACH"
            print(
                f"{w.name} | {train + evaluation:8.2f} ({train:.2f} + {evaluation:.2f}) | "
                f"{100 * evaluation / train:5.1f}% | {sk:8.2f} | {best:5.2f}x | "
                f"{TARGETS[w.name]}x {verdict}",
                flush=True,
            )


if __name__ == "__main__":
    main()
