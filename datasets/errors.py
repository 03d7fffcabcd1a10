"""The one exception the datasets package raises for bad input."""

from __future__ import annotations

from typing import Any


class DatasetError(ValueError):
    """Bad dataset parameters or an unusable CSV.

    A ``ValueError`` subclass, so callers that catch ``ValueError`` keep working. The message
    names the field, the received value and what is accepted.

    Parameters
    ----------
    message : str
        The full, user-facing explanation.
    rule : str, optional
        What was refused, for a refusal a page can show (``params`` holds its facts), so the
        page can word it in another language (``dataerror.<rule>``); the message stays English.
    field : str, optional
        The parameter or CSV aspect at fault (``"noise"``, ``"target"``, ``"rows"``, ...), so a
        form can put the message next to the right control.
    """

    def __init__(
        self, message: str, rule: str = "", *, field: str | None = None, **params: Any
    ) -> None:
        super().__init__(message)
        self.field, self.rule, self.params = field, rule, params
