"""The Runs page's texts (``runs_text.py``) in the viewer's language: ``T.TITLE`` is
``t("runs.TITLE")``; the views import ``T`` from here in place of ``runs_text``."""

from __future__ import annotations

from typing import Any

from dashboard.i18n import t
from dashboard.views import runs_text


class _InLanguage:
    def __getattr__(self, name: str) -> Any:
        value = getattr(runs_text, name)
        if name in runs_text.VALUES or not name.isupper():
            return value
        if isinstance(value, dict):
            return {k: t(f"runs.{name}.{k}") for k in value}
        return t(f"runs.{name}")

    def view_names(self) -> dict[str, str]:
        """The View radio's options as shown (a dict built when the radio is drawn)."""
        return {getattr(runs_text, name): t(f"runs.{name}") for name in runs_text.VALUES}


T = _InLanguage()
