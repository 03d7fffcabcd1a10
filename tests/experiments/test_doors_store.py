"""The store's door (issue 15 item 6): every bad path or file is a StoreError naming the file;
a read-only store is read without writing; a corrupt page is reported as corruption."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from experiments.results import storefile
from experiments.results.export import export_csv
from experiments.results.frames import read_results, read_runs
from experiments.results.reader import ResultsReader
from experiments.results.store import Store
from experiments.results.storefile import StoreError, set_aside
from tests.doors import answered, refused


def filled(path: Path, n: int = 300, epochs: int = 0) -> Store:
    store = Store(path)
    rows = [
        {
            "run_id": f"r{i:04d}",
            "owner": "ann",
            "label": "x" * 400,
            "config_id": "c0ffee1234",
            "config_json": "{}",
            "repeat": 0,
            "seed": 0,
            "status": "done",
            "created_at": time.time(),
        }
        for i in range(n)
    ]
    store.insert_runs(rows)
    for epoch in range(1, epochs + 1):
        store.write_epoch("r0001", epoch, {"loss": 1.0 / epoch, "val_loss": 2.0}, [])
    store.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return store


def corrupt(path: Path, first_page: int = 3) -> None:
    """Overwrite the start of every page from ``first_page`` on (page 0 is the header)."""
    data = bytearray(path.read_bytes())
    for offset in range(4096 * first_page, len(data), 4096):
        data[offset : offset + 200] = os.urandom(200)
    path.write_bytes(bytes(data))


def test_a_corrupt_page_is_reported_as_corruption_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "runs.sqlite"
    filled(path)
    corrupt(path)
    store = Store(path)
    for read in (
        lambda: read_results(store, ["r0001"]),
        lambda: ResultsReader(store, ["r0001", "r0299"]).read(),
        lambda: read_runs(store),
    ):
        with pytest.raises(StoreError) as caught:
            read()
        assert caught.value.kind == "corrupt" and str(path) in str(caught.value)
        assert "no transaction is active" not in str(caught.value)


def test_a_failed_read_is_not_masked_by_commit(tmp_path: Path) -> None:
    # pandas rolls the read transaction back on an error; a COMMIT after it used to replace
    # the error with "cannot commit - no transaction is active"
    path = tmp_path / "runs.sqlite"
    store = filled(path, n=2, epochs=3)
    sqlite3.connect(path).execute("DROP TABLE layers")
    with pytest.raises(StoreError, match="no such table: layers") as caught:
        read_results(store, ["r0001"])
    assert caught.value.kind == "corrupt" and str(path) in str(caught.value)


def test_a_corrupt_epochs_page_is_corruption(tmp_path: Path) -> None:
    path = tmp_path / "runs.sqlite"
    filled(path, n=2, epochs=3000)
    size = path.stat().st_size // 4096
    corrupt(path, first_page=size // 2)
    store = Store(path)
    with pytest.raises(StoreError, match="is corrupt") as caught:
        read_results(store, ["r0001"])
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("make", "kind", "words"),
    [
        (lambda p: p.mkdir(), "unusable", "a folder"),
        (lambda p: p.write_bytes(os.urandom(5000)), "corrupt", "not a database"),
        (lambda p: p.write_text("run_id,owner\n"), "corrupt", "not a database"),
    ],
)
def test_bad_store_files_name_the_file(tmp_path: Path, make, kind: str, words: str) -> None:
    path = tmp_path / "runs.sqlite"
    make(path)
    with pytest.raises(StoreError) as caught:
        Store(path)
    assert (
        caught.value.kind == kind and words in str(caught.value) and str(path) in str(caught.value)
    )
    assert "GRADLAB_STORE" in str(caught.value) and "--store" in str(caught.value)


@pytest.mark.parametrize("path", ["/dev/null", "/proc/self/nothing/runs.sqlite", "/proc/version"])
def test_system_paths_are_store_errors(path: str) -> None:
    with pytest.raises(StoreError, match="is unusable"):
        Store(path)


def test_a_read_only_store_is_read_and_exported_without_a_byte_written(tmp_path: Path) -> None:
    path = tmp_path / "runs.sqlite"
    filled(path, 3)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), sorted(os.listdir(tmp_path)))
    store = Store(path, read_only=True)
    results = read_results(store, ["r0000", "r0002"])
    assert len(results.runs) == 2 and "r0002" in export_csv(results)
    assert ResultsReader(store, ["r0000"]).read()[1].runs.shape[0] == 1
    with pytest.raises(StoreError, match="read-only: runs can be read and exported"):
        store.update_run("r0000", status="failed")
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), sorted(os.listdir(tmp_path))) == before


def test_an_unwritable_store_opens_read_only_by_itself(tmp_path: Path, monkeypatch) -> None:
    # root writes anything, so the permission check is what is replaced here
    path = tmp_path / "runs.sqlite"
    filled(path, 1)
    monkeypatch.setattr(storefile.os, "access", lambda p, mode: mode != os.W_OK)
    assert Store(path).read_only
    with pytest.raises(StoreError, match="does not exist and cannot be created"):
        Store(tmp_path / "other.sqlite")


def test_set_aside_keeps_the_old_file_and_a_fresh_store_starts(tmp_path: Path) -> None:
    path = tmp_path / "runs.sqlite"
    path.write_bytes(os.urandom(4096))
    aside = set_aside(path)
    assert aside.exists() and not path.exists() and aside.name.startswith("runs.sqlite.broken-")
    assert read_runs(Store(path)).empty


KINDS = st.sampled_from(["folder", "random", "text", "empty", "good", "nested", "device", "odd"])


@settings(
    max_examples=60, deadline=3000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    # no lone surrogates: a file system cannot name a file with one (the setup itself would fail)
    kind=KINDS,
    name=st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
        min_size=1,
        max_size=40,
    ),
)
def test_every_store_path_opens_or_is_a_bounded_store_error(tmp_path: Path, kind, name) -> None:
    base = tmp_path / f"case{time.monotonic_ns()}"
    base.mkdir()
    path = base / name if name not in (".", "..") else base / "x"
    try:
        if kind == "folder":
            path.mkdir(exist_ok=True)
        elif kind == "random":
            path.write_bytes(os.urandom(1 + len(name) * 100))
        elif kind == "text":
            path.write_text(name * 50)
        elif kind == "empty":
            path.touch()
        elif kind == "good":
            filled(path, 2)
        elif kind == "nested":
            path = path / "deeper" / "runs.sqlite"
        elif kind == "device":
            path = Path("/dev/null")
        elif kind == "odd":
            path = Path("/proc/self") / name
    except OSError:
        return  # the name itself is not a file name here
    try:
        read_runs(Store(path))
    except StoreError as error:
        refused("store path", error)
    except sqlite3.Error as error:  # pragma: no cover - what the door must never let through
        pytest.fail(f"raw sqlite3 error for {kind}: {error}")
    else:
        answered("store path", "opened")
