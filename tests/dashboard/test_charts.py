"""Chart builders: traces, colours, shared scales and marks, on hand-made frames."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from dashboard import charts
from dashboard import transforms as tf
from dashboard.charts.predictions import class_color
from dashboard.palette import PALETTE, color_map
from experiments.spec.data import ArrayData
from tests.dashboard.frames import GROUPS, make_snapshot


@pytest.fixture
def curve() -> tf.Curves:
    return tf.curves(make_snapshot().tracks, GROUPS, "loss")


def _matrices() -> dict[str, tf.GradMatrix]:
    return tf.grad_matrices(make_snapshot().tracks, GROUPS)


def _lines(fig: go.Figure) -> list[go.Scatter]:
    return [t for t in fig.data if isinstance(t, go.Scatter) and t.hoverinfo != "skip"]


def test_palette_colours_follow_variant_position() -> None:
    colors = color_map(["x", "y", "z"])
    assert list(colors.values()) == list(PALETTE[:3])
    assert len(set(PALETTE)) == len(PALETTE) == 8


def test_loss_figure_has_train_and_val_per_variant(curve: tf.Curves) -> None:
    colors = color_map(["A", "B"])
    fig = charts.loss_figure(curve, colors, y_title="loss (cross-entropy)")
    names = [t.name for t in _lines(fig)]
    assert names == ["A · training", "A · validation", "B · training", "B · validation"]
    for trace in _lines(fig):
        assert trace.line.color == colors[trace.name.split(" · ")[0]]
    a_val = _lines(fig)[1]
    np.testing.assert_allclose(a_val.y, [1.7, 0.9, 1.0])
    assert fig.layout.xaxis.title.text == "epoch"
    assert fig.layout.yaxis.title.text == "loss (cross-entropy)"


def test_comparison_charts_have_fixed_margins_and_no_legend(curve: tf.Curves) -> None:
    # automatic margins cost a third of every live redraw; the page draws one shared legend
    figures = [
        charts.loss_figure(curve, color_map(["A", "B"])),
        charts.gap_figure(tf.gap(curve), tf.best_epochs(curve), color_map(["A", "B"])),
        charts.gradient_heatmaps(_matrices()),
    ]
    for fig in figures:
        assert fig.layout.margin.autoexpand is False
        assert fig.layout.showlegend is False
        axes = [fig.layout[k] for k in fig.to_dict()["layout"] if k.startswith(("xaxis", "yaxis"))]
        assert len(axes) >= 2 and all(axis.automargin is False for axis in axes)
    # the heatmaps keep room for the colour bar on the right
    assert figures[2].layout.margin.r >= 100


def test_loss_figure_bands_only_for_several_seeds(curve: tf.Curves) -> None:
    fig = charts.loss_figure(curve, color_map(["A", "B"]))
    bands = [t for t in fig.data if t.hoverinfo == "skip"]
    # A has two seeds: an upper and a lower edge for each split; B has one seed: none
    assert len(bands) == 4
    assert all(t.legendgroup == "A" for t in bands)
    # by default the mean's 95% CI: two seeds a and b give mean (a + b) / 2 and half-width
    # t(0.975, 1) * (|a - b| / sqrt 2) / sqrt 2 = 12.7062 * |a - b| / 2
    t = 12.706204736
    np.testing.assert_allclose(bands[0].y, [2 + t, 1 + t / 2, 0.5 + t / 4])
    # the lower edge, 2 - t and so on, is below any loss there can be: cut at 0
    np.testing.assert_allclose(bands[1].y, [0.0, 0.0, 0.0])
    # an accuracy's band stays within [0, 1] (means 2, 1, 0.5 are no accuracies, but the cut is)
    cut = [t.y for t in charts.loss_figure(curve, color_map(["A"]), limits=(0.0, 1.0)).data
           if t.hoverinfo == "skip"]  # fmt: skip
    np.testing.assert_allclose(cut[0], [1.0, 1.0, 1.0])
    np.testing.assert_allclose(cut[1], [0.0, 0.0, 0.0])
    ranged = [t for t in charts.loss_figure(curve, color_map(["A"]), band="range").data
              if t.hoverinfo == "skip"]  # fmt: skip
    np.testing.assert_allclose(ranged[0].y, [3.0, 1.5, 0.75])
    np.testing.assert_allclose(ranged[1].y, [1.0, 0.5, 0.25])


def test_a_wide_interval_runs_off_an_axis_fitted_to_the_seeds(curve: tf.Curves) -> None:
    # A's two seeds: a CI of 12.7 x their half-difference, far beyond any seed's value
    fig = charts.loss_figure(curve, color_map(["A", "B"]))
    low, high = fig.layout.yaxis.range
    seeds = [v for splits in curve.values() for c in splits.values() for v in (*c.low, *c.high)]
    pad = 0.05 * (max(seeds) - min(seeds))
    assert (low, high) == pytest.approx((min(seeds) - pad, max(seeds) + pad))
    log = charts.loss_figure(curve, color_map(["A"]), log_y=True)
    assert min(min(t.y) for t in log.data) > 0  # no band edge a log axis cannot draw


def test_loss_hover_gives_the_seeds_range_only_for_several_seeds(curve: tf.Curves) -> None:
    a_train, _, b_train, _ = _lines(charts.loss_figure(curve, color_map(["A", "B"])))
    # A: two seeds, the range min to max per epoch rides along; B: one seed, nothing to add
    assert "95% CI, %{customdata[2]} seeds" in a_train.hovertemplate
    e = curve["A"]["train"]
    np.testing.assert_allclose(a_train.customdata, np.c_[e.low, e.high, e.n, e.ci])
    assert b_train.customdata is None and "customdata" not in b_train.hovertemplate
    assert b_train.hovertemplate.endswith("%{y:.6g}<extra></extra>")


def test_loss_figure_log_scale(curve: tf.Curves) -> None:
    assert charts.loss_figure(curve, color_map(["A"]), log_y=True).layout.yaxis.type == "log"
    assert charts.loss_figure(curve, color_map(["A"])).layout.yaxis.type == "linear"


def _blown_up(curve: tf.Curves, train_last: float = 4e13) -> tf.Curves:
    """``curve`` plus a variant C whose validation loss explodes at its last epoch."""
    epoch = np.array([1, 2, 3])

    def one(last: float) -> tf.Curve:
        mean = np.array([1.2, 1.1, last])
        return tf.Curve(epoch, mean, mean, mean, np.ones(3, dtype=int))

    return {**curve, "C": {"train": one(train_last), "val": one(4e13)}}


def _all_means(curve: tf.Curves) -> np.ndarray:
    return np.concatenate([c.mean for splits in curve.values() for c in splits.values()])


def test_a_blown_up_run_does_not_flatten_the_other_curves(curve: tf.Curves) -> None:
    colors = color_map(["A", "B", "C"])
    ranged = charts.loss_figure(curve, colors, band="range")  # a CI band sets its own range
    assert "range" not in ranged.to_dict()["layout"]["yaxis"]
    fig = charts.loss_figure(_blown_up(curve), colors)
    low, high = fig.layout.yaxis.range
    assert low < _all_means(curve).min() and _all_means(curve).max() < high < 100
    assert "off this axis" in fig.layout.annotations[0].text
    assert max(max(t.y) for t in _lines(fig)) == 4e13  # the data itself is kept for hover
    log = charts.loss_figure(_blown_up(curve), colors, log_y=True)
    assert "range" not in log.to_dict()["layout"]["yaxis"]


def test_gap_figure_focuses_on_the_bulk_too(curve: tf.Curves) -> None:
    blown = _blown_up(curve, train_last=0.5)
    fig = charts.gap_figure(tf.gap(blown), tf.best_epochs(blown), color_map(["A", "B", "C"]))
    assert fig.layout.yaxis.range[1] < 100


def test_gap_figure_marks_the_best_epoch(curve: tf.Curves) -> None:
    fig = charts.gap_figure(tf.gap(curve), tf.best_epochs(curve), color_map(["A", "B"]))
    marks = {t.name: t for t in fig.data if t.mode == "markers"}
    assert list(marks["A · best epoch"].x) == [2]
    # gap at A's best epoch: mean val 0.9 minus mean train 1.0
    assert marks["A · best epoch"].y[0] == pytest.approx(-0.1)
    assert fig.layout.yaxis.title.text == "validation − training loss"


def test_heatmaps_share_one_colour_scale() -> None:
    matrices = _matrices()
    fig = charts.gradient_heatmaps(matrices, {"A": ["vanishing"]})
    heatmaps = [t for t in fig.data if isinstance(t, go.Heatmap)]
    assert [t.name for t in heatmaps] == ["A", "B"]
    assert all(t.coloraxis == "coloraxis" for t in heatmaps)
    # one panel each, side by side, neither overlapping the other
    assert [t.xaxis for t in heatmaps] == ["x", "x2"]
    assert fig.layout.xaxis.domain[1] < fig.layout.xaxis2.domain[0]
    # the same layers in both panels: named once, on the left
    assert (fig.layout.yaxis.showticklabels, fig.layout.yaxis2.showticklabels) == (True, False)
    b = matrices["B"]
    deeper = {
        **matrices,
        "B": tf.GradMatrix((*b.layers, "extra"), b.epochs, np.r_[b.values, b.values[:1]]),
    }
    assert charts.gradient_heatmaps(deeper).layout.yaxis2.showticklabels is True
    # one epoch axis: a variant still training lines up with the others
    assert (fig.layout.xaxis.matches, fig.layout.xaxis2.matches) == (None, "x")
    # the scale spans both variants: A's -6 up to B's 0
    assert (fig.layout.coloraxis.cmin, fig.layout.coloraxis.cmax) == (-6.0, 0.0)
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["⚠ A", "B"]
    # the hover's raw norm is 10 ** z, to the 4 significant digits it shows
    np.testing.assert_allclose(heatmaps[0].customdata, 10 ** matrices["A"].values, rtol=1e-6)


def test_boundary_figure_contours_the_probability() -> None:
    artifact = {
        "x0": [0.0, 1.0],
        "x1": [0.0, 1.0, 2.0],
        "proba": [[0.1, 0.9], [0.2, 0.8], [0.3, 0.7]],
        "pred": [[0, 1], [0, 1], [0, 1]],
        "points": {"x": [[0.0, 0.0], [1.0, 2.0]], "y": [0, 1]},
    }
    fig = charts.boundary_figure(artifact, "A", "#0072B2")
    contour = fig.data[0]
    assert isinstance(contour, go.Contour)
    np.testing.assert_allclose(contour.z, artifact["proba"])
    assert [t.name for t in fig.data[1:]] == ["class 0", "class 1"]


def test_prediction_figure_has_the_diagonal() -> None:
    fig = charts.prediction_figure({"y_true": [1, 2, 3], "y_pred": [1.5, 2, 2.5]}, "A", "#000")
    ideal = fig.data[0]
    assert (list(ideal.x), list(ideal.y)) == ([1.0, 3.0], [1.0, 3.0])
    np.testing.assert_allclose(fig.data[1].y, [1.5, 2, 2.5])


def test_activation_figure_shades_and_reference_line() -> None:
    z = np.linspace(-2, 2, 5)
    fig = charts.activation_figure(
        z, np.maximum(z, 0), (z > 0) * 1.0, "relu", shade=[(-2, 0, "dead")], hline=(0.25, "max")
    )
    assert [t.name for t in fig.data] == ["relu(z)", "relu'(z)"]
    assert fig.layout.shapes[0].x0 == -2 and fig.layout.shapes[0].x1 == 0
    assert fig.layout.shapes[1].y0 == 0.25


def test_focus_range_leaves_healthy_curves_to_autorange() -> None:
    from dashboard.charts.style import focus_range

    decaying = 2.3 * np.exp(-np.linspace(0, 6, 1000))  # a loss falling 400-fold
    assert focus_range(decaying) is None
    assert focus_range(np.array([np.nan, np.inf, 0.5])) is None
    blown = np.append(decaying, 3e12)
    low, high = focus_range(blown)
    assert low < decaying.min() and decaying.max() < high < 3


def _arrays(n_features: int, n_classes: int) -> ArrayData:
    """Hand-made splits: 5 training and 3 validation rows."""
    rng = np.random.default_rng(0)
    y_train = np.array([0, 1, 1, 0, 1]) if n_classes else rng.standard_normal((5, 1))
    y_val = np.array([1, 0, 0]) if n_classes else rng.standard_normal((3, 1))
    return ArrayData(
        "toy", "classification" if n_classes else "regression", n_classes,
        rng.standard_normal((5, n_features)), y_train, rng.standard_normal((3, n_features)), y_val,
    )  # fmt: skip


def test_data_figure_draws_2d_points_per_class_and_split() -> None:
    data = _arrays(2, 2)
    fig = charts.data_figure(data)
    names = [t.name for t in fig.data]
    assert names == ["class 0 · training", "class 1 · training", "class 0 · validation",
                     "class 1 · validation"]  # fmt: skip
    np.testing.assert_array_equal(fig.data[1].x, data.x_train[[1, 2, 4], 0])
    np.testing.assert_array_equal(fig.data[2].y, data.x_val[[1, 2], 1])
    # validation points hollow, in the same shape per class
    assert (fig.data[0].marker.symbol, fig.data[2].marker.symbol) == ("circle", "circle-open")


def test_data_figure_without_two_features_counts_or_histograms() -> None:
    counts = charts.data_figure(_arrays(4, 3))
    assert [t.type for t in counts.data] == ["bar", "bar"]
    np.testing.assert_array_equal(counts.data[0].y, [2, 3, 0])  # class 2 has no example
    np.testing.assert_array_equal(counts.data[1].y, [2, 1, 0])
    regression = _arrays(1, 0)
    curve = charts.data_figure(regression)
    np.testing.assert_array_equal(curve.data[0].y, regression.y_train.ravel())
    assert [t.type for t in charts.data_figure(_arrays(3, 0)).data] == ["histogram"] * 2


def _grid_artifact(proba, pred, labels) -> dict:
    proba = np.asarray(proba, dtype=float)
    g1, g0 = proba.shape
    return {
        "x0": np.linspace(-1, 1, g0).tolist(),
        "x1": np.linspace(-1, 1, g1).tolist(),
        "proba": proba.tolist(),
        "pred": np.asarray(pred).tolist(),
        "points": {"x": np.zeros((len(labels), 2)).tolist(), "y": list(labels)},
    }


def test_a_constant_half_model_is_a_uniform_mid_scale_panel() -> None:
    artifact = _grid_artifact(np.full((4, 5), 0.5), np.zeros((4, 5)), [0, 1, 1])
    region = charts.boundary_figure(artifact, "A", "#0072B2").data[0]
    assert (region.zmin, region.zmax, region.zauto, region.autocontour) == (0.0, 1.0, False, False)
    assert (region.contours.start, region.contours.end, region.contours.size) == (0.0, 1.0, 0.1)
    assert np.all(np.asarray(region.z) == 0.5)


def test_a_nearly_constant_model_is_not_drawn_as_a_crisp_boundary() -> None:
    proba = np.linspace(0.55, 0.5501, 20).reshape(4, 5)
    region = charts.boundary_figure(_grid_artifact(proba, proba > 0.5, [0, 1]), "A", "#000").data[0]
    levels = np.arange(region.contours.start, region.contours.end + 1e-9, region.contours.size)
    assert np.searchsorted(levels, np.asarray(region.z)).min() == np.searchsorted(levels, 0.5501)


def test_multiclass_regions_and_points_share_discrete_class_colours() -> None:
    pred = np.array([[0, 1, 2], [2, 1, 0]])
    fig = charts.boundary_figure(_grid_artifact(np.ones((2, 3)), pred, [0, 1, 2, 2]), "A", "#000")
    region, points = fig.data[0], fig.data[1:]
    assert isinstance(region, go.Heatmap) and (region.zmin, region.zmax) == (-0.5, 2.5)
    scale = [color for _, color in region.colorscale]
    for k, trace in enumerate(points):
        assert trace.name == f"class {k}" and trace.marker.color == class_color(k, 3)
        assert scale[2 * k] == scale[2 * k + 1] == class_color(k, 3)
    assert fig.layout.showlegend


def test_a_diverged_variant_gets_a_panel_that_says_so() -> None:
    fig = charts.failed_figure("A", "#000", "diverged at epoch 3")
    assert not fig.data and "diverged at epoch 3" in fig.layout.annotations[0].text


def test_accuracy_can_be_drawn_on_its_whole_range(curve: tf.Curves) -> None:
    fig = charts.loss_figure(curve, color_map(list(curve)), y_range=(-0.02, 1.02))
    assert list(fig.layout.yaxis.range) == [-0.02, 1.02]


def test_the_palette_has_eight_distinct_hues_none_black_or_grey() -> None:
    import colorsys

    assert len(set(PALETTE)) == 8
    for color in PALETTE:
        r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
        _, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
        assert saturation > 0.3 and 0.15 < lightness < 0.85, color


def test_softmax_bars_sit_on_the_whole_probability_range() -> None:
    fig = charts.softmax_figure(np.array([0.7, 0.2, 0.1]), ["a", "b", "c"])
    assert list(fig.layout.yaxis.range) == [0, 1.1]
    assert list(fig.data[0].text) == ["0.700", "0.200", "0.100"]


def test_probability_half_is_white_as_the_caption_says() -> None:
    from plotly.colors import sample_colorscale, unlabel_rgb

    from dashboard.i18n.catalog import lookup

    proba = np.linspace(0, 1, 20).reshape(4, 5)
    region = charts.boundary_figure(_grid_artifact(proba, proba > 0.5, [0, 1]), "A", "#000").data[0]
    # a name is resolved by plotly.js, whose "RdBu" is grey at 0.5: the colours must be given
    assert not isinstance(region.colorscale, str), region.colorscale
    scale = [list(step) for step in region.colorscale]
    low, half, high = (unlabel_rgb(c) for c in sample_colorscale(scale, [0.0, 0.5, 1.0]))
    assert min(half) >= 240, half  # white, not plotly.js's grey rgb(190,190,190)
    assert low[2] > low[0] and high[0] > high[2]  # 0 blue, 1 red
    for caption in (lookup("en", "pred.final_caption"), lookup("en", "pred.live_caption")):
        assert "0 (blue) to 1 (red): 0.5 is white in every panel" in caption


def test_a_flat_gap_beside_a_healthy_one_is_no_blow_up() -> None:
    """A net that learns nothing has a gap of 1e-5 at every epoch; measured against that, a
    healthy variant's gap of a few hundredths counted as a blow-up: the axis cut its curve and
    a note said a run blew up when every run was done (the walk's iris comparison)."""
    epoch = np.arange(1, 31)

    def curve(mean: np.ndarray) -> tf.Curve:
        return tf.Curve(epoch, mean, mean, mean, np.ones(epoch.size, dtype=int))

    flat = 0.6931 + 1e-6 * np.sin(epoch)
    learning = 0.6 * np.exp(-epoch / 8) + 0.05
    curves = {
        "sigmoid": {"train": curve(flat - 1e-5), "val": curve(flat)},
        "relu": {"train": curve(learning - 0.02 * epoch / 30), "val": curve(learning + 0.03)},
    }
    fig = charts.gap_figure(tf.gap(curves), tf.best_epochs(curves), color_map(list(curves)))
    assert "range" not in fig.to_dict()["layout"]["yaxis"]
    assert not fig.layout.annotations
    # a real blow-up beside them is still taken off the axis, with the gap's own note
    curves["blown"] = {"train": curve(flat), "val": curve(np.where(epoch > 25, 1e12, flat))}
    fig = charts.gap_figure(tf.gap(curves), tf.best_epochs(curves), color_map(list(curves)))
    assert fig.layout.yaxis.range[1] < 10
    assert fig.layout.annotations[0].text.endswith("(hover to see them)")


def test_bands_lie_under_every_line() -> None:
    """A seed band drawn after another variant's line covered it (the normalization lesson's
    batch-norm line turned brown under layer norm's green band): bands come first."""
    epoch = np.arange(1, 11)

    def seeds(mean: np.ndarray) -> tf.Curve:
        return tf.Curve(
            epoch, mean, mean - 0.1, mean + 0.1, np.full(epoch.size, 3), np.full(10, 0.2)
        )

    curves = {
        label: {"train": seeds(0.5 + 0.01 * epoch + k), "val": seeds(0.6 + k + 0 * epoch)}
        for k, label in enumerate(["batch norm", "layer norm"])
    }
    fig = charts.loss_figure(curves, color_map(list(curves)))
    kinds = ["band" if t.name.endswith(" band") else "line" for t in fig.data]
    assert kinds.count("band") >= 4 and "band" not in kinds[kinds.index("line") :]
