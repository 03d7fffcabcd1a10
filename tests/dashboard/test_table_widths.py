"""The results table's columns show each cell whole: st.dataframe sizes a column only when it is
first drawn (while runs train), so the page gives every text column the width of its texts."""

from __future__ import annotations

import json

import pytest

from dashboard.column_widths import (
    BROAD_PX,
    DIGIT_PX,
    MAX_PX,
    NARROW_PX,
    PADDING_PX,
    THIN_PX,
    UPPER_PX,
    WIDE_PX,
    column_px,
    text_px,
)
from tests.dashboard.apptest_support import click, open_page, run_small


def test_a_text_is_as_wide_as_its_glyphs() -> None:
    assert text_px("0.69 ± 0.01") == 6 * DIGIT_PX + 4 * THIN_PX + NARROW_PX
    assert text_px("최저 검증 손실") == 6 * WIDE_PX + 2 * THIN_PX
    assert text_px("Wm") == 2 * BROAD_PX and text_px("Ab") == UPPER_PX + NARROW_PX


def test_a_column_fits_its_widest_text_heading_or_cell() -> None:
    assert column_px("best val loss", ["0.69 ± 0.01"]) == round(
        text_px("best val loss") + PADDING_PX
    )
    long = "0.693160 ± 0.000031"
    assert column_px("best val loss", ["0.69 ± 0.01", long, None]) == round(
        text_px(long) + PADDING_PX
    )
    assert column_px("variant", ["x" * 500]) == MAX_PX


@pytest.mark.usefixtures("app_store")
def test_the_results_table_gives_each_text_column_its_texts_width() -> None:
    at = open_page()
    at.selectbox(key="preset.pick").set_value("overfitting")
    click(at, "Load preset")
    at, _ = run_small(at, 3)
    (table,) = at.dataframe
    widths = {name: spec.get("width") for name, spec in json.loads(table.proto.columns).items()}
    frame = table.value
    for column in ("variant", "status", "best val loss", "final val loss", "gap at best epoch"):
        longest = max(text_px(str(cell)) for cell in frame[column])
        assert widths[column] >= longest + PADDING_PX, (column, widths[column], longest)
