"""Plain-words verdicts: is a variant's difference from the baseline real, or seed luck?

Each variant is compared with the baseline on one metric by Welch's t-test over their seeds
(:func:`~experiments.results.evidence.welch`). With more than one comparison the p-values are
Holm-adjusted (:func:`~experiments.results.evidence.holm`), so one lucky difference among many
is not read as real. One seed never gives a verdict, and neither does a variant still training.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from experiments.results.evidence import Difference, finite, holm, welch
from experiments.results.run_metrics import BETTER, RANKED

ALPHA = 0.05
ONE_SEED = "one seed: no verdict; add seeds"
FEW_VALUES = (
    "no verdict: {who} has a value on {k} of its {n} seeds (the others diverged or stopped "
    "before one)"
)
PROVISIONAL = "still training: no verdict until every seed of both is done"
HOLM_NOTE = (
    "{k} variants are each compared with {baseline}: the p-values are Holm-adjusted for "
    "{k} comparisons, so one lucky difference among many is not read as real; each ± stays "
    "the interval before adjustment."
)


@dataclass(frozen=True)
class Verdict:
    """One variant against the baseline on one metric.

    ``kind`` is ``"lower"``, ``"higher"``, ``"same"`` (not distinguishable), ``"one_seed"``,
    ``"provisional"`` or ``"described"`` (a :data:`~experiments.results.run_metrics.RANKED`
    metric: medians and ranges, no test); ``p_adjusted`` is Holm's (equal to
    ``difference.pvalue`` for a single comparison); ``text`` is what the CSV (and the English
    page) says; ``params`` what it was worded from, for another language: ``case`` (which
    sentence), ``label``, ``baseline``, ``n_a``, ``n_b`` and, by case, ``kind``, ``better``
    (None for a metric with no better side), ``diff``, ``halfwidth``, ``p``, ``p_raw``, ``m``
    (comparisons Holm adjusted for), ``a``, ``b`` (ranked: median (min–max)), numbers as shown.
    """

    label: str
    baseline: str
    metric: str
    difference: Difference
    p_adjusted: float
    kind: str
    text: str
    params: Mapping[str, Any] = field(default_factory=dict)


MAX_DECIMALS = 6  # finer than a millionth no loss, accuracy or gap on the page means anything
NOISE = 1e-9  # relative width below which seeds differ only by floating-point rounding


def negligible(halfwidth: float, scale: float) -> bool:
    """Whether an interval is rounding noise around a value of size ``scale``: seeds that all
    scored 0.95 can come back 1 ulp apart, which is no spread to report."""
    return abs(halfwidth) < NOISE * max(1.0, abs(scale))


def _decimals(halfwidth: float) -> int:
    """Decimals that show the interval's first significant digit (0.04 -> 2, 3.2 -> 0), at
    most :data:`MAX_DECIMALS`."""
    if not math.isfinite(halfwidth) or halfwidth <= 0:
        return 3
    return min(MAX_DECIMALS, max(0, 1 - math.floor(math.log10(halfwidth))))


def plain(value: float) -> str:
    """``value`` to 4 significant digits in fixed point (never ``1.788e-07``), at most
    :data:`MAX_DECIMALS` decimals, trailing zeros dropped (0.95, 3, 12.35)."""
    if not math.isfinite(value) or value == 0:
        return f"{value:g}"
    places = min(MAX_DECIMALS, max(0, 3 - math.floor(math.log10(abs(value)))))
    text = f"{value:.{places}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "") else text


def estimate_text(mean: float, halfwidth: float) -> str:
    """``mean ± half-width`` to the interval's first significant digit (``0.291 ± 0.023``);
    the mean alone (:func:`plain`) when the width is unknown (one seed), 0 or rounding noise
    (every seed gave the same value), or too small to show in :data:`MAX_DECIMALS`."""
    if not math.isfinite(mean):
        return ""
    if not math.isfinite(halfwidth) or negligible(halfwidth, mean):
        return plain(mean)
    places = _decimals(halfwidth)
    if round(halfwidth, places) == 0:
        return plain(mean)
    # + 0.0 turns a mean that rounds to -0 into 0: "-0.000000 ± 0.000001" read as negative
    return f"{round(mean, places) + 0.0:.{places}f} ± {halfwidth:.{places}f}"


def range_text(median: float, low: float, high: float) -> str:
    """A bounded, skewed count (the best epoch) as ``median (min–max)`` over the seeds, e.g.
    ``52 (3–140)``; the median alone when every seed agrees (or there is one)."""
    if not math.isfinite(median):
        return ""
    if not (math.isfinite(low) and math.isfinite(high)) or low == high:
        return plain(median)
    return f"{plain(median)} ({plain(low)}–{plain(high)})"


def _ranked(label: str, baseline: str, a: pd.Series, b: pd.Series) -> tuple[Difference, str, dict]:
    """A ranked metric's comparison: the medians' difference, no interval and no p (a t
    interval of a bounded, skewed count can reach outside its bounds)."""
    a, b = finite(a), finite(b)
    diff = float(np.median(a) - np.median(b)) if len(a) and len(b) else np.nan
    d = Difference(diff, np.nan, np.nan, np.nan, len(a), len(b))
    base = _base(label, baseline, d)
    if min(len(a), len(b)) < 2:
        return d, f"{label} vs {baseline}: {ONE_SEED}", {**base, "case": "one_seed"}
    said = [range_text(float(np.median(x)), float(x.min()), float(x.max())) for x in (a, b)]
    return (
        d,
        (
            f"{label} vs {baseline}: median {said[0]} against {said[1]} ({_seeds(d)}); "
            "no interval or p for a bounded, skewed count"
        ),
        {**base, "case": "described", "a": said[0], "b": said[1]},
    )


def _base(label: str, baseline: str, d: Difference) -> dict[str, Any]:
    return {"label": label, "baseline": baseline, "n_a": d.n_a, "n_b": d.n_b}


def _better(kind: str, metric: str) -> bool | None:
    better = BETTER.get(metric)
    return None if better is None else kind == better


def _seeds(d: Difference) -> str:
    return f"{d.n_a} seeds each" if d.n_a == d.n_b else f"{d.n_a} and {d.n_b} seeds"


def _p_text(p: float) -> str:
    """``p`` to two decimals; four, on its side of the line, where two would round onto 0.05:
    a Holm-adjusted 0.0496 read "p = 0.05" beside a verdict calling the difference real."""
    if p < 0.001:
        return "p < 0.001"
    if p < 0.01:
        return f"p = {p:.2g}"
    if 0.045 <= p < 0.05:  # rounded down, so the text stays below 0.05 as p is
        return f"p = {math.floor(p * 1e4) / 1e4:.4f}"
    return f"p = {p:.4f}" if 0.05 <= p < 0.055 else f"p = {p:.2f}"


def _direction(kind: str, metric: str) -> str:
    """``lower (better)``, ``higher (worse)``, or the bare kind for a metric with no better
    side (the best epoch)."""
    better = BETTER.get(metric)
    return kind if better is None else f"{kind} ({'better' if kind == better else 'worse'})"


def _p_both(raw: float, p: float, m: int) -> str:
    """The p-values said: Holm's next to the unadjusted one, so the ± (the unadjusted 95%
    interval) and the p that decides never seem to contradict each other."""
    if m < 2:
        return _p_text(p)
    return f"{_p_text(raw)}; Holm-adjusted {_p_text(p)} for {m} comparisons"


def _say(
    label: str,
    baseline: str,
    d: Difference,
    p: float,
    pending: bool,
    scale: float = 0.0,
    metric: str = "",
    m: int = 1,
) -> tuple[str, str, dict]:
    """The verdict's kind, words and :attr:`Verdict.params`; ``scale`` is the size of the
    compared means (for telling rounding noise from spread), ``m`` the number of comparisons
    Holm adjusted for."""
    base = _base(label, baseline, d)
    if pending:
        return (
            "provisional",
            f"{label} vs {baseline}: {PROVISIONAL}",
            {**base, "case": "provisional"},
        )
    if min(d.n_a, d.n_b) < 2:
        return "one_seed", f"{label} vs {baseline}: {ONE_SEED}", {**base, "case": "one_seed"}
    if not math.isfinite(d.halfwidth) or negligible(d.halfwidth, scale):  # the seeds all agree
        if negligible(d.diff, scale):
            text = f"{label} vs {baseline}: the same on every seed ({_seeds(d)})"
            return "same", text, {**base, "case": "same_every_seed"}
        kind = "lower" if d.diff < 0 else "higher"
        said = f"{plain(abs(d.diff))} (every seed gave the same value, {_seeds(d)})"
        facts = {**base, "case": "agreed", "kind": kind, "better": _better(kind, metric),
                 "diff": plain(abs(d.diff))}  # fmt: skip
        return kind, f"{label} is {_direction(kind, metric)} than {baseline} by {said}", facts
    places = _decimals(d.halfwidth)
    unadjusted = "" if m < 2 else " before adjustment"
    size = f"{abs(d.diff):.{places}f} ± {d.halfwidth:.{places}f}{unadjusted}"
    ps = _p_both(d.pvalue, p, m)
    facts = {**base, "halfwidth": f"{d.halfwidth:.{places}f}", "p": _p_text(p),
             "p_raw": _p_text(d.pvalue), "m": m}  # fmt: skip
    if math.isfinite(p) and p < ALPHA:
        kind = "lower" if d.diff < 0 else "higher"
        said = f"{_direction(kind, metric)} than {baseline} by {size} ({ps}, {_seeds(d)})"
        return kind, f"{label} is {said}", {**facts, "case": "real", "kind": kind,
                                            "better": _better(kind, metric),
                                            "diff": f"{abs(d.diff):.{places}f}"}  # fmt: skip
    seeds = f"{d.n_a}" if d.n_a == d.n_b else f"{d.n_a} and {d.n_b}"
    return (
        "same",
        (
            f"{label} vs {baseline}: not distinguishable with {seeds} seeds: add seeds "
            f"(difference {d.diff:+.{places}f} ± {d.halfwidth:.{places}f}{unadjusted}, {ps})"
        ),
        {**facts, "case": "same", "diff": f"{d.diff:+.{places}f}"},
    )


def verdicts(
    per_run: pd.DataFrame,
    metric: str,
    baseline: str | None = None,
    pending: Collection[str] = (),
    by: str = "label",
) -> list[Verdict]:
    """A :class:`Verdict` for every variant but the baseline, in variant order.

    Parameters
    ----------
    per_run : DataFrame
        One row per run: a ``by`` column and the ``metric`` column.
    metric : str
        The metric compared (a column of ``per_run``).
    baseline : str, optional
        The variant the others are compared with; default the first.
    pending : collection of str
        Variants with seeds still training: their verdicts (and the baseline's) are provisional.
    """
    groups = {label: rows[metric] for label, rows in per_run.groupby(by, sort=False)}
    if not groups:
        return []
    baseline = next(iter(groups)) if baseline is None else baseline
    if baseline not in groups:
        raise ValueError(f"baseline {baseline!r} is not a variant; accepted: {list(groups)}")
    others = [label for label in groups if label != baseline]
    if metric in RANKED:
        out = []
        for label in others:
            d, text, facts = _ranked(label, baseline, groups[label], groups[baseline])
            late = label in pending or baseline in pending
            few = min(d.n_a, d.n_b) < 2
            kind = "provisional" if late else "one_seed" if few else "described"
            text = f"{label} vs {baseline}: {PROVISIONAL}" if late else text
            facts = {**facts, "case": "provisional"} if late else facts
            out.append(Verdict(label, baseline, metric, d, np.nan, kind, text, facts))
        return out
    diffs = [welch(groups[label], groups[baseline]) for label in others]
    adjusted = holm([d.pvalue for d in diffs])
    out = []
    for label, d, p in zip(others, diffs, adjusted, strict=True):
        late = label in pending or baseline in pending
        scale = max(abs(groups[label].mean()), abs(groups[baseline].mean()))
        m = sum(math.isfinite(x.pvalue) for x in diffs)  # the comparisons Holm counted
        kind, text, facts = _say(label, baseline, d, p, late, scale, metric, m)
        if kind == "one_seed":
            text, facts = _few_values(label, baseline, groups, text, facts)
        out.append(Verdict(label, baseline, metric, d, float(p), kind, text, facts))
    return out


def _few_values(
    label: str, baseline: str, groups: dict[str, pd.Series], text: str, facts: dict
) -> tuple[str, dict]:
    """A side with seeds but fewer than two values (two of the clipping lesson's three seeds
    diverged in epoch 1): say how many of its seeds have one, not "one seed; add seeds"."""
    for who in (baseline, label):
        k, n = len(finite(groups[who])), len(groups[who])
        if k < 2 <= n:  # seeds enough, values not
            said = FEW_VALUES.format(who=who, k=k, n=n)
            return f"{label} vs {baseline}: {said}", {**facts, "case": "few_values",
                                                      "who": who, "k": k, "n": n}  # fmt: skip
    return text, facts


def holm_note(found: list[Verdict]) -> str | None:
    """What the page says about multiple comparisons (None for a single comparison)."""
    if len(found) < 2:
        return None
    return HOLM_NOTE.format(k=len(found), baseline=found[0].baseline)
