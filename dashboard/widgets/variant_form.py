"""One variant's settings inside the comparison form, built from the config's field spec.

Labels, bounds, steps, formats and option lists come from each field's
:class:`~experiments.spec.fields.FieldSpec`; nothing here restates a limit or an option.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

from dashboard import state
from dashboard.i18n import t
from dashboard.i18n.messages import config_warning
from dashboard.i18n.names import field_help, field_label
from dashboard.plain import literal
from dashboard.widgets.fields import (
    field_error,
    index_of,
    messages_at,
    spec_number,
    widget_value,
)
from experiments.spec.config import (
    FULL_BATCH,
    MAX_HIDDEN_LAYERS,
    MAX_WIDTH,
    OPTIMIZER_FIELDS,
    field_specs,
)
from experiments.spec.fields import OPTIMIZERS, optimizer_default, users

SPECS = field_specs()
# softmax is an output activation: as a hidden activation it couples the units of a layer
HIDDEN_ACTIVATIONS = [name for name in SPECS["activation"].choices() if name != "softmax"]
REGIMES = ("full", "sgd", "mini")  # texts: form.regime.<name>
# every optimizer's hyperparameters but the learning rate, which sits in the open
OPTIMIZER_DETAILS = [name for name in OPTIMIZER_FIELDS if name != "learning_rate"]
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
    return "full" if batch_size == FULL_BATCH else "sgd" if batch_size == 1 else "mini"


def _select(uid: int, field: str, value: Any, options: list | None = None, **kw: Any) -> Any:
    """A select box of the field's options (or ``options``); ``kw`` may rename its widget key."""
    options = SPECS[field].choices() if options is None else options
    widget = kw.pop("widget", field)
    chosen = st.selectbox(
        field_label(field), options, index=index_of(options, value),
        key=state.widget_key(uid, widget), help=field_help(field),
        placeholder=t("form.choose"), **kw,
    )  # fmt: skip
    field_error(uid, widget)
    return chosen


def _number(uid: int, field: str, value: Any, label: str | None = None, **kw: Any) -> Any:
    """A number input with the field's bounds, step and format (``kw`` overrides them)."""
    widget = kw.pop("widget", field)
    chosen = spec_number(field, value, state.widget_key(uid, widget), label, **kw)
    field_error(uid, widget)
    return chosen


def _flag(uid: int, field: str, value: Any, label: str | None = None) -> bool:
    chosen = st.checkbox(label or field_label(field), value=value is True,
                         key=state.widget_key(uid, field), help=field_help(field))  # fmt: skip
    field_error(uid, field)
    return chosen


def _model(uid: int, cfg: dict[str, Any]) -> dict[str, Any]:
    layers = cfg["hidden_layers"] if isinstance(cfg["hidden_layers"], list | tuple) else []
    layers = list(layers)
    shown_depth = widget_value(len(layers), int, 0, MAX_HIDDEN_LAYERS, optional=False)
    widths = [w for w in layers if isinstance(w, int) and not isinstance(w, bool)]
    shown_width = widget_value(max(widths, default=16), int, 1, MAX_WIDTH, optional=False)
    left, right = st.columns(2)
    with left:
        # no upper bound on the inputs (see fields.spec_number): 11 layers or 0 units reach
        # validation and its message; a depth below 0 has no list to stand for, so 0 stays a
        # floor the input keeps itself
        depth = st.number_input(
            t("form.depth"), value=shown_depth, min_value=0, key=state.widget_key(uid, "depth")
        )
    with right:
        key = state.widget_key(uid, "width")
        width = st.number_input(t("form.width"), value=shown_width, key=key)
    # under both inputs, at the card's width: in half of it a message wrapped a word a line
    field_error(uid, "depth")
    field_error(uid, "width")
    # an explicit list of widths (from a link or a preset) survives while depth/width are kept
    same = depth == shown_depth and width == shown_width
    return {
        "hidden_layers": layers if same else [int(width)] * int(depth),
        "activation": _select(uid, "activation", cfg["activation"], HIDDEN_ACTIVATIONS),
        "kernel_initializer": _select(uid, "kernel_initializer", cfg["kernel_initializer"]),
        "normalization": _select(uid, "normalization", cfg["normalization"]),
        "dropout": _number(uid, "dropout", cfg["dropout"]),
    }


