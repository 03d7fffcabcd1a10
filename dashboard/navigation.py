"""Page setup and routing, called from ``app.py``."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import i18n, state
from dashboard.i18n import t

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


def run_app() -> None:
    """Configure the page, initialise the session state and run the selected page."""
    st.set_page_config(page_title="gradlab", page_icon=":material/monitoring:", layout="wide")
    state.init(st.session_state)
    i18n.resolve()
    page = st.navigation(pages(), position="top")
    # the switch sits above every page, at the right, where the address bar's language shows
    _, right = st.columns([5, 1])
    with right:
        i18n.language_switch()
    page.run()
