"""Keep tracebacks away from users: a page body that fails shows a friendly message instead."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

import streamlit as st

from dashboard import runtime
from dashboard.i18n import t
from dashboard.plain import literal
from experiments.results.storefile import StoreError
from experiments.spec.bounded import clip

LOG = logging.getLogger("gradlab.dashboard")


def guarded(render: Callable[[], None]) -> None:
    """Run a page body; an unexpected exception becomes an ``st.error`` and a server log entry.

    Streamlit's own control flow (``st.rerun``, ``st.stop``) derives from ``BaseException`` and
    passes through untouched.
    """
    try:
        render()
    except StoreError as exc:
        LOG.warning("run store: %s", exc)
        store_trouble(exc)
    except Exception as exc:  # the last line of defence: no traceback reaches the page
        LOG.exception("page failed")
        st.error(t("guard.failed", kind=type(exc).__name__, error=literal(clip(str(exc), 300))))


def store_trouble(error: StoreError) -> None:
    """Say what is wrong with the run store; for a corrupt file, offer a fresh one."""
    st.error(t("guard.store", error=literal(clip(str(error), 400))), icon="⚠️")
    if error.kind != "corrupt" or not error.path.is_file():
        return
    key = f"store.fresh.{error.path}"
    if st.button(t("guard.fresh_store"), key=key):
        aside = runtime.start_fresh_store(error.path)
        LOG.warning("run store %s set aside as %s", error.path, aside)
        st.rerun()


def guarded_fragment(body: Callable[..., None], *args: Any, run_every: float | None = None) -> None:
    """Run ``body(*args)`` as a Streamlit fragment (``st.fragment``) with its own guard.

    A fragment's own reruns (a widget inside it, ``run_every``) run only its function, not the
    page body that ``guarded`` wraps. The wrapper takes ``body``'s name, from which Streamlit
    derives the fragment's identity.
    """

    @functools.wraps(body)
    def run(*inner: Any) -> None:
        guarded(lambda: body(*inner))

    st.fragment(run, run_every=run_every)(*args)
