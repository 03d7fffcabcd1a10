"""What a refused configuration value or a warned one carries: the field, the English sentence, and
the rule and facts a page words in its reader's language."""

from __future__ import annotations

from typing import Any


class ConfigError(ValueError):
    """A configuration value that cannot be used.

    Parameters
    ----------
    field : str
        The offending field name, as the dashboard's forms and the JSON files spell it.
    message : str
        What was received and what is accepted.
    rule : str
        Which check refused it, for a reader that words the message itself (the dashboard's
        languages); ``""`` where only the English message exists.
    **params
        The rule's facts: ``value`` (the received value, already shortened) and whatever else
        the rule names (bounds, the dataset, ...). JSON-native values only.
    """

    def __init__(self, field: str, message: str, rule: str = "", **params: Any) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.rule = rule
        self.params = params


class ConfigWarning(str):
    """A warning sentence (a ``str``) that also carries its ``rule`` and ``params``, so the
    dashboard can word it in the reader's language."""

    rule: str
    params: dict[str, Any]

    def __new__(cls, text: str, rule: str = "", **params: Any) -> ConfigWarning:
        warning = super().__new__(cls, text)
        warning.rule, warning.params = rule, params
        return warning
