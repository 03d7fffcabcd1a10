"""The dictionaries and a pure lookup: no Streamlit, so chart builders and tests can use it.

One flat dictionary per language (``en.py``, ``ko.py``), keys dotted by place
(``page.compare``, ``field.epochs.label``). English is complete; a key missing from another
language falls back to English, so a half-translated screen is never empty. Values are
``str.format`` templates; numbers are formatted the same way in every language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dashboard.i18n.en import TEXT as EN
from dashboard.i18n.ko import TEXT as KO

DEFAULT = "en"
CATALOGS: Mapping[str, Mapping[str, str]] = {"en": EN, "ko": KO}
# what the language switch shows, each language in its own words
NAMES = {"en": "English", "ko": "한국어"}


def lookup(lang: str, key: str, **fmt: Any) -> str:
    """The text of ``key`` in ``lang`` (English where ``lang`` lacks it), formatted with ``fmt``.

    An unknown key raises ``KeyError``: a typo must fail a test, not show a dotted name.
    """
    text = CATALOGS.get(lang, EN).get(key)
    if text is None:
        text = EN[key]
    return text.format(**fmt) if fmt else text


def has(key: str) -> bool:
    """Whether ``key`` is a known text (keys built from data, such as a field name, may not be)."""
    return key in EN


def normalize(value: object) -> str | None:
    """A supported language code from ``ko``, ``ko-KR``, ``en_US`` ... or None."""
    if not isinstance(value, str):
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if code in CATALOGS else None
