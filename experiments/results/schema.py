"""The store's tables, shared by the writer (workers) and the readers (frames, CSV).

Kept free of pandas so a worker can import it cheaply before its first epoch.
"""

from __future__ import annotations

STATUSES = ("queued", "running", "done", "diverged", "failed", "cancelled", "interrupted")
ACTIVE = ("queued", "running")
FINISHED = ("done", "diverged", "failed", "cancelled", "interrupted")
# trained to the end or until the loss blew up: its rows are final and its results count
COMPLETED = ("done", "diverged")

# runs: one row per run (one repeat of one config). Times are Unix seconds.
RUN_COLUMNS = {
    "run_id": "TEXT PRIMARY KEY",
    "owner": "TEXT NOT NULL",
    "label": "TEXT",
    "config_id": "TEXT NOT NULL",
    "config_json": "TEXT NOT NULL",
    "repeat": "INTEGER NOT NULL",
    "seed": "INTEGER NOT NULL",
    "status": "TEXT NOT NULL",
    "created_at": "REAL NOT NULL",
    "started_at": "REAL",
    "finished_at": "REAL",
    "error": "TEXT",
    "traceback": "TEXT",
    "diverged_epoch": "INTEGER",
    "diverged_step": "INTEGER",
    "n_params": "INTEGER",
    "steps_per_epoch": "INTEGER",
    "n_train": "INTEGER",
    "cancel_requested": "INTEGER NOT NULL DEFAULT 0",
    "pid": "INTEGER",
    "runner_id": "TEXT",
    "group_id": "TEXT",  # the comparison or sweep the run was submitted in (groups.py)
}

# epochs: one row per run x epoch (1-based), History keys as columns: loss/accuracy are Keras's
# running means over the steps; eval_* is the whole training set in inference mode, measured
# like val_*, so the overfitting gap is val_loss - eval_loss. Keras's losses include the
# regularization penalty; *data_loss is the same loss without it, stored only for a run with a
# regularizer (NULL: equal to the loss, or a store from before the column existed).
EPOCH_METRICS = (
    "loss",
    "accuracy",
    "val_loss",
    "val_accuracy",
    "eval_loss",
    "eval_accuracy",
    "data_loss",
    "val_data_loss",
    "eval_data_loss",
)
EPOCH_DIAGNOSTICS = (
    "wall_time_s",
    "steps",
    "grad_norm_before_clip",
    "grad_norm_before_clip_max",
    "clipped_steps",
)
EPOCH_INTEGERS = ("steps", "clipped_steps")

# What each split's loss and accuracy are, read from a stored epochs row: the first of these
# stored columns that is not empty. Measured the same way for both splits, the training split is
# the end-of-epoch pass (eval_*), or the running mean when there was none (diagnostics off); with
# no data loss stored there was no penalty, so it is the loss. A val row exists where val_loss
# does. The readers (frames.split_epochs, tracks.epoch_values, csv_rows) all take it from here.
SPLIT_SOURCES: dict[str, dict[str, tuple[str, ...]]] = {
    "train": {
        "loss": ("eval_loss", "loss"),
        "accuracy": ("eval_accuracy", "accuracy"),
        "running_loss": ("loss",),
        "running_accuracy": ("accuracy",),
        "data_loss": ("eval_data_loss", "data_loss", "eval_loss", "loss"),
    },
    "val": {
        "loss": ("val_loss",),
        "accuracy": ("val_accuracy",),
        "data_loss": ("val_data_loss", "val_loss"),
    },
}

# layers: one row per run x epoch x layer, the core's LayerDiagnostics.
LAYER_TEXT = ("layer_name", "kind")
LAYER_STATS = (
    "grad_norm_mean",
    "grad_norm_max",
    "weight_norm",
    "update_ratio",
    "dead_fraction",
    "activation_mean",
    "activation_std",
)

# run_metrics: a cache of each run's best and final metrics (catalog.py fills it), so the Runs
# page sorts and filters 10,000 runs by a metric in one query instead of ranking a million epochs.
CACHED_METRICS = {
    "epochs_done": "INTEGER NOT NULL",
    "best_epoch": "INTEGER",
    "best_val_loss": "REAL",
    "best_val_accuracy": "REAL",
    "final_val_loss": "REAL",
    "final_val_accuracy": "REAL",
    "final_train_loss": "REAL",
    "final_train_accuracy": "REAL",
    "status": "TEXT NOT NULL",  # the run's status when cached: a run that finished is refreshed
}

# Columns added after a store file format shipped, as (table, column, type): Store adds each one
# missing from an older file with ALTER TABLE, so old stores open without losing a run. A new
# column is one line here (and in its table's definition above).
MIGRATIONS: tuple[tuple[str, str, str], ...] = (
    ("runs", "group_id", "TEXT"),
    *(("epochs", name, "REAL") for name in ("data_loss", "val_data_loss", "eval_data_loss")),
)

# indexes, created after the migrations added their columns (a store from before an index gains
# it when opened). runs_runner: a sweep's progress and its queue, read several times a second,
# touch only its own runs however many the store holds (10,000 others made each read scan them)
AFTER_MIGRATIONS = """
CREATE INDEX IF NOT EXISTS runs_group ON runs (group_id, created_at);
CREATE INDEX IF NOT EXISTS runs_created ON runs (created_at);
CREATE INDEX IF NOT EXISTS runs_status ON runs (status);
CREATE INDEX IF NOT EXISTS runs_runner ON runs (runner_id, status, created_at);
"""

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS runs (
    {", ".join(f"{name} {kind}" for name, kind in RUN_COLUMNS.items())}
);
CREATE INDEX IF NOT EXISTS runs_owner ON runs (owner, status);
CREATE INDEX IF NOT EXISTS runs_config ON runs (config_id);
CREATE TABLE IF NOT EXISTS epochs (
    run_id TEXT NOT NULL REFERENCES runs (run_id),
    epoch INTEGER NOT NULL,
    {", ".join(f"{name} REAL" for name in EPOCH_METRICS + EPOCH_DIAGNOSTICS)},
    written_at REAL NOT NULL,
    PRIMARY KEY (run_id, epoch)
);
CREATE TABLE IF NOT EXISTS layers (
    run_id TEXT NOT NULL REFERENCES runs (run_id),
    epoch INTEGER NOT NULL,
    layer_index INTEGER NOT NULL,
    layer_name TEXT NOT NULL,
    kind TEXT,
    {", ".join(f"{name} REAL" for name in LAYER_STATS)},
    PRIMARY KEY (run_id, epoch, layer_index)
);
CREATE TABLE IF NOT EXISTS artifacts (
    run_id TEXT NOT NULL REFERENCES runs (run_id),
    kind TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (run_id, kind)
);
CREATE TABLE IF NOT EXISTS run_notes (
    run_id TEXT PRIMARY KEY REFERENCES runs (run_id),
    tags TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS run_metrics (
    run_id TEXT PRIMARY KEY REFERENCES runs (run_id),
    {", ".join(f"{name} {kind}" for name, kind in CACHED_METRICS.items())}
);
CREATE TABLE IF NOT EXISTS runners (
    runner_id TEXT PRIMARY KEY,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    started_at REAL NOT NULL,
    stopped_at REAL
);
"""
