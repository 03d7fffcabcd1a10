"""The NumPy chart data equals the same statistics computed with pandas on the tidy frames.

Random comparisons: several variants, seeds stopped at different epochs, non-finite losses and
gradient norms, zero norms, layers without a kernel and runs without a validation split. The
pandas reference is the tidy-frame computation the dashboard used before the tracks.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from dashboard import transforms as tf
from experiments.results.frames import Results
from experiments.results.tracks import snapshot_of


def _random_results(rng: np.random.Generator) -> Results:
    runs, epochs, layers = [], [], []
    for v in range(rng.integers(1, 5)):
        n_layers, with_val = int(rng.integers(2, 5)), bool(rng.random() < 0.8)
        for seed in range(rng.integers(1, 4)):
            run_id = f"v{v}s{seed}"
            runs.append({"run_id": run_id, "label": f"V{v}", "status": "done"})
            for epoch in range(1, int(rng.integers(0, 12)) + 1):
                for split in ("train", "val") if with_val else ("train",):
                    loss = rng.choice([rng.random() * 3, np.nan, np.inf], p=[0.85, 0.1, 0.05])
                    epochs.append((run_id, epoch, split, loss, rng.random()))
                for index in range(n_layers):
                    kernel = index % 2 == 0  # odd layers: activations, no kernel
                    norm = rng.choice([10 ** rng.uniform(-8, 4), 0.0, np.nan], p=[0.9, 0.05, 0.05])
                    layers.append(
                        (run_id, epoch, index, f"layer_{index}", norm if kernel else None)
                    )
    return Results.build(
        pd.DataFrame(runs, columns=["run_id", "label", "status"]),
        pd.DataFrame(epochs, columns=["run_id", "epoch", "split", "loss", "accuracy"]),
        pd.DataFrame(
            layers, columns=["run_id", "epoch", "layer_index", "layer_name", "grad_norm_mean"]
        ),
    )


def _pandas_curves(results: Results, metric: str) -> pd.DataFrame:
    df = results.epochs.merge(results.runs[["run_id", "label"]], on="run_id")
    df = df.replace([np.inf, -np.inf], np.nan).dropna(subset=[metric])
    grouped = df.groupby(["label", "split", "epoch"], sort=True)[metric]
    out = grouped.agg(mean="mean", low="min", high="max", n="count", std="std").reset_index()
    # Student's t half-width of each mean, from scipy's interval around it
    low, high = stats.t.interval(0.95, out["n"] - 1, loc=0.0, scale=out["std"] / np.sqrt(out["n"]))
    return out.assign(ci=np.where(out["n"] >= 2, (high - low) / 2, np.nan))


def _pandas_grad(results: Results) -> dict[str, pd.DataFrame]:
    df = results.layers.merge(results.runs[["run_id", "label"]], on="run_id")
    has_kernel = df.groupby(["label", "layer_index"])["grad_norm_mean"].transform("count") > 0
    df = df[has_kernel]
    with np.errstate(divide="ignore"):
        df = df.assign(log10=np.log10(df["grad_norm_mean"].to_numpy(dtype=float)))
    mean = df.groupby(["label", "layer_index", "layer_name", "epoch"])["log10"].mean()
    return {
        label: part.droplevel(["label", "layer_index"]).unstack("epoch")
        for label, part in mean.groupby(level="label")
    }


@pytest.mark.parametrize("seed", range(12))
def test_curves_gap_and_gradients_equal_the_pandas_reference(seed: int) -> None:
    results = _random_results(np.random.default_rng(seed))
    snapshot = snapshot_of(results)
    groups = tf.variant_runs(snapshot.runs)
    for metric in ("loss", "accuracy"):
        ours = tf.curves(snapshot.tracks, groups, metric)
        ref = _pandas_curves(results, metric)
        assert {(lb, s) for lb, splits in ours.items() for s in splits} == set(
            zip(ref["label"], ref["split"], strict=True)
        )
        for (label, split), part in ref.groupby(["label", "split"]):
            curve = ours[label][split]
            np.testing.assert_array_equal(curve.epoch, part["epoch"])
            for name in ("mean", "low", "high", "n", "ci"):
                np.testing.assert_allclose(getattr(curve, name), part[name], rtol=1e-12)
    loss = tf.curves(snapshot.tracks, groups, "loss")
    ref = _pandas_curves(results, "loss").pivot(index=["label", "epoch"], columns="split")
    for label, gap in tf.gap(loss).items():
        expected = (ref["mean"]["val"] - ref["mean"]["train"]).loc[label].dropna()
        np.testing.assert_array_equal(gap.epoch, expected.index)
        np.testing.assert_allclose(gap.gap, expected, rtol=1e-12)
    matrices, ref_grad = tf.grad_matrices(snapshot.tracks, groups), _pandas_grad(results)
    for label, matrix in matrices.items():
        expected = ref_grad.get(label)
        if expected is None or expected.empty:
            assert matrix.empty
            continue
        assert matrix.layers == tuple(expected.index)
        np.testing.assert_array_equal(matrix.epochs, expected.columns)
        np.testing.assert_allclose(matrix.values, expected.to_numpy(dtype=float), rtol=1e-12)
