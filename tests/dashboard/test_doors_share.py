"""The share-link door (issue 15 items 1 and 4): every token decodes or is a ShareLinkError
with a bounded message, before any config is built from it."""

from __future__ import annotations

import base64
import json
import time
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.share import ShareLinkError, decode
from tests.doors import answered, refused

DEFAULTS = {"dataset": "moons", "hidden_layers": [16, 16], "activation": "relu", "epochs": 100}


def token_of(raw: bytes) -> str:
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"[" * 50_000 + b"]" * 50_000, "does not hold JSON"),  # RecursionError before
        (b'[{"l": "a", "c": {"epochs": ' + b"9" * 5000 + b"}}]", "does not hold JSON"),
        (b'[{"l": "a", "c": {"depth": 20000000, "hidden_layers": [' + b"1," * 5000 + b"1]}}]",
         "field 'hidden_layers'"),
        (b'[{"l": "' + b"x" * 500 + b'", "c": {}}]', "has 500 characters; accepted: at most 40"),
        (b'[{"l": "a", "c": {"dataset": [["moons"]]}}]', "field 'dataset'"),
        (b'[{"l": "a", "c": {"epochs": {"a": 1}}}]', "field 'epochs'"),
    ],
)  # fmt: skip
def test_named_bad_links_are_share_link_errors(raw: bytes, message: str) -> None:
    start = time.perf_counter()
    with pytest.raises(ShareLinkError, match=message) as caught:
        decode(token_of(raw), DEFAULTS)
    assert len(str(caught.value)) < 400 and time.perf_counter() - start < 1


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(),
    st.text(max_size=120),
)
JSONISH = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=20) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=40,
)
VALUES = st.one_of(SCALARS, SCALARS, st.lists(st.integers(1, 64), max_size=12), JSONISH)
VARIANT = st.fixed_dictionaries(
    {
        "l": st.one_of(st.text(max_size=50), st.text(max_size=50), SCALARS),
        "c": st.dictionaries(st.sampled_from(sorted(DEFAULTS)) | st.text(max_size=20), VALUES),
    }
)


@settings(max_examples=200, deadline=500)
@given(
    payload=st.one_of(st.lists(VARIANT, max_size=10), JSONISH),
    mangle=st.sampled_from(["none", "none", "none", "truncate", "flip", "raw"]),
)
def test_every_token_decodes_or_is_a_bounded_share_link_error(payload, mangle) -> None:
    raw = json.dumps(payload).encode()
    token = token_of(raw)
    if mangle == "truncate":
        token = token[: len(token) // 2]
    elif mangle == "flip":
        token = token[::-1]
    elif mangle == "raw":
        token = raw.decode()[:9000]
    try:
        variants = decode(token, DEFAULTS)
    except ShareLinkError as error:
        refused("share token", error)
    else:
        answered("share token", "decoded")
        assert all(isinstance(label, str) and len(label) <= 40 for label, _ in variants)
