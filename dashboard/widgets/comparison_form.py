"""The comparison form: shared data and every variant's settings, applied or run together.

A form, so that moving a slider neither reruns the page nor retrains anything.
"""

from __future__ import annotations

import streamlit as st

from dashboard import actions, comparison, state
from dashboard.i18n import t
from dashboard.palette import PALETTE
from dashboard.widgets.data_form import data_fields
from dashboard.widgets.fields import field_error
from dashboard.widgets.variant_form import variant_fields
from experiments import ExperimentConfig

PER_ROW = 4


def blocked_reason(place) -> None:
    """Beside the buttons, in words: what keeps Run from starting (not only in a tooltip)."""
    errors = st.session_state[state.FIELD_ERRORS]
    if errors:
        first = next(iter(errors.values()))
        more = t("form.blocked_more", n=len(errors) - 1) if len(errors) > 1 else ""
        place.error(t("form.blocked", first=first, more=more), icon="⚠️")


def render_form() -> tuple[str | None, list[ExperimentConfig]]:
    """Draw the form; on submit store and validate the values.

    Returns
    -------
    action : {"apply", "run"} or None
        Which button submitted the form (None when not submitted).
    configs : list of ExperimentConfig
        The validated configs, empty when any field is at fault.
    """
    ss = st.session_state
    with st.form("comparison", border=False):
        # Run at the top too: on a phone the bottom one is below every card. Apply comes
        # first: Enter in a field "clicks" a form's first submit button, and Enter must apply
        # a value, never start training
        head, top_apply, top_run = st.columns([4, 1, 1], vertical_alignment="bottom")
        head.subheader(t("form.data"))
        apply_top = top_apply.form_submit_button(t("form.apply"), width="stretch", key="apply.top")
        run_top = top_run.form_submit_button(
            t("form.run"), type="primary", width="stretch", key="run.top"
        )
        data = data_fields(ss[state.DATA])
        st.subheader(t("form.variants"))
        field_error("data", "variants")
        edits, copy = [], None
        variants = ss[state.VARIANTS]
        differs = comparison.differences(variants)
        for start in range(0, len(variants), PER_ROW):
            cols = st.columns(PER_ROW)
            for offset, (col, variant) in enumerate(zip(cols, variants[start:], strict=False)):
                with col, st.container(border=True):
                    color = PALETTE[(start + offset) % len(PALETTE)]
                    fields = variant_fields(variant, color, differs[variant["uid"]])
                    edits.append((variant["uid"], *fields))
                    # a copy of what this card shows now, typed values included
                    if st.form_submit_button(t("form.copy"), key=f"copy.{variant['uid']}"):
                        copy = variant["uid"]
        left, right, why = st.columns([1, 1, 4])
        apply = left.form_submit_button(t("form.apply"), width="stretch") or apply_top
        run = right.form_submit_button(t("form.run"), type="primary", width="stretch") or run_top
        blocked_reason(why)
    if copy is not None:
        actions.apply_form(ss, data, edits)
        message = actions.add_variant(ss, copy)
        ss[state.NOTICE] = message
        st.rerun()
    if not (apply or run):
        return None, []
    return ("run" if run else "apply"), actions.apply_form(ss, data, edits)
