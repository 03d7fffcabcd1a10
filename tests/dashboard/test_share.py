"""Share links: round trip, compactness and readable errors for bad input."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from dashboard.share import MAX_VARIANTS, ShareLinkError, decode, encode

DEFAULTS = {"dataset": "moons", "hidden_layers": [16, 16], "activation": "relu", "epochs": 100}


def test_round_trip_restores_labels_and_configs() -> None:
    variants = [
        ("sigmoid", {**DEFAULTS, "activation": "sigmoid", "hidden_layers": (32, 32, 32)}),
        ("relu", dict(DEFAULTS)),
    ]
    back = decode(encode(variants, DEFAULTS), DEFAULTS)
    assert back == [
        ("sigmoid", {**DEFAULTS, "activation": "sigmoid", "hidden_layers": [32, 32, 32]}),
        ("relu", DEFAULTS),
    ]


def test_only_non_default_fields_are_stored() -> None:
    token = encode([("v", {**DEFAULTS, "epochs": 7})], DEFAULTS)
    raw = zlib.decompress(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    assert json.loads(raw) == [{"l": "v", "c": {"epochs": 7}}]
    assert all(ch.isalnum() or ch in "-_" for ch in token)


@pytest.mark.parametrize("token", ["", "not base64 !!", "AAAA", "x" * 9000])
def test_garbage_tokens_raise_a_share_link_error(token: str) -> None:
    with pytest.raises(ShareLinkError, match="'c'"):
        decode(token, DEFAULTS)


def _token(payload: object) -> str:
    raw = json.dumps(payload).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw)).decode()


@pytest.mark.parametrize(
    "payload", [{"l": "x"}, [{"l": 1, "c": {}}], [], [{"l": "a", "c": {}}] * (MAX_VARIANTS + 1)]
)
def test_wrong_shapes_are_rejected(payload: object) -> None:
    with pytest.raises(ShareLinkError, match="1 to 8 variants"):
        decode(_token(payload), DEFAULTS)


def test_a_zip_bomb_is_stopped() -> None:
    token = base64.urlsafe_b64encode(zlib.compress(b"[" + b" " * 1_000_000 + b"]", 9)).decode()
    with pytest.raises(ShareLinkError, match="inflates beyond"):
        decode(token, DEFAULTS)
