"""Above the form: lesson presets, add / duplicate / remove variants, and "vary one knob"."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from dashboard import actions, state
from dashboard.i18n import t
from dashboard.i18n.messages import config_error
from dashboard.i18n.names import field_label, preset_caption, preset_title
from dashboard.plain import literal
from experiments import ConfigError
from experiments.spec.config import DATA_FIELDS, FIELD_NAMES, field_specs
from experiments.spec.presets import PRESETS, PRESETS_BY_KEY

KNOBS = [f for f in FIELD_NAMES if f not in DATA_FIELDS] + ["depth", "width"]
SPECS = field_specs()
MODES = ("add", "replace")  # texts: setup.mode.<name>


def parse_values(text: str) -> list[Any]:
    """Comma-separated values, each read as JSON when it can be (``0.1``, ``true``), else text."""
    values = []
    for token in (part.strip() for part in text.split(",")):
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
    key = left.selectbox(
        t("setup.preset"),
        keys,
        index=keys.index(current) if current in keys else 0,
        format_func={p.key: preset_title(p) for p in PRESETS}.get,
        key=state.PRESET_PICK,
    )
    if right.button(t("setup.load"), key="preset.load", type="secondary", width="stretch"):
        actions.load_preset(st.session_state, key)
        st.session_state[state.RUN_IDS] = {}
        st.rerun()
    # the explanation is the loaded lesson's: picking another changes nothing until it is loaded
    loaded = PRESETS_BY_KEY.get(current)
    if loaded is not None:
        note = f" *{t('setup.modified')}*" if actions.lesson_modified(st.session_state) else ""
        st.caption(preset_caption(loaded) + note)
    if key != current:
        st.caption(t("setup.press_load", title=preset_title(PRESETS_BY_KEY[key])))


def render_manage() -> None:
    """Add, duplicate and remove variants, and generate variants by varying one knob.

    Folded: open, the picker and its buttons stacked on a phone put the Run button a screen
    further down.
    """
    with st.expander(t("setup.manage")):
        _manage()


def _manage() -> None:
    # a plain dict, not the session state: AppTest formats options outside the session
    names = {v["uid"]: v["label"] for v in st.session_state[state.VARIANTS]}
    cols = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
    uid = cols[0].selectbox(
        t("setup.variant"), list(names), format_func=names.get, key="manage.pick"
    )
    message = None
    if cols[1].button(t("setup.duplicate"), key="manage.duplicate", width="stretch"):
        message = actions.add_variant(st.session_state, uid) or "rerun"
    if cols[2].button(t("setup.remove"), key="manage.remove", width="stretch"):
        message = actions.remove_variant(st.session_state, uid) or "rerun"
    if cols[3].button(t("setup.add"), key="manage.add", width="stretch"):
        message = actions.add_variant(st.session_state) or "rerun"
    if message == "rerun":
        st.rerun()
    if message:
        st.warning(message)
    st.caption(t("setup.copy_note"))
    st.markdown(f"**{t('setup.vary')}**")
    _knob(uid, names[uid])


def _knob(uid: int, name: str) -> None:
    cols = st.columns([1, 2, 1], vertical_alignment="bottom")
    labels = {knob: knob_label(knob) for knob in KNOBS}  # worded now, not outside the session
    field = cols[0].selectbox(t("setup.field"), KNOBS, index=KNOBS.index("activation"),
                              key="knob.field", format_func=labels.get)  # fmt: skip
    text = cols[1].text_input(t("setup.values"), "sigmoid, tanh, relu", key="knob.values")
    modes = {mode: t(f"setup.mode.{mode}") for mode in MODES}
    mode = cols[2].radio(t("setup.then"), MODES, format_func=modes.get, key="knob.mode")
    if st.button(t("setup.make"), key="knob.make"):
        try:
            message = actions.vary_knob(
                st.session_state, uid, field, parse_values(text), replace=mode == "replace"
            )
        except ConfigError as error:
            st.error(config_error(error), icon="⚠️")
            return
        if message:
            st.error(message, icon="⚠️")
            return
        st.session_state[state.RUN_IDS] = {}
        st.rerun()
    st.caption(t("setup.vary_note", name=literal(name), knob=knob_label(field).lower()))


def knob_label(field: str) -> str:
    """A knob's form label with its config name, e.g. ``Learning rate (learning_rate)``."""
    labels = {"depth": t("form.depth"), "width": t("form.width")}
    label = labels.get(field) or field_label(field)
    return label if label == field else f"{label} ({field})"
