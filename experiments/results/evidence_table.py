"""The numbers the Compare page shows about seeds, as one table (what ``export --evidence``
writes): every variant x metric with its mean, CI and verdict against the baseline."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
import pandas as pd

from experiments.results.evidence import variant_evidence
from experiments.results.run_metrics import RANKED, RUN_METRICS
from experiments.results.verdicts import verdicts

COLUMNS = (
    "variant", "metric", "n", "mean", "std", "ci95", "median", "min", "max", "baseline",
    "difference", "difference_low", "difference_high", "p_value", "p_holm", "verdict",
)  # fmt: skip
DIFFERENCE = COLUMNS[10:15]


def evidence_table(
    per_run: pd.DataFrame,
    metrics: Sequence[str] = tuple(RUN_METRICS),
    baseline: str | None = None,
    pending: Collection[str] = (),
) -> pd.DataFrame:
    """:data:`COLUMNS`, one row per variant x metric (variants in order, then metrics).

    ``per_run`` has one row per run with ``label`` and the ``metrics`` columns; the baseline
    (default the first variant) has no difference and the verdict ``"baseline"``. A ranked
    metric (the best epoch) has no ``ci95``, interval or p: its ``median, min, max`` say it,
    and its difference is the medians'.
    """
    table = variant_evidence(per_run, metrics).rename(columns={"label": "variant"})
    table.loc[table["metric"].isin(RANKED), "ci95"] = np.nan
    labels = list(dict.fromkeys(table["variant"]))
    baseline = labels[0] if baseline is None and labels else baseline
    extra = {name: np.nan for name in DIFFERENCE} | {"baseline": baseline, "verdict": ""}
    table = table.assign(**extra).astype({"verdict": object})
    for metric in metrics:
        base_row = (table["variant"] == baseline) & (table["metric"] == metric)
        table.loc[base_row, "verdict"] = "baseline"
        for v in verdicts(per_run, metric, baseline, pending):
            d = v.difference
            row = (table["variant"] == v.label) & (table["metric"] == metric)
            values = [d.diff, d.low, d.high, d.pvalue, v.p_adjusted, v.text]
            table.loc[row, [*DIFFERENCE, "verdict"]] = values
    return table[list(COLUMNS)]
