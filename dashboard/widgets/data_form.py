"""The shared data section of the comparison form: every variant trains on the same split."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import state
from dashboard.widgets.fields import field_error, index_of
from datasets import DATASETS

NAMES = list(DATASETS)


def data_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Render the data widgets (inside the comparison form) and return their values.

    Parameters
    ----------
    data : dict
        Current shared data settings (``dataset, n_samples, noise, train_fraction, label_noise,
        data_seed``); ``None`` means the dataset's default.
    """
    gen = f"data{st.session_state[state.DATA_GEN]}"
    key = lambda field: state.widget_key(gen, field)  # noqa: E731 - one-line key builder
    cols = st.columns([2, 1, 1, 1, 1, 1])
    with cols[0]:
        dataset = st.selectbox(
            "Dataset",
            NAMES,
            index=index_of(NAMES, data.get("dataset")),
            key=key("dataset"),
            format_func=lambda name: f"{DATASETS[name].title} ({DATASETS[name].task})",
        )
        field_error("data", "dataset")
    with cols[1]:
        n_samples = st.number_input(
            "Samples",
            min_value=1,
            max_value=100_000,
            value=data.get("n_samples"),
            step=50,
            key=key("n_samples"),
            placeholder="dataset default",
        )
        field_error("data", "n_samples")
    with cols[2]:
        noise = st.number_input(
            "Noise",
            min_value=0.0,
            max_value=5.0,
            value=data.get("noise"),
            step=0.05,
            key=key("noise"),
            placeholder="default",
            help="Only for synthetic datasets.",
        )
        field_error("data", "noise")
    with cols[3]:
        fraction = st.number_input(
            "Training fraction",
            min_value=0.01,
            max_value=1.0,
            step=0.05,
            value=float(data.get("train_fraction", 1.0)),
            key=key("train_fraction"),
            help="Share of the training split kept: small values provoke overfitting (seed 5).",
        )
        field_error("data", "train_fraction")
    with cols[4]:
        label_noise = st.number_input(
            "Label noise",
            min_value=0.0,
            max_value=0.5,
            step=0.05,
            value=float(data.get("label_noise", 0.0)),
            key=key("label_noise"),
        )
        field_error("data", "label_noise")
    with cols[5]:
        data_seed = st.number_input(
            "Data seed",
            min_value=0,
            max_value=2**31 - 1,
            value=int(data.get("data_seed", 0)),
            key=key("data_seed"),
        )
    return {
        "dataset": dataset,
        "n_samples": None if n_samples is None else int(n_samples),
        "noise": noise,
        "train_fraction": float(fraction),
        "label_noise": float(label_noise),
        "data_seed": int(data_seed),
    }
