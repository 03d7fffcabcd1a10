"""What every name registry shares: the error for a name it does not hold, in Keras's words."""

from __future__ import annotations

from collections.abc import Iterable


def unknown_name(
    kind: str,
    received: object,
    names: Iterable[str],
    *,
    field: str | None = None,
    first: Iterable[str] = (),
    last: str = "",
) -> ValueError:
    """The ``ValueError`` for an unknown name: the received value and every accepted name.

    Parameters
    ----------
    kind : str
        What was looked up (``"activation"``), also the field name unless ``field`` is given.
    received : object
        The value received, shown with ``repr``.
    names : iterable of str
        The registry's names, listed sorted.
    first, last : optional
        Names listed before the registry's, and text after them (``" or None"``).
    """
    accepted = ", ".join([*first, *sorted(names)]) + last
    return ValueError(
        f"Unknown {kind}: Received: {field or kind}={received!r}. Accepted: {accepted}"
    )
