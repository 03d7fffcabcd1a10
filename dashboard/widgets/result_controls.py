"""What the comparison's charts show: which loss (with or without the regularization penalty)
and which variants.

Both are server-side choices, so they survive the live refresh: Streamlit 1.67 mounts a chart
whose spec changed anew, and a plotly legend click (hide or isolate a variant) is lost on the
next poll while runs train. Finished charts keep plotly's own legend as well
(:func:`dashboard.charts.legend.with_legend`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.i18n import t
from experiments import config_from_json

# the radio's values (kept in the session, English in every language; shown via loss.option.*)
DATA_LOSS, KERAS_LOSS = "data loss (no penalty)", "loss incl. penalty (Keras's)"
METRIC = {DATA_LOSS: "data_loss", KERAS_LOSS: "loss"}


def penalised(runs: pd.DataFrame) -> list[str]:
    """Labels of the variants trained with a nonzero L1/L2 penalty, in variant order."""
    found = []
    for label, text in zip(runs["label"], runs["config_json"], strict=True):
        if pd.isna(text) or label in found:
            continue
        config = config_from_json(text)
        if config.regularizer != "none" and config.regularization_factor > 0:
            found.append(label)
    return found


def loss_metric(with_penalty: Sequence[str]) -> str:
    """The loss the charts and the table show (a track metric: ``data_loss`` or ``loss``),
    with a radio and a caption saying which when any variant has a penalty."""
    if not with_penalty:
        return "loss"  # no penalty anywhere: both are the same numbers
    # worded now: AppTest calls a format_func outside the session
    shown = {DATA_LOSS: t("loss.option.data"), KERAS_LOSS: t("loss.option.keras")}
    choice = st.radio(t("loss.shown"), list(METRIC), format_func=shown.get, key=state.LOSS_SHOWN,
                      horizontal=True, help=t("loss.help"))  # fmt: skip
    names = ", ".join(with_penalty)
    if choice == DATA_LOSS:
        st.caption(t("loss.shown_data", names=names))
    else:
        st.caption(t("loss.shown_keras", names=names))
    return METRIC[choice]


def _key(labels: Sequence[str]) -> str:
    # a new set of variants gets a fresh selection: every variant shown
    digest = hashlib.blake2s("\x00".join(labels).encode(), digest_size=6).hexdigest()
    return f"{state.SHOW_VARIANTS}.{digest}"


def shown_variants(labels: Sequence[str]) -> tuple[str, ...]:
    """The variants the loss, accuracy and gap charts draw, picked with one pill per variant
    (all at first); in variant order."""
    if len(labels) < 2:
        return tuple(labels)
    picked = st.pills(
        t("charts.show"),
        list(labels),
        selection_mode="multi",
        default=list(labels),
        key=_key(labels),
        help=t("charts.show_help"),
    )
    chosen = set(picked or ())
    return tuple(label for label in labels if label in chosen)
