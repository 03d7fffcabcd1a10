"""Transforms from Results frames to chart data, checked against hand calculations."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from dashboard import transforms as tf
from tests.dashboard.frames import make_epochs, make_layers, make_runs


@pytest.fixture
def loss_curve() -> pd.DataFrame:
    return tf.curves(make_epochs(), make_runs(), "loss")


def _row(curve: pd.DataFrame, label: str, split: str, epoch: int) -> pd.Series:
    sel = curve[(curve.label == label) & (curve.split == split) & (curve.epoch == epoch)]
    assert len(sel) == 1
    return sel.iloc[0]


def test_curves_average_seeds_and_keep_the_band(loss_curve: pd.DataFrame) -> None:
    row = _row(loss_curve, "A", "train", 1)
    assert (row["mean"], row["low"], row["high"], row["n"]) == (2.0, 1.0, 3.0, 2)
    row = _row(loss_curve, "A", "val", 3)
    assert row["mean"] == pytest.approx((0.9 + 1.1) / 2)


def test_curves_leave_out_non_finite_points(loss_curve: pd.DataFrame) -> None:
    b = loss_curve[loss_curve.label == "B"]
    assert sorted(b.epoch.unique()) == [1, 2]
    assert np.isfinite(b["mean"]).all()


def test_variant_order_is_first_appearance() -> None:
    runs = make_runs().iloc[[2, 0, 1]]
    assert tf.variant_order(runs) == ["B", "A"]


def test_gap_is_validation_minus_training(loss_curve: pd.DataFrame) -> None:
    gap = tf.gap(loss_curve).set_index(["label", "epoch"])
    assert gap.loc[("A", 2), "gap"] == pytest.approx((0.8 + 1.0) / 2 - (0.5 + 1.5) / 2)
    assert gap.loc[("B", 1), "gap"] == pytest.approx(0.5)
    assert ("B", 3) not in gap.index


def test_best_epoch_has_the_lowest_validation_loss(loss_curve: pd.DataFrame) -> None:
    best = tf.best_epochs(loss_curve).set_index("label")
    assert best.loc["A", "epoch"] == 2
    assert best.loc["A", "val"] == pytest.approx(0.9)
    assert best.loc["B", "epoch"] == 2


def test_grad_matrix_is_log10_geometric_mean_over_seeds() -> None:
    matrix = tf.grad_matrix(make_layers(), make_runs(), "A")
    assert list(matrix.index) == ["dense", "dense_1"]
    assert list(matrix.columns) == [1, 2]
    # log10 of 1e-7 and 1e-5 average to -6; the layer without a kernel is dropped
    assert matrix.loc["dense", 1] == pytest.approx(-6.0)
    assert matrix.loc["dense_1", 2] == pytest.approx(-2.0)


def test_grad_matrix_of_a_variant_still_training_has_only_its_own_epochs() -> None:
    # B has reached epoch 2 of 3 while A is done: B's matrix must not invent NaN epochs (the
    # live page once flagged every variant behind the leader as having non-finite gradients)
    layers = make_layers()
    extra = layers[layers.run_id.isin(["a0", "a1"]) & (layers.epoch == 2)].assign(epoch=3)
    matrices = tf.grad_matrices(pd.concat([layers, extra], ignore_index=True), make_runs())
    assert list(matrices["A"].columns) == [1, 2, 3]
    assert list(matrices["B"].columns) == [1, 2]
    assert tf.grad_flags(matrices["B"]) == []


def test_grad_matrix_keeps_a_nan_norm_of_a_dense_layer_and_flags_it() -> None:
    layers = make_layers()
    blown = (layers.run_id == "b0") & (layers.epoch == 2) & (layers.layer_name == "dense")
    layers.loc[blown, "grad_norm_mean"] = math.nan
    matrix = tf.grad_matrix(layers, make_runs(), "B")
    assert list(matrix.index) == ["dense", "dense_1"]
    assert math.isnan(matrix.loc["dense", 2])
    assert "non-finite gradient norms (NaN or inf)" in tf.grad_flags(matrix)


def test_grad_flags_vanishing_only_below_the_ratio() -> None:
    runs, layers = make_runs(), make_layers()
    flags_a = tf.grad_flags(tf.grad_matrix(layers, runs, "A"))
    assert any("vanishing" in f and "1.0e-04" in f for f in flags_a)
    assert tf.grad_flags(tf.grad_matrix(layers, runs, "B")) == []


def test_grad_flags_exploding_zero_and_non_finite() -> None:
    matrix = pd.DataFrame([[4.0, 0.0], [0.0, -1.0]], index=["dense", "dense_1"])
    assert tf.grad_flags(matrix) == ["exploding gradients (norm above 1000)"]
    # log10 of a zero norm is -inf: a layer that never receives a gradient (a step activation)
    dead = pd.DataFrame([[-math.inf, -math.inf], [-1.0, -1.0]], index=["dense", "dense_1"])
    assert tf.grad_flags(dead) == ["zero gradient in dense: nothing reaches it"]
    broken = pd.DataFrame([[-1.0, math.nan], [-1.0, math.inf]], index=["dense", "dense_1"])
    assert "non-finite gradient norms (NaN or inf)" in tf.grad_flags(broken)


def test_results_table_rows_by_hand(loss_curve: pd.DataFrame) -> None:
    acc = tf.curves(make_epochs(), make_runs(), "accuracy")
    table = tf.results_table(make_runs(), loss_curve, acc).set_index("variant")
    assert list(table.index) == ["A", "B"]
    a = table.loc["A"]
    assert a["best val loss"] == pytest.approx(0.9)
    assert a["best epoch"] == 2
    assert a["last val loss"] == pytest.approx(1.0)
    assert a["best val accuracy"] == pytest.approx(0.8)
    assert (a["parameters"], a["seeds"], a["time per run (s)"]) == (337, 2, 2.0)
    assert a["status"] == "done"
    assert table.loc["B", "status"] == "diverged at epoch 3"


def test_progress_counts_finished_epochs() -> None:
    epochs = make_epochs()
    epochs = epochs[~((epochs.run_id == "b0") & (epochs.epoch == 3))]
    prog = tf.progress(make_runs(), epochs).set_index("run_id")
    assert prog.loc["a0", "done_epochs"] == 3
    assert prog.loc["b0", "done_epochs"] == 2
    assert prog.loc["b0", "total_epochs"] == 5


def test_progress_prefers_the_stores_epoch_count() -> None:
    runs = make_runs().assign(epochs_done=[1, 2, 0])
    prog = tf.progress(runs, make_epochs()).set_index("run_id")
    assert prog["done_epochs"].to_dict() == {"a0": 1, "a1": 2, "b0": 0}
