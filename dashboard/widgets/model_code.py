"""Per variant: the Keras-style model summary and the equivalent Keras 3 script."""

from __future__ import annotations

import streamlit as st

import experiments
from dashboard.guard import guarded_fragment
from dashboard.i18n import t
from dashboard.i18n.messages import config_error
from dashboard.plain import literal

PICK_KEY = "code.variant"


@st.cache_data(show_spinner=False, max_entries=64)
def _texts(config_json: str, label: str) -> tuple[str, str]:
    # building the model needs the dataset's width; cache by the config, cheap to hash
    config = experiments.config_from_json(config_json)
    return experiments.model_summary(config), experiments.to_keras_code(config, label)


def render_model_code(pairs: list[tuple[str, str]]) -> None:
    """The picked variant's summary and Keras code (``st.code`` has a copy button).

    One variant at a time, picked in a fragment: every variant's highlighted code in hidden
    tabs made each rerun of the page redraw thousands of nodes nobody was looking at, and
    picking another variant reruns only this section.

    Parameters
    ----------
    pairs : list of (str, str)
        Variant label and config JSON, in variant order.
    """
    st.subheader(t("code.title"))
    st.caption(t("code.caption"))
    guarded_fragment(_picked_code, pairs)


def _picked_code(pairs: list[tuple[str, str]]) -> None:
    configs = dict(pairs)
    labels = list(configs)
    # a label is anyone's text (a share link sets it): the control renders Markdown
    picked = st.segmented_control(
        t("setup.variant"), labels, default=labels[0], key=PICK_KEY, format_func=literal
    )
    if picked not in configs:  # deselected, or the variant was renamed or removed
        picked = labels[0]
    try:
        # the form's own words for what is wrong (the core's "Received: units=0. Accepted: a
        # positive integer" contradicted the form's "[1, 512]")
        experiments.validate(experiments.config_from_json(configs[picked]))
        summary, code = _texts(configs[picked], picked)
    except (ValueError, ImportError) as error:
        said = config_error(error) if isinstance(error, experiments.ConfigError) else str(error)
        st.error(t("code.fix_first", label=literal(picked), error=literal(said)))
        return
    # the summary at full width: side by side with the script its "Param #" column was cut off
    st.code(summary, language=None)
    st.code(code, language="python", wrap_lines=True)
