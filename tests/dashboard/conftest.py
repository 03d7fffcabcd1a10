"""Fixtures shared by the dashboard's AppTest suites."""

from __future__ import annotations

import pytest

from dashboard import runtime
from tests.dashboard import browser_support


@pytest.fixture
def app_store(tmp_path, monkeypatch):
    """The app's run store in a temporary folder, and its runner shut down after the test."""
    monkeypatch.setenv("GRADLAB_STORE", str(tmp_path / "runs.sqlite"))
    yield tmp_path / "runs.sqlite"
    runtime.runner().shutdown()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``streamlit run app.py`` on a free port with a temporary store (browser tests)."""
    yield from browser_support.serve(tmp_path_factory)


@pytest.fixture(scope="module")
def browser(server):
    """Headless Chromium (browser tests)."""
    yield from browser_support.launch()
