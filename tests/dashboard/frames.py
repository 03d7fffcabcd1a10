"""Small hand-made Results frames shared by the dashboard tests."""

from __future__ import annotations

import json

import pandas as pd

from experiments.results.frames import Results
from experiments.results.tracks import Snapshot, snapshot_of

# the variants of make_runs and their runs, as transforms.variant_runs gives them
GROUPS = {"A": ["a0", "a1"], "B": ["b0"]}


def make_runs() -> pd.DataFrame:
    """Variant "A" with two seeds (runs a0, a1) and variant "B" with one (run b0, diverged)."""
    return pd.DataFrame(
        {
            "run_id": ["a0", "a1", "b0"],
            "label": ["A", "A", "B"],
            "status": ["done", "done", "diverged"],
            "diverged_epoch": [None, None, 3],
            "n_params": [337, 337, 49],
            "duration_s": [1.0, 3.0, 0.5],
            "config_json": [json.dumps({"epochs": 3})] * 2 + [json.dumps({"epochs": 5})],
        }
    )


def make_epochs() -> pd.DataFrame:
    """Loss/accuracy per run x epoch x split; b0 stops after epoch 2 with an inf at epoch 3."""
    rows = []
    table = {
        "a0": {"train": [1.0, 0.5, 0.25], "val": [1.2, 0.8, 0.9]},
        "a1": {"train": [3.0, 1.5, 0.75], "val": [2.2, 1.0, 1.1]},
        "b0": {"train": [2.0, 1.0, float("inf")], "val": [2.5, 1.5, float("nan")]},
    }
    for run_id, splits in table.items():
        for split, losses in splits.items():
            for epoch, loss in enumerate(losses, start=1):
                acc = 0.5 + 0.1 * epoch if split == "val" else 0.6 + 0.1 * epoch
                rows.append((run_id, epoch, split, loss, acc))
    return pd.DataFrame(rows, columns=["run_id", "epoch", "split", "loss", "accuracy"])


def make_layers() -> pd.DataFrame:
    """Kernel gradient norms: A's first layer is 1e-4 of its last (vanishing), B's 1e-1."""
    rows = []
    norms = {"a0": (1e-7, 1e-2), "a1": (1e-5, 1e-2), "b0": (1e-1, 1.0)}
    for run_id, (first, last) in norms.items():
        for epoch in (1, 2):
            rows.append((run_id, epoch, 0, "dense", first))
            rows.append((run_id, epoch, 1, "activation", None))
            rows.append((run_id, epoch, 2, "dense_1", last))
    return pd.DataFrame(
        rows, columns=["run_id", "epoch", "layer_index", "layer_name", "grad_norm_mean"]
    )


def make_snapshot(
    epochs: pd.DataFrame | None = None, layers: pd.DataFrame | None = None
) -> Snapshot:
    """The Snapshot of :func:`make_runs` with these epoch and layer rows (default: the above)."""
    epochs = make_epochs() if epochs is None else epochs
    layers = make_layers() if layers is None else layers
    return snapshot_of(Results.build(make_runs(), epochs, layers))
