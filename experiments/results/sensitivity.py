"""How a metric responds to one knob of a sweep: mean and confidence interval over seeds.

For every (value of ``x``, value of ``line``) pair, the runs of that pair are the seeds (and,
where a third knob varies too, its values: the caption says so); their mean, sample standard
deviation, count and the Student-t half-width of :func:`~.evidence.ci_halfwidth` are returned.
"""

from __future__ import annotations

import pandas as pd

from experiments.results.evidence import ci_halfwidth

COLUMNS = ("n", "mean", "std", "ci")


def sensitivity(frame: pd.DataFrame, x: str, metric: str, line: str | None = None) -> pd.DataFrame:
    """One row per (``x``, ``line``) value pair: ``n``, ``mean``, ``std`` (``ddof=1``) and
    ``ci`` (the 95% half-width; NaN with one seed) of ``metric``, sorted by ``line`` then ``x``.
    Runs without the metric (failed before an epoch) are left out."""
    keys = [line, x] if line else [x]
    known = frame.dropna(subset=[metric])
    stats = (
        known.groupby(keys, dropna=False, sort=True)[metric]
        .agg(n="count", mean="mean", std="std")
        .reset_index()
    )
    stats["ci"] = ci_halfwidth(stats["std"].to_numpy(), stats["n"].to_numpy())
    return stats
