"""Above the form: lesson presets, add / duplicate / remove variants, and "vary one knob"."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from dashboard import actions, state
from dashboard.plain import literal
from experiments import ConfigError
from experiments.spec.config import DATA_FIELDS, FIELD_NAMES, field_specs
from experiments.spec.presets import PRESETS, PRESETS_BY_KEY

KNOBS = [f for f in FIELD_NAMES if f not in DATA_FIELDS] + ["depth", "width"]
SPECS = field_specs()
MODES = {"add": "add them to the comparison", "replace": "replace the comparison"}


def parse_values(text: str) -> list[Any]:
    """Comma-separated values, each read as JSON when it can be (``0.1``, ``true``), else text."""
    values = []
    for token in (t.strip() for t in text.split(",")):
        if token:
            try:
                values.append(json.loads(token))
            except json.JSONDecodeError:
                values.append(token)
    return values


def render_presets() -> None:
    """Preset picker with its one-line explanation; loading replaces the comparison."""
    keys = [p.key for p in PRESETS]
    current = st.session_state[state.PRESET]
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    if state.PRESET_PICK not in st.session_state:  # a fresh page, or a file replaced the lesson
        # set through the state, not ``index``: a changed index leaves the browser's pick shown
        st.session_state[state.PRESET_PICK] = current if current in keys else keys[0]
    key = left.selectbox(
        "Lesson preset",
        keys,
        format_func=lambda k: PRESETS_BY_KEY[k].title,
        key=state.PRESET_PICK,
    )
    if right.button("Load preset", key="preset.load", type="secondary", width="stretch"):
        actions.load_preset(st.session_state, key)
        st.session_state[state.RUN_IDS] = {}
        st.rerun()
    # the explanation is the loaded lesson's: picking another changes nothing until it is loaded
    loaded = PRESETS_BY_KEY.get(current)
    if loaded is not None:
        note = (" *Modified since it was loaded: the comparison below is yours, not the "
                "lesson's.*" if actions.lesson_modified(st.session_state) else "")  # fmt: skip
        st.caption(f"**Seed {loaded.seed_section}.** {loaded.explanation}{note}")
    if key != current:
        st.caption(
            f"Press **Load preset** to replace the comparison with “{PRESETS_BY_KEY[key].title}”."
        )


def render_manage() -> None:
    """Add, duplicate and remove variants, and generate variants by varying one knob.

    Folded: open, the picker and its buttons stacked on a phone put the Run button a screen
    further down.
    """
    with st.expander("Manage variants: add, duplicate, remove, vary one knob"):
        _manage()


def _manage() -> None:
    # a plain dict, not the session state: AppTest formats options outside the session
    names = {v["uid"]: v["label"] for v in st.session_state[state.VARIANTS]}
    cols = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
    uid = cols[0].selectbox("Variant", list(names), format_func=names.get, key="manage.pick")
    message = None
    if cols[1].button("Duplicate", key="manage.duplicate", width="stretch"):
        message = actions.add_variant(st.session_state, uid) or "rerun"
    if cols[2].button("Remove", key="manage.remove", width="stretch"):
        message = actions.remove_variant(st.session_state, uid) or "rerun"
    if cols[3].button("Add new", key="manage.add", width="stretch"):
        message = actions.add_variant(st.session_state) or "rerun"
    if message == "rerun":
        st.rerun()
    if message:
        st.warning(message)
    st.caption(
        "Duplicate and vary copy the last applied settings; a card's own copy button copies "
        "what it shows."
    )
    st.markdown("**Variants that differ in one field**")
    _knob(uid, names[uid])


def _knob(uid: int, name: str) -> None:
    cols = st.columns([1, 2, 1], vertical_alignment="bottom")
    field = cols[0].selectbox("Field", KNOBS, index=KNOBS.index("activation"), key="knob.field",
                              format_func=knob_label)  # fmt: skip
    text = cols[1].text_input("Values (comma-separated)", "sigmoid, tanh, relu", key="knob.values")
    mode = cols[2].radio("Then", list(MODES), format_func=MODES.get, key="knob.mode")
    if st.button("Make variants", key="knob.make"):
        try:
            message = actions.vary_knob(
                st.session_state, uid, field, parse_values(text), replace=mode == "replace"
            )
        except ConfigError as error:
            st.error(f"{error}", icon="⚠️")
            return
        if message:
            st.error(message, icon="⚠️")
            return
        st.session_state[state.RUN_IDS] = {}
        st.rerun()
    st.caption(f"Variants of “{literal(name)}” that differ only in {knob_label(field).lower()}.")


def knob_label(field: str) -> str:
    """A knob's form label with its config name, e.g. ``Learning rate (learning_rate)``."""
    labels = {"depth": "Hidden layers", "width": "Units each"}
    label = labels.get(field) or SPECS[field].label
    return label if label == field else f"{label} ({field})"
