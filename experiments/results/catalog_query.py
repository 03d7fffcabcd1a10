"""What the Runs page may ask of the whole store, as data: fields, filters, sort, page, scope.

Every name a query uses is looked up in :data:`FIELDS` (a whitelist of SQL expressions), never
pasted into SQL, and every value travels as a parameter; a bad name or operator raises a
``ValueError`` naming it and what is accepted. ``catalog.py`` turns a :class:`RunQuery` into SQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from experiments.results.groups import KIND_SQL
from experiments.results.schema import CACHED_METRICS
from experiments.spec.bounded import shorten
from experiments.spec.config import public_fields

CONFIG_PREFIX = "config."
METRICS = tuple(name for name in CACHED_METRICS if name != "status")


def _fields() -> dict[str, str]:
    fields = {
        "label": "runs.label",
        "status": "runs.status",
        "seed": "runs.seed",
        "created_at": "runs.created_at",
        "group_id": "runs.group_id",
        "kind": KIND_SQL.replace("group_id", "runs.group_id"),
        "tags": "COALESCE(n.tags, '')",
        "note": "COALESCE(n.note, '')",
    }
    fields |= {name: f"m.{name}" for name in METRICS}
    for spec in public_fields():
        # a list field comes back as minified JSON text ("[8,8]"), a bool as 0/1
        fields[CONFIG_PREFIX + spec.name] = f"json_extract(runs.config_json, '$.{spec.name}')"
    return fields


FIELDS: dict[str, str] = _fields()
NEVER_MISSING = ("created_at", "status", "seed")
OPS = {"=": "=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=", "in": "IN"}
MAX_PAGE_SIZE = 500
MAX_IN_VALUES = 100


def _check_field(field: Any, what: str = "field") -> str:
    if field not in FIELDS:
        raise ValueError(f"{what}: received {shorten(field)}; accepted: one of {', '.join(FIELDS)}")
    return field


def as_sql_value(field: str, value: Any) -> Any:
    """``value`` as SQLite compares it with ``field``: a date (``YYYY-MM-DD``, UTC) for
    ``created_at`` becomes Unix seconds, a list becomes its minified JSON, a bool 0/1."""
    if field == "created_at" and isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                f"created_at: received {shorten(value)}; accepted: a date YYYY-MM-DD"
            ) from None
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()
    if isinstance(value, list | tuple):
        return json.dumps(list(value), separators=(",", ":"))
    return int(value) if isinstance(value, bool) else value


def parse_value(text: str) -> Any:
    """What a user typed: JSON where it reads as JSON (``0.01``, ``true``, ``[8, 8]``), else
    the text itself (``relu``)."""
    try:
        return json.loads(text)
    except ValueError:
        return text.strip()


@dataclasses.dataclass(frozen=True)
class Filter:
    """``field op value``; ``op`` ``in`` takes a list of values."""

    field: str
    op: str
    value: Any

    def __post_init__(self) -> None:
        _check_field(self.field)
        if self.op not in OPS:
            raise ValueError(f"op: received {shorten(self.op)}; accepted: one of {', '.join(OPS)}")
        many = isinstance(self.value, list | tuple)
        if self.op == "in" and not (many and 1 <= len(self.value) <= MAX_IN_VALUES):
            raise ValueError(
                f"{self.field} in: received {shorten(self.value)}; accepted: a list of 1 to "
                f"{MAX_IN_VALUES} values"
            )

    def sql(self) -> tuple[str, list[Any]]:
        expr = FIELDS[self.field]
        if self.op == "in":
            values = [as_sql_value(self.field, v) for v in self.value]
            return f"{expr} IN ({', '.join('?' * len(values))})", values
        return f"{expr} {OPS[self.op]} ?", [as_sql_value(self.field, self.value)]


@dataclasses.dataclass(frozen=True)
class Scope:
    """Whose runs a query sees: ``owner``'s and the listed runs (links opened); ``None``
    owner means everyone's (the CLI, a local app)."""

    owner: str | None = None
    run_ids: tuple[str, ...] = ()

    def sql(self) -> tuple[str, list[Any]]:
        if self.owner is None:
            return "1", []
        marks = ", ".join("?" * len(self.run_ids))
        extra = f" OR runs.run_id IN ({marks})" if self.run_ids else ""
        return f"(runs.owner = ?{extra})", [self.owner, *self.run_ids]


EVERYONE = Scope()


@dataclasses.dataclass(frozen=True)
class RunQuery:
    """Filters (all must hold), a free-text search on labels, tags and notes, a sort and a
    page (0-based) of ``page_size`` rows."""

    filters: tuple[Filter, ...] = ()
    search: str = ""
    sort: str = "created_at"
    descending: bool = True
    page: int = 0
    page_size: int = 50

    def __post_init__(self) -> None:
        _check_field(self.sort, "sort")
        if not isinstance(self.page, int) or self.page < 0:
            raise ValueError(f"page: received {shorten(self.page)}; accepted: an integer >= 0")
        if not isinstance(self.page_size, int) or not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise ValueError(
                f"page_size: received {shorten(self.page_size)}; accepted: 1 to {MAX_PAGE_SIZE}"
            )

    def where(self, scope: Scope) -> tuple[str, list[Any]]:
        """The WHERE clause (without the keyword) and its parameters."""
        parts, params = [], []
        for clause, values in [scope.sql(), *(f.sql() for f in self.filters)]:
            parts.append(clause)
            params += values
        text = self.search.strip()
        if text:
            like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            parts.append(
                "(runs.label LIKE ? ESCAPE '\\' OR n.tags LIKE ? ESCAPE '\\' "
                "OR n.note LIKE ? ESCAPE '\\')"
            )
            params += [like, like, like]
        return " AND ".join(parts), params

    def order(self, tiebreak: str = "runs.created_at DESC, runs.run_id") -> str:
        expr = FIELDS[self.sort]
        way = f"{expr} {'DESC' if self.descending else 'ASC'}, {tiebreak}"
        # missing values last whichever way, like pandas' na_position="last"; a column that is
        # never missing sorts by its index alone
        return way if self.sort in NEVER_MISSING else f"({expr}) IS NULL, {way}"