def _lr_default(cfg: dict[str, Any]) -> dict[str, str]:
    """The empty learning rate's placeholder with the number it stands for (the optimizers
    lesson compares Keras's defaults: "Keras default" alone hid 0.01 against 0.001)."""
    name = cfg.get("optimizer")
    if name not in OPTIMIZERS:
        return {}
    value = optimizer_default(name, "learning_rate")
    return {"placeholder": t("form.keras_default_for", optimizer=name, value=f"{value:g}")}


def _optimizer(uid: int, cfg: dict[str, Any]) -> dict[str, Any]:
    out = {
        "optimizer": _select(uid, "optimizer", cfg["optimizer"]),
        "learning_rate": _number(uid, "learning_rate", cfg["learning_rate"], **_lr_default(cfg)),
    }
    with _folded(uid, t("form.optimizer_details"), OPTIMIZER_DETAILS):
        for field in OPTIMIZER_DETAILS:
            label = f"{field} ({', '.join(users(field))})"
            if SPECS[field].kind == "bool":
                out[field] = _flag(uid, field, cfg[field], label)
            else:
                out[field] = _number(uid, field, cfg[field], label)
    return out


def _regime_names() -> dict[str, str]:
    # worded now: AppTest calls a format_func outside the session, where the language is unknown
    return {regime: t(f"form.regime.{regime}") for regime in REGIMES}


def _batch(uid: int, cfg: dict[str, Any]) -> int | str:
    regime = _select(uid, "batch_size", _regime(cfg["batch_size"]), list(REGIMES),
                     format_func=_regime_names().get, widget="batch_regime")  # fmt: skip
    size = cfg["batch_size"] if isinstance(cfg["batch_size"], int) and cfg["batch_size"] > 1 else 32
    size = _number(uid, "batch_size", size, t("form.mini_batch"), min_value=2, widget="mini_batch")
    return FULL_BATCH if regime == "full" else 1 if regime == "sgd" else int(size)


def _more(uid: int, cfg: dict[str, Any]) -> dict[str, Any]:
    """Regularization, clipping and seeds, folded away: most lessons leave them alone."""
    with _folded(uid, t("form.more"), MORE_FIELDS):
        return {
            "regularizer": _select(uid, "regularizer", cfg["regularizer"]),
            "regularization_factor": _number(uid, "regularization_factor",
                                             cfg["regularization_factor"]),
            "clipping": _select(uid, "clipping", cfg["clipping"]),
            "clip_threshold": _number(uid, "clip_threshold", cfg["clip_threshold"]),
            "seed": _number(uid, "seed", cfg["seed"]),
            "repeats": _number(uid, "repeats", cfg["repeats"]),
        }  # fmt: skip


def _training(uid: int, cfg: dict[str, Any]) -> dict[str, Any]:
    out = {"batch_size": _batch(uid, cfg), "epochs": _number(uid, "epochs", cfg["epochs"])}
    return {**out, **_more(uid, cfg)}


def variant_fields(
    variant: dict[str, Any], color: str, differs: str = ""
) -> tuple[str, dict[str, Any]]:
    """Render one variant's widgets; return its label and per-variant config part.

    Parameters
    ----------
    variant : dict
        ``{"uid", "label", "config"}``; ``config`` holds the per-variant fields.
    color : str
        The variant's colour, shown beside its label.
    differs : str
        One line saying how it differs from the other variants (as last applied).
    """
    uid, cfg = variant["uid"], variant["config"]
    title = literal(variant["label"])  # a link's label is text, never Markdown
    square = f"<span style='color:{color};font-size:1.4em'>■</span>"
    st.markdown(f"{square} **{title}**", unsafe_allow_html=True)
    if differs:
        st.caption(literal(differs))
    label = st.text_input(
        t("form.label"), variant["label"], key=state.widget_key(uid, "label"), max_chars=40
    )
    field_error(uid, "label")
    part = {**cfg, **_model(uid, cfg), **_optimizer(uid, cfg), **_training(uid, cfg)}
    for message in st.session_state[state.WARNINGS].get(uid, []):
        st.warning(config_warning(message))
    return label, part
