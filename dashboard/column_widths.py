"""Column widths for ``st.dataframe`` that show each cell whole.

``st.dataframe`` sizes a column once, from its heading and the first rows it draws, and keeps
that width when the data changes (streamlit#5860). The results table is first drawn while runs
train, when "0.69 ± 0.01" is short; "0.693160 ± 0.000031" at the end was cut to "0.693160 ±
0.00003". A width computed from the texts at each draw follows them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# Upper bounds of the glyphs of the table's 14 px Source Sans, measured in Chromium (a digit is
# 7.0-7.2 px, "." and " " 3.3-3.6 px, "m" and "W" about 11.8 px), and of a Hangul syllable in the
# fallback font (about 13 px); tests/dashboard/test_browser_korean.py measures them again.
THIN_PX, DIGIT_PX, NARROW_PX, UPPER_PX, BROAD_PX, WIDE_PX = 4.0, 7.3, 7.5, 9.0, 12.5, 14.0
THIN = frozenset(" .,:;'|!ijl()[]")
BROAD = frozenset("MWmw@%")
PADDING_PX = 20  # the cell's padding, 8 px on each side, and a little air
MAX_PX = 400  # a long typed label is cut here, as Streamlit's "large" column


def text_px(text: str) -> float:
    """About how wide ``text`` draws in a table cell, in pixels."""
    return sum(_glyph_px(c) for c in text)


def _glyph_px(char: str) -> float:
    if unicodedata.east_asian_width(char) in "WF":
        return WIDE_PX
    if char in THIN:
        return THIN_PX
    if char.isdigit():
        return DIGIT_PX
    if char in BROAD:
        return BROAD_PX
    return UPPER_PX if char.isupper() else NARROW_PX


def column_px(heading: str, cells: Iterable[object]) -> int:
    """A width that shows ``heading`` and every cell whole (at most :data:`MAX_PX`)."""
    widest = max([text_px(heading), *(text_px(str(c)) for c in cells if c is not None)])
    return min(MAX_PX, round(widest + PADDING_PX))
