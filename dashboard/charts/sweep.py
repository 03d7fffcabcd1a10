"""Charts of many runs: parallel coordinates of the varied knobs, and one knob's sensitivity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import base_layout, figure
from dashboard.i18n.catalog import has, lookup
from dashboard.palette import PALETTE, with_alpha

SHORT = "config."


def metric_name(metric: str, lang: str) -> str:
    """A stored metric (``best_val_loss``) as the results table heads it, in ``lang``."""
    key = f"table.{metric}"
    return lookup(lang, key) if has(key) else metric.replace("_", " ")


def _axis(series: pd.Series, name: str, lang: str = "en") -> dict:
    """A numeric axis as it is; a text axis (an activation) as evenly spaced ticks."""
    label = name.removeprefix(SHORT)
    numeric = pd.to_numeric(series, errors="coerce")
    if numeric.notna().all():
        values = numeric.to_numpy(float)
        distinct = np.unique(values)
        # a learning-rate grid spans decades: on a log axis its points spread out evenly
        log = distinct[0] > 0 and distinct[-1] >= 100 * distinct[0]
        shown = np.log10(values) if log else values
        axis = {"label": lookup(lang, "sweep.log", name=label) if log else label, "values": shown}
        if len(distinct) <= 12:  # a grid: its own values as ticks, not plotly's round numbers
            ticks = np.log10(distinct) if log else distinct
            axis |= {"tickvals": ticks, "ticktext": [f"{v:g}" for v in distinct]}
        return axis
    text = series.astype(str)
    names = sorted(text.unique())
    codes = text.map({n: i for i, n in enumerate(names)}).to_numpy(float)
    return {"label": label, "values": codes, "tickvals": list(range(len(names))), "ticktext": names}


def parallel_coordinates(
    frame: pd.DataFrame, knobs: list[str], metric: str, lang: str = "en"
) -> go.Figure:
    """One line per run across the varied ``knobs``, ending at ``metric``, coloured by it
    (a log axis says so in ``lang``).

    Parameters
    ----------
    frame : DataFrame, one row per run
        ``catalog.analysis_frame``: the ``knobs`` columns and ``metric``.
    """
    values = frame[metric].to_numpy(float)
    # plotly's parcoords draws every value it gets: a run without the metric would be a line
    # to nowhere, so it keeps NaN and the axis below says how many are missing
    dims = [_axis(frame[k], k, lang) for k in knobs]
    dims.append({"label": metric_name(metric, lang), "values": values})
    trace = {
        "type": "parcoords",
        "dimensions": dims,
        "line": {
            "color": values,
            "colorscale": "Viridis",
            "reversescale": "accuracy" not in metric,  # the better runs are always yellow
            "showscale": True,  # untitled: the last axis names the metric
        },
        "labelfont": {"size": 15},
        "tickfont": {"size": 13},
    }
    layout = base_layout(x_title="", y_title="", height=460)
    layout["margin"] = {"l": 70, "r": 40, "t": 70, "b": 30}
    return figure([trace], layout)


def _fit(table: pd.DataFrame) -> list[float] | None:
    """A y range around the means and their bands, the bands cut at one spread of the means
    beyond them: with few seeds a band can be many times wider than every difference (the
    reviewer saw best val loss drawn from -3 to 4 for means of 0.2-0.5), which flattens the
    lines the plot is for. The hover still gives each band's half-width."""
    mean = table["mean"].to_numpy(float)
    ci = np.nan_to_num(table["ci"].to_numpy(float))
    if not np.isfinite(mean).any():
        return None
    lo, hi = np.nanmin(mean), np.nanmax(mean)
    spread = max(hi - lo, 0.1 * max(abs(hi), abs(lo)), 1e-12)
    low = max(np.nanmin(mean - ci), lo - spread)
    high = min(np.nanmax(mean + ci), hi + spread)
    pad = 0.05 * (high - low or spread)
    return [float(low - pad), float(high + pad)]


def sensitivity_figure(
    table: pd.DataFrame, x: str, metric: str, line: str | None = None, lang: str = "en"
) -> go.Figure:
    """Mean ``metric`` against ``x`` with a 95% confidence band over seeds, one line per value
    of ``line``.

    Parameters
    ----------
    table : DataFrame
        ``experiments.results.sensitivity.sensitivity``: ``x``, ``line``, n, mean, ci.
    lang : str
        The language of the y axis title and the single line's name.
    """
    traces = []
    parts = table.groupby(line, sort=True) if line else [(lookup(lang, "sweep.all_runs"), table)]
    for i, (value, part) in enumerate(parts):
        color = PALETTE[i % len(PALETTE)]
        name = f"{line.removeprefix(SHORT)}={value}" if line else str(value)
        xs = part[x].to_numpy()
        mean, ci = part["mean"].to_numpy(float), part["ci"].to_numpy(float)
        band = np.where(np.isnan(ci), 0.0, ci)  # one seed: no band rather than a gap
        traces.append(
            {
                "type": "scatter", "x": np.concatenate([xs, xs[::-1]]),
                "y": np.concatenate([mean + band, (mean - band)[::-1]]),
                "mode": "lines", "fill": "toself", "fillcolor": with_alpha(color, 0.18),
                "line": {"width": 0},
                "hoverinfo": "skip", "showlegend": False, "legendgroup": name,
            }
        )  # fmt: skip
        traces.append(
            {
                "type": "scatter", "x": xs, "y": mean, "mode": "lines+markers", "name": name,
                "legendgroup": name, "line": {"color": color, "width": 2.5},
                "customdata": np.column_stack([ci, part["n"].to_numpy(float)]),
                "hovertemplate": f"<b>{name}</b><br>%{{x}}: %{{y:.4g}} ± %{{customdata[0]:.2g}}"
                " (n = %{customdata[1]})<extra></extra>",
            }
        )  # fmt: skip
    layout = base_layout(
        x_title=x.removeprefix(SHORT),
        y_title=lookup(lang, "sweep.y", metric=metric_name(metric, lang)),
    )
    layout["yaxis"]["range"] = _fit(table)
    numeric = pd.to_numeric(table[x], errors="coerce")
    if numeric.notna().all() and numeric.min() > 0 and numeric.max() >= 100 * numeric.min():
        layout["xaxis"]["type"] = "log"  # a learning-rate grid spans decades
        grid = np.unique(numeric)
        if len(grid) <= 12:  # the grid's own values, not plotly's 2 3 4 5 between decades
            layout["xaxis"] |= {"tickvals": grid, "ticktext": [f"{v:g}" for v in grid]}
    elif not numeric.notna().all():
        layout["xaxis"]["type"] = "category"
    return figure(traces, layout)
