"""Gradient-per-layer heatmaps (layer x epoch), one per variant, on one shared colour scale."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.charts.style import FONT_SIZE

COLUMNS = 4


def _shared_range(matrices: dict[str, pd.DataFrame]) -> tuple[float, float]:
    """Finite min and max of all matrices, so every panel uses the same scale."""
    values = [m.to_numpy(dtype=float) for m in matrices.values() if not m.empty]
    finite = np.concatenate([v[np.isfinite(v)] for v in values]) if values else np.array([])
    if finite.size == 0:
        return -1.0, 1.0
    low, high = float(finite.min()), float(finite.max())
    return (low - 0.5, high + 0.5) if low == high else (low, high)


def gradient_heatmaps(
    matrices: dict[str, pd.DataFrame], flags: dict[str, list[str]] | None = None
) -> go.Figure:
    """Heatmaps of log10 kernel gradient norms sharing one colour axis.

    Parameters
    ----------
    matrices : dict of str to DataFrame, each shape (n_layers, n_epochs)
        Variant label to ``transforms.grad_matrix`` output, in variant order.
    flags : dict of str to list of str, optional
        Variant label to warnings; a flagged panel's title carries a warning sign.

    Returns
    -------
    plotly Figure
        One ``Heatmap`` trace per variant (named by its label), all on ``coloraxis``.
    """
    flags = flags or {}
    labels = list(matrices)
    cols = min(COLUMNS, max(1, len(labels)))
    rows = max(1, math.ceil(len(labels) / cols))
    titles = [f"⚠ {lb}" if flags.get(lb) else lb for lb in labels]
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, horizontal_spacing=0.06)
    zmin, zmax = _shared_range(matrices)
    for i, label in enumerate(labels):
        matrix = matrices[label]
        z = matrix.to_numpy(dtype=float)
        fig.add_trace(
            go.Heatmap(
                z=np.where(np.isfinite(z), z, np.nan),
                x=list(matrix.columns),
                y=list(matrix.index),
                coloraxis="coloraxis",
                name=label,
                customdata=np.power(10.0, z),
                hovertemplate=(
                    f"<b>{label}</b><br>layer %{{y}}<br>epoch %{{x}}"
                    "<br>log10 ‖∂L/∂W‖ %{z:.3f}<br>‖∂L/∂W‖ %{customdata:.3e}<extra></extra>"
                ),
            ),
            row=i // cols + 1,
            col=i % cols + 1,
        )
        fig.update_xaxes(title_text="epoch", row=i // cols + 1, col=i % cols + 1)
        fig.update_yaxes(autorange="reversed", row=i // cols + 1, col=i % cols + 1)
    fig.update_yaxes(title_text="layer (input → output)", col=1)
    fig.update_layout(
        template="plotly_white",
        font={"size": FONT_SIZE},
        height=280 * rows + 60,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        coloraxis={
            "colorscale": "Viridis",
            "cmin": zmin,
            "cmax": zmax,
            "colorbar": {"title": {"text": "log10 ‖∂L/∂W‖"}},
        },
    )
    return fig
