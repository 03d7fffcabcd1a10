"""The Korean pages speak the seed tutorial's words (``docs/glossary.ko.md``).

Every glossary term occurs in the seed; every lesson names seed headings; and wherever an English
text contains a glossary term, its Korean text contains the glossary's Korean for it. Longer terms
are matched first and taken out, so "gradient descent" asks for 경사 하강법, not 기울기.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from dashboard.i18n.catalog import EN, KO
from datasets import DATASETS
from experiments.spec.config import field_specs
from experiments.spec.presets import PRESETS

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "glossary.ko.md"
# the seed lives beside the repository (README: ../shared/seed/); CI may point elsewhere
SEED_DIR = Path(os.environ.get("GRADLAB_SEED", ROOT.parent / "shared" / "seed"))
SEED = SEED_DIR / "deep-learning-basics.ko.md"
if not SEED.is_file():
    SEED = Path("/work/shared/seed/deep-learning-basics.ko.md")
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason=f"the seed tutorial is not at {SEED}")


def glossary() -> list[tuple[tuple[str, ...], str, str]]:
    """(Korean spellings, English term, seed section) per row of the glossary's table."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("한국어", "---"):
            rows.append((tuple(s.strip() for s in cells[0].split(" / ")), cells[1], cells[2]))
    return rows


def _seed_headings() -> list[str]:
    """The seed's headings without markdown and the English in parentheses."""
    out = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.startswith("##"):
            text = re.sub(r"[#*]", "", line).strip()
            text = re.sub(r"\s*\([A-Za-z][^)]*\)", "", text)
            out.append(re.sub(r"\s*=>.*$", "", text).strip())  # "=>ReLU": the seed's pointers
    return out


def test_the_glossary_has_the_terms_the_issue_names() -> None:
    rows = glossary()
    assert len(rows) >= 60
    korean = {spelling for spellings, _, _ in rows for spelling in spellings}
    assert {"과적합", "기울기 소실", "배치 정규화", "드롭아웃", "은닉층", "손실 함수"} <= korean
    assert {"옵티마이저", "에포크"} <= korean


@needs_seed
def test_every_glossary_term_and_section_is_the_seeds() -> None:
    text = SEED.read_text(encoding="utf-8")
    headings = _seed_headings()
    for spellings, english, section in glossary():
        assert all(s in text for s in spellings), (spellings, english)
        for part in section.split(" › "):
            assert any(h.startswith(part) or h == part for h in headings), (english, part)


@needs_seed
def test_every_lesson_names_seed_headings() -> None:
    headings = _seed_headings()
    for preset in PRESETS:
        section = KO[f"preset.{preset.key}.section"]
        for chain in section.split(", "):
            for part in chain.split(" › "):
                assert any(h.endswith(part) or h == part for h in headings), (preset.key, part)


def _pairs() -> dict[str, tuple[str, str]]:
    """Every Korean text with its English, wherever that English lives."""
    pairs = {key: (EN[key], KO[key]) for key in EN}
    for name, spec in field_specs().items():
        for part, english in (("label", spec.label), ("help", spec.help), ("null", spec.null)):
            if f"field.{name}.{part}" in KO:
                pairs[f"field.{name}.{part}"] = (english, KO[f"field.{name}.{part}"])
    for name, info in DATASETS.items():
        for part, english in (("title", info.title), ("description", info.description),
                              ("noise", info.noise_meaning)):  # fmt: skip
            if f"dataset.{name}.{part}" in KO:
                pairs[f"dataset.{name}.{part}"] = (english, KO[f"dataset.{name}.{part}"])
    for preset in PRESETS:
        for part in ("title", "explanation"):
            pairs[f"preset.{preset.key}.{part}"] = (getattr(preset, part),
                                                    KO[f"preset.{preset.key}.{part}"])  # fmt: skip
    return pairs


def unmatched(english: str, korean: str) -> list[str]:
    """The glossary terms in ``english`` whose Korean ``korean`` lacks."""
    missing = []
    english = re.sub(r"\{[^}]*\}", " ", english)  # placeholders are not words
    for spellings, term, _ in sorted(glossary(), key=lambda row: -len(row[1])):
        pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?:s|es)?(?![\w])", re.IGNORECASE)
        if pattern.search(english):
            if not any(s in korean for s in spellings):
                missing.append(f"{term} -> {' / '.join(spellings)}")
            english = pattern.sub(" ", english)
    return missing


def test_the_term_check_can_fail() -> None:
    assert unmatched("Gradient descent", "경사 하강법") == []
    assert unmatched("the gradient vanishes", "경사가 사라진다") == ["gradient -> 기울기"]


def test_korean_texts_use_the_glossary_terms() -> None:
    problems = {key: m for key, (en, ko) in _pairs().items() if (m := unmatched(en, ko))}
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
