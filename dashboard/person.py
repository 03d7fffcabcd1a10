"""Who is asking: one owner id per person, the same across reloads and tabs.

Per-person limits must not reset on a reload (a new Streamlit session) or in a second tab, so the
owner id comes from the browser's XSRF cookie (one per browser, shared by its tabs), else from
the client's IP address (``st.context``, Streamlit 1.67), else from the session alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

XSRF_COOKIE = "_streamlit_xsrf"


def _xsrf_secret(value: str) -> str:
    """The token inside Tornado's masked cookie (``2|mask|masked|time``): the mask changes
    whenever it is sent again, the token does not."""
    parts = value.split("|")
    if len(parts) == 4 and parts[0] == "2":
        try:
            mask, masked = bytes.fromhex(parts[1]), bytes.fromhex(parts[2])
        except ValueError:
            return value
        if len(mask) != len(masked):
            return value
        return bytes(a ^ b for a, b in zip(mask, masked, strict=True)).hex()
    return value


def person_id(cookies: Mapping[str, str] | None, ip_address: str | None, fallback: str) -> str:
    """``"p-<16 hex>"`` from the XSRF cookie, else from the IP address, else ``fallback``."""
    cookie = (cookies or {}).get(XSRF_COOKIE)
    if cookie:
        key = "cookie:" + _xsrf_secret(cookie)
    elif ip_address:
        key = "ip:" + ip_address
    else:
        return fallback
    return "p-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def current(fallback: str) -> str:
    """This request's person id (``fallback`` outside a browser session, as in tests)."""
    try:
        import streamlit as st

        context = st.context
        cookies = {k: v for k, v in dict(context.cookies).items() if isinstance(v, str)}
        ip_address = context.ip_address if isinstance(context.ip_address, str) else None
    except Exception:  # no script run context (AppTest), or an older Streamlit
        return fallback
    return person_id(cookies, ip_address, fallback)
