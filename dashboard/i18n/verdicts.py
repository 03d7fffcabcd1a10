"""Verdicts worded in the page's language.

``experiments`` knows no languages: each :class:`~experiments.results.verdicts.Verdict` keeps
its English ``text`` (what the evidence CSV says) and the facts it was worded from in
``params``; this module words those from ``verdict.<...>`` (``ko_verdicts.py``). English shows
the verdict's own text, word for word; a case without a translation shows it too.
"""

from __future__ import annotations

from dashboard.i18n import current
from dashboard.i18n.names import translated
from experiments.results.verdicts import Verdict, holm_note


def _ko(key: str, **fmt: object) -> str:
    return translated(f"verdict.{key}", "", **fmt)


def _seeds(n_a: int, n_b: int) -> str:
    return _ko("seeds_each", n=n_a) if n_a == n_b else _ko("seeds_two", n_a=n_a, n_b=n_b)


def verdict_text(verdict: Verdict) -> str:
    """The sentence of ``verdict`` in the page's language."""
    facts = dict(verdict.params)
    case = facts.pop("case", None)
    if current() == "en" or case is None or not _ko(f"case.{case}"):
        return verdict.text
    n_a, n_b, m = facts["n_a"], facts["n_b"], facts.get("m", 1)
    if "kind" in facts:
        better = facts.get("better")
        mark = "" if better is None else _ko("better" if better else "worse")
        facts["direction"] = _ko(facts["kind"]) + mark
    if "p" in facts:
        facts["ps"] = (
            facts["p"] if m < 2 else _ko("p_holm", p_raw=facts["p_raw"], p=facts["p"], m=m)
        )
        facts["adjusted"] = "" if m < 2 else _ko("before_adjustment")
    counts = f"{n_a}" if n_a == n_b else _ko("counts_two", n_a=n_a, n_b=n_b)
    return _ko(f"case.{case}", **facts, seeds=_seeds(n_a, n_b), counts=counts)


def holm_text(found: list[Verdict]) -> str | None:
    """What the page says about multiple comparisons (None for a single comparison)."""
    note = holm_note(found)
    if note is None or current() == "en":
        return note
    return translated("verdict.holm_note", note, k=len(found), baseline=found[0].baseline)
