"""The store's CSV, formatted from its rows without pandas, against pandas' ``to_csv`` of the
same runs read as frames (``export_csv(read_results(...))``), for any stored values."""

from __future__ import annotations

import io
import json
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from experiments.results import export
from experiments.results.export import export_csv
from experiments.results.frames import read_results
from experiments.results.schema import (
    EPOCH_DIAGNOSTICS,
    EPOCH_INTEGERS,
    EPOCH_METRICS,
    LAYER_STATS,
    STATUSES,
)
from experiments.results.store import Store
from experiments.spec.config import ExperimentConfig

# any double SQLite keeps (NaN is stored as NULL), integers in float columns, and empties
FLOATS = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e-3, max_value=1e-3),
    st.integers(-(10**6), 10**6),
)
INTEGERS = st.one_of(st.none(), st.integers(0, 10**9))
TEXT = st.sampled_from(["dense", "dense_1", "batch_normalization", 'a "b", c', "=x", "x\ny"])


@st.composite
def epoch_values(draw: st.DrawFn) -> dict:
    names = [*EPOCH_METRICS, *EPOCH_DIAGNOSTICS]
    return {n: draw(INTEGERS if n in EPOCH_INTEGERS else FLOATS) for n in names}


@st.composite
def layer_rows(draw: st.DrawFn) -> list[dict]:
    indices = draw(st.lists(st.integers(0, 4), unique=True, max_size=3))
    rows = []
    for k in indices:
        row = {"layer_index": k, "layer_name": draw(TEXT), "kind": draw(st.one_of(st.none(), TEXT))}
        rows.append({**row, **{s: draw(FLOATS) for s in LAYER_STATS}})
    return rows


# a run's own cells: any text where a user may type (label, error, a text config field), any
# JSON value in the config, and every column that may be empty
RUN = st.fixed_dictionaries(
    {
        "label": st.one_of(st.none(), st.text(max_size=12)),
        "error": st.one_of(st.none(), st.text(max_size=12)),
        "status": st.sampled_from(STATUSES),
        "started_at": FLOATS,
        "finished_at": FLOATS,
        "diverged_epoch": INTEGERS,
        "n_params": INTEGERS,
    }
)
CONFIG = st.fixed_dictionaries(
    {},
    optional={
        "activation": st.one_of(st.none(), st.text(max_size=8)),
        "dataset": st.sampled_from(["moons", "=cmd()", "-1", "'x", ""]),
        "hidden_layers": st.lists(st.integers(1, 512), max_size=3),
        "learning_rate": st.floats(allow_nan=False, allow_infinity=False),
        "batch_size": st.one_of(st.integers(1, 10**4), st.just("full")),
        "dropout": st.one_of(st.none(), st.floats(0, 1)),
        "diagnostics": st.booleans(),
    },
)
RUNS = st.lists(
    st.tuples(RUN, CONFIG, st.lists(st.tuples(epoch_values(), layer_rows()), max_size=4)),
    min_size=1,
    max_size=4,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs=RUNS, rows_per_chunk=st.sampled_from([1, 7, 10**9]))
def test_the_store_csv_is_pandas_to_csv_byte_for_byte(runs, rows_per_chunk) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "runs.sqlite")
        ids = []
        for k, (run, changes, epochs) in enumerate(runs):
            config = {**json.loads(ExperimentConfig(seed=k).to_json()), **changes}
            run_id = f"run{k}"
            ids.append(run_id)
            store.insert_runs([{
                **run, "run_id": run_id, "owner": "ann", "config_id": "c", "repeat": 0,
                "config_json": json.dumps(config), "seed": k, "created_at": time.time() + k,
            }])  # fmt: skip
            for epoch, (values, layers) in enumerate(epochs, start=1):
                store.write_epoch(run_id, epoch, values, layers)
        buffer = io.StringIO()
        export.write_csv(store, ids, buffer, rows_per_chunk=rows_per_chunk)
        expected = export_csv(read_results(store, ids))
        store.close()
    assert buffer.getvalue() == expected
