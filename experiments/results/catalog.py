"""The whole store as the Runs page sees it: one SQL query per question, a page at a time.

With 10,000 runs (a million epoch rows) no question reads the store whole: filters, search, sort
and paging run in SQLite over ``runs`` joined with two small tables, ``run_metrics`` (each run's
best and final metrics, cached by :func:`refresh_metrics`) and ``run_notes`` (tags and a note).
Names come from the whitelist in :mod:`~.catalog_query`; values are always parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from experiments.results.catalog_query import (
    CONFIG_PREFIX,
    EVERYONE,
    FIELDS,
    METRICS,
    RunQuery,
    Scope,
)
from experiments.results.schema import ACTIVE, CACHED_METRICS
from experiments.results.summary import PER_RUN_SQL
from experiments.spec.bounded import shorten
from experiments.spec.config import public_fields

if TYPE_CHECKING:
    from experiments.results.store import Store

FROM = (
    "runs LEFT JOIN run_metrics m ON m.run_id = runs.run_id "
    "LEFT JOIN run_notes n ON n.run_id = runs.run_id"
)
RUN_COLUMNS = ("run_id", "group_id", "kind", "label", "status", "seed", "created_at", "tags")
GROUP_KEY = "COALESCE(runs.group_id, 'run-' || runs.run_id)"  # a run without a group: its own
MAX_TAGS_CHARS, MAX_NOTE_CHARS = 200, 2000
# fields that tell runs apart without being a hyperparameter
NOT_KNOBS = ("seed", "repeats")

_STALE = f"""SELECT runs.run_id FROM runs LEFT JOIN run_metrics c ON c.run_id = runs.run_id
WHERE c.run_id IS NULL OR c.status != runs.status OR runs.status IN {ACTIVE!r}"""


def refresh_metrics(store: Store) -> int:
    """Cache the best and final metrics of runs not cached yet, or whose status changed since
    (a running run each time); returns how many rows were written. A read-only store is left
    as it is."""
    if store.read_only:
        return 0
    names = [n for n in CACHED_METRICS if n != "status"]
    picked = ", ".join(
        "COALESCE(p.epochs_done, 0)" if n == "epochs_done" else f"p.{n}" for n in names
    )
    per_run = PER_RUN_SQL.format(where="WHERE run_id IN (SELECT run_id FROM stale)")
    sql = (
        f"WITH stale AS ({_STALE}) INSERT OR REPLACE INTO run_metrics "
        f"(run_id, status, {', '.join(names)}) SELECT runs.run_id, runs.status, {picked} "
        f"FROM runs LEFT JOIN ({per_run}) p ON p.run_id = runs.run_id "
        "WHERE runs.run_id IN (SELECT run_id FROM stale)"
    )
    with store.transaction() as conn:
        before = conn.total_changes  # rowcount is -1 for an INSERT led by WITH
        conn.execute(sql)
        return conn.total_changes - before


def ready(store: Store) -> bool:
    """Whether the store has the tables and columns the catalog reads: a read-only file
    written before them cannot be migrated (a writable one is, when it opens)."""
    conn = store.connection()
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    columns = {row[1] for row in conn.execute("PRAGMA table_info(runs)")}
    return {"run_metrics", "run_notes"} <= tables and "group_id" in columns


def stamp(store: Store) -> tuple:
    """Changes whenever a run is added or changes status, an epoch is written or tags are
    saved: a memo key for what the page derived from the store. Index lookups only (no scan
    of the wide ``runs`` rows): about a millisecond with 10,000 runs."""
    conn = store.connection()
    counts = tuple(conn.execute("SELECT status, COUNT(*) FROM runs GROUP BY status").fetchall())
    newest = conn.execute(
        "SELECT (SELECT MAX(rowid) FROM epochs), (SELECT MAX(rowid) FROM run_notes)"
    ).fetchone()
    return tuple(map(tuple, counts)) + tuple(newest)


_REFRESHED: dict[str, tuple] = {}  # store path -> the stamp its metrics were last cached at


def current(store: Store) -> tuple:
    """The store's :func:`stamp`, after bringing the metrics cache up to date when the stamp
    moved since this process last did (a rerun over an unchanged store writes nothing)."""
    now = stamp(store)
    if _REFRESHED.get(str(store.path)) != now:
        refresh_metrics(store)
        _REFRESHED[str(store.path)] = now
    return now


def _frame(store: Store, sql: str, params: Sequence[Any]) -> pd.DataFrame:
    return pd.read_sql_query(sql, store.connection(), params=list(params))


def count_runs(store: Store, query: RunQuery, scope: Scope = EVERYONE) -> int:
    """How many runs pass the query's filters and search."""
    where, params = query.where(scope)
    sql = f"SELECT COUNT(*) FROM {FROM} WHERE {where}"
    return store.connection().execute(sql, params).fetchone()[0]


