"""Labels are anyone's text (a share link sets them): the page shows them as plain text, never
as Markdown or HTML (issue 15 item 3).

The label is drawn by dashboard/widgets/variant_form.py (and, while runs train, by the progress
bars in dashboard/widgets/live.py), which another change is rewriting; the marks come off when
they draw labels with dashboard.plain.literal.
"""

from __future__ import annotations

import re

import pytest

from dashboard import comparison, share
from tests.dashboard.apptest_support import open_page

pytestmark = pytest.mark.usefixtures("app_store")
ATTACK = "![p](https://example.com/x.png)"
# Markdown that would draw: an image or link opener whose bracket and parenthesis are unescaped
LIVE_LINK = re.compile(r"(?<!\\)\]\((?!\\)")


def test_a_markdown_label_is_drawn_as_plain_text() -> None:
    pairs = [(ATTACK, {"dataset": "moons"}), ("plain", {"dataset": "moons", "seed": 1})]
    at = open_page(query={share.PARAM: share.encode(pairs, comparison.defaults())})
    assert not at.exception
    drawn = [m.value for m in at.markdown if "example" in m.value]
    assert drawn, "the label is not drawn at all"
    assert not any(LIVE_LINK.search(text) for text in drawn), drawn
