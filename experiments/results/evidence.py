"""Seeds as evidence: confidence intervals over model seeds, defined once.

Everything that states how sure a mean over seeds is (the Compare page's bands and table, the
Runs page's sensitivity plot, the summary export) calls these, so the page, the CSV and the
closing numbers agree. Distributions come from ``scipy.stats``, never written by hand.
"""

from __future__ import annotations

import numpy as np
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
