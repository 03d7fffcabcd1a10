"""One row per run: its config fields, status, and best and final metrics, computed in SQL.

A sweep of 10,000 runs x 100 epochs holds a million epoch rows; the summary reads none of them
into Python. One grouped query ranks each run's epochs with window functions and keeps, per
run, the best validation loss and the epoch it was reached at, the best validation accuracy,
and the last epoch's values (and the gap at the best epoch); each config field is a
``json_extract`` of the stored config.

Metrics are measured as in :class:`~experiments.results.frames.Results`: ``val_*`` on the whole
validation split and ``train_*`` on the whole training split in inference mode at the end of
the epoch (Keras's running mean where that pass was off). Epochs are 1-based; ties for the best
validation loss go to the earliest epoch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from experiments.spec.config import public_fields

if TYPE_CHECKING:
    from experiments.results.store import Store

CONFIG_PREFIX = "config."
RUN_COLUMNS = ("run_id", "owner", "label", "config_id", "seed", "status", "error")
METRICS = (
    "epochs_done",
    "best_epoch",
    "best_val_loss",
    "best_val_accuracy",
    "final_val_loss",
    "final_val_accuracy",
    "final_train_loss",
    "final_train_accuracy",
    "gap_at_best_epoch",
)
TIMES = ("diverged_epoch", "n_params", "duration_s")

PER_RUN_SQL = """
WITH ranked AS (
    SELECT run_id, epoch, val_loss, val_accuracy,
           COALESCE(eval_loss, loss) AS train_loss,
           COALESCE(eval_accuracy, accuracy) AS train_accuracy,
           ROW_NUMBER() OVER (PARTITION BY run_id
                              ORDER BY val_loss IS NULL, val_loss, epoch) AS by_val_loss,
           ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY epoch DESC) AS from_end
    FROM epochs {where}
)
SELECT run_id,
       COUNT(*) AS epochs_done,
       MAX(CASE WHEN by_val_loss = 1 AND val_loss IS NOT NULL THEN epoch END) AS best_epoch,
       MIN(val_loss) AS best_val_loss,
       MAX(val_accuracy) AS best_val_accuracy,
       MAX(CASE WHEN from_end = 1 THEN val_loss END) AS final_val_loss,
       MAX(CASE WHEN from_end = 1 THEN val_accuracy END) AS final_val_accuracy,
       MAX(CASE WHEN from_end = 1 THEN train_loss END) AS final_train_loss,
       MAX(CASE WHEN from_end = 1 THEN train_accuracy END) AS final_train_accuracy,
       MAX(CASE WHEN by_val_loss = 1 AND val_loss IS NOT NULL
                THEN val_loss - train_loss END) AS gap_at_best_epoch
FROM ranked GROUP BY run_id
"""


def _config_columns() -> list[str]:
    # a list or tuple field comes back as its JSON text ("[8, 8]"), a bool as 0/1
    return [
        f"json_extract(runs.config_json, '$.{f.name}') AS \"{CONFIG_PREFIX}{f.name}\""
        for f in public_fields()
    ]


def summary_sql(owner: str | None = None) -> tuple[str, list[str]]:
    """The summary query and its parameters: every run (or one owner's), oldest first."""
    where = "WHERE run_id IN (SELECT run_id FROM runs WHERE owner = ?)" if owner else ""
    columns = [f"runs.{c}" for c in RUN_COLUMNS] + _config_columns()
    columns += [f"COALESCE(m.{c}, 0) AS {c}" if c == "epochs_done" else f"m.{c}" for c in METRICS]
    columns += ["runs.diverged_epoch", "runs.n_params"]
    columns.append("runs.finished_at - runs.started_at AS duration_s")
    sql = (
        f"SELECT {', '.join(columns)} FROM runs LEFT JOIN ({PER_RUN_SQL.format(where=where)}) m "
        f"USING (run_id) {'WHERE runs.owner = ?' if owner else ''} "
        "ORDER BY runs.created_at, runs.run_id"
    )
    return sql, [owner, owner] if owner else []


def _dtypes() -> dict[str, str]:
    types = dict.fromkeys(RUN_COLUMNS, "string") | {"seed": "Int64"}
    for f in public_fields():
        kind = str(f.type)
        if kind.startswith("bool"):
            types[CONFIG_PREFIX + f.name] = "boolean"
        elif kind in ("int", "int | None"):
            types[CONFIG_PREFIX + f.name] = "Int64"
        elif kind in ("float", "float | None"):
            types[CONFIG_PREFIX + f.name] = "float64"
        else:  # text, lists as JSON text, and batch_size (an int or "full")
            types[CONFIG_PREFIX + f.name] = "string"
    types |= dict.fromkeys(METRICS, "float64") | {"epochs_done": "Int64", "best_epoch": "Int64"}
    return types | {"diverged_epoch": "Int64", "n_params": "Int64", "duration_s": "float64"}


SUMMARY_DTYPES: dict[str, str] = _dtypes()


def read_summary(store: Store, owner: str | None = None) -> pd.DataFrame:
    """One row per run with :data:`SUMMARY_DTYPES` (oldest first), from one grouped query.

    Columns: the run's id, owner, label, config id, seed, status and error; ``config.<field>``
    for every config field; ``epochs_done``; ``best_epoch`` (1-based, of the lowest validation
    loss), ``best_val_loss``, ``best_val_accuracy`` (the highest, at any epoch);
    ``final_val_loss``, ``final_val_accuracy``, ``final_train_loss``, ``final_train_accuracy``
    (at the last written epoch); ``gap_at_best_epoch`` (validation minus training loss at
    ``best_epoch``, :mod:`~experiments.results.gap`); ``diverged_epoch``, ``n_params``,
    ``duration_s``. A run without epochs has ``epochs_done`` 0 and missing metrics.
    """
    sql, params = summary_sql(owner)
    frame = pd.read_sql_query(sql, store.connection(), params=params)
    out = {}
    for name, dtype in SUMMARY_DTYPES.items():
        # batch_size arrives as 32 or "full", a list as its JSON text: all become text
        convert = (lambda v: v.astype("string")) if dtype == "string" else pd.to_numeric
        out[name] = convert(frame[name]).astype(dtype)
    return pd.DataFrame(out)