def runs_page(
    store: Store, query: RunQuery, scope: Scope = EVERYONE, config_fields: Sequence[str] = ()
) -> pd.DataFrame:
    """One page of runs: :data:`RUN_COLUMNS`, ``note``, every metric and the asked
    ``config.<field>`` columns, in the query's order."""
    where, params = query.where(scope)
    # the page's ids first, sorting only the sort key: carrying every column (labels, JSON)
    # through the sort of 10,000 rows cost 40 ms, the 50 rows' columns afterwards almost nothing
    ids = [
        row[0]
        for row in store.connection().execute(
            f"SELECT runs.run_id FROM {FROM} WHERE {where} ORDER BY {query.order()} "
            f"LIMIT {query.page_size} OFFSET {query.page * query.page_size}",
            params,
        )
    ]
    columns = [*RUN_COLUMNS, "note", *METRICS, *config_fields]
    selected = ", ".join(f'{FIELDS.get(c, "runs.run_id")} AS "{c}"' for c in columns)
    sql = f"SELECT {selected} FROM {FROM} WHERE runs.run_id IN ({', '.join('?' * len(ids))})"
    frame = _frame(store, sql, ids).set_index("run_id").reindex(ids)
    return frame.rename_axis("run_id").reset_index()


def _group_sort(query: RunQuery) -> str:
    # a group ranks by its foremost run in the asked direction: MAX descending, MIN ascending
    expr = f"{'MAX' if query.descending else 'MIN'}({FIELDS[query.sort]})"
    return f"{expr} IS NULL, {expr} {'DESC' if query.descending else 'ASC'}, grp"


def count_groups(store: Store, query: RunQuery, scope: Scope = EVERYONE) -> int:
    """How many groups hold at least one run that passes the query."""
    where, params = query.where(scope)
    sql = f"SELECT COUNT(DISTINCT {GROUP_KEY}) FROM {FROM} WHERE {where}"
    return store.connection().execute(sql, params).fetchone()[0]


def groups_page(
    store: Store, query: RunQuery, metric: str, scope: Scope = EVERYONE
) -> pd.DataFrame:
    """One page of groups (comparisons, sweeps, lone runs) over the runs that pass the query:
    ``group``, ``kind``, ``runs``, ``finished``, ``created_at`` (the first run's), ``labels``
    (the first distinct labels) and ``best`` (the lowest ``metric``; highest for accuracies)."""
    if metric not in METRICS:
        raise ValueError(f"metric: received {shorten(metric)}; accepted: {', '.join(METRICS)}")
    best = "MAX" if "accuracy" in metric else "MIN"
    where, params = query.where(scope)
    sql = (
        f"SELECT {GROUP_KEY} AS grp, COALESCE(MIN({FIELDS['kind']}), 'run') AS kind, "
        "COUNT(*) AS runs, SUM(runs.status IN ('done', 'diverged')) AS finished, "
        "MIN(runs.created_at) AS created_at, "
        "substr(replace(group_concat(DISTINCT runs.label), ',', ', '), 1, 160) AS labels, "
        f"{best}(m.{metric}) AS best FROM {FROM} WHERE {where} GROUP BY grp "
        f"ORDER BY {_group_sort(query)} "
        f"LIMIT {query.page_size} OFFSET {query.page * query.page_size}"
    )
    return _frame(store, sql, params).rename(columns={"grp": "group"})


