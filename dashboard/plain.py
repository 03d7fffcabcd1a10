"""User text (labels, file names, echoed values) shown as plain text inside Markdown.

Streamlit renders Markdown in ``st.markdown``, ``st.info``/``st.error``, captions and progress
texts. A label is anyone's text (a share link sets it): ``![p](https://...)`` drew a remote
image and ``[Sign in](https://...)`` a link, and ``html.escape`` stops neither. CommonMark lets
any ASCII punctuation be escaped with a backslash, so escaping all of it leaves no syntax: no
links, images, emphasis, headings, tables, HTML, LaTeX (``$``) or Streamlit's ``:red[...]``
and ``:icon:`` directives.
"""

from __future__ import annotations

import re
import string

_ESCAPES = {ord(c): "\\" + c for c in string.punctuation}
_ESCAPES.update({ord("\n"): " ", ord("\r"): " "})  # a new line could start a heading or a list
# GitHub-flavoured Markdown turns a bare URL or e-mail address into a link even when its
# punctuation is escaped (measured in Chromium: "https\:\/\/..." still became <a href>); a
# zero-width space after ":" and "@" and inside "www." breaks the pattern, invisibly
_ESCAPES.update({ord(":"): "\\:\u200b", ord("@"): "\\@\u200b"})
_WWW = re.compile(r"(?i)(w)(ww)(\\\.)")


def literal(text: object) -> str:
    """``text`` as Markdown that renders exactly as the characters it holds, on one line."""
    return _WWW.sub("\\1\u200b\\2\\3", str(text).translate(_ESCAPES))
