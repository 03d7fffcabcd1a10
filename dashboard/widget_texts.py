"""Streamlit's own widget texts in the page's language.

Streamlit writes a few texts of its own in English only and offers no way to translate them
(streamlit#1353, open since 2020): the file uploader's button and size limit, and the "Press
Enter to apply" hint under a text or number input being edited. On a page in another language
a style sheet hides those texts and draws the translation in their place, found by the test ids
Streamlit gives them (data-testid, stable across releases as the handles of its own tests; if
one changes, the English shows again, and the Korean browser test reads it).
"""

from __future__ import annotations

import json

import streamlit as st

from dashboard.i18n.catalog import DEFAULT, lookup

UPLOADER = '[data-testid="stFileUploaderDropzone"]'
UPLOAD_BUTTON = f'{UPLOADER} button [data-testid="stMarkdownContainer"]'
LIMIT = f'{UPLOADER} [data-testid="stFileUploaderDropzoneInstructions"] > div'
ENTER = '[data-testid="InputInstructions"]'


def _content(text: str) -> str:
    """A CSS string literal (JSON's quoting and escapes are CSS's too, for these texts)."""
    return json.dumps(text, ensure_ascii=False)


def widget_texts_css(lang: str) -> str:
    """The style sheet that draws Streamlit's own texts in ``lang`` (nothing for English)."""
    if lang == DEFAULT:
        return ""
    mb = st.get_option("server.maxUploadSize")
    upload = _content(lookup(lang, "streamlit.upload"))
    limit = _content(lookup(lang, "streamlit.upload_limit", mb=mb))
    enter = _content(lookup(lang, "streamlit.enter"))
    return (
        "<style>"
        f"{UPLOAD_BUTTON} > * {{display: none;}}"
        f"{UPLOAD_BUTTON}::after {{content: {upload};}}"
        f"{LIMIT} > * {{display: none;}}"
        f"{LIMIT}::after {{content: {limit}; font-size: 0.875rem; opacity: 0.6;}}"
        # hidden, not shrunk: a hidden text leaves innerText (what a reader copies) too
        f"{ENTER} {{visibility: hidden; position: relative;}}"
        f"{ENTER}::after {{content: {enter}; visibility: visible; position: absolute;"
        " right: 0; top: 0; white-space: nowrap;}"
        "</style>"
    )
