"""CSV export/import: a tidy file that reproduces the same Results without retraining."""

from __future__ import annotations

import io
import json
import time

import pandas as pd
import pytest

from experiments.results.csv_format import neutralise
from experiments.results.export import CsvFormatError, export_csv, import_csv
from experiments.results.frames import Results, read_results
from experiments.results.store import Store
from experiments.spec.config import ExperimentConfig, config_from_json


def assert_same(a: Results, b: Results) -> None:
    for name in ("runs", "epochs", "layers"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def add_run(store: Store, run_id: str, config: ExperimentConfig, **extra) -> None:
    row = {
        "run_id": run_id,
        "owner": "ann",
        "label": f"run {run_id}",
        "config_id": config.config_id,
        "config_json": config.to_json(),
        "repeat": 0,
        "seed": config.seed,
        "status": "done",
        "created_at": time.time(),
        "started_at": 1.5,
        "finished_at": 2.25,
        "n_params": 17,
    }
    store.insert_runs([{**row, **extra}])


def layer(index: int, name: str, grad: float | None) -> dict:
    return {
        "layer_index": index,
        "layer_name": name,
        "kind": name.split("_")[0].title(),
        "grad_norm_mean": grad,
        "grad_norm_max": grad,
        "weight_norm": 1.0 / 3.0,
        "update_ratio": 1e-17,
        "dead_fraction": None,
        "activation_mean": -0.1,
        "activation_std": 2.0,
    }


@pytest.fixture
def results(tmp_path) -> Results:
    """Three runs that differ in depth, batch size and fate (one failed before any epoch)."""
    store = Store(tmp_path / "runs.sqlite")
    deep = ExperimentConfig(hidden_layers=(4, 4), batch_size="full", learning_rate=0.1)
    shallow = ExperimentConfig(hidden_layers=(3,), dataset="sine", loss="mae", noise=0.2)
    add_run(store, "deep", deep, label='deep, "quoted"\nand multi-line')
    add_run(store, "shallow", shallow, status="diverged", diverged_epoch=3, diverged_step=0)
    add_run(
        store,
        "failed",
        ExperimentConfig(seed=4),
        status="failed",
        error="ValueError: x, y\nsecond line",
        n_params=None,
    )
    for epoch in (1, 2):
        values = {
            "loss": 0.1 * epoch + 1e-9,
            "accuracy": 0.5,
            "val_loss": 0.3,
            "val_accuracy": 0.25,
            "eval_loss": 0.2,
            "eval_accuracy": 0.75,
            "wall_time_s": 0.001,
            "steps": 1,
            "grad_norm_before_clip": 2.0 / 3.0,
            "grad_norm_before_clip_max": 1.0,
            "clipped_steps": 0,
        }
        store.write_epoch(
            "deep",
            epoch,
            values,
            [layer(0, "dense", 0.5), layer(1, "dense_1", 0.25), layer(2, "dense_2", 0.125)],
        )
        store.write_epoch(
            "shallow",
            epoch,
            {**values, "accuracy": None, "val_accuracy": None},
            [layer(0, "dense", 1e300), layer(1, "dense_1", None)],
        )
    return read_results(store, ["deep", "shallow", "failed"])


def test_round_trip_reproduces_the_same_frames(results: Results) -> None:
    assert_same(import_csv(export_csv(results)), results)


def test_round_trip_of_a_round_trip_is_stable(results: Results) -> None:
    text = export_csv(results)
    assert export_csv(import_csv(text)) == text


def test_file_is_tidy(results: Results) -> None:
    frame = pd.read_csv(io.StringIO(export_csv(results)))
    # 2 runs x 2 epochs x 2 splits, plus one row for the run without epochs
    assert len(frame) == 9
    deep = frame[frame["run_id"] == "deep"]
    assert sorted(zip(deep["epoch"], deep["split"], strict=True)) == [
        (1, "train"),
        (1, "val"),
        (2, "train"),
        (2, "val"),
    ]
    assert set(deep["config.hidden_layers"]) == {"[4, 4]"}
    assert set(deep["config.batch_size"]) == {"full"}
    # layer statistics belong to the epoch: written once, on its train row
    on_train = deep["split"] == "train"
    assert set(deep.loc[on_train, "layer2.name"]) == {"dense_2"}
    assert (deep.loc[on_train, "layer1.grad_norm_mean"] == 0.25).all()
    assert deep.loc[~on_train, "layer2.name"].isna().all()
    shallow = frame[frame["run_id"] == "shallow"]
    assert shallow["layer2.name"].isna().all()  # this run has two layers
    failed = frame[frame["run_id"] == "failed"]
    assert failed["epoch"].isna().all() and failed["status"].tolist() == ["failed"]
    val = frame[(frame["run_id"] == "deep") & (frame["split"] == "val")]
    assert (val["loss"] == 0.3).all() and val["running_loss"].isna().all()
    train = frame[(frame["run_id"] == "deep") & (frame["split"] == "train")]
    assert (train["loss"] == 0.2).all() and (train["running_loss"] > 0.1).all()


def test_config_columns_rebuild_the_config(results: Results) -> None:
    back = import_csv(export_csv(results))
    configs = [config_from_json(text) for text in back.runs["config_json"]]
    assert configs[0].hidden_layers == (4, 4) and configs[0].batch_size == "full"
    assert configs[1].loss == "mae" and configs[1].output_activation is None
    assert back.runs["config_id"].tolist() == [c.config_id for c in configs]


def test_empty_results_round_trip(tmp_path) -> None:
    empty = read_results(Store(tmp_path / "e.sqlite"), [])
    assert_same(import_csv(export_csv(empty)), empty)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "the file is empty"),
        ("a,b\n1,2\n", "missing columns run_id, owner, label"),
        ("x\n1\n", "(it has x)"),
    ],
)
def test_foreign_csv_is_rejected_with_a_clear_message(text: str, fragment: str) -> None:
    with pytest.raises(CsvFormatError, match="not a gradlab results CSV") as info:
        import_csv(text)
    assert fragment in str(info.value)
    assert isinstance(info.value, ValueError)


