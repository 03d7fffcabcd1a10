"""Small helpers shared by the forms: error messages next to fields, optional numbers."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import state

# A ConfigError's field mapped to the widget that shows its message, where they differ.
SHOWN_AT = {"hidden_layers": "width", "batch_size": "batch_regime"}


def field_error(owner: Any, field: str) -> None:
    """Show the last validation message for ``field`` of ``owner`` (a uid or ``"data"``)."""
    errors = st.session_state.get(state.FIELD_ERRORS, {})
    for (err_owner, err_field), message in errors.items():
        if err_owner == owner and SHOWN_AT.get(err_field, err_field) == field:
            st.error(message, icon="⚠️")


def index_of(options: list[Any], value: Any) -> int:
    """Position of ``value`` in ``options`` (0 when absent, e.g. from an old share link)."""
    return options.index(value) if value in options else 0
