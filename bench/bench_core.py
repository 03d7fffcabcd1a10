"""Speed of the NumPy core against scikit-learn's MLPClassifier, in the same run.

Run from the repository root: ``python bench/bench_core.py`` or ``python -m bench.bench_core``
(``--quick`` for a smoke run, ``--threads N`` for BLAS threads, default 1 as the experiment runner
uses, ``--only W1 W4`` for some workloads).

Both sides train the same MLP with Adam on the same float32 data and batch size. Columns:
ms/epoch and µs/step of the core with diagnostics on (everything ``fit`` does by default,
including the end-of-epoch inference pass over the training set), the ratio of MLPClassifier's
time to ours, GFLOP/s of the training arithmetic (forward, weight gradients, input gradients
except the first layer's, counted the same for both) and that as a share of this machine's float32
GEMM peak (best 1024x1024 matmul in this run). ``diag`` is the extra cost of the per-step
statistics and activation statistics over ``fit(diagnostics=False)``; ``eval`` the cost of the
end-of-epoch inference pass, both as a share of the diagnostics-off epoch.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
import sklearn
from sklearn.datasets import load_digits, make_moons
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from threadpoolctl import threadpool_limits

if __package__ in (None, ""):
    # run as a file: make the repository root importable, as ``python -m`` would
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core import optimizers
from core.layers import Dense
from core.models import Sequential


@dataclass(frozen=True)
class Workload:
    """One benchmark MLP: layer widths (input first), activation, data, batch size, epochs."""

    name: str
    widths: tuple[int, ...]
    activation: str
    data: str
    batch_size: int
    epochs: int


WORKLOADS = (
    Workload("W1", (2, 16, 16, 2), "relu", "moons", 32, 20),
    Workload("W2", (2, 64, 64, 64, 64, 64, 64, 2), "tanh", "moons", 32, 10),
    Workload("W3", (64, 128, 128, 10), "relu", "digits", 64, 10),
    Workload("W4", (784, 256, 256, 10), "relu", "random", 128, 2),
)


def make_data(kind: str) -> tuple[np.ndarray, np.ndarray]:
    """float32 features (n, d) and integer labels (n,)."""
    if kind == "moons":
        x, y = make_moons(1000, noise=0.2, random_state=0)
    elif kind == "digits":
        x, y = load_digits(return_X_y=True)
        x = x / 16.0
    else:
        rng = np.random.default_rng(0)
        x, y = rng.standard_normal((20_000, 784)), rng.integers(0, 10, 20_000)
    return x.astype(np.float32), y


def train_flops(widths: tuple[int, ...], samples: int) -> float:
    """FLOPs of one epoch: forward, weight gradient, input gradient (not for the first layer)."""
    pairs = list(pairwise(widths))
    per_sample = sum(3 * 2 * a * b for a, b in pairs) - 2 * pairs[0][0] * pairs[0][1]
    return float(per_sample * samples)


def gemm_peak(repeats: int = 10) -> float:
    """Best float32 GFLOP/s of a 1024x1024 matmul."""
    a = np.random.default_rng(0).standard_normal((1024, 1024)).astype(np.float32)
    a @ a
    best = min(_timed(lambda: a @ a) for _ in range(repeats))
    return 2 * 1024**3 / best / 1e9


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def core_model(w: Workload) -> Sequential:
    """The workload's network in the core, softmax output with sparse cross-entropy."""
    layers = [Dense(w.widths[1], input_dim=w.widths[0], activation=w.activation)]
    layers += [Dense(units, activation=w.activation) for units in w.widths[2:-1]]
    layers.append(Dense(w.widths[-1], activation="softmax"))
    model = Sequential(layers, seed=0)
    model.compile(optimizers.Adam(), "sparse_categorical_crossentropy", ["accuracy"])
    return model


def time_core(w: Workload, x, y, diagnostics: bool) -> tuple[float, float]:
    """Seconds per epoch of ``fit`` and, of those, of the end-of-epoch inference pass."""
    model = core_model(w)
    start = time.perf_counter()
    history = model.fit(x, y, w.batch_size, w.epochs, diagnostics=diagnostics)
    per_epoch = (time.perf_counter() - start) / w.epochs
    eval_time = sum(d.eval_time for d in history.diagnostics) / w.epochs
    return per_epoch, eval_time


