"""The comparison an uploaded results CSV holds, so the form, link and code show the file too.

No Streamlit here: the page's upload hands the imported runs to :func:`variants_of` and loads
the pairs like a share link's.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from dashboard import comparison


def variants_of(runs: pd.DataFrame) -> list[tuple[str, dict[str, Any]]]:
    """One ``(label, config)`` per label, in file order, from the label's first repeat.

    Every repeat of a variant carries the variant's config (the base seed and ``repeats``),
    so the first one rebuilds it whole.

    Parameters
    ----------
    runs : DataFrame
        ``Results.runs`` of an import: ``label``, ``repeat``, ``config_json`` per run.
    """
    ordered = runs.sort_values("repeat", kind="stable").drop_duplicates("label")
    order = {label: i for i, label in enumerate(dict.fromkeys(runs["label"]))}
    ordered = ordered.sort_values("label", key=lambda s: s.map(order), kind="stable")
    return [
        (str(label), json.loads(text))
        for label, text in zip(ordered["label"], ordered["config_json"], strict=True)
    ]


def data_differs(pairs: list[tuple[str, dict[str, Any]]]) -> bool:
    """Whether the file's variants were trained on different data (the CLI allows it, the
    page's form holds one data setting for all)."""
    shared = {json.dumps(comparison.split_config(cfg)[0], sort_keys=True) for _, cfg in pairs}
    return len(shared) > 1
