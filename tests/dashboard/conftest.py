"""Fixtures shared by the dashboard's AppTest suites."""

from __future__ import annotations

import pytest

from dashboard import runtime


@pytest.fixture
def app_store(tmp_path, monkeypatch):
    """The app's run store in a temporary folder, and its runner shut down after the test."""
    monkeypatch.setenv("GRADLAB_STORE", str(tmp_path / "runs.sqlite"))
    yield tmp_path / "runs.sqlite"
    runtime.runner().shutdown()