def test_csv_missing_one_column_names_it(results: Results) -> None:
    frame = pd.read_csv(io.StringIO(export_csv(results)), dtype=str, keep_default_na=False)
    text = frame.drop(columns=["config.activation"]).to_csv(index=False)
    with pytest.raises(CsvFormatError, match=r"missing columns config\.activation \("):
        import_csv(text)


def test_csv_with_an_invalid_config_is_rejected(results: Results) -> None:
    frame = pd.read_csv(io.StringIO(export_csv(results)), dtype=str, keep_default_na=False)
    frame["config.hidden_layers"] = "[4, 4"
    with pytest.raises(CsvFormatError, match="config"):
        import_csv(frame.to_csv(index=False))


@pytest.mark.parametrize("epoch", ["0", "-3", "2.5", "ten", "1000000000000"])
def test_csv_with_an_epoch_outside_its_run_is_rejected(results: Results, epoch: str) -> None:
    # the page indexes arrays by epoch: a stray one must not become a point or an allocation
    frame = pd.read_csv(io.StringIO(export_csv(results)), dtype=str, keep_default_na=False)
    row = frame.index[frame["epoch"] != ""][3]
    frame.loc[row, "epoch"] = epoch
    limit = json.loads(results.runs["config_json"][0])["epochs"]
    message = rf"epoch must be a whole number from 1 to the run's config\.epochs \({limit}\); "
    with pytest.raises(CsvFormatError, match=message + rf"line {row + 2} has '{epoch}'"):
        import_csv(frame.to_csv(index=False))


