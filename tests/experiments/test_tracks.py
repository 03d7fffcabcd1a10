"""RunTrack and Snapshot: stored epochs and layers as arrays by epoch, read like the tidy frames."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from experiments.results.frames import Results
from experiments.results.tracks import RunTrack, epoch_values, snapshot_of


def assert_tracks_equal(got: RunTrack, want: RunTrack) -> None:
    """Equal arrays (NaN equal to NaN) and equal layer names and indices."""
    assert got.values.keys() == want.values.keys()
    for key in want.values:
        np.testing.assert_array_equal(got.values[key], want.values[key], err_msg=str(key))
    np.testing.assert_array_equal(got.seen, want.seen)
    assert (got.layers, got.layer_indices) == (want.layers, want.layer_indices)
    np.testing.assert_array_equal(got.grad, want.grad)
    np.testing.assert_array_equal(got.grad_seen, want.grad_seen)


def _stored(epochs: list[int], **columns: list) -> dict:
    """Stored ``epochs`` columns: the given ones, everything else NULL."""
    names = ("loss", "accuracy", "val_loss", "val_accuracy", "eval_loss", "eval_accuracy")
    return {"epoch": epochs, **{n: columns.get(n, [None] * len(epochs)) for n in names}}


NO_LAYERS = {"epoch": [], "layer_index": [], "layer_name": [], "grad_norm_mean": []}


def test_training_split_is_the_end_of_epoch_pass_else_the_running_mean() -> None:
    stored = _stored([1, 2], loss=[0.9, 0.7], eval_loss=[0.8, None], val_loss=[1.0, 1.1])
    track = RunTrack().extended(epoch_values(stored), NO_LAYERS)
    np.testing.assert_array_equal(track.values["loss", "train"], [0.8, 0.7])
    np.testing.assert_array_equal(track.values["loss", "val"], [1.0, 1.1])
    assert np.isnan(track.values["accuracy", "train"]).all()  # a regression: no accuracy
    assert track.epochs_done == 2


def test_epochs_land_at_their_position_and_an_extended_track_is_a_new_one() -> None:
    first = RunTrack().extended(epoch_values(_stored([1], loss=[3.0])), NO_LAYERS)
    later = first.extended(epoch_values(_stored([3, 2], loss=[1.0, 2.0])), NO_LAYERS)
    np.testing.assert_array_equal(later.values["loss", "train"], [3.0, 2.0, 1.0])
    np.testing.assert_array_equal(first.values["loss", "train"], [3.0])  # unchanged
    gap = first.extended(epoch_values(_stored([3], loss=[1.0])), NO_LAYERS)
    np.testing.assert_array_equal(gap.seen, [True, False, True])
    assert math.isnan(gap.values["loss", "train"][1])


def test_layers_in_model_order_with_nan_where_a_layer_has_no_kernel() -> None:
    layers = {
        "epoch": [1, 1, 1, 2, 2, 2],
        "layer_index": [2, 0, 1, 0, 1, 2],
        "layer_name": ["dense_1", "dense", "dropout", "dense", "dropout", "dense_1"],
        "grad_norm_mean": [0.5, 0.1, None, 0.2, None, 0.6],
    }
    track = RunTrack().extended(epoch_values(_stored([])), layers)
    assert track.layers == ("dense", "dropout", "dense_1")
    np.testing.assert_array_equal(track.grad, [[0.1, 0.2], [np.nan, np.nan], [0.5, 0.6]])
    more = {"epoch": [3], "layer_index": [0], "layer_name": ["dense"], "grad_norm_mean": [0.3]}
    grown = track.extended(epoch_values(_stored([])), more)
    np.testing.assert_array_equal(grown.grad[0], [0.1, 0.2, 0.3])
    assert np.isnan(grown.grad[2, 2]) and grown.grad_seen.tolist() == [True, True, True]


def test_snapshot_of_tidy_frames_matches_the_stored_columns() -> None:
    runs = pd.DataFrame({"run_id": ["r"], "label": ["A"], "status": ["done"]})
    epochs = pd.DataFrame(
        {
            "run_id": ["r"] * 3,
            "epoch": [1, 2, 1],
            "split": ["train", "train", "val"],
            "loss": [0.8, 0.7, 1.0],
            "accuracy": [0.5, 0.6, 0.4],
        }
    )
    layers = pd.DataFrame(
        {
            "run_id": ["r"],
            "epoch": [2],
            "layer_index": [0],
            "layer_name": ["dense"],
            "grad_norm_mean": [0.25],
        }
    )
    track = snapshot_of(Results.build(runs, epochs, layers)).tracks["r"]
    stored = _stored(
        [1, 2],
        eval_loss=[0.8, 0.7],
        eval_accuracy=[0.5, 0.6],
        val_loss=[1.0, None],
        val_accuracy=[0.4, None],
    )
    expected = RunTrack().extended(
        epoch_values(stored),
        {"epoch": [2], "layer_index": [0], "layer_name": ["dense"], "grad_norm_mean": [0.25]},
    )
    assert_tracks_equal(track, expected)


def test_an_epoch_below_one_is_refused_not_written_at_the_end() -> None:
    with pytest.raises(ValueError, match="epoch must be 1 or more; got 0"):
        RunTrack().extended(epoch_values(_stored([0], loss=[1.0])), NO_LAYERS)
    layers = {"epoch": [-2], "layer_index": [0], "layer_name": ["dense"], "grad_norm_mean": [1.0]}
    with pytest.raises(ValueError, match="got -2"):
        RunTrack().extended(epoch_values(_stored([])), layers)
