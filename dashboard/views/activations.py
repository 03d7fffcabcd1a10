"""Activations page: each activation with its derivative (seed section 2) 3)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core.activations import ACTIVATIONS
from dashboard.charts import activation_figure

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
        return {"hline": (0.25, "sigmoid'(z) ≤ 0.25 for every z")}
    if name == "relu":
        return {"shade": [(low, 0.0, "dead region: output 0, gradient 0")]}
    if name == "step":
        return {"shade": [(low, -low, "gradient 0 everywhere (undefined at z = 0)")]}
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
