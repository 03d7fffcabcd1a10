"""Before the first run: the data every variant will train on.

Besides showing the learner the task, it draws the page's first chart while they set up the
variants, so the browser has loaded its charting code (about 1.5 s on a 2-core machine) before
Run is pressed rather than after.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import charts, comparison
from dashboard.plain import literal
from datasets import DATASETS
from experiments import ConfigError, config_from_dict, validate
from experiments.spec.bounded import clip
from experiments.spec.data import load_arrays


def render_data_preview(data_settings: dict[str, Any]) -> None:
    """The shared data settings' split as a chart; nothing while they are invalid (the form
    names the fields at fault)."""
    try:
        config = config_from_dict({**comparison.defaults(), **data_settings})
        validate(config)
    except ConfigError:
        return
    try:
        data = load_arrays(config)  # cached per data settings, and the runner reuses it on Run
    except ValueError as error:  # datasets.DatasetError: settings only the loader can refuse
        st.warning(
            f"The data cannot be prepared with these settings: {literal(clip(str(error), 300))}"
        )
        return
    info = DATASETS[config.dataset]
    st.subheader("The data")
    chart, facts = st.columns([3, 2], vertical_alignment="center")
    with chart:
        st.plotly_chart(charts.data_figure(data), theme=None, key="chart.data")
    with facts:
        kind = f"{data.n_classes} classes" if data.n_classes else "regression"
        # canonical: an unset noise is the dataset's default, the value the split was drawn with
        drawn = config.canonical().noise
        noise = f"; noise {drawn:g} ({info.noise_meaning})" if info.has_noise else ""
        st.markdown(
            f"**{info.title}**: {info.description}\n\n"
            f"- {len(data.x_train)} training examples (black), {len(data.x_val)} validation "
            f"examples (grey)\n- {data.n_features} features, {kind}{noise}\n"
            "- every variant trains on exactly this split, scaled as shown"
        )
        st.caption(
            "Seed 5): fewer or noisier training examples make overfitting easier; the "
            "overfitting gap shows it once the variants run."
        )
