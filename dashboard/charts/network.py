"""A small fully connected network drawn as the tutorial draws it: units, weights on the edges."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from dashboard.charts.style import base_layout, figure

NODE_COLORS = ("#E8F1FA", "#FDF1E6", "#E9F6EF")  # input, hidden, output layers


def network_figure(
    units: Sequence[Sequence[tuple[str, float]]],
    weights: Sequence[tuple[str, np.ndarray]],
    *,
    height: int = 360,
) -> go.Figure:
    """Layers of units left to right, each edge labelled with its weight's name and value.

    Parameters
    ----------
    units : sequence of layers, each a sequence of (name, value)
        For the seed's example: ``[[("x1", 0.1), ("x2", 0.2)], [("h1", ...), ...], [...]]``.
    weights : sequence of (names, kernel)
        One per pair of adjacent layers: ``names`` an (in, out) array of str, ``kernel`` the
        (in, out) values, so edge ``i -> j`` reads ``names[i, j] = kernel[i, j]``.

    Returns
    -------
    plotly Figure
        One line trace per edge, one marker trace of the units (value in the hover and text),
        the edge labels as annotations placed a third of the way along, where crossing edges
        are apart.
    """
    pos = {
        (layer, k): (float(layer), float(len(members) - 1 - k))
        for layer, members in enumerate(units)
        for k in range(len(members))
    }
    traces, notes = [], []
    for layer, (names, kernel) in enumerate(weights):
        for i in range(kernel.shape[0]):
            for j in range(kernel.shape[1]):
                (x0, y0), (x1, y1) = pos[layer, i], pos[layer + 1, j]
                traces.append({"type": "scatter", "x": [x0, x1], "y": [y0, y1], "mode": "lines",
                               "line": {"color": "#9AA5B1", "width": 2}, "hoverinfo": "skip",
                               "showlegend": False})  # fmt: skip
                along = 0.5 if y0 == y1 else 0.3
                notes.append({
                    "x": x0 + along * (x1 - x0), "y": y0 + along * (y1 - y0), "showarrow": False,
                    "text": f"{names[i, j]} = {kernel[i, j]:.4f}", "font": {"size": 13},
                    "bgcolor": "rgba(255,255,255,0.9)",
                })  # fmt: skip
    flat = [(layer, k, name, value) for layer, members in enumerate(units)
            for k, (name, value) in enumerate(members)]  # fmt: skip
    traces.append({
        "type": "scatter", "mode": "markers+text", "showlegend": False,
        "x": [pos[layer, k][0] for layer, k, _, _ in flat],
        "y": [pos[layer, k][1] for layer, k, _, _ in flat],
        "text": [f"<b>{name}</b><br>{value:.4f}" for _, _, name, value in flat],
        "textposition": "middle center",
        "marker": {"size": 64, "color": [NODE_COLORS[min(layer, 2)] for layer, *_ in flat],
                   "line": {"color": "#2a3f5f", "width": 1.5}},
        "hovertemplate": "%{text}<extra></extra>",
    })  # fmt: skip
    margin = {"l": 20, "r": 20, "t": 20, "b": 20}
    layout = base_layout(x_title="", y_title="", height=height, showlegend=False,
                         annotations=notes, margin=margin)  # fmt: skip
    depth = max(len(m) for m in units)
    layout["xaxis"] = {"visible": False, "range": [-0.35, len(units) - 0.65]}
    layout["yaxis"] = {"visible": False, "range": [-0.5, depth - 0.5]}
    return figure(traces, layout)
