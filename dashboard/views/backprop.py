"""Backprop page: the seed's 2-2-2 worked example (section 4-3), step by step, by the core."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import backprop_tables as bt
from dashboard.charts import network_figure

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
            st.markdown("**Input and target**")
            x = [
                st.number_input(f"x{i + 1}", value=v, format="%.4f", key=f"bp.x{i}")
                for i, v in enumerate(bt.SEED_X)
            ]
            t = [
                st.number_input(f"t{i + 1}", value=v, format="%.4f", key=f"bp.t{i}")
                for i, v in enumerate(bt.SEED_T)
            ]
        kernels = []
        for layer, (col, seed) in enumerate(
            zip(cols[1:3], (bt.SEED_HIDDEN, bt.SEED_OUTPUT), strict=True)
        ):
            with col:
                st.markdown(f"**{'Hidden' if layer == 0 else 'Output'} weights**")
                kernels.append(_kernel(layer, seed))
        with cols[3]:
            st.markdown("**Gradient descent**")
            lr = st.number_input(
                "learning rate", value=bt.SEED_LR, min_value=0.0, format="%.4f", key="bp.lr"
            )
        st.form_submit_button("Compute the step", type="primary")
    return x, t, kernels[0], kernels[1], lr


def _table(frame: pd.DataFrame) -> None:
    numeric = {
        c: st.column_config.NumberColumn(c, format=FMT)
        for c in frame.columns
        if c not in ("quantity", "weight", "path")
    }
    st.dataframe(frame, hide_index=True, column_config=numeric)


def _after(before: float, after: float, lr: float) -> None:
    st.subheader("5. After the step")
    cols = st.columns(3)
    cols[0].metric("E_total before", f"{before:.8f}")
    cols[1].metric(
        "E_total after", f"{after:.8f}", delta=f"{after - before:.8f}", delta_color="inverse"
    )
    cols[2].metric("learning rate", f"{lr:g}")


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
    st.caption(
        "Inputs x, hidden units h = sigmoid(z), outputs o = sigmoid(z): the values of the "
        "forward pass below, with each weight on its edge (before the step)."
    )


def render() -> None:
    """Draw the Backprop page."""
    st.title("Backpropagation, step by step")
    st.caption(
        "Seed section 4-3: a 2-2-2 network, sigmoid everywhere, no biases, "
        "E = ½(t1 − o1)² + ½(t2 − o2)² (Keras's `mse` with two outputs), one step of "
        "gradient descent. Every number below is computed by gradlab's core "
        "(`core.backprop.trace_train_step`); the defaults reproduce the tutorial."
    )
    x, t, hidden, output, lr = _inputs()
    trace = bt.trace_example(x, t, hidden, output, lr)
    _diagram(x, hidden, output, trace)
    left, right = st.columns(2)
    with left:
        st.subheader("1. Forward pass")
        st.caption("z = x·W (no bias), h = sigmoid(z), then the same for the output layer.")
        _table(bt.forward_table(trace))
    with right:
        st.subheader("2. Error")
        st.caption("Each output's half squared error; their sum is Keras's mse here.")
        _table(bt.error_table(trace, t))
    st.subheader("3. Output layer: dE/dw = dE/do · do/dz · dz/dw")
    st.caption(
        "do/dz = o(1 − o) for sigmoid; dz/dw is the hidden unit feeding the weight. "
        "The new weight is w − learning rate · dE/dw."
    )
    _table(bt.chain_table(trace[1], 1))
    st.subheader("4. Hidden layer: dE/dw = dE/dh · dh/dz · dz/dw")
    st.caption(
        "dE/dh sums what both outputs send back (each δ times the output weight, before "
        "the update); dz/dw is the input feeding the weight."
    )
    _table(bt.chain_table(trace[0], 0))
    _after(trace.loss, trace.loss_after, lr)
