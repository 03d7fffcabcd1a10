"""Plotly's legend on finished comparison charts: one entry per variant, hiding all its lines."""

from __future__ import annotations

from dashboard import charts
from dashboard import transforms as tf
from dashboard.column_widths import text_px
from dashboard.palette import color_map
from tests.dashboard.frames import GROUPS, make_snapshot


def test_one_entry_per_variant_toggles_its_whole_group() -> None:
    curves = tf.curves(make_snapshot().tracks, GROUPS, "loss")
    colors = color_map(list(GROUPS))
    plain = charts.loss_figure(curves, colors)
    fig = charts.with_legend(charts.loss_figure(curves, colors))
    shown = [t for t in fig.data if t.showlegend is not False]
    assert [t.name for t in shown] == ["A · validation", "B · validation"]
    # "A" has two seeds: its band traces and its training line follow the entry's group
    assert {t.legendgroup for t in fig.data} == {"A", "B"}
    assert fig.layout.showlegend is True
    assert fig.layout.legend.groupclick == "togglegroup"
    assert fig.layout.legend.itemdoubleclick == "toggleothers"
    # the legend gets room of its own above the plot, the plot keeps its height
    grown = fig.layout.margin.t - plain.layout.margin.t
    assert grown > 0 and fig.layout.height - plain.layout.height == grown
    assert plain.layout.showlegend is False  # live charts stay without one


def test_gap_chart_entries_are_the_variants() -> None:
    curves = tf.curves(make_snapshot().tracks, GROUPS, "loss")
    gap = charts.gap_figure(tf.gap(curves), tf.best_epochs(curves), color_map(list(GROUPS)))
    fig = charts.with_legend(gap)
    assert [t.name for t in fig.data if t.showlegend is not False] == ["A", "B"]


def test_the_legend_has_room_for_a_third_of_a_page() -> None:
    # five optimizers' entries ("SGD + momentum 0.9 · validation" ...) beside three charts a
    # row: the room planned must fit a 300 px wide legend, or plotly draws into the plot
    from dashboard.charts.legend import ENTRY_PX, ROW_PX, _rows

    names = [f"{n} · validation" for n in ("SGD", "SGD + momentum 0.9", "Adagrad", "RMSprop")]
    rows = _rows(names)
    widths = [ENTRY_PX + text_px(n) for n in names]
    assert rows >= sum(widths) / 300  # never fewer rows than the entries need at 300 px
    assert ROW_PX * rows >= 24 * 3


def test_a_korean_legend_shows_the_validation_line_and_has_rows_for_hangul() -> None:
    """The entry is the solid (validation) line in any language: matched by the English word
    "validation", the Korean page's legend showed the dashed training line instead."""
    from dashboard.charts.legend import _rows

    curves = tf.curves(make_snapshot().tracks, GROUPS, "loss")
    fig = charts.with_legend(charts.loss_figure(curves, color_map(list(GROUPS)), lang="ko"))
    shown = [t for t in fig.data if t.showlegend is not False]
    assert [t.name for t in shown] == ["A · 검증", "B · 검증"]
    assert all(t.line.dash == "solid" for t in shown)
    # the overfitting lesson's Korean entries take more rows than as many Latin letters
    korean = ["규제 없음", "L2 (0.01)", "드롭아웃 0.5"]
    assert _rows(korean) > _rows(["x" * len(name) for name in korean])
