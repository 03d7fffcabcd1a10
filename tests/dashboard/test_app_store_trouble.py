"""A broken run store (issue 15 item 6): the page names the file and offers a fresh store that
keeps the old file, instead of "Something went wrong" on every load."""

from __future__ import annotations

import contextlib
import os

import pytest

from dashboard import runtime
from dashboard.plain import literal
from tests.dashboard.apptest_support import click, open_page


@pytest.fixture
def app_store(tmp_path, monkeypatch):
    """The app's store path in a temporary folder; its runner, if one could start, shut down."""
    monkeypatch.setenv("GRADLAB_STORE", str(tmp_path / "runs.sqlite"))
    yield tmp_path / "runs.sqlite"
    with contextlib.suppress(Exception):  # a folder never holds a store, so never a runner
        runtime.runner().shutdown()


def test_a_corrupt_store_is_named_and_a_fresh_one_is_offered(app_store) -> None:
    app_store.write_bytes(os.urandom(8192))
    at = open_page()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("is corrupt" in e and literal(str(app_store)) in e for e in errors), errors
    assert not any("Something went wrong" in e for e in errors)
    at = click(at, "Start a fresh store (the old file is kept beside it)")
    assert not at.exception and not at.error, [e.value for e in at.error]
    kept = [p for p in app_store.parent.iterdir() if p.name.startswith("runs.sqlite.broken-")]
    assert len(kept) == 1 and kept[0].stat().st_size == 8192
    assert app_store.exists()  # the fresh store


def test_a_store_that_is_a_folder_is_named_without_an_offer(app_store) -> None:
    app_store.mkdir()
    at = open_page()
    assert not at.exception
    assert any("is a folder" in e.value and "GRADLAB\\_STORE" in e.value for e in at.error)
    assert not [b for b in at.button if b.label.startswith("Start a fresh store")]


def _page_failing_with_a_huge_message() -> None:
    from dashboard.guard import guarded

    def render() -> None:
        raise ValueError("depth=" + "(16, " * 2_000_000)

    guarded(render)


def test_the_guard_echoes_a_bounded_message() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_page_failing_with_a_huge_message).run()
    (error,) = at.error
    assert "ValueError: " + literal("depth=(16, (16,") in error.value and len(error.value) < 900