def members(
    store: Store,
    groups: Sequence[str] = (),
    run_ids: Sequence[str] = (),
    query: RunQuery | None = None,
    scope: Scope = EVERYONE,
) -> pd.DataFrame:
    """The visible runs of the groups ``groups`` (as :func:`groups_page` names them) and the
    runs ``run_ids`` that also pass ``query`` (if given), with their config: what opening them
    in Compare needs. Oldest first."""
    where, params = query.where(scope) if query is not None else scope.sql()
    chosen = []
    if groups:
        chosen.append(f"{GROUP_KEY} IN ({', '.join('?' * len(groups))})")
    if run_ids:
        chosen.append(f"runs.run_id IN ({', '.join('?' * len(run_ids))})")
    sql = (
        f'SELECT {GROUP_KEY} AS "group", runs.run_id, runs.label, runs.seed, runs.status, '
        f"runs.config_json FROM {FROM} WHERE ({' OR '.join(chosen) or '0'}) AND {where} "
        "ORDER BY runs.created_at, runs.run_id"
    )
    return _frame(store, sql, [*groups, *run_ids, *params])


def knob_fields() -> list[str]:
    """The ``config.<field>`` names a sweep can vary (not the seed)."""
    return [CONFIG_PREFIX + f.name for f in public_fields() if f.name not in NOT_KNOBS]


def varied_fields(store: Store, query: RunQuery, scope: Scope = EVERYONE) -> list[str]:
    """The hyperparameters (``config.<field>``) taking more than one value among the runs that
    pass the query: the axes worth drawing. One query."""
    names = knob_fields()
    counts = ", ".join(f"COUNT(DISTINCT {FIELDS[n]})" for n in names)
    where, params = query.where(scope)
    row = store.connection().execute(f"SELECT {counts} FROM {FROM} WHERE {where}", params)
    return [name for name, n in zip(names, row.fetchone(), strict=True) if n > 1]


def analysis_frame(
    store: Store,
    query: RunQuery,
    fields: Sequence[str],
    metric: str,
    scope: Scope = EVERYONE,
    limit: int = 5000,
) -> pd.DataFrame:
    """``run_id``, ``seed``, the ``fields`` and ``metric`` of at most ``limit`` runs that pass
    the query (oldest first): the parallel coordinates' and the sensitivity plot's data."""
    if metric not in METRICS:
        raise ValueError(f"metric: received {shorten(metric)}; accepted: {', '.join(METRICS)}")
    columns = ", ".join(f'{FIELDS[f]} AS "{f}"' for f in [*fields, metric])
    where, params = query.where(scope)
    sql = (
        f"SELECT runs.run_id AS run_id, runs.seed AS seed, {columns} FROM {FROM} "
        f"WHERE {where} ORDER BY runs.created_at, runs.run_id LIMIT {int(limit)}"
    )
    return _frame(store, sql, params)


def normalise_tags(text: str) -> str:
    """``" Good, baseline,good "`` -> ``"good, baseline"``: lower case, no repeats, in order."""
    seen: list[str] = []
    for tag in text.split(","):
        tag = " ".join(tag.split()).lower()
        if tag and tag not in seen:
            seen.append(tag)
    return ", ".join(seen)


def set_notes(store: Store, run_ids: Sequence[str], tags: str, note: str) -> None:
    """Give each run these tags (comma-separated) and this note (replacing its old ones)."""
    tags = normalise_tags(tags)
    for name, text, most in (("tags", tags, MAX_TAGS_CHARS), ("note", note, MAX_NOTE_CHARS)):
        if len(text) > most:
            raise ValueError(
                f"{name}: received {len(text)} characters ({shorten(text)}); "
                f"accepted: at most {most}"
            )
    with store.transaction() as conn:
        conn.executemany(
            "INSERT OR REPLACE INTO run_notes (run_id, tags, note) VALUES (?, ?, ?)",
            [(run_id, tags, note.strip()) for run_id in run_ids],
        )
