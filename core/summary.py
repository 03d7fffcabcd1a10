"""Keras-style ``model.summary()`` text."""

from __future__ import annotations

from typing import Protocol

import numpy as np

from core.layers.base import Layer


class Summarised(Protocol):
    """What ``summary_text`` reads of a built model (``Sequential``)."""

    name: str
    input_shape: tuple[int, ...]
    layers: list[Layer]
    dtype: np.dtype


def _bytes(n_params: int, itemsize: int) -> str:
    size = float(n_params * itemsize)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.2f} {unit}"
        size /= 1024
    return f"{size:.2f} GB"


def summary_text(model: Summarised) -> str:
    """Table of layer (type), output shape and parameter count, then the totals."""
    rows = []
    shape = model.input_shape
    for layer in model.layers:
        shape = layer.output_shape(shape)
        n = sum(layer.count_params())
        rows.append((f"{layer.name} ({layer.kind})", str((None, *shape)), f"{n:,}"))
    widths = [max(33, *(len(r[0]) + 2 for r in rows)), 26, 15]
    head = ("Layer (type)", "Output Shape", "Param #")

    def line(cells) -> str:
        return " " + "".join(
            c.ljust(w) if i < 2 else c.rjust(w - 2)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    rule = "━" * sum(widths)
    trainable = sum(layer.count_params()[0] for layer in model.layers)
    frozen = sum(layer.count_params()[1] for layer in model.layers)
    size = model.dtype.itemsize
    out = [f'Model: "{model.name}"', rule, line(head), rule]
    for i, row in enumerate(rows):
        out.append(line(row))
        out.append("─" * sum(widths) if i < len(rows) - 1 else rule)
    out += [
        f" Total params: {trainable + frozen:,} ({_bytes(trainable + frozen, size)})",
        f" Trainable params: {trainable:,} ({_bytes(trainable, size)})",
        f" Non-trainable params: {frozen:,} ({_bytes(frozen, size)})",
    ]
    return "\n".join(out)
