"""dashboard.plain.literal: a label shows as the characters it holds, never as Markdown."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.plain import literal

ATTACKS = [
    "![p](https://example.com/pixel.png)",
    "[Sign in](https://example.com/login)",
    "<img src=x onerror=alert(1)>",
    "**bold** _it_ `code` ~~s~~",
    "# heading",
    "$x^2$",
    ":red[alarm] :material/warning:",
    "line\n# second line",
    "| a | b |",
]


@pytest.mark.parametrize("label", ATTACKS)
def test_no_markdown_syntax_survives(label: str) -> None:
    shown = literal(label)
    assert "\n" not in shown
    # every punctuation character is escaped, so none can open a link, image, tag or directive
    for i, char in enumerate(shown):
        if char in string.punctuation and (i == 0 or shown[i - 1] != "\\"):
            assert shown[i - 1 : i + 1].startswith("\\") or char == "\\", (label, shown, i)


@given(st.text(max_size=60))
def test_unescaping_gives_the_text_back(text: str) -> None:
    shown = literal(text)
    back, i = [], 0
    while i < len(shown):
        if shown[i] == "\\":
            back.append(shown[i + 1])
            i += 2
        else:
            back.append(shown[i])
            i += 1
    # the zero-width spaces that break autolinks are the only characters added
    shown_text = "".join(back).replace("\u200b", "")
    assert shown_text == text.replace("\n", " ").replace("\r", " ").replace("\u200b", "")


def test_a_bare_url_or_address_cannot_become_a_link() -> None:
    for text in ("https://example.com/x.png", "www.example.com", "me@example.com"):
        shown = literal(text).replace("\\", "")
        assert "://" not in shown and "www." not in shown.lower() and "@e" not in shown
