"""Page setup and routing, called from ``app.py``."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import comparison, i18n, state
from dashboard.i18n import t
from dashboard.widget_texts import widget_texts_css

PAGES_DIR = Path(__file__).parent / "pages"


def pages() -> list[st.Page]:
    """The app's pages, Compare first (the default)."""
    return [
        st.Page(
            PAGES_DIR / "compare.py",
            title=t("page.compare"),
            icon=":material/compare_arrows:",
            url_path="compare",
            default=True,
        ),
        st.Page(
            PAGES_DIR / "runs.py",
            title=t("page.runs"),
            icon=":material/table_rows:",
            url_path="runs",
        ),
        st.Page(
            PAGES_DIR / "activations.py",
            title=t("page.activations"),
            icon=":material/show_chart:",
            url_path="activations",
        ),
        st.Page(
            PAGES_DIR / "backprop.py",
            title=t("page.backprop"),
            icon=":material/account_tree:",
            url_path="backprop",
        ),
    ]


def _reword(ss, lang: str) -> None:
    """Validation messages are worded when the form is checked: after a language switch, check
    the applied comparison again so they read in the new language."""
    if ss.get(state.WORDED, lang) != lang and (ss[state.FIELD_ERRORS] or ss[state.WARNINGS]):
        _, ss[state.FIELD_ERRORS], ss[state.WARNINGS] = comparison.check(
            ss[state.DATA], ss[state.VARIANTS]
        )
    ss[state.WORDED] = lang


# Korean wraps between any two syllables by default: on a phone the Compare page's title broke
# inside a word ("비 / 교하기"), captions too ("기울 / 기를"). keep-all breaks Korean at spaces,
# as Korean typesetting does; it changes nothing for English, and a word too long for its line
# still wraps.
KEEP_WORDS_CSS = (
    "<style>.stApp, .stApp h1, .stApp h2, .stApp h3, .stApp p, .stApp li "
    "{word-break: keep-all; overflow-wrap: anywhere;}</style>"
)


def run_app() -> None:
    """Configure the page, initialise the session state and run the selected page."""
    st.set_page_config(page_title="gradlab", page_icon=":material/monitoring:", layout="wide")
    state.init(st.session_state)
    _reword(st.session_state, i18n.resolve())
    page = st.navigation(pages(), position="top")
    st.html(KEEP_WORDS_CSS + widget_texts_css(i18n.current()))
    # the switch sits above every page, at the right, where the address bar's language shows
    _, right = st.columns([5, 1])
    with right:
        i18n.language_switch()
    page.run()
