"""The comparison as a share link: variant configs, compact, in one ``?c=`` query parameter.

Only fields that differ from the defaults are kept, then the JSON is zlib-compressed and
URL-safe base64-encoded (without padding). Decoding never evaluates anything and bounds both the
token and the inflated size.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from collections.abc import Mapping, Sequence
from typing import Any

from experiments.spec.bounded import shorten

PARAM = "c"
LESSON_PARAM = "lesson"  # the lesson preset a shared comparison came from
MAX_TOKEN_CHARS = 8000
MAX_JSON_BYTES = 200_000
MAX_VARIANTS = 8
MAX_LABEL_CHARS = 40  # the form's own limit
MAX_FIELDS = 64
MAX_TEXT_CHARS = 100
MAX_LIST_ITEMS = 16  # hidden_layers holds at most 10 widths
MAX_INT = 10**15


class ShareLinkError(ValueError):
    """The ``c`` parameter of a share link could not be read.

    The message is English; ``rule`` names what was refused and ``params`` its facts, so the
    page can word it in another language (``dashboard/i18n/messages.py``, ``sharelink.<rule>``).
    """

    def __init__(self, message: str, rule: str = "", **params: Any) -> None:
        super().__init__(message)
        self.rule, self.params = rule, params


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value))


def encode(variants: Sequence[tuple[str, Mapping[str, Any]]], defaults: Mapping[str, Any]) -> str:
    """Encode ``(label, config dict)`` pairs as a share token.

    Parameters
    ----------
    variants : sequence of (str, mapping)
        Label and full config dict of each variant, in order.
    defaults : mapping
        The config defaults; equal fields are left out of the token.

    Returns
    -------
    str
        URL-safe token for ``?c=``.
    """
    plain = _jsonable(dict(defaults))
    payload = [
        {"l": label, "c": {k: v for k, v in _jsonable(dict(cfg)).items() if plain.get(k) != v}}
        for label, cfg in variants
    ]
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def _inflate(token: str) -> bytes:
    if not token or len(token) > MAX_TOKEN_CHARS:
        raise ShareLinkError(
            f"share link parameter 'c' has {len(token)} characters; expected 1 to "
            f"{MAX_TOKEN_CHARS}",
            "length",
            n=len(token),
            most=MAX_TOKEN_CHARS,
        )
    try:
        packed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_JSON_BYTES)
    except (binascii.Error, ValueError, zlib.error) as exc:
        raise ShareLinkError(
            f"share link parameter 'c' is not a gradlab link (received {shorten(token[:20])}...); "
            "copy the whole link from the Share box",
            "not_gradlab",
            received=shorten(token[:20]),
        ) from exc
    if inflater.unconsumed_tail:
        raise ShareLinkError(
            f"share link parameter 'c' inflates beyond {MAX_JSON_BYTES} bytes",
            "too_big",
            most=MAX_JSON_BYTES,
        )
    return raw


def decode(token: str, defaults: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Decode a share token back into ``(label, config dict)`` pairs with defaults filled in.

    Raises
    ------
    ShareLinkError
        When the token is not base64, not zlib, not the expected JSON shape, or holds more than
        ``MAX_VARIANTS`` variants. Config values are checked later by ``experiments``.
    """
    raw = _inflate(token)
    try:
        payload = json.loads(raw)
    # ValueError: an integer of over 4,300 digits; RecursionError: nesting thousands deep
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ShareLinkError("share link parameter 'c' does not hold JSON", "not_json") from exc
    shape_ok = isinstance(payload, list) and all(
        isinstance(v, dict) and isinstance(v.get("l"), str) and isinstance(v.get("c"), dict)
        for v in payload
    )
    if not shape_ok or not 1 <= len(payload) <= MAX_VARIANTS:
        raise ShareLinkError(
            "share link parameter 'c' must hold 1 to "
            f"{MAX_VARIANTS} variants as [{{'l': label, 'c': config}}, ...]",
            "shape",
            most=MAX_VARIANTS,
        )
    for variant in payload:
        _check_variant(variant["l"], variant["c"])
    return [(v["l"], {**_jsonable(dict(defaults)), **v["c"]}) for v in payload]


def _scalar(value: Any) -> bool:
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) <= MAX_INT
    return (
        value is None
        or isinstance(value, bool | float)
        or (isinstance(value, str) and len(value) <= MAX_TEXT_CHARS)
    )


def _check_variant(label: str, config: dict) -> None:
    """Bound what a link may carry before any config is built from it (a depth of 20,000,000
    once built a tuple of that size, and its message echoed it)."""
    if len(label) > MAX_LABEL_CHARS:
        raise ShareLinkError(
            f"share link label {label[:MAX_LABEL_CHARS]!r}... has {len(label)} characters; "
            f"accepted: at most {MAX_LABEL_CHARS}",
            "label",
            label=repr(label[:MAX_LABEL_CHARS]),
            n=len(label),
            most=MAX_LABEL_CHARS,
        )
    if len(config) > MAX_FIELDS:
        raise ShareLinkError(
            f"share link variant has {len(config)} fields; accepted: at most {MAX_FIELDS}",
            "fields",
            n=len(config),
            most=MAX_FIELDS,
        )
    for key, value in config.items():
        items = value if isinstance(value, list) and len(value) <= MAX_LIST_ITEMS else [value]
        if len(key) > MAX_TEXT_CHARS or not all(_scalar(item) for item in items):
            raise ShareLinkError(
                f"share link field {shorten(key)} has the value {shorten(value)}; accepted: a "
                f"number, a text of at most {MAX_TEXT_CHARS} characters, or a list of at most "
                f"{MAX_LIST_ITEMS} of them",
                "value",
                field=shorten(key),
                value=shorten(value),
                chars=MAX_TEXT_CHARS,
                items=MAX_LIST_ITEMS,
            )
