"""Before the first run: the data every variant will train on.

Besides showing the learner the task, it draws the page's first chart while they set up the
variants, so the browser has loaded its charting code (about 1.5 s on a 2-core machine) before
Run is pressed rather than after.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import charts, comparison
from experiments import ConfigError, config_from_dict, validate
from experiments.data import load_arrays


def render_data_preview(data_settings: dict[str, Any]) -> None:
    """The shared data settings' split as a chart; nothing while they are invalid (the form
    names the fields at fault)."""
    try:
        config = config_from_dict({**comparison.defaults(), **data_settings})
        validate(config)
    except ConfigError:
        return
    data = load_arrays(config)  # cached per data settings, and the runner reuses it on Run
    st.subheader("The data")
    st.plotly_chart(charts.data_figure(data), theme=None, key="chart.data")
    st.caption(
        f"Seed 5): {data.name}, {len(data.x_train)} training examples (black) and "
        f"{len(data.x_val)} validation examples (grey), scaled as the networks see them; every "
        "variant gets this split. Fewer or noisier training examples make overfitting easier."
    )
