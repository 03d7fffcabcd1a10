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

PARAM = "c"
LESSON_PARAM = "lesson"  # the lesson preset a shared comparison came from
MAX_TOKEN_CHARS = 8000
MAX_JSON_BYTES = 200_000
MAX_VARIANTS = 8


class ShareLinkError(ValueError):
    """The ``c`` parameter of a share link could not be read."""


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
            f"share link parameter 'c' has {len(token)} characters; expected 1 to {MAX_TOKEN_CHARS}"
        )
    try:
        packed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_JSON_BYTES)
    except (binascii.Error, ValueError, zlib.error) as exc:
        raise ShareLinkError(
            f"share link parameter 'c' is not a gradlab link (received {token[:20]!r}...); "
            "copy the whole link from the Share box"
        ) from exc
    if inflater.unconsumed_tail:
        raise ShareLinkError(f"share link parameter 'c' inflates beyond {MAX_JSON_BYTES} bytes")
    return raw


def decode(token: str, defaults: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Decode a share token back into ``(label, config dict)`` pairs with defaults filled in.

    Raises
    ------
    ShareLinkError
        When the token is not base64, not zlib, not the expected JSON shape, or holds more than
        ``MAX_VARIANTS`` variants. Config values are checked later by ``experiments``.
    """
    try:
        payload = json.loads(_inflate(token))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ShareLinkError("share link parameter 'c' does not hold JSON") from exc
    shape_ok = isinstance(payload, list) and all(
        isinstance(v, dict) and isinstance(v.get("l"), str) and isinstance(v.get("c"), dict)
        for v in payload
    )
    if not shape_ok or not 1 <= len(payload) <= MAX_VARIANTS:
        raise ShareLinkError(
            "share link parameter 'c' must hold 1 to "
            f"{MAX_VARIANTS} variants as [{{'l': label, 'c': config}}, ...]"
        )
    return [(v["l"], {**_jsonable(dict(defaults)), **v["c"]}) for v in payload]
