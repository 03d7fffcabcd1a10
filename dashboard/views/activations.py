"""Activations page: each activation with its derivative (seed section 2) 3)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core.activations import ACTIVATIONS
from dashboard.charts import activation_figure, softmax_figure

# softmax couples its outputs, so it has no curve of one variable to draw
PLOTTABLE = [name for name in ACTIVATIONS if name != "softmax"]
DEFAULT_SHOWN = ["step", "sigmoid", "tanh", "relu", "leaky_relu", "linear"]

NOTES = {
    "step": "The step's derivative is 0 everywhere (undefined at 0): no gradient ever reaches the "
    "weights, which is why the perceptron's step was replaced by smooth functions.",
    "sigmoid": "sigmoid'(z) = a(1 − a) is at most 0.25 (at z = 0): every sigmoid layer multiplies "
    "the backward signal by 0.25 or less, so deep sigmoid nets lose their gradient.",
    "tanh": "tanh is centred on 0 and its slope reaches 1, but it still saturates for |z| > 2.",
    "relu": "For z < 0 both the output and the gradient are 0: a unit stuck there is dead and "
    "stops learning (dying ReLU). For z > 0 the slope is exactly 1, so gradients pass unchanged.",
    "leaky_relu": "A small slope (Keras: 0.2) for z < 0 keeps a gradient flowing, so units "
    "cannot die.",
    "linear": "A straight line: stacking linear layers gives one linear layer (see below).",
}


def _regions(name: str, low: float) -> dict:
    """Shaded ranges and reference lines the tutorial points at, per activation."""
    if name == "sigmoid":
        return {"hline": (0.25, "sigmoid' ≤ 0.25")}
    if name == "relu":
        return {"shade": [(low, 0.0, "dead region:<br>output 0,<br>gradient 0")]}
    if name == "step":
        return {"shade": [(low, -low, "gradient 0<br>everywhere<br>(undefined<br>at z = 0)")]}
    return {}


def _panel(name: str, z: np.ndarray) -> None:
    act = ACTIVATIONS[name]
    fig = activation_figure(z, act(z), act.derivative(z), name, **_regions(name, float(z[0])))
    st.plotly_chart(fig, theme=None, key=f"act.{name}")
    if name in NOTES:
        st.caption(NOTES[name])


def _linear_collapse() -> None:
    st.subheader("Why a linear activation collapses depth")
    st.markdown(
        "Without a non-linear activation, two layers compute "
        "$y = (xW_1 + b_1)W_2 + b_2 = x(W_1W_2) + (b_1W_2 + b_2)$: one layer with kernel "
        "$W_1W_2$. However many linear layers you stack, the network can only draw a straight "
        "decision boundary (seed 2) 3): activations must be non-linear)."
    )
    rng = np.random.default_rng(0)
    w1, w2, x = rng.normal(size=(2, 3)), rng.normal(size=(3, 1)), rng.normal(size=(4, 2))
    two_layers, one_layer = (x @ w1) @ w2, x @ (w1 @ w2)
    frame = pd.DataFrame(
        {"two linear layers": two_layers[:, 0], "one layer W1·W2": one_layer[:, 0]}
    )
    st.dataframe(frame, hide_index=True)
    st.caption("Four random inputs through 2→3→1 linear layers and through their product kernel.")


def _softmax() -> None:
    st.subheader("Softmax: scores into class probabilities")
    st.markdown(
        "A multi-class output layer (seed 2) 3 and 4) 1) turns its scores $z$ into "
        "probabilities $p_i = e^{z_i} / \\sum_j e^{z_j}$: all positive, summing to 1. Unlike "
        "the functions above it couples its outputs, so it has no curve of one variable: "
        "raising one score lowers every other probability, "
        "$\\partial p_i / \\partial z_j = p_i(\\delta_{ij} - p_j)$. With two classes it is "
        "the sigmoid of $z_1 - z_2$."
    )
    cols = st.columns(3)
    scores = np.array([[
        cols[k].number_input(f"score z{k + 1}", value=v, step=0.5, key=f"act.softmax.{k}")
        for k, v in enumerate((2.0, 1.0, 0.1))
    ]])  # fmt: skip
    p = ACTIVATIONS["softmax"](scores)[0]
    jacobian = np.diag(p) - np.outer(p, p)
    names = [f"class {k + 1}" for k in range(len(p))]
    left, right = st.columns(2)
    left.plotly_chart(softmax_figure(p, names), theme=None, key="act.softmax.chart")
    right.dataframe(
        pd.DataFrame(jacobian, index=[f"∂p{k + 1}" for k in range(len(p))],
                     columns=[f"∂z{k + 1}" for k in range(len(p))]).round(4)
    )  # fmt: skip
    right.caption("The Jacobian ∂p/∂z: positive on the diagonal, negative elsewhere.")


def _depth_table() -> None:
    st.subheader("How fast sigmoid gradients shrink with depth")
    depth = np.arange(1, 11)
    st.dataframe(
        pd.DataFrame({"sigmoid layers": depth, "largest possible factor 0.25ⁿ": 0.25**depth}),
        hide_index=True,
    )
    st.caption("Seed 2) 3 (3): after 10 sigmoid layers the gradient is scaled by at most ~1e-6.")


def render() -> None:
    """Draw the Activations page."""
    st.title("Activation functions and their derivatives")
    st.caption("Seed section 2) 3: what each activation does to the signal going forward and back.")
    left, right = st.columns([3, 1])
    shown = left.multiselect("Activations", PLOTTABLE, default=DEFAULT_SHOWN, key="act.shown")
    span = right.slider("z range (±)", 1.0, 10.0, 6.0, 0.5, key="act.span")
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
