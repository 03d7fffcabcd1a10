"""Pure chart builders: chart data (``dashboard.transforms``) in, plotly Figures out.

No Streamlit here.
"""

from dashboard.charts.activation import activation_figure, softmax_figure
from dashboard.charts.data_preview import data_figure
from dashboard.charts.gap import gap_figure
from dashboard.charts.gradients import (
    DEAD_UNITS,
    GRADIENTS,
    HeatScale,
    gradient_heatmaps,
    heatmap_panels,
)
from dashboard.charts.legend import with_legend
from dashboard.charts.loss import loss_figure
from dashboard.charts.network import network_figure
from dashboard.charts.predictions import boundary_figure, failed_figure, prediction_figure

__all__ = [
    "DEAD_UNITS",
    "GRADIENTS",
    "HeatScale",
    "activation_figure",
    "boundary_figure",
    "data_figure",
    "failed_figure",
    "gap_figure",
    "gradient_heatmaps",
    "heatmap_panels",
    "loss_figure",
    "network_figure",
    "prediction_figure",
    "softmax_figure",
    "with_legend",
]