def time_sklearn(w: Workload, x, y) -> float:
    """Seconds per epoch of MLPClassifier with the same sizes, Adam, batch and epochs."""
    clf = MLPClassifier(
        hidden_layer_sizes=w.widths[1:-1],
        activation=w.activation,
        solver="adam",
        alpha=0.0,
        batch_size=w.batch_size,
        learning_rate_init=0.001,
        max_iter=w.epochs,
        tol=0.0,
        n_iter_no_change=w.epochs + 1,
        shuffle=True,
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        seconds = _timed(lambda: clf.fit(x, y))
    # fairness guard: every epoch ran (no early stop), in float32 like the core
    if clf.n_iter_ != w.epochs or clf.coefs_[0].dtype != np.float32:
        raise RuntimeError(f"MLPClassifier ran {clf.n_iter_} epochs in {clf.coefs_[0].dtype}")
    return seconds / w.epochs


def measure(w: Workload, repeats: int) -> dict[str, float]:
    """Best-of-``repeats`` timings, interleaved so background load hits all sides alike."""
    x, y = make_data(w.data)
    runs: dict[str, list] = {"on": [], "off": [], "sk": []}
    for _ in range(repeats):
        runs["on"].append(time_core(w, x, y, True))
        runs["off"].append(time_core(w, x, y, False)[0])
        runs["sk"].append(time_sklearn(w, x, y))
    best = {"on": min(t for t, _ in runs["on"]), "off": min(runs["off"]), "sk": min(runs["sk"])}
    # the eval pass of the fastest diagnostics-on run, measured inside that run
    best["eval"] = min(runs["on"])[1]
    best["steps"] = -(-len(x) // w.batch_size)
    best["flops"] = train_flops(w.widths, len(x))
    return best


def row(w: Workload, m: dict[str, float], peak: float) -> str:
    """One table line."""
    gflops = m["flops"] / (m["on"] - m["eval"]) / 1e9
    cells = [
        w.name,
        f"{m['on'] * 1e3:9.2f}",
        f"{m['on'] / m['steps'] * 1e6:8.1f}",
        f"{m['sk'] * 1e3:9.2f}",
        f"{m['sk'] / m['on']:6.2f}x",
        f"{m['sk'] / (m['on'] - m['eval']):6.2f}x",
        f"{gflops:7.2f}",
        f"{100 * gflops / peak:6.1f}%",
        f"{100 * (m['on'] - m['eval'] - m['off']) / m['off']:6.1f}%",
        f"{100 * m['eval'] / m['off']:6.1f}%",
    ]
    return " | ".join(cells)


# the targets, with diagnostics on: ratio to MLPClassifier, W1 step time, W4 share of peak,
# and the per-step statistics' cost
RATIO_TARGETS = {"W1": 4.0, "W2": 3.0, "W3": 1.8, "W4": 1.8}
STEP_US_MAX = {"W1": 100.0}
PEAK_SHARE_MIN = {"W4": 45.0}
DIAG_COST_MAX = 15.0


def verdicts(w: Workload, m: dict[str, float], peak: float) -> list[str]:
    """One 'target: value met/MISSED' phrase per target of ``w``."""
    ratio = m["sk"] / m["on"]
    diag = 100 * (m["on"] - m["eval"] - m["off"]) / m["off"]
    checks = [
        (f"x sklearn >= {RATIO_TARGETS[w.name]}", f"{ratio:.2f}", ratio >= RATIO_TARGETS[w.name])
    ]
    checks.append((f"diag cost <= {DIAG_COST_MAX:.0f}%", f"{diag:.1f}%", diag <= DIAG_COST_MAX))
    if w.name in STEP_US_MAX:
        us = m["on"] / m["steps"] * 1e6
        checks.append(
            (f"µs/step < {STEP_US_MAX[w.name]:.0f}", f"{us:.1f}", us < STEP_US_MAX[w.name])
        )
    if w.name in PEAK_SHARE_MIN:
        share = 100 * m["flops"] / (m["on"] - m["eval"]) / 1e9 / peak
        minimum = PEAK_SHARE_MIN[w.name]
        checks.append((f"% peak >= {minimum:.0f}", f"{share:.1f}%", share >= minimum))
    return [f"{what}: {value} {'met' if ok else 'MISSED'}" for what, value, ok in checks]


HEADER = (
    "wl | core ms/epoch | core µs/step | sklearn ms/epoch | x sklearn | x sklearn w/o eval pass"
    " | GFLOP/s | % GEMM peak | diag cost | eval pass cost"
)
LEGEND = """\
core: fit() with diagnostics on, everything included (per-step statistics, end-of-epoch eval pass).
x sklearn: MLPClassifier time / core time (higher is better); 'w/o eval pass' leaves out the
  end-of-epoch inference pass over the training set, which MLPClassifier does not do.
GFLOP/s: training arithmetic per second of training steps (the eval pass time taken out).
diag cost: per-step gradient/update statistics + epoch record, over fit(diagnostics=False).
eval pass cost: the end-of-epoch inference pass with activation statistics (timed inside fit,
  EpochDiagnostics.eval_time), same baseline.
Same data, float32, Adam(lr 1e-3), batch, epochs and per-epoch shuffling on both sides; sklearn
alpha=0, no early stopping (checked: n_iter_ == epochs). On 2-class data (W1, W2) MLPClassifier
uses one logistic output unit where the core keeps a 2-unit softmax (a little more work for
the core)."""


def main(argv: list[str] | None = None) -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads for both sides")
    parser.add_argument("--repeats", type=int, default=7, help="best of this many runs")
    parser.add_argument("--quick", action="store_true", help="one repeat, W1 and W3 only")
    parser.add_argument("--only", nargs="*", help="workload names, e.g. W1 W4")
    args = parser.parse_args(argv)
    chosen = [w for w in WORKLOADS if not args.only or w.name in args.only]
    if args.quick:
        chosen = [w for w in chosen if w.name in ("W1", "W3")]
    with threadpool_limits(limits=args.threads):
        peak = gemm_peak()
        print(
            f"numpy {np.__version__}, scikit-learn {sklearn.__version__}, {os.cpu_count()} CPUs, "
            f"{args.threads} BLAS thread(s); float32 GEMM peak (1024x1024): {peak:.1f} GFLOP/s"
        )
        print(HEADER)
        results = {}
        for w in chosen:
            results[w.name] = measure(w, 1 if args.quick else args.repeats)
            print(row(w, results[w.name], peak), flush=True)
        print(LEGEND)
        print("Targets (issue 2):")
        for w in chosen:
            print(f"  {w.name}: " + "; ".join(verdicts(w, results[w.name], peak)))


if __name__ == "__main__":
    main()
