"""What the Compare page's buttons do to the session state (and the runner); no layout here."""

from __future__ import annotations

import copy
import functools
from collections.abc import MutableMapping, Sequence
from typing import Any

from dashboard import comparison, share, state, uploaded
from dashboard.i18n.catalog import CATALOGS, lookup, normalize
from experiments import ConfigError, ExperimentConfig, vary_one_knob
from experiments.spec.presets import PRESETS_BY_KEY

State = MutableMapping[str, Any]


def _lang(ss: State) -> str:
    """The session's language, read from ``ss`` (no Streamlit here), for the notices."""
    return normalize(ss.get(state.LANG)) or "en"


def set_comparison(
    ss: State, data: dict[str, Any], variants: Sequence[tuple[str, dict[str, Any]]]
) -> list[ExperimentConfig]:
    """Replace the whole comparison; new uids so every widget starts from the new values.

    It is validated at once, so the form shows its messages and warnings before any submit;
    returns the configs (empty when a field is at fault).
    """
    ss[state.DATA] = dict(data)
    ss[state.DATA_GEN] += 1
    ss[state.VARIANTS] = [
        {"uid": state.new_uid(ss), "label": label, "config": dict(cfg)} for label, cfg in variants
    ]
    configs, ss[state.FIELD_ERRORS], ss[state.WARNINGS] = comparison.check(
        ss[state.DATA], ss[state.VARIANTS]
    )
    return configs


def load_preset(ss: State, key: str) -> None:
    """Load a lesson preset (its runs are not started)."""
    set_comparison(ss, *comparison.from_preset(PRESETS_BY_KEY[key]))
    ss[state.PRESET] = key


def ensure_comparison(ss: State) -> None:
    """Start a fresh session with the first lesson, so the page is never empty."""
    if not ss[state.VARIANTS]:
        load_preset(ss, "vanishing")


def _fresh_label(ss: State, base: str) -> str:
    taken = {v["label"] for v in ss[state.VARIANTS]}
    label, n = base, 2
    while label in taken:
        label, n = f"{base} ({n})", n + 1
    return label


def add_variant(ss: State, source_uid: int | None = None) -> str | None:
    """Append a default variant, or a copy of ``source_uid``; returns a message when full."""
    variants = ss[state.VARIANTS]
    if len(variants) >= comparison.MAX_VARIANTS:
        lang = _lang(ss)
        return lookup(lang, "notice.full", n=comparison.MAX_VARIANTS)
    source = next((v for v in variants if v["uid"] == source_uid), None)
    if source is None:
        cfg, label = comparison.split_config(comparison.defaults())[1], "variant"
    else:
        cfg, label = copy.deepcopy(source["config"]), source["label"]
    variants.append({"uid": state.new_uid(ss), "label": _fresh_label(ss, label), "config": cfg})
    return None


def remove_variant(ss: State, uid: int) -> str | None:
    """Remove a variant, keeping at least two; returns a message when refused."""
    if len(ss[state.VARIANTS]) <= comparison.MIN_VARIANTS:
        lang = _lang(ss)
        return lookup(lang, "notice.too_few", n=comparison.MIN_VARIANTS)
    ss[state.VARIANTS] = [v for v in ss[state.VARIANTS] if v["uid"] != uid]
    return None


def vary_knob(
    ss: State, uid: int, field: str, values: list[Any], *, replace: bool = False
) -> str | None:
    """One variant per value of ``field``, based on variant ``uid``: added to the comparison, or
    replacing it. Returns a message when the comparison would hold too many variants.

    Raises
    ------
    ConfigError
        From ``experiments.vary_one_knob`` (unknown field, bad or repeated values).
    """
    variant = next(v for v in ss[state.VARIANTS] if v["uid"] == uid)
    base_dict = comparison.full_configs(ss[state.DATA], [variant])[0]
    base = ExperimentConfig(**base_dict)
    configs = vary_one_knob(base, field, values)
    pairs = [
        (f"{field}={value}", cfg.to_dict()) for value, cfg in zip(values, configs, strict=True)
    ]
    if replace:
        set_comparison(ss, *comparison.from_configs(pairs))
        return None
    total = len(ss[state.VARIANTS]) + len(pairs)
    if total > comparison.MAX_VARIANTS:
        lang, most = _lang(ss), comparison.MAX_VARIANTS
        return lookup(lang, "notice.too_many", n=len(pairs), total=total, most=most)
    existing = [(v["label"], v["config"]) for v in ss[state.VARIANTS]]
    added = [(_fresh_label(ss, label), comparison.split_config(cfg)[1]) for label, cfg in pairs]
    set_comparison(ss, ss[state.DATA], existing + added)
    return None


