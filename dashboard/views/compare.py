"""Compare page: define 2-8 variants, train them in the background, watch them side by side."""

from __future__ import annotations

import json

import streamlit as st

from dashboard import actions, audience, comparison, runtime, share, state
from dashboard.i18n import t
from dashboard.i18n.messages import run_refused, share_link_error
from dashboard.plain import literal
from dashboard.widgets.comparison_form import render_form
from dashboard.widgets.data_preview import render_data_preview
from dashboard.widgets.live import render_imported, render_live
from dashboard.widgets.model_code import render_model_code
from dashboard.widgets.setup_bar import render_manage, render_presets
from dashboard.widgets.share_export import render_share_export
from experiments import ExperimentConfig
from experiments.results.frames import read_runs
from experiments.spec.presets import PRESETS_BY_KEY


def start_runs(configs: list[ExperimentConfig]) -> None:
    """Submit the configs to the background runner; returns at once."""
    ss = st.session_state
    labels = [v["label"].strip() for v in ss[state.VARIANTS]]
    try:
        run_ids = runtime.runner().submit(configs, ss[state.OWNER], labels)
    except ValueError as error:  # QueueFullError or a ConfigError the form did not catch
        ss[state.NOTICE] = t("compare.cannot_start", error=run_refused(error))
        return
    runs = read_runs(runtime.store(), run_ids=run_ids)
    by_label = runs.groupby("label", sort=False)["run_id"].apply(list).to_dict()
    ss[state.RUN_IDS] = {rid: label for label in labels for rid in by_label.get(label, [])}
    ss[state.IMPORTED], ss[state.OFFER_RUN], ss[state.NOTICE] = None, False, None
    ss[state.JUST_STARTED] = True


def _restore_from_link() -> None:
    """Apply a ``?c=`` share link once per token: show its stored runs or offer to run them."""
    ss = st.session_state
    token = st.query_params.get(share.PARAM)
    if not token or token == ss[state.SHARE_TOKEN]:
        return
    try:
        configs = actions.restore_link(ss, token)
    except share.ShareLinkError as error:
        ss[state.NOTICE] = t("compare.link_failed", error=share_link_error(error))
        return
    ss[state.IMPORTED], ss[state.RUN_IDS] = None, {}
    lesson = st.query_params.get(share.LESSON_PARAM)
    # a link without its lesson (made before links carried one) may still hold a lesson as is
    actions.show_lesson(ss, lesson if lesson in PRESETS_BY_KEY else actions.lesson_of(ss))
    if not configs:
        ss[state.NOTICE] = t("compare.link_fix")
        return
    labels = [v["label"] for v in ss[state.VARIANTS]]
    found = read_runs(runtime.store(), config_ids=comparison.lookup_ids(configs))
    stored = comparison.stored_runs(found, configs, labels)
    if stored:
        ss[state.RUN_IDS], ss[state.NOTICE] = stored, t("compare.link_stored")
        audience.remember_linked(ss, stored)  # the Runs page lists them for this visitor
    else:
        ss[state.OFFER_RUN] = True


def _form_view(ss) -> tuple:
    """What the drawn form shows besides its inputs: labels, field errors, warnings and the
    generation of the data inputs (bumped when a new dataset resets its knobs)."""
    labels = [v["label"] for v in ss[state.VARIANTS]]
    return labels, dict(ss[state.FIELD_ERRORS]), dict(ss[state.WARNINGS]), ss[state.DATA_GEN]


def _handle_submit(action: str, configs: list[ExperimentConfig], redraw: bool) -> None:
    """Store the link and start the runs; rerun only when the drawn form is out of date.

    Without a change to show, this run goes on to draw the results: a rerun would make the
    browser draw the whole page twice before the first live point.
    """
    ss = st.session_state
    if configs:
        token = actions.share_token(ss)
        ss[state.SHARE_TOKEN] = token
        st.query_params[share.PARAM] = token
        if action == "run":
            start_runs(configs)
    if redraw:
        st.rerun()


def _sync_link() -> str:
    """Keep the address bar's ``?c=`` equal to the comparison on the page; return the token."""
    ss = st.session_state
    token = actions.share_token(ss)
    ss[state.SHARE_TOKEN] = token
    if st.query_params.get(share.PARAM) != token:
        st.query_params[share.PARAM] = token
    # the lesson travels with the link, so students open it under the teacher's explanation
    lesson = ss[state.PRESET]
    if lesson and st.query_params.get(share.LESSON_PARAM) != lesson:
        st.query_params[share.LESSON_PARAM] = lesson
    elif not lesson and share.LESSON_PARAM in st.query_params:
        del st.query_params[share.LESSON_PARAM]
    return token


def _notices() -> None:
    ss = st.session_state
    if ss[state.NOTICE]:
        st.info(literal(ss[state.NOTICE]))
    if ss[state.OFFER_RUN]:
        st.info(t("compare.link_not_run"))
        if st.button(t("compare.link_run"), type="primary", key="offer.run"):
            configs = actions.apply_form(ss, ss[state.DATA], [])
            if configs:
                start_runs(configs)
            st.rerun()
    errors = ss[state.FIELD_ERRORS]
    if errors:
        st.error(t("compare.fix_marked", errors="; ".join(errors.values())), icon="⚠️")


def _results() -> None:
    ss = st.session_state
    if ss[state.IMPORTED] is not None:
        render_imported(ss[state.IMPORTED])
    elif ss[state.RUN_IDS]:
        render_live(dict(ss[state.RUN_IDS]))
    else:
        st.info(t("compare.run_hint"))
        render_data_preview(ss[state.DATA])


def render() -> None:
    """Draw the Compare page."""
    ss = st.session_state
    # start the runner (and its one-second warm-up) now, not when Run is first clicked
    runtime.runner()
    _restore_from_link()
    actions.ensure_comparison(ss)
    st.title(t("compare.title"))
    # drawn after the form is handled (a submit can change the notices and the labels), above it
    top = st.container()
    drawn = _form_view(ss)
    action, configs = render_form()
    if action:
        _handle_submit(action, configs, redraw=_form_view(ss) != drawn)
    with top:
        _notices()
        render_presets()
        render_manage()
    st.divider()
    _results()
    st.divider()
    render_share_export(_sync_link())
    full = comparison.full_configs(ss[state.DATA], ss[state.VARIANTS])
    pairs = [(v["label"], json.dumps(cfg)) for v, cfg in zip(ss[state.VARIANTS], full, strict=True)]
    render_model_code(pairs)
