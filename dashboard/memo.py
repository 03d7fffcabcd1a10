"""Build each chart once per data version: a rerun over unchanged runs reuses the last figures.

The live fragment reruns twice a second and every widget change reruns the page; rebuilding
frames and figures from identical data cost most of the server's time. A slot holds the last
value built under one name with the key it was built for (the runs' version from
:class:`experiments.results.reader.ResultsReader` plus the display options), so memory stays bounded
and an unchanged chart is also sent as an identical spec.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

from dashboard import state

T = TypeVar("T")


def memo(slot: str, key: Hashable | None, build: Callable[[], T]) -> T:
    """The value last built in ``slot`` if it was built for ``key``, else ``build()`` (kept).

    Parameters
    ----------
    slot : str
        Name of the value (one per chart or frame); each slot keeps one value per session.
    key : hashable or None
        Everything the value depends on. ``None`` means "not versioned": always build.
    build : callable
        Makes the value; it must not be mutated by its users, since it is shared.
    """
    if key is None:
        return build()
    slots = st.session_state.setdefault(state.MEMO, {})
    held = slots.get(slot)
    if held is not None and held[0] == key:
        return held[1]
    value = build()
    slots[slot] = (key, value)
    return value
