"""Before the first run: the data every variant will train on.

Besides showing the learner the task, it draws the page's first chart while they set up the
variants, so the browser has loaded its charting code (about 1.5 s on a 2-core machine) before
Run is pressed rather than after.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import charts, comparison
from dashboard.i18n import current, t
from dashboard.i18n.messages import dataset_error
from dashboard.i18n.names import dataset_description, dataset_title, noise_meaning
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
        st.warning(t("preview.cannot", error=literal(clip(dataset_error(error), 300))))
        return
    info = DATASETS[config.dataset]
    st.subheader(t("preview.title"))
    chart, facts = st.columns([3, 2], vertical_alignment="center")
    with chart:
        st.plotly_chart(charts.data_figure(data, lang=current()), theme=None, key="chart.data")
    with facts:
        kind = t("preview.classes", n=data.n_classes) if data.n_classes else t("task.regression")
        # canonical: an unset noise is the dataset's default, the value the split was drawn with
        drawn = config.canonical().noise
        name = config.dataset
        noise = (t("preview.noise", noise=f"{drawn:g}", meaning=noise_meaning(name))
                 if info.has_noise else "")  # fmt: skip
        st.markdown(
            f"**{dataset_title(name)}**: {dataset_description(name)}\n\n"
            + t("preview.facts", train=len(data.x_train), val=len(data.x_val),
                features=data.n_features, kind=kind, noise=noise)
        )  # fmt: skip
        st.caption(t("preview.caption"))
