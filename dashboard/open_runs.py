"""Stored runs picked on the Runs page, opened as a comparison on the Compare page (no layout).

Runs that differ only in their seed are one variant; a sweep's labels lose their ``seed=N``.
The Compare page then shows the stored runs themselves: nothing is queued, and its link finds
the same runs again (``comparison.lookup_ids``), so a sweep opened there never offers to train
its runs anew.
"""

from __future__ import annotations

import json
import re
from collections.abc import MutableMapping
from typing import Any

import pandas as pd

from dashboard import actions, comparison, share, state
from dashboard.i18n.catalog import lookup, normalize
from experiments.spec.config import DATA_FIELDS, field_specs

SEED_SUFFIX = re.compile(r"\s*seed=\d+$")
PER_RUN = ("seed", "repeats")  # what tells a variant's runs apart


def _variant_key(config: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in config.items() if k not in PER_RUN}, sort_keys=True)


def _unique(label: str, taken: set[str]) -> str:
    label = label[: share.MAX_LABEL_CHARS] or "run"
    name, n = label, 2
    while name in taken:
        suffix = f" ({n})"
        name, n = label[: share.MAX_LABEL_CHARS - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def variants_of(runs: pd.DataFrame) -> tuple[list[tuple[str, dict]], dict[str, str], int]:
    """``runs`` (``catalog.group_runs``: run_id, label, seed, config_json) as labelled
    variants, ``{run_id: label}`` of the runs shown, and how many runs were left out because a
    variant holds more seeds than a comparison shows (the lowest seeds are kept)."""
    most = field_specs()["repeats"].high
    by_key: dict[str, list[tuple[int, str, str, dict]]] = {}
    for row in runs.itertuples(index=False):
        config = json.loads(row.config_json)
        entry = (int(row.seed), row.run_id, SEED_SUFFIX.sub("", row.label or ""), config)
        by_key.setdefault(_variant_key(config), []).append(entry)
    pairs, shown, left_out, taken = [], {}, 0, set()
    for members in by_key.values():
        members = sorted(members, key=lambda m: m[0])
        kept, left_out = members[:most], left_out + max(0, len(members) - most)
        seed, _, base, config = kept[0]
        label = _unique(base or config.get("activation", "run"), taken)
        pairs.append((label, {**config, "seed": seed, "repeats": len(kept)}))
        shown.update({run_id: label for _, run_id, _, _ in kept})
    return pairs, shown, left_out


def open_in_compare(ss: MutableMapping[str, Any], runs: pd.DataFrame) -> str | None:
    """Make the runs the Compare page's comparison and show them; a message when refused (in
    the session's language, read from ``ss``)."""
    lang = normalize(ss.get(state.LANG)) or "en"
    if runs.empty:
        return lookup(lang, "opened.none")
    pairs, shown, left_out = variants_of(runs)
    if len(pairs) > comparison.MAX_VARIANTS:
        return lookup(lang, "opened.too_many", n=len(pairs), most=comparison.MAX_VARIANTS)
    datas = {json.dumps({k: c.get(k) for k in DATA_FIELDS}, sort_keys=True) for _, c in pairs}
    if len(datas) > 1:
        return lookup(lang, "opened.data_differs")
    actions.set_comparison(ss, *comparison.from_configs(pairs))
    ss[state.RUN_IDS], ss[state.IMPORTED] = shown, None
    ss[state.OFFER_RUN], ss[state.JUST_STARTED], ss[state.PRESET] = False, False, None
    ss[state.SHARE_TOKEN] = actions.share_token(ss)  # shown as they are, not looked up again
    extra = lookup(lang, "opened.left_out", n=left_out) if left_out else ""
    ss[state.NOTICE] = lookup(lang, "opened.showing", n=len(shown), extra=extra)
    return None


def link_token(runs: pd.DataFrame) -> str | None:
    """The ``?c=`` token of these runs as a comparison (None when Compare could not show it)."""
    pairs, _, _ = variants_of(runs) if not runs.empty else ([], {}, 0)
    if not 1 <= len(pairs) <= comparison.MAX_VARIANTS:
        return None
    full = [(label, {**comparison.defaults(), **config}) for label, config in pairs]
    return share.encode(full, comparison.defaults())
