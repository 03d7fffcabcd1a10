"""Page setup and routing, called from ``app.py``."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import state

PAGES_DIR = Path(__file__).parent / "pages"


def pages() -> list[st.Page]:
    """The app's pages, Compare first (the default)."""
    return [
        st.Page(
            PAGES_DIR / "compare.py",
            title="Compare",
            icon=":material/compare_arrows:",
            url_path="compare",
            default=True,
        ),
        st.Page(
            PAGES_DIR / "runs.py",
            title="Runs",
            icon=":material/table_rows:",
            url_path="runs",
        ),
        st.Page(
            PAGES_DIR / "activations.py",
            title="Activations",
            icon=":material/show_chart:",
            url_path="activations",
        ),
        st.Page(
            PAGES_DIR / "backprop.py",
            title="Backprop",
            icon=":material/account_tree:",
            url_path="backprop",
        ),
    ]


def run_app() -> None:
    """Configure the page, initialise the session state and run the selected page."""
    st.set_page_config(page_title="gradlab", page_icon=":material/monitoring:", layout="wide")
    state.init(st.session_state)
    st.navigation(pages(), position="top").run()
