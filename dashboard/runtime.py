"""The process-wide store and runner, shared by every browser session of this server."""

from __future__ import annotations

import os

import streamlit as st

from experiments import Runner, Store


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
