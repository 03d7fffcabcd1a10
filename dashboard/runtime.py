"""The process-wide store and runner, shared by every browser session of this server."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import streamlit as st

from experiments import Runner, Store
from experiments.results.storefile import set_aside


@st.cache_resource(show_spinner=False)
def _store(path: str | None) -> Store:
    return Store(path)


@st.cache_resource(show_spinner=False)
def _runner(path: str | None) -> Runner:
    # the runner owns daemon worker processes, so holding it in the resource cache cannot block
    # the server's shutdown
    return Runner(_store(path))


def store() -> Store:
    """The run store at ``$GRADLAB_STORE`` (else the experiments package's default path)."""
    return _store(os.environ.get("GRADLAB_STORE"))


def runner() -> Runner:
    """The background runner writing into :func:`store`."""
    return _runner(os.environ.get("GRADLAB_STORE"))


def start_fresh_store(path: Path) -> Path:
    """Move a broken store aside (kept, renamed) and forget the store and runner built on it,
    so the next script run starts a fresh one; returns the old file's new path."""
    with contextlib.suppress(Exception):  # a runner on a broken store may not even start
        runner().shutdown()
    _runner.clear()
    _store.clear()
    return set_aside(path)
