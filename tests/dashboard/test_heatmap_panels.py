"""One heatmap figure per variant: the shared scale, its colour bar, whole epochs, empty panels."""

from __future__ import annotations

import numpy as np

from dashboard import charts
from dashboard import transforms as tf
from tests.dashboard.frames import GROUPS, make_snapshot


def _matrices() -> dict[str, tf.GradMatrix]:
    return tf.grad_matrices(make_snapshot().tracks, GROUPS)


def test_each_variant_gets_its_own_figure_on_the_shared_range() -> None:
    matrices = _matrices()
    figures = charts.heatmap_panels(matrices, {"A": ["vanishing"]})
    assert [f.data[0].name for f in figures] == list(matrices)
    finite = np.concatenate([m.values[np.isfinite(m.values)] for m in matrices.values()])
    for fig in figures:  # every panel spans all variants' values, not only its own
        axis = fig.layout.coloraxis
        assert (axis.cmin, axis.cmax) == (finite.min(), finite.max())
        assert axis.colorbar.orientation == "h"  # below the panel: full width for the cells
    assert figures[0].layout.annotations[0].text == "⚠ A"


def test_a_few_epochs_are_ticked_as_whole_numbers() -> None:
    (fig, *_) = charts.heatmap_panels(_matrices())
    assert fig.layout.xaxis.dtick == 1


def test_an_empty_matrix_says_why_instead_of_drawing_empty_axes() -> None:
    matrices = _matrices()
    empty = tf.GradMatrix((), np.array([1, 2]), np.empty((0, 2)))
    figures = charts.heatmap_panels({**matrices, "step": empty}, empty_note="no ReLU layer")
    assert not figures[-1].data
    assert figures[-1].layout.annotations[-1].text == "no ReLU layer"
    assert figures[-1].layout.xaxis.visible is False


def test_dead_units_stay_on_their_whole_range() -> None:
    figures = charts.heatmap_panels(_matrices(), scale=charts.DEAD_UNITS)
    assert all((f.layout.coloraxis.cmin, f.layout.coloraxis.cmax) == (0, 1) for f in figures)


def test_loss_and_gap_charts_tick_a_few_epochs_as_whole_numbers() -> None:
    loss = tf.curves(make_snapshot().tracks, GROUPS, "loss")
    colors = {label: "#123456" for label in loss}
    for fig in (
        charts.loss_figure(loss, colors),
        charts.gap_figure(tf.gap(loss), tf.best_epochs(loss), colors),
    ):
        assert (fig.layout.xaxis.dtick, fig.layout.xaxis.tick0) == (1, 1)


def test_many_epochs_keep_plotlys_own_ticks() -> None:
    from dashboard.charts.style import whole_epochs

    assert "dtick" not in whole_epochs({"xaxis": {}}, [{"x": np.arange(1, 41)}])["xaxis"]
    assert whole_epochs({}, [{"x": [1, 2]}])["xaxis"]["dtick"] == 1


def test_a_variant_that_diverged_before_an_epoch_ended_says_so() -> None:
    import pandas as pd

    from dashboard.widgets.heatmaps import NO_RELU, _empty_notes

    runs = pd.DataFrame({"run_id": ["a", "b"], "diverged_epoch": [1, None]})
    notes = _empty_notes(runs, {"plain": ["a"], "clipped": ["b"]}, NO_RELU)
    assert notes == {"plain": "diverged at epoch 1:<br>no epoch recorded", "clipped": NO_RELU}
    empty = tf.GradMatrix((), np.array([], dtype=int), np.empty((0, 0)))
    (fig,) = charts.heatmap_panels({"plain": empty}, empty_note=notes)
    assert fig.layout.annotations[-1].text.startswith("diverged at epoch 1")


def test_panels_share_one_epoch_axis() -> None:
    """A run that diverged at epoch 18 drew its 18 epochs as wide as the others' 30: side by
    side, every panel spans the epochs of the longest."""
    long = tf.GradMatrix(("dense",), np.arange(1, 31), np.zeros((1, 30)))
    short = tf.GradMatrix(("dense",), np.arange(1, 19), np.zeros((1, 18)))
    figures = charts.heatmap_panels({"clipnorm 1.0": long, "no clipping": short})
    assert [tuple(f.layout.xaxis.range) for f in figures] == [(0.5, 30.5)] * 2
