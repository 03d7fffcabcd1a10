"""Chart data from run tracks, checked against hand calculations and a pandas reference."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

from dashboard import tables
from dashboard import transforms as tf
from experiments.results.run_metrics import run_metrics
from experiments.results.tracks import RunTrack
from tests.dashboard.frames import GROUPS, make_epochs, make_layers, make_runs, make_snapshot


@pytest.fixture
def loss() -> tf.Curves:
    return tf.curves(make_snapshot().tracks, GROUPS, "loss")


def _at(curve: tf.Curve, epoch: int) -> tuple:
    i = list(curve.epoch).index(epoch)
    return curve.mean[i], curve.low[i], curve.high[i], curve.n[i]


def test_curves_average_seeds_and_keep_the_band(loss: tf.Curves) -> None:
    assert _at(loss["A"]["train"], 1) == (2.0, 1.0, 3.0, 2)
    assert _at(loss["A"]["val"], 3)[0] == pytest.approx((0.9 + 1.1) / 2)


def test_curves_leave_out_non_finite_points(loss: tf.Curves) -> None:
    for split in ("train", "val"):
        assert list(loss["B"][split].epoch) == [1, 2]
        assert np.isfinite(loss["B"][split].mean).all()


def test_variant_runs_in_order_of_first_appearance() -> None:
    runs = make_runs().iloc[[2, 0, 1]]
    assert tf.variant_runs(runs) == {"B": ["b0"], "A": ["a0", "a1"]}


def test_gap_is_validation_minus_training(loss: tf.Curves) -> None:
    gaps = tf.gap(loss)
    a, b = gaps["A"], gaps["B"]
    assert a.gap[list(a.epoch).index(2)] == pytest.approx((0.8 + 1.0) / 2 - (0.5 + 1.5) / 2)
    assert b.gap[0] == pytest.approx(0.5)
    assert list(b.epoch) == [1, 2]


def test_best_epoch_has_the_lowest_validation_loss(loss: tf.Curves) -> None:
    best = tf.best_epochs(loss)
    assert (best["A"].epoch, best["A"].val) == (2, pytest.approx(0.9))
    assert best["B"].epoch == 2


def _matrix(snapshot, label: str) -> tf.GradMatrix:
    return tf.grad_matrices(snapshot.tracks, GROUPS)[label]


def test_grad_matrix_is_log10_geometric_mean_over_seeds() -> None:
    matrix = _matrix(make_snapshot(), "A")
    assert matrix.layers == ("dense", "dense_1")
    assert list(matrix.epochs) == [1, 2]
    # log10 of 1e-7 and 1e-5 average to -6; the layer without a kernel is dropped
    assert matrix.values[0, 0] == pytest.approx(-6.0)
    assert matrix.values[1, 1] == pytest.approx(-2.0)


def test_grad_matrix_of_a_variant_still_training_has_only_its_own_epochs() -> None:
    # B has reached epoch 2 of 3 while A is done: B's matrix must not invent NaN epochs (the
    # live page once flagged every variant behind the leader as having non-finite gradients)
    layers = make_layers()
    extra = layers[layers.run_id.isin(["a0", "a1"]) & (layers.epoch == 2)].assign(epoch=3)
    snapshot = make_snapshot(layers=pd.concat([layers, extra], ignore_index=True))
    matrices = tf.grad_matrices(snapshot.tracks, GROUPS)
    assert list(matrices["A"].epochs) == [1, 2, 3]
    assert list(matrices["B"].epochs) == [1, 2]
    assert tf.grad_flags(matrices["B"]) == []


def test_grad_matrix_keeps_a_nan_norm_of_a_dense_layer_and_flags_it() -> None:
    layers = make_layers()
    blown = (layers.run_id == "b0") & (layers.epoch == 2) & (layers.layer_name == "dense")
    layers.loc[blown, "grad_norm_mean"] = math.nan
    matrix = _matrix(make_snapshot(layers=layers), "B")
    assert matrix.layers == ("dense", "dense_1")
    assert math.isnan(matrix.values[0, 1])
    assert "non-finite gradient norms (NaN or inf)" in tf.grad_flags(matrix)


def test_grad_flags_vanishing_only_below_the_ratio() -> None:
    snapshot = make_snapshot()
    flags_a = tf.grad_flags(_matrix(snapshot, "A"))
    assert any("vanishing" in f and "1.0e-04" in f for f in flags_a)
    assert tf.grad_flags(_matrix(snapshot, "B")) == []


def _grad(values: list[list[float]]) -> tf.GradMatrix:
    return tf.GradMatrix(("dense", "dense_1"), np.array([1, 2]), np.array(values))


def test_grad_flags_exploding_zero_and_non_finite() -> None:
    assert tf.grad_flags(_grad([[4.0, 0.0], [0.0, -1.0]])) == [
        "exploding gradients (norm above 1000)"
    ]
    # log10 of a zero norm is -inf: a layer that never receives a gradient (a step activation)
    dead = _grad([[-math.inf, -math.inf], [-1.0, -1.0]])
    assert tf.grad_flags(dead) == ["zero gradient in dense: nothing reaches it"]
    broken = _grad([[-1.0, math.nan], [-1.0, math.inf]])
    assert "non-finite gradient norms (NaN or inf)" in tf.grad_flags(broken)


def test_results_table_rows_by_hand(loss: tf.Curves) -> None:
    snapshot = make_snapshot()
    per_run = run_metrics(make_runs(), snapshot.tracks)
    table = tables.results_table(make_runs(), per_run, snapshot.tracks).set_index("variant")
    assert list(table.index) == ["A", "B"]
    a = table.loc["A"]
    # A's two seeds: best val loss 0.8 and 1.0 (both at epoch 2): mean 0.9, std 0.1414,
    # half-width t(0.975, 1) * 0.1414 / sqrt(2) = 12.706 * 0.1 = 1.27
    assert a["best val loss"] == "0.9 ± 1.3"
    assert a["final val loss"] == "1.0 ± 1.3"
    assert a["best epoch"] == "2"  # every seed agrees: no interval to show
    assert a["best val accuracy"] == "0.8"
    assert a["gap at best epoch"] == "-0.1 ± 5.1"  # 0.8 - 0.5 and 1.0 - 1.5
    assert (a["parameters"], a["seeds"], a["time per run (s)"]) == (337, 2, 2.0)
    b = table.loc["B"]  # one seed: the value alone; diverged at its last epoch: no final loss
    assert (b["best val loss"], b["best epoch"], b["final val loss"]) == ("1.5", "2", "")
    assert a["status"] == "done"
    assert table.loc["B", "status"] == "diverged at epoch 3"


def test_the_best_epoch_cell_is_the_median_and_the_seeds_range() -> None:
    import pandas as pd

    from experiments.results.evidence import variant_evidence

    per_run = pd.DataFrame({"label": "A", "best_epoch": [3.0, 52.0, 140.0]})
    evidence = variant_evidence(per_run, ["best_epoch"])
    assert evidence["ci95"].iloc[0] > 139  # the t interval would reach outside [1, 150]
    assert tables._cells(evidence, 3) == ["52 (3–140)"]
    assert tables._cells(evidence, 4) == ["52 (3–140) (n=3)"]


def test_progress_counts_the_epochs_a_track_holds() -> None:
    epochs = make_epochs()
    epochs = epochs[~((epochs.run_id == "b0") & (epochs.epoch == 3))]
    snapshot = make_snapshot(epochs=epochs)
    prog = tables.progress(make_runs(), snapshot.tracks).set_index("run_id")
    assert prog.loc["a0", "done_epochs"] == 3
    assert prog.loc["b0", "done_epochs"] == 2
    assert prog.loc["b0", "total_epochs"] == 5


def test_progress_prefers_the_stores_epoch_count() -> None:
    runs = make_runs().assign(epochs_done=[1, 2, 0])
    prog = tables.progress(runs, make_snapshot().tracks).set_index("run_id")
    assert prog["done_epochs"].to_dict() == {"a0": 1, "a1": 2, "b0": 0}


def test_a_regression_table_has_no_accuracy_columns(loss: tf.Curves) -> None:
    snapshot = make_snapshot()
    runs = make_runs()
    per_run = run_metrics(runs, snapshot.tracks).assign(
        best_val_accuracy=np.nan, final_val_accuracy=np.nan
    )
    table = tables.results_table(runs, per_run, snapshot.tracks)
    assert not any("accuracy" in column for column in table.columns)
    assert (table["best val loss"] != "").all()


def _track(dead: list[list[float]], grad: list[list[float]]) -> RunTrack:
    layers = {"epoch": [], "layer_index": [], "layer_name": [], "grad_norm_mean": [],
              "dead_fraction": [], "update_ratio": []}  # fmt: skip
    for e in range(len(dead[0])):
        for i in range(len(dead)):
            layers["epoch"].append(e + 1)
            layers["layer_index"].append(i)
            layers["layer_name"].append(f"dense_{i}")
            layers["grad_norm_mean"].append(grad[i][e])
            layers["dead_fraction"].append(dead[i][e])
            layers["update_ratio"].append(None)
    none = {"epoch": np.array([], dtype=int)}
    return RunTrack().extended(none, layers)


def test_dead_units_are_the_mean_over_seeds_per_layer_and_epoch() -> None:
    a = _track([[0.0, 0.5], [0.25, 1.0]], [[1.0, 1.0], [1.0, 1.0]])
    b = _track([[0.5, 0.5], [0.75, 1.0]], [[1.0, 1.0], [1.0, 1.0]])
    matrix = tf.layer_matrix([a, b], "dead")
    np.testing.assert_allclose(matrix.values, [[0.25, 0.5], [0.5, 1.0]])
    assert list(matrix.epochs) == [1, 2]


def test_a_net_whose_every_gradient_is_zero_from_some_epoch_on_has_died() -> None:
    dying = _track([[0.0] * 4, [0.0] * 4], [[0.1, 0.0, 0.0, 0.0], [0.2, 0.1, 0.0, 0.0]])
    assert tf.died_at(tf.grad_matrix([dying])) == 3
    revived = _track([[0.0] * 3, [0.0] * 3], [[0.0, 0.0, 0.1], [0.0, 0.0, 0.1]])
    assert tf.died_at(tf.grad_matrix([revived])) is None


def test_the_table_gives_iterations_per_epoch_and_the_share_of_clipped_steps(loss) -> None:
    runs = make_runs().assign(steps_per_epoch=[10, 10, 4])
    track = dataclasses.replace(
        RunTrack(), steps=np.array([10.0, 10.0]), clipped=np.array([5.0, 0])
    )
    clipped = {"a0": track, "a1": track}
    per_run = run_metrics(runs, make_snapshot().tracks)
    table = tables.results_table(runs, per_run, clipped).set_index("variant")
    assert table.loc["A", "iterations / epoch"] == 10
    assert table.loc["A", "clipped steps"] == pytest.approx(0.25)
    assert "clipped steps" not in tables.results_table(runs, per_run, {}).columns


def test_a_variant_with_a_seed_still_training_names_that_first() -> None:
    # "done / running" read as finished at a glance while the last seed trained
    runs = [{"status": "done"}, {"status": "running"}, {"status": "queued"}]
    assert tables._status_text(runs) == "running / queued / done"
    assert tables._status_text([{"status": "done"}, {"status": "done"}]) == "done"
