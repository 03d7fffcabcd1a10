"""The shared data section of the comparison form: every variant trains on the same split."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import state
from dashboard.widgets.fields import field_error
from datasets import DATASETS

NAMES = list(DATASETS)
# The dataset is chosen in the same form, so the inputs accept the widest range any dataset
# allows (from the registry); validation then names the chosen dataset's own range.
_INFOS = DATASETS.values()
# field -> (label, number_input keywords); None values fall back to the dataset's default
NUMBERS: dict[str, tuple[str, dict[str, Any]]] = {
    "n_samples": ("Samples", {"min_value": min(i.min_samples for i in _INFOS),
                              "max_value": max(i.max_samples for i in _INFOS), "step": 50,
                              "placeholder": "dataset default"}),
    "noise": ("Noise", {"min_value": 0.0, "max_value": max(i.max_noise for i in _INFOS),
                        "step": 0.05, "placeholder": "default",
                        "help": "Only for synthetic datasets."}),
    "train_fraction": ("Training fraction", {
        "min_value": 0.01, "max_value": 1.0, "step": 0.05,
        "help": "Share of the training split kept: small values provoke overfitting (seed 5).",
    }),
    "label_noise": ("Label noise", {"min_value": 0.0, "max_value": 0.5, "step": 0.05}),
    "data_seed": ("Data seed", {"min_value": 0, "max_value": 2**31 - 1}),
}  # fmt: skip
CASTS = {"n_samples": int, "noise": float, "train_fraction": float, "label_noise": float,
         "data_seed": int}  # fmt: skip


def data_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Render the data widgets (inside the comparison form) and return their values.

    Parameters
    ----------
    data : dict
        Current shared data settings (``dataset, n_samples, noise, train_fraction, label_noise,
        data_seed``); ``None`` means the dataset's default.
    """
    gen = f"data{st.session_state[state.DATA_GEN]}"
    cols = st.columns([2, 1, 1, 1, 1, 1])
    with cols[0]:
        current = data.get("dataset")
        out = {
            "dataset": st.selectbox(
                "Dataset", NAMES, index=NAMES.index(current) if current in NAMES else 0,
                key=state.widget_key(gen, "dataset"),
                format_func=lambda name: f"{DATASETS[name].title} ({DATASETS[name].task})",
            )
        }  # fmt: skip
        field_error("data", "dataset")
    for col, (field, (label, kwargs)) in zip(cols[1:], NUMBERS.items(), strict=True):
        with col:
            value = data.get(field)
            value = None if value is None else CASTS[field](value)
            chosen = st.number_input(label, value=value, key=state.widget_key(gen, field), **kwargs)
            out[field] = None if chosen is None else CASTS[field](chosen)
            field_error("data", field)
    return out
