"""Shared look: large fonts for a projector, white background, titled axes."""

from __future__ import annotations

import plotly.graph_objects as go

FONT_SIZE = 15


def finish(fig: go.Figure, *, x_title: str, y_title: str, height: int = 420) -> go.Figure:
    """Apply the common layout and axis titles; returns ``fig`` for chaining."""
    fig.update_layout(
        template="plotly_white",
        font={"size": FONT_SIZE},
        height=height,
        margin={"l": 60, "r": 20, "t": 40, "b": 50},
        hovermode="closest",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title)
    return fig
