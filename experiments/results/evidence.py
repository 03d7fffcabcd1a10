"""Seeds as evidence: confidence intervals over model seeds, defined once.

Everything that states how sure a mean over seeds is (the Compare page's bands and table, the
Runs page's sensitivity plot, the summary export) calls these, so the page, the CSV and the
closing numbers agree. Distributions come from ``scipy.stats``, never written by hand.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

CONFIDENCE = 0.95


def ci_halfwidth(std: np.ndarray, n: np.ndarray, confidence: float = CONFIDENCE) -> np.ndarray:
    """Half-width of the Student-t confidence interval of a mean over ``n`` seeds.

    ``std`` is the sample standard deviation (``ddof=1``). With fewer than two seeds nothing is
    known about the spread, so the half-width is NaN (never 0, which would read as certainty).
    """
    std = np.asarray(std, dtype=float)
    n = np.asarray(n, dtype=float)
    known = n >= 2
    dof = np.where(known, n - 1, 1.0)
    quantile = stats.t.ppf(0.5 + confidence / 2, dof)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(known, quantile * std / np.sqrt(np.where(known, n, 1.0)), np.nan)


def variant_evidence(
    per_run: pd.DataFrame, metrics: Sequence[str], by: str = "label"
) -> pd.DataFrame:
    """Mean, spread and confidence of each metric over each variant's seeds.

    Parameters
    ----------
    per_run : DataFrame
        One row per run (seed): a ``by`` column and the ``metrics`` columns (e.g.
        :func:`~experiments.results.run_metrics.run_metrics` or the store's summary).
    metrics : sequence of str
        The metric columns to describe.

    Returns
    -------
    DataFrame
        One row per variant x metric, variants in order of first appearance: ``by, metric, n``
        (seeds with a finite value), ``mean, std`` (``ddof=1``; NaN with one seed), ``ci95``
        (:func:`ci_halfwidth`) and the seeds' ``median, min, max``.
    """
    rows = []
    for label, mine in per_run.groupby(by, sort=False):
        for metric in metrics:
            values = finite(mine[metric])
            n = len(values)
            std = float(values.std(ddof=1)) if n >= 2 else np.nan
            mean = float(values.mean()) if n else np.nan
            order = [float(f(values)) if n else np.nan for f in (np.median, np.min, np.max)]
            rows.append((label, metric, n, mean, std, float(ci_halfwidth(std, n)), *order))
    columns = [by, "metric", "n", "mean", "std", "ci95", "median", "min", "max"]
    return pd.DataFrame(rows, columns=columns)


def finite(values: Sequence[float] | pd.Series) -> np.ndarray:
    """The finite values as floats (a diverged or unfinished seed has none to give)."""
    array = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
    return array[np.isfinite(array)]


@dataclass(frozen=True)
class Difference:
    """``mean(a) - mean(b)`` with its Welch 95% confidence interval and two-sided p-value."""

    diff: float
    low: float
    high: float
    pvalue: float
    n_a: int
    n_b: int

    @property
    def halfwidth(self) -> float:
        """Half the interval's width (Welch's interval is symmetric about ``diff``)."""
        return (self.high - self.low) / 2


def welch(a: Sequence[float], b: Sequence[float], confidence: float = CONFIDENCE) -> Difference:
    """Welch's t-test of ``a`` against ``b`` (unequal variances), from ``scipy.stats``.

    The interval uses the Welch-Satterthwaite degrees of freedom (``TtestResult``'s
    ``confidence_interval``). With fewer than two finite values on a side, or no spread on
    either, nothing can be said: p and the interval are NaN.
    """
    a, b = finite(a), finite(b)
    diff = float(a.mean() - b.mean()) if len(a) and len(b) else np.nan
    if min(len(a), len(b)) < 2 or (np.ptp(a) == 0 and np.ptp(b) == 0):
        return Difference(diff, np.nan, np.nan, np.nan, len(a), len(b))
    with warnings.catch_warnings():  # nearly equal seeds: scipy warns of precision loss
        warnings.simplefilter("ignore", RuntimeWarning)
        result = stats.ttest_ind(a, b, equal_var=False)
        interval = result.confidence_interval(confidence)
    return Difference(
        diff, float(interval.low), float(interval.high), float(result.pvalue), len(a), len(b)
    )


def holm(pvalues: Sequence[float]) -> np.ndarray:
    """Holm-Bonferroni adjusted p-values, in the given order; NaN stays NaN.

    The k-th smallest of m p-values is multiplied by ``m - k + 1``, kept non-decreasing along
    the sorted order and capped at 1 (Holm 1979, Scand. J. Statist. 6:65-70).
    """
    p = np.asarray(pvalues, dtype=float)
    out = np.full(p.shape, np.nan)
    known = np.flatnonzero(np.isfinite(p))
    order = known[np.argsort(p[known], kind="stable")]
    scaled = (len(order) - np.arange(len(order))) * p[order]
    out[order] = np.minimum(1.0, np.maximum.accumulate(scaled))
    return out
