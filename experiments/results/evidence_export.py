"""``python -m experiments export --evidence``: the Compare page's numbers over seeds, as CSV.

The store's summary (one row per run, in SQL) grouped by variant label gives the same per-run
metrics the page computes from its tracks (a test holds the two equal), so the file carries
the page's means, intervals and verdicts.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pandas as pd

from experiments.results.csv_format import neutralise
from experiments.results.evidence_table import evidence_table
from experiments.results.run_metrics import PENDING, RUN_METRICS, as_seeds
from experiments.results.summary import read_summary
from experiments.spec.bounded import shorten
from experiments.spec.errors import ConfigError

if TYPE_CHECKING:
    from experiments.results.store import Store

TEXT = ("variant", "baseline", "verdict")


def variants_of(summary: pd.DataFrame) -> pd.DataFrame:
    """The summary's runs with a ``label`` that names one variant (one config).

    A label reused for another config (two comparisons both calling a variant "adam") gets
    the config id's first characters, so different configs never pool their seeds; a seed run
    again for the same config counts once (its newest run).
    """
    runs = summary.drop_duplicates(["config_id", "seed"], keep="last")
    configs = runs.groupby("label", sort=False)["config_id"].transform("nunique")
    label = runs["label"].where(
        configs == 1, runs["label"] + " [" + runs["config_id"].str[:8] + "]"
    )
    return runs.assign(label=label.astype(str))


def store_evidence(
    store: Store,
    owner: str | None = None,
    metric: str | None = None,
    baseline: str | None = None,
) -> pd.DataFrame:
    """The :func:`~experiments.results.evidence_table.evidence_table` of the stored runs.

    Raises
    ------
    ConfigError
        ``--metric`` or ``--baseline`` names no metric or variant (the message lists them).
    """
    if metric is not None and metric not in RUN_METRICS:
        accepted = ", ".join(RUN_METRICS)
        raise ConfigError("--metric", f"received {shorten(metric)}; accepted: {accepted}")
    per_run = as_seeds(variants_of(read_summary(store, owner)))
    labels = list(dict.fromkeys(per_run["label"]))
    if baseline is not None and baseline not in labels:
        raise ConfigError(
            "--baseline", f"received {shorten(baseline)}; accepted: {shorten(labels)}"
        )
    pending = set(per_run.loc[per_run["status"].isin(PENDING), "label"])
    metrics = [metric] if metric else list(RUN_METRICS)
    return evidence_table(per_run, metrics, baseline, pending)


def evidence_csv(table: pd.DataFrame) -> str:
    """An evidence table as CSV text, labels neutralised for spreadsheets (the page's download
    and the CLI write the same)."""
    safe = table.assign(**{name: neutralise(table[name]) for name in TEXT})
    return safe.to_csv(index=False, lineterminator="\n")


def write_evidence(table: pd.DataFrame, out: str | None) -> str:
    """Write ``table`` as CSV to ``out`` (standard output for None or ``-``); what was done."""
    if out in (None, "-"):
        sys.stdout.write(evidence_csv(table))
        return f"{table['variant'].nunique()} variants"
    with open(out, "w", encoding="utf-8", newline="") as handle:
        handle.write(evidence_csv(table))
    return (
        f"wrote {out} ({table['variant'].nunique()} variants x {table['metric'].nunique()} metrics)"
    )