def apply_form(
    ss: State, data: dict[str, Any], edits: Sequence[tuple[int, str, dict[str, Any]]]
) -> list[ExperimentConfig]:
    """Store the submitted form values and validate them; configs are empty on any error.

    When the dataset changed, its own knobs (sample count, noise, generator knobs) that were
    carried over unchanged from the old dataset go back to the new one's defaults: moons' noise
    of 0.2 means nothing for digits and turns spiral into a cloud.
    """
    reset = comparison.reset_dataset_knobs(ss[state.DATA], data)
    if reset != data:
        ss[state.DATA_GEN] += 1  # the data inputs are drawn anew, showing the new defaults
    data = reset
    ss[state.DATA] = dict(data)
    by_uid = {uid: (label, cfg) for uid, label, cfg in edits}
    for variant in ss[state.VARIANTS]:
        if variant["uid"] in by_uid:
            variant["label"], variant["config"] = by_uid[variant["uid"]]
    configs, ss[state.FIELD_ERRORS], ss[state.WARNINGS] = comparison.check(
        ss[state.DATA], ss[state.VARIANTS]
    )
    return configs


def share_token(ss: State) -> str:
    """The ``?c=`` token of the current comparison."""
    labels = [v["label"] for v in ss[state.VARIANTS]]
    configs = comparison.full_configs(ss[state.DATA], ss[state.VARIANTS])
    return share.encode(list(zip(labels, configs, strict=True)), comparison.defaults())


def lesson_modified(ss: State) -> bool:
    """Whether the comparison on the page differs from the lesson preset last loaded."""
    key = ss[state.PRESET]
    return key in PRESETS_BY_KEY and share_token(ss) not in _preset_tokens(key)


@functools.cache
def _preset_tokens(key: str) -> frozenset[str]:
    """The share tokens of a lesson as loaded, its labels in each language (a Korean student
    opening an English teacher's lesson link has not modified it); presets are fixed: encoded
    once per process."""
    tokens = set()
    for lang in CATALOGS:
        data, variants = comparison.from_preset(PRESETS_BY_KEY[key], lang)
        pairs = [(label, {**comparison.defaults(), **cfg, **data}) for label, cfg in variants]
        tokens.add(share.encode(pairs, comparison.defaults()))
    return frozenset(tokens)


def restore_link(ss: State, token: str) -> list[ExperimentConfig]:
    """Load the comparison in a share link; returns its configs when they validate.

    Raises
    ------
    share.ShareLinkError
        When the token cannot be read; config errors appear next to their fields instead.
    """
    ss[state.SHARE_TOKEN] = token
    pairs = share.decode(token, comparison.defaults())
    try:
        data, variants = comparison.from_configs(pairs)
    except (TypeError, ConfigError) as error:
        message = f"share link holds an unusable config: {error}"
        raise share.ShareLinkError(message, "unusable", error=error) from error
    return set_comparison(ss, data, variants)


def lesson_of(ss: State) -> str | None:
    """The lesson whose comparison is on the page exactly as it loads, if any."""
    token = share_token(ss)
    return next((k for k in PRESETS_BY_KEY if token in _preset_tokens(k)), None)


def show_lesson(ss: State, key: str | None) -> None:
    """Make ``key`` (or no lesson) the page's lesson, its picker showing it (not a pick left
    from before, which "Press Load preset" would then offer to load over the comparison)."""
    ss[state.PRESET] = key
    ss.pop(state.PRESET_PICK, None)


def show_upload(ss: State, results: Any, name: str) -> str:
    """Make an imported results CSV the comparison on the page: its charts, and its variants in
    the form, the link and the Keras code. Returns the notice to show.

    The lesson is the one whose comparison the file holds, if any (else none): an explanation
    left from before would describe another comparison.
    """
    pairs = uploaded.variants_of(results.runs)
    lang = _lang(ss)
    note = lookup(lang, "notice.showing", name=name, n=len(results.runs))
    if pairs:
        set_comparison(ss, *comparison.from_configs(pairs))
        if uploaded.data_differs(pairs):
            note += lookup(lang, "notice.data_differs")
    show_lesson(ss, lesson_of(ss))
    ss[state.IMPORTED], ss[state.RUN_IDS], ss[state.OFFER_RUN] = results, {}, False
    return note
