"""Backprop page: the seed's 2-2-2 worked example (section 4-3), step by step, by the core."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import backprop_tables as bt
from dashboard.charts import network_figure
from dashboard.i18n import t

FMT = "%.8f"


def _kernel(layer: int, seed) -> list[list[float]]:
    """Inputs for one kernel in the tutorial's order (w1, w2, w3, w4); returns it (in, out)."""
    kernel = [[0.0, 0.0], [0.0, 0.0]]
    for j in range(2):
        for i in range(2):
            kernel[i][j] = st.number_input(
                bt.weight_name(layer, i, j), value=seed[i][j], format="%.4f",
                key=f"bp.w{layer}{i}{j}",
            )  # fmt: skip
    return kernel


def _inputs() -> tuple[list[float], list[float], list[list[float]], list[list[float]], float]:
    """The editable numbers, defaulting to the tutorial's."""
    with st.form("backprop", border=True):
        cols = st.columns(4)
        with cols[0]:
            st.markdown(f"**{t('bp.inputs')}**")
            x = [
                st.number_input(f"x{i + 1}", value=v, format="%.4f", key=f"bp.x{i}")
                for i, v in enumerate(bt.SEED_X)
            ]
            target = [
                st.number_input(f"t{i + 1}", value=v, format="%.4f", key=f"bp.t{i}")
                for i, v in enumerate(bt.SEED_T)
            ]
        kernels = []
        for layer, (col, seed) in enumerate(
            zip(cols[1:3], (bt.SEED_HIDDEN, bt.SEED_OUTPUT), strict=True)
        ):
            with col:
                title = t("bp.hidden_weights") if layer == 0 else t("bp.output_weights")
                st.markdown(f"**{title}**")
                kernels.append(_kernel(layer, seed))
        with cols[3]:
            st.markdown(f"**{t('bp.descent')}**")
            lr = st.number_input(
                t("bp.lr"), value=bt.SEED_LR, min_value=0.0, format="%.4f", key="bp.lr"
            )
        st.form_submit_button(t("bp.compute"), type="primary")
    return x, target, kernels[0], kernels[1], lr


# the tables' word columns; the others are numbers or the seed's notation (dE/dw, ...)
WORDS = ("quantity", "value", "weight", "path", "before", "after", "dz/dw (input)")


def _table(frame: pd.DataFrame) -> None:
    """A table of ``backprop_tables``, its worded headers in the page's language."""
    names = {c: t(f"bp.col.{c}") if c in WORDS else c for c in frame.columns}
    numeric = {
        c: st.column_config.NumberColumn(names[c], format=FMT)
        for c in frame.columns
        if c not in ("quantity", "weight", "path")
    }
    words = {
        c: st.column_config.TextColumn(names[c])
        for c in ("quantity", "weight", "path")
        if c in frame.columns
    }
    st.dataframe(frame, hide_index=True, column_config={**numeric, **words})


def _after(before: float, after: float, lr: float) -> None:
    st.subheader(t("bp.after.title"))
    cols = st.columns(3)
    cols[0].metric(t("bp.after.before"), f"{before:.8f}")
    cols[1].metric(
        t("bp.after.after"), f"{after:.8f}", delta=f"{after - before:.8f}", delta_color="inverse"
    )
    cols[2].metric(t("bp.lr"), f"{lr:g}")


def _diagram(x, hidden, output, trace) -> None:
    """The 2-2-2 network, each weight on its edge and each unit's value, as the seed draws it."""
    names = [np.array([[bt.weight_name(layer, i, j) for j in range(2)] for i in range(2)])
             for layer in range(2)]  # fmt: skip
    units = [
        [(f"x{i + 1}", v) for i, v in enumerate(x)],
        [(f"h{j + 1}", v) for j, v in enumerate(trace[0].a[0])],
        [(f"o{j + 1}", v) for j, v in enumerate(trace[1].a[0])],
    ]
    weights = [(names[0], np.asarray(hidden)), (names[1], np.asarray(output))]
    st.plotly_chart(network_figure(units, weights), theme=None, key="bp.network")
    st.caption(t("bp.diagram"))


def render() -> None:
    """Draw the Backprop page."""
    st.title(t("bp.title"))
    st.caption(t("bp.caption"))
    x, target, hidden, output, lr = _inputs()
    trace = bt.trace_example(x, target, hidden, output, lr)
    _diagram(x, hidden, output, trace)
    left, right = st.columns(2)
    with left:
        st.subheader(t("bp.forward.title"))
        st.caption(t("bp.forward.caption"))
        _table(bt.forward_table(trace))
    with right:
        st.subheader(t("bp.error.title"))
        st.caption(t("bp.error.caption"))
        _table(bt.error_table(trace, target))
    st.subheader(t("bp.output.title"))
    st.caption(t("bp.output.caption"))
    _table(bt.chain_table(trace[1], 1))
    st.subheader(t("bp.hidden.title"))
    st.caption(t("bp.hidden.caption"))
    _table(bt.chain_table(trace[0], 0))
    _after(trace.loss, trace.loss_after, lr)
