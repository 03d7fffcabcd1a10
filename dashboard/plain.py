"""User text (labels, file names, echoed values) shown as plain text inside Markdown.

Streamlit renders Markdown in ``st.markdown``, ``st.info``/``st.error``, captions and progress
texts. A label is anyone's text (a share link sets it): ``![p](https://...)`` drew a remote
image and ``[Sign in](https://...)`` a link, and ``html.escape`` stops neither. CommonMark lets
any ASCII punctuation be escaped with a backslash, so escaping all of it leaves no syntax: no
links, images, emphasis, headings, tables, HTML, LaTeX (``$``) or Streamlit's ``:red[...]``
and ``:icon:`` directives.
"""

from __future__ import annotations

import string

_ESCAPES = {ord(c): "\\" + c for c in string.punctuation}
_ESCAPES.update({ord("\n"): " ", ord("\r"): " "})  # a new line could start a heading or a list


def literal(text: object) -> str:
    """``text`` as Markdown that renders exactly as the characters it holds, on one line."""
    return str(text).translate(_ESCAPES)
