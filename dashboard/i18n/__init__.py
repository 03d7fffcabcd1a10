"""The dashboard's languages: ``t(key)`` gives a text in the viewer's language.

The language comes from the address bar (``?lang=ko``), else the session (a switch made earlier,
or a page reached without the parameter), else the browser's language (``st.context.locale``),
else English. :func:`resolve` writes it back to the address bar on every page, so a copied
address or share link opens in the sender's language and a page change keeps it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.i18n.catalog import CATALOGS, DEFAULT, NAMES, has, lookup, normalize

PARAM = "lang"
KEY = "lang"  # session state: the language chosen last
SWITCH = "lang.switch"  # the switch's widget key

__all__ = ["PARAM", "current", "has", "language_switch", "link_suffix", "lookup", "resolve", "t"]


def _browser() -> str | None:
    try:
        return normalize(st.context.locale)
    except Exception:  # no browser behind the session (bare mode, AppTest)
        return None


def resolve() -> str:
    """Settle this run's language and keep it in the session and the address bar."""
    ss = st.session_state
    lang = normalize(st.query_params.get(PARAM)) or normalize(ss.get(KEY)) or _browser()
    lang = lang or DEFAULT
    ss[KEY] = lang
    if st.query_params.get(PARAM) != lang:
        st.query_params[PARAM] = lang
    return lang


def current() -> str:
    """The language of this session (English before :func:`resolve` ran)."""
    return normalize(st.session_state.get(KEY)) or DEFAULT


def t(key: str, **fmt: Any) -> str:
    """The text of ``key`` in the current language, formatted with ``fmt``."""
    return lookup(current(), key, **fmt)


def link_suffix() -> str:
    """What a share link adds so that it opens in this language (``&lang=ko``)."""
    return f"&{PARAM}={current()}"


def _switched() -> None:
    chosen = st.session_state.get(SWITCH)
    if chosen in CATALOGS:
        st.session_state[KEY] = chosen
        st.query_params[PARAM] = chosen


def language_switch() -> None:
    """English / 한국어, each in its own words; the page redraws in the chosen language."""
    st.session_state[SWITCH] = current()
    st.segmented_control(
        "Language / 언어",
        list(CATALOGS),
        format_func=NAMES.get,
        key=SWITCH,
        on_change=_switched,
        label_visibility="collapsed",
    )
