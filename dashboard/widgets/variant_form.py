"""One variant's settings inside the comparison form; option lists come from the registries."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

import streamlit as st

from core.activations import ACTIVATIONS
from core.initializers import INITIALIZERS
from core.optimizers import OPTIMIZERS
from dashboard import state
from dashboard.widgets.fields import field_error, index_of, messages_at

# softmax is an output activation: as a hidden activation it couples the units of a layer
HIDDEN_ACTIVATIONS = [name for name in ACTIVATIONS if name != "softmax"]
REGIMES = {"full": "full batch", "sgd": "SGD (batch 1)", "mini": "mini-batch"}
# hyperparameter -> (label naming the optimizers that use it, upper bound, number format)
OPTIMIZER_DETAILS = {
    "momentum": ("momentum (SGD, RMSprop)", 0.999, "%.3g"),
    "rho": ("rho (RMSprop)", 0.999, "%.3g"),
    "beta_1": ("beta_1 (Adam)", 0.999, "%.4g"),
    "beta_2": ("beta_2 (Adam)", 0.9999, "%.5g"),
}


MORE_FIELDS = ("regularizer", "regularization_factor", "clipping", "clip_threshold", "seed",
               "repeats")  # fmt: skip


def _folded(uid: int, title: str, fields: Iterable[str]):
    """A popover for settings most lessons leave alone, marked when one of them is at fault.

    A popover, not an expander: a closed expander's widgets are still drawn (and redrawn on
    every rerun, ten per variant), a closed popover's are not; their values are kept all the
    same. The messages inside also appear in the notice at the top of the page.
    """
    return st.popover(f"⚠ {title}" if messages_at(uid, fields) else title, width="stretch")


def _regime(batch_size: int | str) -> str:
    return "full" if batch_size == "full" else "sgd" if batch_size == 1 else "mini"


def _select(uid: int, field: str, label: str, options: list, value: Any, **kw: Any) -> Any:
    chosen = st.selectbox(
        label, options, index=index_of(options, value), key=state.widget_key(uid, field), **kw
    )
    field_error(uid, field)
    return chosen


def _number(uid: int, field: str, label: str, value: Any, **kw: Any) -> Any:
    chosen = st.number_input(label, value=value, key=state.widget_key(uid, field), **kw)
    field_error(uid, field)
    return chosen


def _model(uid: int, cfg: dict[str, Any]) -> dict[str, Any]:
    layers = list(cfg["hidden_layers"])
    left, right = st.columns(2)
    with left:
        depth = _number(uid, "depth", "Hidden layers", len(layers), min_value=0, max_value=10)
    with right:
        width = _number(
            uid, "width", "Units each", max(layers, default=16), min_value=1, max_value=512
        )
    # an explicit list of widths (from a link or a preset) survives while depth/width are kept
    same = depth == len(layers) and width == max(layers, default=16)
    return {
        "hidden_layers": layers if same else [int(width)] * int(depth),
        "activation": _select(
            uid, "activation", "Activation", HIDDEN_ACTIVATIONS, cfg["activation"]
        ),
        "kernel_initializer": _select(
            uid, "kernel_initializer", "Initializer", list(INITIALIZERS), cfg["kernel_initializer"]
        ),
        "normalization": _select(
            uid,
            "normalization",
            "Normalization (before activation)",
            ["none", "batch", "layer"],
            cfg["normalization"],
        ),
        "dropout": _number(
            uid,
            "dropout",
            "Dropout rate",
            float(cfg["dropout"]),
            min_value=0.0,
            max_value=0.95,
            step=0.05,
        ),
    }


def _optimizer(uid: int, cfg: dict[str, Any]) -> dict[str, Any]:
    out = {
        "optimizer": _select(uid, "optimizer", "Optimizer", list(OPTIMIZERS), cfg["optimizer"]),
        "learning_rate": _number(uid, "learning_rate", "Learning rate", cfg["learning_rate"],
                                 min_value=0.0, format="%.5g", placeholder="Keras default"),
    }  # fmt: skip
    with _folded(uid, "Optimizer details", OPTIMIZER_DETAILS):
        for field, (label, high, fmt) in OPTIMIZER_DETAILS.items():
            out[field] = _number(uid, field, label, float(cfg[field]), min_value=0.0,
                                 max_value=high, format=fmt)  # fmt: skip
    return out


def _batch(uid: int, cfg: dict[str, Any]) -> int | str:
    regime = _select(uid, "batch_regime", "Batch", list(REGIMES), _regime(cfg["batch_size"]),
                     format_func=REGIMES.get)  # fmt: skip
    size = cfg["batch_size"] if isinstance(cfg["batch_size"], int) and cfg["batch_size"] > 1 else 32
    size = _number(uid, "mini_batch", "Mini-batch size", size, min_value=2, max_value=4096)
    return "full" if regime == "full" else 1 if regime == "sgd" else int(size)


def _more(uid: int, cfg: dict[str, Any]) -> dict[str, Any]:
    """Regularization, clipping and seeds, folded away: most lessons leave them alone."""
    with _folded(uid, "Regularization, clipping, seeds", MORE_FIELDS):
        return {
            "regularizer": _select(uid, "regularizer", "Regularizer",
                                   ["none", "l1", "l2", "l1_l2"], cfg["regularizer"]),
            "regularization_factor": _number(uid, "regularization_factor", "Factor",
                                             float(cfg["regularization_factor"]), min_value=0.0,
                                             format="%.4g"),
            "clipping": _select(uid, "clipping", "Clipping",
                                ["none", "clipnorm", "clipvalue", "global_clipnorm"],
                                cfg["clipping"]),
            "clip_threshold": _number(uid, "clip_threshold", "Clip threshold",
                                      float(cfg["clip_threshold"]), min_value=0.0),
            "seed": int(_number(uid, "seed", "Seed", int(cfg["seed"]), min_value=0)),
            "repeats": int(_number(uid, "repeats", "Seeds (repeats)", int(cfg["repeats"]),
                                   min_value=1, max_value=5)),
        }  # fmt: skip


def _training(uid: int, cfg: dict[str, Any]) -> dict[str, Any]:
    out = {"batch_size": _batch(uid, cfg)}
    out["epochs"] = int(_number(uid, "epochs", "Epochs", int(cfg["epochs"]), min_value=1,
                                max_value=1000))  # fmt: skip
    return {**out, **_more(uid, cfg)}


def variant_fields(variant: dict[str, Any], color: str) -> tuple[str, dict[str, Any]]:
    """Render one variant's widgets; return its label and per-variant config part.

    Parameters
    ----------
    variant : dict
        ``{"uid", "label", "config"}``; ``config`` holds the per-variant fields.
    color : str
        The variant's colour, shown beside its label.
    """
    uid, cfg = variant["uid"], variant["config"]
    st.markdown(
        f"<span style='color:{color};font-size:1.4em'>■</span> **{html.escape(variant['label'])}**",
        unsafe_allow_html=True,
    )
    label = st.text_input(
        "Label", variant["label"], key=state.widget_key(uid, "label"), max_chars=40
    )
    field_error(uid, "label")
    part = {**cfg, **_model(uid, cfg), **_optimizer(uid, cfg), **_training(uid, cfg)}
    for message in st.session_state[state.WARNINGS].get(uid, []):
        st.warning(message)
    return label, part
