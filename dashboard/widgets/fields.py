"""Small helpers shared by the forms: error messages next to fields, optional numbers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

from dashboard import state

# A ConfigError's field mapped to the widget that shows its message, where they differ.
SHOWN_AT = {"hidden_layers": "width", "batch_size": "batch_regime"}


def messages_at(owner: Any, fields: Iterable[str]) -> list[str]:
    """The last validation messages shown at any of ``fields`` of ``owner``."""
    errors = st.session_state.get(state.FIELD_ERRORS, {})
    return [
        message
        for (err_owner, err_field), message in errors.items()
        if err_owner == owner and SHOWN_AT.get(err_field, err_field) in fields
    ]


def field_error(owner: Any, field: str) -> None:
    """Show the last validation message for ``field`` of ``owner`` (a uid or ``"data"``)."""
    for message in messages_at(owner, (field,)):
        st.error(message, icon="⚠️")


def index_of(options: list[Any], value: Any) -> int:
    """Position of ``value`` in ``options`` (0 when absent, e.g. from an old share link)."""
    return options.index(value) if value in options else 0
