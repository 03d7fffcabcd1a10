"""One run trained away from the store (on a Dask worker): the same training, kept in memory.

A cluster's workers must not write the SQLite store (SQLite is not safe over a network
filesystem), so :func:`train_run` records what :func:`experiments.run.worker.train` writes into a
:class:`Record` and returns it; the submitting process writes it with :func:`write_record`.
Importable without Dask: a worker needs only gradlab on its path.
"""

from __future__ import annotations

import functools
import os
import time
from typing import Any

from experiments.results.store import Store
from experiments.spec.config import config_from_json
from experiments.spec.data import ArrayData, load_arrays


class Record:
    """The writes of one run, in the order :class:`~experiments.results.store.Store` gets them."""

    def __init__(self, run_id: str, config_json: str, seed: int) -> None:
        self.run = {"run_id": run_id, "config_json": config_json, "seed": seed, "status": "running"}
        self.epochs: list[tuple[int, dict[str, Any], list[dict[str, Any]]]] = []
        self.artifacts: dict[str, Any] = {}

    def get_run(self, run_id: str) -> dict[str, Any]:
        return dict(self.run)

    def update_run(self, run_id: str, only_if: tuple = (), **fields: Any) -> bool:
        if only_if and self.run["status"] not in only_if:
            return False
        self.run.update(fields)
        return True

    def write_epochs(self, run_id: str, epochs: list) -> None:
        self.epochs.extend(epochs)

    def write_artifacts(self, run_id: str, artifacts: dict[str, Any]) -> None:
        self.artifacts.update(artifacts)

    def cancel_requested(self, run_id: str) -> bool:
        return False


@functools.lru_cache(maxsize=8)
def _arrays(config_json: str) -> ArrayData:
    return load_arrays(config_from_json(config_json))


def train_run(run_id: str, config_json: str, seed: int) -> Record:
    """Train one run as a built-in worker does (same arrays, same model seed, same history)."""
    import traceback

    from experiments.run.worker import train, worker_info

    record = Record(run_id, config_json, seed)
    started = time.time()
    try:
        data = _arrays(config_json)
        split = {"fingerprint": data.fingerprint(), "n_train": len(data.x_train)}
        split["n_val"] = len(data.x_val)
        # one BLAS thread, set once per worker process as on the built-in workers (Dask runs
        # one task per worker thread); a limit entered per task rescanned the libraries each time
        worker = {**worker_info(), "host": os.uname()[1]}
        record.write_artifacts(run_id, {"data": split, "worker": worker})
        train(record, run_id, data, os.getppid())  # type: ignore[arg-type]
    except Exception as error:
        text = traceback.format_exc()
        record.update_run(run_id, status="failed", error=f"{type(error).__name__}: {error}",
                          traceback=text, finished_at=time.time())  # fmt: skip
    record.run["started_at"] = started
    return record


def write_record(store: Store, record: Record) -> None:
    """Write a finished run's epochs, artifacts and final fields into ``store``."""
    run_id = record.run["run_id"]
    store.write_epochs(run_id, record.epochs)
    store.write_artifacts(run_id, record.artifacts)
    fields = {k: v for k, v in record.run.items() if k not in ("run_id", "config_json", "seed")}
    store.update_run(run_id, only_if=("queued", "running"), **fields)
