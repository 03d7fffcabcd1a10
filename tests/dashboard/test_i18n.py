"""The dictionaries: every key in both languages, none unused, none missing, none malformed.

Keys a page uses are found by reading the source (``t("...")``, ``lookup(lang, "...")`` and a
chart's ``w("...")``); an f-string key (``t(f"act.note.{name}")``) covers the keys it starts.
Texts whose English lives elsewhere (field specs, datasets, presets, validation rules) are
checked against that home instead.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from dashboard.i18n.catalog import EN, KO, lookup, normalize
from datasets import DATASETS
from experiments.spec.config import OPTIMIZER_FIELDS, field_specs
from experiments.spec.presets import PRESETS
from tests.dashboard.korean_support import english_lines

ROOT = Path(__file__).resolve().parents[2]
CALL = re.compile(
    r"""\b(?:t|w|lookup\(\s*\w+(?:\(\))?\s*,)\(?\s*(f?)(["'])([a-z_][\w./ ()-]*?)(?:\{|\2)"""
)
# keys a language holds for texts whose English lives with the thing they name
HOMES = ("field.", "dataset.", "preset.", "error.", "warning.", "verdict.", "sharelink.", "queue.",
         "csv.", "dataerror.")  # fmt: skip


def _used() -> tuple[set[str], set[str]]:
    """Literal keys and f-string prefixes used under dashboard/."""
    literal, prefixes = set(), set()
    for path in (ROOT / "dashboard").rglob("*.py"):
        if path.parent.name == "i18n" and path.stem in ("en", "ko", "ko_spec", "ko_lessons"):
            continue
        for is_f, _, key in CALL.findall(path.read_text(encoding="utf-8")):
            (prefixes if is_f else literal).add(key)
    return literal, prefixes


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_scanner_finds_the_calls_it_must() -> None:
    literal, prefixes = _used()
    assert {"page.compare", "bp.inputs", "chart.act.x", "chart.data.x0"} <= literal
    assert {"act.note.", "bp.col.", "chart.data."} <= prefixes


def test_every_key_used_is_in_english() -> None:
    literal, prefixes = _used()
    missing = sorted(k for k in literal if k not in EN)
    assert not missing, f"keys used but not in en.py: {missing}"
    assert all(any(k.startswith(p) for k in EN) for p in prefixes)


def test_no_english_key_is_unused() -> None:
    literal, prefixes = _used()
    unused = sorted(k for k in EN if k not in literal and not k.startswith(tuple(prefixes)))
    assert not unused, f"keys in en.py nothing uses: {unused}"


def test_every_english_key_is_in_korean_and_korean_has_no_stray_key() -> None:
    assert sorted(set(EN) - set(KO)) == []
    stray = sorted(k for k in set(KO) - set(EN) if not k.startswith(HOMES))
    assert stray == []


@pytest.mark.parametrize("key", sorted(EN))
def test_korean_keeps_the_placeholders(key: str) -> None:
    assert _fields(KO[key]) == _fields(EN[key]), key


def test_every_field_label_help_and_null_has_korean() -> None:
    for name, spec in field_specs().items():
        if spec.label != name:
            assert f"field.{name}.label" in KO, name
        if spec.help and name not in OPTIMIZER_FIELDS:
            assert f"field.{name}.help" in KO, name
        if spec.null:
            assert f"field.{name}.null" in KO, name
    homes = {f"field.{n}.{part}" for n in field_specs() for part in ("label", "help", "null")}
    assert sorted(k for k in KO if k.startswith("field.") and k not in homes) == ["field.used_by"]


def test_every_dataset_and_preset_has_korean() -> None:
    expected = set()
    for name, info in DATASETS.items():
        expected |= {f"dataset.{name}.title", f"dataset.{name}.description"}
        if info.noise_meaning:
            expected.add(f"dataset.{name}.noise")
    for preset in PRESETS:
        expected |= {f"preset.{preset.key}.{part}" for part in ("title", "section", "explanation")}
    have = {k for k in KO if k.startswith(("dataset.", "preset."))} - {"preset.caption"}
    assert {k for k in have if ".variant." not in k} == expected


def test_every_lesson_label_with_english_words_has_korean() -> None:
    """A lesson loads on a Korean page with Korean labels ("no clipping": "클리핑 없음"); Keras
    names stay. No Korean label is left for a variant a lesson no longer has."""
    labels = {f"preset.{p.key}.variant.{label}": label for p in PRESETS for label, _ in p.variants}
    have = {k for k in KO if ".variant." in k}
    assert have <= set(labels), sorted(have - set(labels))
    english = {k for k, label in labels.items() if english_lines(label)}
    assert english <= have, sorted(english - have)
    assert not [KO[k] for k in have if english_lines(KO[k])]


def _rules() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The rules experiments/ gives its ConfigErrors and ConfigWarnings, each with the names of
    the params it passes (read by ast)."""
    errors: dict[str, set[str]] = {"field": {"value", "accepted"}}  # _fail's default rule
    warnings: dict[str, set[str]] = {}
    for path in (ROOT / "experiments").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            position = {"ConfigError": 2, "_fail": 3, "ConfigWarning": 1}.get(node.func.id)
            if position is None or len(node.args) <= position:
                continue
            rule = node.args[position]
            if isinstance(rule, ast.Constant) and isinstance(rule.value, str) and rule.value:
                found = warnings if node.func.id == "ConfigWarning" else errors
                names = {k.arg for k in node.keywords if k.arg}
                names |= {"value"} if node.func.id == "_fail" else set()
                found.setdefault(rule.value, set()).update(names)
    return errors, warnings


def test_every_validation_rule_has_korean_and_no_translation_is_orphaned() -> None:
    errors, warnings = _rules()
    assert {"range", "budget", "loss_task", "vary_count", "run_cap"} <= set(errors)
    assert "step" in warnings
    assert {k.split(".", 1)[1] for k in KO if k.startswith("error.")} == set(errors)
    assert {k.split(".", 1)[1] for k in KO if k.startswith("warning.")} == set(warnings)


def test_every_rules_korean_uses_only_the_params_it_is_given() -> None:
    errors, warnings = _rules()
    for prefix, rules in (("error", errors), ("warning", warnings)):
        for rule, params in rules.items():
            assert _fields(KO[f"{prefix}.{rule}"]) <= params, (rule, params)


def test_lookup_falls_back_to_english_and_refuses_unknown_keys() -> None:
    assert lookup("ko", "page.compare") == "비교"
    assert lookup("fr", "page.compare") == "Compare"
    with pytest.raises(KeyError):
        lookup("ko", "page.nowhere")


@pytest.mark.parametrize(
    ("given", "code"),
    [("ko", "ko"), ("ko-KR", "ko"), ("en_US", "en"), ("KO", "ko"), ("fr", None), (None, None)],
)
def test_normalize_reads_browser_locales(given, code) -> None:
    assert normalize(given) == code


def test_numbers_are_written_the_same_in_both_languages() -> None:
    for lang in ("en", "ko"):
        text = lookup(lang, "preview.facts", train=1250, val=250, features=2, kind="", noise="")
        assert "1250" in text and "250" in text


NUMBER = re.compile(r"(?<![\w{])\d+(?:[.,]\d+)*(?:e-?\d+)?")


def _numbers(text: str) -> set[str]:
    return set(NUMBER.findall(re.sub(r"\{[^}]*\}", "", text)))


def test_korean_states_the_same_numbers() -> None:
    """A lesson's measured numbers (or a page's 0.25, 1e-6) changed in English must change in
    Korean too: every number of the English text is in its Korean text."""
    pairs = {key: (EN[key], KO[key]) for key in EN}
    for preset in PRESETS:
        for part in ("title", "explanation"):
            pairs[f"preset.{preset.key}.{part}"] = (getattr(preset, part),
                                                    KO[f"preset.{preset.key}.{part}"])  # fmt: skip
    drifted = {k: sorted(_numbers(en) - _numbers(ko)) for k, (en, ko) in pairs.items()}
    assert {k: v for k, v in drifted.items() if v} == {}
    assert _numbers("0.50 after 40 epochs, {n} runs") == {"0.50", "40"}
