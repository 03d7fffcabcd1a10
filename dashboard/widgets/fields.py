"""Small helpers shared by the forms: error messages next to fields, optional numbers."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import streamlit as st

from dashboard import state
from dashboard.i18n import t
from dashboard.i18n.names import field_help, field_label
from experiments.spec.config import field_specs

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


def widget_value(value: Any, cast: type, low: Any, high: Any, *, optional: bool) -> Any:
    """``value`` as a number input with these bounds can take it.

    A number input given a value outside its bounds, or of another type, raises inside
    Streamlit: a share link with ``epochs: 10**9`` or ``"many"`` must give a complete form with
    the field's message, not a widget exception. The message (from validation) still names the
    received value; the input shows an optional field empty, and another one's value clamped
    into the bounds (its low bound when it is no number at all).
    """
    if value is None:
        return None
    numeric = isinstance(value, int | float) and not isinstance(value, bool) and value == value
    low = -math.inf if low is None else low
    high = math.inf if high is None else high
    if numeric and (cast is not int or value == int(value)) and low <= value <= high:
        return cast(value)
    if optional:
        return None
    if not numeric:
        return cast(low) if math.isfinite(low) else None
    clamped = min(max(value, low), high)
    return cast(round(clamped)) if cast is int else cast(clamped)


# the kinds of spec field a number input edits, and the Python type it returns
CASTS = {"int": int, "float": float, "batch": int}


def spec_number(name: str, value: Any, key: str, label: str | None = None, **kw: Any) -> Any:
    """A number input built from field ``name``'s spec: its bounds, step, format, help and
    placeholder, its label and help in the page's language.

    ``kw`` overrides any of them (and passes other ``st.number_input`` keywords, such as
    ``disabled``). The bounds are not the input's own: the browser refuses a typed value
    outside an input's bounds with a tooltip alone and sends nothing, so Run did nothing and
    said nothing (epochs 5000). The value reaches validation instead, whose message shows at
    the field and beside Run; the bounds only clamp what a link or file puts in the input
    (:func:`widget_value`).
    """
    spec = field_specs()[name]
    cast = CASTS[spec.kind]
    options = {
        "min_value": None if spec.low is None else cast(spec.low),
        "max_value": None if spec.high is None else cast(spec.high),
        "step": spec.step,
        "format": spec.format,
        "help": field_help(name),
        # the field's null text is a sentence; the input has room for one word
        "placeholder": t("form.keras_default")
        if spec.group == "optimizer"
        else t("form.default")
        if spec.null
        else None,
        **kw,
    }
    options = {k: v for k, v in options.items() if v is not None}
    low, high = options.pop("min_value", None), options.pop("max_value", None)
    shown = widget_value(value, cast, low, high, optional=bool(spec.null))
    chosen = st.number_input(label or field_label(name), value=shown, key=key, **options)
    return None if chosen is None else cast(chosen)


def index_of(options: list[Any], value: Any) -> int:
    """Position of ``value`` in ``options`` (0 when absent, e.g. from an old share link)."""
    return options.index(value) if value in options else 0