def test_chunked_csv_is_the_same_bytes_whatever_the_chunk_size(results, tmp_path, monkeypatch):
    """The streamed file equals the one-frame export, byte for byte, for chunks of one run, of
    a few runs and of everything; each chunk reads only its own runs (bounded memory)."""
    from experiments.results import export

    store = Store(tmp_path / "runs.sqlite")
    for k in range(4):  # more runs of different sizes after the fixture's three
        add_run(store, f"extra{k}", ExperimentConfig(seed=10 + k), created_at=time.time() + k)
        for epoch in range(1, 2 + 3 * k):
            values = {"loss": epoch / 7, "val_loss": None if k == 2 else 0.5, "steps": 1}
            store.write_epoch(
                f"extra{k}", epoch, values, [layer(j, "dense", 0.1) for j in range(k)]
            )
    ids = ["deep", "shallow", "failed", *(f"extra{k}" for k in range(4))]
    whole = export_csv(read_results(store, ids))
    reads: list[list[str]] = []
    real_read = export.epoch_lines
    monkeypatch.setattr(
        export, "epoch_lines", lambda c, ids, k: reads.append(list(ids)) or real_read(c, ids, k)
    )
    # rows read per run (CSV rows + layer rows): deep 4 + 6, shallow 4 + 4, failed 0,
    # extra0 2 + 0, extra1 8 + 4, extra2 7 + 14, extra3 20 + 30
    expected = {
        1: [[run_id] for run_id in ids],
        20: [ids[:4], ["extra1"], ["extra2"], ["extra3"]],
        10**9: [ids],
    }
    for rows_per_chunk, chunks in expected.items():
        reads.clear()
        buffer = io.StringIO()
        shuffled = ids[::-1]  # the file's order is the store's (oldest first), not the caller's
        written = export.write_csv(store, shuffled, buffer, rows_per_chunk=rows_per_chunk)
        assert buffer.getvalue() == whole
        assert written == len(whole)
        assert reads == chunks


def test_a_comparison_whose_oldest_run_has_no_rows_exports(results, tmp_path):
    """A run that diverged in its first epoch stores no epoch: as the oldest run it must still
    open the first chunk (the clipping lesson's download failed on it in the browser walk)."""
    from experiments.results import export

    store = Store(tmp_path / "runs.sqlite")
    add_run(store, "empty", ExperimentConfig(seed=20), created_at=time.time() - 100)
    add_run(store, "later", ExperimentConfig(seed=21), created_at=time.time())
    store.write_epoch("later", 1, {"loss": 0.5, "val_loss": 0.6, "steps": 1}, [])
    ids = ["empty", "later"]
    for rows_per_chunk in (1, 10, 10**9):
        buffer = io.StringIO()
        export.write_csv(store, ids, buffer, rows_per_chunk=rows_per_chunk)
        assert buffer.getvalue() == export_csv(read_results(store, ids))


@pytest.mark.parametrize(
    "label", ["two\nlines", 'a "quoted", comma', "=1+1", "\r\nbreaks\r", "plain"]
)
def test_a_label_of_any_text_streams_the_same_bytes(label, tmp_path):
    """The streamed file formats a run's own cells once (not on each row): a label with line
    breaks, quotes, commas or a formula start still gives the one-frame export's bytes."""
    from experiments.results import export

    store = Store(tmp_path / "runs.sqlite")
    add_run(store, "odd", ExperimentConfig(seed=1), label=label, error=label)
    add_run(store, "next", ExperimentConfig(seed=2), created_at=time.time() + 1)
    for run_id in ("odd", "next"):
        for epoch in (1, 2):
            store.write_epoch(run_id, epoch, {"loss": epoch / 3, "val_loss": 0.5, "steps": 1},
                              [layer(0, "dense", 0.1)])  # fmt: skip
    buffer = io.StringIO()
    export.write_csv(store, ["odd", "next"], buffer)
    assert buffer.getvalue() == export_csv(read_results(store, ["odd", "next"]))
    shown = neutralise(pd.Series([label])).iloc[0]  # "=1+1" is written "'=1+1"
    assert (
        list(pd.read_csv(io.StringIO(buffer.getvalue()))["label"]) == [shown] * 4 + ["run next"] * 4
    )
