"""Activations page: each activation with its derivative (seed section 2) 3)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core.activations import ACTIVATIONS
from dashboard.charts import activation_figure, softmax_figure
from dashboard.i18n import current, t

# softmax couples its outputs, so it has no curve of one variable to draw
PLOTTABLE = [name for name in ACTIVATIONS if name != "softmax"]
DEFAULT_SHOWN = ["step", "sigmoid", "tanh", "relu", "leaky_relu", "linear"]

# the activations with a note under their chart (texts: act.note.<name>)
NOTES = ("step", "sigmoid", "tanh", "relu", "leaky_relu", "linear")


def _regions(name: str, low: float) -> dict:
    """Shaded ranges and reference lines the tutorial points at, per activation."""
    if name == "sigmoid":
        return {"hline": (0.25, "sigmoid' ≤ 0.25")}
    if name == "relu":
        return {"shade": [(low, 0.0, t("act.dead_region"))]}
    if name == "step":
        return {"shade": [(low, -low, t("act.step_region"))]}
    return {}


def _panel(name: str, z: np.ndarray) -> None:
    act = ACTIVATIONS[name]
    fig = activation_figure(
        z, act(z), act.derivative(z), name, lang=current(), **_regions(name, float(z[0]))
    )
    st.plotly_chart(fig, theme=None, key=f"act.{name}")
    if name in NOTES:
        st.caption(t(f"act.note.{name}"))


def _linear_collapse() -> None:
    st.subheader(t("act.linear.title"))
    st.markdown(t("act.linear.body"))
    rng = np.random.default_rng(0)
    w1, w2, x = rng.normal(size=(2, 3)), rng.normal(size=(3, 1)), rng.normal(size=(4, 2))
    two_layers, one_layer = (x @ w1) @ w2, x @ (w1 @ w2)
    frame = pd.DataFrame(
        {t("act.linear.two"): two_layers[:, 0], t("act.linear.one"): one_layer[:, 0]}
    )
    st.dataframe(frame, hide_index=True)
    st.caption(t("act.linear.caption"))


def _softmax() -> None:
    st.subheader(t("act.softmax.title"))
    st.markdown(t("act.softmax.body"))
    cols = st.columns(3)
    scores = np.array([[
        cols[k].number_input(t("act.softmax.score", k=k + 1), value=v, step=0.5,
                             key=f"act.softmax.{k}")
        for k, v in enumerate((2.0, 1.0, 0.1))
    ]])  # fmt: skip
    p = ACTIVATIONS["softmax"](scores)[0]
    jacobian = np.diag(p) - np.outer(p, p)
    names = [t("act.softmax.class", k=k + 1) for k in range(len(p))]
    left, right = st.columns(2)
    left.plotly_chart(softmax_figure(p, names, lang=current()), theme=None, key="act.softmax.chart")
    right.dataframe(
        pd.DataFrame(jacobian, index=[f"∂p{k + 1}" for k in range(len(p))],
                     columns=[f"∂z{k + 1}" for k in range(len(p))]).round(4)
    )  # fmt: skip
    right.caption(t("act.softmax.jacobian"))


def _depth_table() -> None:
    st.subheader(t("act.depth.title"))
    depth = np.arange(1, 11)
    st.dataframe(
        pd.DataFrame({t("act.depth.layers"): depth, t("act.depth.factor"): 0.25**depth}),
        hide_index=True,
    )
    st.caption(t("act.depth.caption"))


def render() -> None:
    """Draw the Activations page."""
    st.title(t("act.title"))
    st.caption(t("act.caption"))
    left, right = st.columns([3, 1])
    shown = left.multiselect(
        t("act.shown"),
        PLOTTABLE,
        default=DEFAULT_SHOWN,
        key="act.shown",
        placeholder=t("form.choose"),
    )
    span = right.slider(t("act.span"), 1.0, 10.0, 6.0, 0.5, key="act.span")
    z = np.linspace(-span, span, 401)
    columns = st.columns(3)
    for i, name in enumerate(shown):
        with columns[i % 3]:
            _panel(name, z)
    left, right = st.columns(2)
    with left:
        _linear_collapse()
    with right:
        _depth_table()
    _softmax()
