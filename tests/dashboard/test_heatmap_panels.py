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
