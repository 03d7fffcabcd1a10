"""Bounded echo of received values: an error message never repeats megabytes of input.

Every door (configs, sweep plans, share links, CSVs, the CLI) names the value it refused. A value
can be a 20-million-item tuple or a 5 MB string; ``repr`` of it once made an 80 MB error message.
``shorten`` gives a ``repr``-like text of at most ``MAX_ECHO`` characters whatever the input's size
or nesting, in time that does not grow with it (``reprlib`` looks at a few items per level).
"""

from __future__ import annotations

import reprlib

MAX_ECHO = 80


class _Bounded(reprlib.Repr):
    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 4000:  # past Python's 4,300-digit str limit, and slow to convert
            return f"<int of about {int(x.bit_length() * 0.30103) + 1} digits>"
        return super().repr_int(x, level)


_REPR = _Bounded()
_REPR.maxlevel = 3
_REPR.maxstring = MAX_ECHO - 10
_REPR.maxother = MAX_ECHO - 10
_REPR.maxlong = 40
for _kind in ("maxarray", "maxdict", "maxset", "maxfrozenset", "maxdeque"):
    setattr(_REPR, _kind, 6)
# a config's list of layer widths (at most 10) is shown whole when it fits the limit
_REPR.maxlist = _REPR.maxtuple = 12


def shorten(value: object, limit: int = MAX_ECHO) -> str:
    """Return a ``repr``-like text of ``value`` of at most ``limit`` characters.

    Containers show their first few items and ``...``; long strings and integers keep their ends.
    A value whose own ``repr`` raises is shown by its type name.
    """
    try:
        # a string on its own may use the whole limit (a path keeps its file name)
        text = repr(value[: 2 * limit]) if isinstance(value, str) else _REPR.repr(value)
    except Exception:  # a hostile __repr__ must not replace the door's message
        text = f"<{type(value).__name__}>"
    if len(text) > limit:
        keep = limit - 3
        text = text[: keep - keep // 3] + "..." + text[len(text) - keep // 3 :]
    return text


def clip(text: str, limit: int = MAX_ECHO) -> str:
    """``text`` itself (no quotes) when it fits in ``limit`` characters, else its start, ``...``
    and its end: for labels and messages built from received values."""
    if len(text) <= limit:
        return text
    keep = limit - 3
    return text[: keep - keep // 3] + "..." + text[len(text) - keep // 3 :]
