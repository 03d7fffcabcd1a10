"""Who may see which runs on the Runs page: the owner boundary.

The public app (the default) shows a visitor their own runs (by the owner id of
``dashboard/person.py``) and the runs of share links they opened, never everyone's. A local
single-user app, where the visitor is the store's owner, shows every run: ``GRADLAB_AUDIENCE=local``
or a server listening on the loopback address only. The CLI reads the store directly and sees
everything.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, MutableMapping
from typing import Any

from dashboard import state
from experiments.results.catalog_query import EVERYONE, Scope

ENV_VAR = "GRADLAB_AUDIENCE"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
MAX_LINKED = 2000  # bounds what a session remembers (a link shows at most 8 x 10 runs)


def is_local() -> bool:
    """Whether this server shows every run: ``GRADLAB_AUDIENCE`` says so (``local`` or
    ``public``), else whether it listens on the loopback address only."""
    setting = os.environ.get(ENV_VAR, "").strip().lower()
    if setting in ("local", "public"):
        return setting == "local"
    try:
        import streamlit as st

        return st.get_option("server.address") in LOOPBACK
    except Exception:  # outside a server
        return False


def scope(ss: MutableMapping[str, Any]) -> Scope:
    """The runs this session may see."""
    if is_local():
        return EVERYONE
    return Scope(owner=ss[state.OWNER], run_ids=tuple(ss[state.LINKED_RUNS]))


def remember_linked(ss: MutableMapping[str, Any], run_ids: Iterable[str]) -> None:
    """Runs a share link showed this visitor: from now on theirs to see on the Runs page."""
    known = list(dict.fromkeys([*ss[state.LINKED_RUNS], *run_ids]))
    ss[state.LINKED_RUNS] = known[-MAX_LINKED:]
