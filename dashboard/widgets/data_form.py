"""The shared data section of the comparison form: every variant trains on the same split."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import state
from dashboard.i18n.names import dataset_title, field_label, task_name
from dashboard.widgets.fields import CASTS, field_error, spec_number
from datasets import DATASETS
from experiments.spec.config import DATA_FIELDS, field_specs
from experiments.spec.validation import widest_range

NAMES = list(DATASETS)
SPECS = field_specs()
# The numbers after the dataset, from the spec's data group. The dataset is chosen in the same
# form, so a per-dataset field accepts the widest range any dataset allows; validation then names
# the chosen dataset's own range.
NUMBERS = [name for name in DATA_FIELDS if name != "dataset"]


def input_bounds(field: str) -> dict[str, Any]:
    spec = SPECS[field]
    low, high = widest_range(field) if spec.per_dataset else (spec.low, spec.high)
    cast = CASTS[spec.kind]
    return {"min_value": cast(low), "max_value": cast(high)}


def _number_input(gen: str, field: str, value: Any, dataset: str) -> Any:
    # a dataset without noise has nothing to set: the input stays empty and cannot be changed
    off = field == "noise" and dataset in DATASETS and not DATASETS[dataset].has_noise
    key = state.widget_key(gen, field)
    chosen = spec_number(field, None if off else value, key, disabled=off,
                         **input_bounds(field))  # fmt: skip
    field_error("data", field)
    return chosen


def _dataset_names() -> dict[str, str]:
    # worded now: AppTest calls a format_func outside the session, where the language is unknown
    return {
        name: f"{dataset_title(name)} ({task_name(info.task)})" for name, info in DATASETS.items()
    }


def data_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Render the data widgets (inside the comparison form) and return their values.

    Parameters
    ----------
    data : dict
        Current shared data settings (``dataset, n_samples, noise, train_fraction, label_noise,
        data_seed``); ``None`` means the dataset's default.
    """
    gen = f"data{st.session_state[state.DATA_GEN]}"
    cols = st.columns([2] + [1] * len(NUMBERS))
    with cols[0]:
        current = data.get("dataset")
        out = {
            "dataset": st.selectbox(
                field_label("dataset"), NAMES,
                index=NAMES.index(current) if current in NAMES else 0,
                key=state.widget_key(gen, "dataset"), format_func=_dataset_names().get,
            )
        }  # fmt: skip
        field_error("data", "dataset")
    for col, field in zip(cols[1:], NUMBERS, strict=True):
        with col:
            out[field] = _number_input(gen, field, data.get(field), out["dataset"])
    return out
