"""Per variant: the Keras-style model summary and the equivalent Keras 3 script."""

from __future__ import annotations

import streamlit as st

import experiments


@st.cache_data(show_spinner=False, max_entries=64)
def _texts(config_json: str) -> tuple[str, str]:
    # building the model needs the dataset's width; cache by the config, cheap to hash
    config = experiments.config_from_json(config_json)
    return experiments.model_summary(config), experiments.to_keras_code(config)


def render_model_code(pairs: list[tuple[str, str]]) -> None:
    """One tab per variant with its summary and Keras code (``st.code`` has a copy button).

    Parameters
    ----------
    pairs : list of (str, str)
        Variant label and config JSON.
    """
    st.subheader("Model summary and Keras code")
    st.caption(
        "Seed 3) 4: the parameter count is what `model.summary()` prints in Keras. The "
        "script runs unchanged under Keras 3."
    )
    tabs = st.tabs([label for label, _ in pairs])
    for tab, (_, config_json) in zip(tabs, pairs, strict=True):
        with tab:
            try:
                summary, code = _texts(config_json)
            except (ValueError, ImportError) as error:
                st.error(f"Fix the settings first: {error}")
                continue
            left, right = st.columns(2)
            left.code(summary, language=None)
            right.code(code, language="python", wrap_lines=True)
