"""from_csv: every problem with a user's CSV gets its own message (bad CSVs built here)."""

from __future__ import annotations

import gzip
import io
import pickle
from pathlib import Path

import pytest

from datasets import CSV_LIMITS, DatasetError, from_csv

MARKER: list[str] = []


def _unpickled() -> None:
    MARKER.append("unpickled")


class Booby:
    """Unpickling this calls _unpickled: proof that something was unpickled."""

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return _unpickled, ()


def table(n: int = 40, extra: str = "") -> str:
    """A valid CSV text: features a, b, a 2-class target y (alternating)."""
    rows = [f"{i},{i % 7}{extra},{i % 2}" for i in range(n)]
    return "a,b,y\n" + "\n".join(rows) + "\n"


def error_for(source: object, target: str = "y", **kw: object) -> DatasetError:
    with pytest.raises(DatasetError) as caught:
        from_csv(source, target, **kw)
    return caught.value


def test_file_too_large_states_the_limit(tmp_path: Path) -> None:
    big = table().encode() + b"#" * CSV_LIMITS.max_bytes
    path = tmp_path / "big.csv"
    path.write_bytes(big)
    for source in (big, path, io.BytesIO(big)):
        err = error_for(source)
        assert "too large" in str(err) and f"{CSV_LIMITS.max_bytes:,}" in str(err), source
        assert err.field == "source"


def test_too_many_rows_states_the_limit() -> None:
    err = error_for(table(CSV_LIMITS.max_rows + 1).encode())
    assert "Too many rows" in str(err) and f"{CSV_LIMITS.max_rows:,}" in str(err)


def test_too_many_columns_states_the_limit() -> None:
    n_cols = CSV_LIMITS.max_columns + 1
    header = ",".join(f"c{j}" for j in range(n_cols - 1)) + ",y\n"
    body = "".join(",".join(["1"] * (n_cols - 1)) + f",{i % 2}\n" for i in range(20))
    err = error_for((header + body).encode())
    assert f"Too many columns: {n_cols}" in str(err) and str(CSV_LIMITS.max_columns) in str(err)


def test_one_hot_encoding_past_the_column_limit_is_refused() -> None:
    n_numeric = CSV_LIMITS.max_columns - 3
    header = ",".join(f"c{j}" for j in range(n_numeric)) + ",colour,y\n"
    rows = [",".join(["1"] * n_numeric) + f",c{i % 10},{i % 2}\n" for i in range(40)]
    err = error_for((header + "".join(rows)).encode())
    assert "after one-hot encoding" in str(err) and "'colour'" in str(err)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"a,b,y\n", "no data rows"),
        (b"a,b,y\n1,2,0\n3,4,5,6,7\n", "Expected 3 fields"),
        (b"a,b,y\n\xff\xfe,1,0\n", "not UTF-8"),
        (gzip.compress(table().encode()), "binary"),
        (b"a;b;y\n1;2;0\n", "Is the file separated by commas?"),
    ],
)
def test_unparseable_files_say_why(data: bytes, expected: str) -> None:
    assert expected in str(error_for(data))


def test_a_pickle_is_never_unpickled(tmp_path: Path) -> None:
    payload = pickle.dumps(Booby())
    path = tmp_path / "model.pkl"
    path.write_bytes(payload)
    for source in (payload, path, io.BytesIO(payload)):
        error_for(source)
    assert MARKER == []


def test_missing_values_are_counted_and_dropped_only_on_request() -> None:
    text = table(40).replace("\n3,3,1\n", "\n3,,1\n").replace("\n5,5,1\n", "\n,,1\n")
    err = error_for(text.encode())
    assert "3 in 2 of 40 rows" in str(err) and "'a': 1" in str(err) and "'b': 2" in str(err)
    assert "drop_missing=True" in str(err) and err.field == "missing"
    ds = from_csv(text.encode(), "y", drop_missing=True)
    assert sum(ds.split_sizes.values()) == 38


def test_missing_target_values_count_too() -> None:
    text = table(40).replace("\n7,0,1\n", "\n7,0,\n")
    assert "1 in 1 of 40 rows ('y': 1)" in str(error_for(text.encode()))


def test_high_cardinality_text_columns_are_rejected_by_name() -> None:
    rows = [f"{i},person{i},{i % 2}" for i in range(40)]
    err = error_for(("a,name,y\n" + "\n".join(rows)).encode())
    assert "'name' (40 distinct values" in str(err)
    assert f"at most {CSV_LIMITS.max_categories}" in str(err)


def test_a_single_class_target_is_refused() -> None:
    rows = [f"{i},{i % 3},yes" for i in range(30)]
    err = error_for(("a,b,y\n" + "\n".join(rows)).encode())
    assert "single class ('yes')" in str(err) and err.field == "target"


def test_a_class_too_small_to_split_is_named() -> None:
    labels = ["big"] * 30 + ["tiny"] * 3
    rows = [f"{i},{i % 4},{label}" for i, label in enumerate(labels)]
    err = error_for(("a,b,y\n" + "\n".join(rows)).encode())
    assert "'tiny' (3)" in str(err) and "at least 5" in str(err)


def test_too_few_rows_for_a_regression() -> None:
    rows = [f"{i},{i * 0.37:.2f}" for i in range(6)]
    err = error_for(("a,y\n" + "\n".join(rows)).encode(), task="regression")
    assert "6 rows is too few" in str(err)


def test_unknown_target_lists_the_columns() -> None:
    err = error_for(table().encode(), target="label")
    assert "target='label'" in str(err) and "'a', 'b', 'y'" in str(err)


def test_text_target_cannot_be_forced_to_regression() -> None:
    rows = [f"{i},{i % 3},{'ab'[i % 2]}" for i in range(30)]
    err = error_for(("a,b,y\n" + "\n".join(rows)).encode(), task="regression")
    assert "not numeric" in str(err) and "task='classification'" in str(err)


def test_infinite_values_are_refused() -> None:
    text = table().replace("\n4,4,0\n", "\ninf,4,0\n")
    assert "Infinite values ('a': 1)" in str(error_for(text.encode()))


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"task": "binary"}, "task"),
        ({"train_fraction": 0}, "train_fraction"),
        ({"label_noise": 0.7}, "label_noise"),
        ({"seed": -3}, "seed"),
    ],
)
def test_bad_knobs_name_the_field(kw: dict[str, object], field: str) -> None:
    err = error_for(table().encode(), **kw)
    assert err.field == field and f"{field}=" in str(err)


def test_missing_file_and_a_str_is_never_a_path(tmp_path: Path) -> None:
    assert "No such file" in str(error_for(Path("/nonexistent/data.csv")))
    # a str from a user (CSV text or a server path) is refused, never opened
    path = tmp_path / "secret.csv"
    path.write_text(table())
    for text in (table(), str(path), "/etc/passwd"):
        err = error_for(text)
        assert "(a str)" in str(err) and "pathlib.Path" in str(err) and err.field == "source"
        assert len(str(err)) < 250
    assert "accepted: bytes" in str(error_for(12345))


@pytest.mark.parametrize("header", ["x1,y,y", "x1,x1,y", "y, a, y"])
def test_repeated_column_names_are_refused(header: str) -> None:
    # pandas would rename the second y to y.1: a copy of the target among the features
    body = "".join(f"{i},{i % 2},{i % 2}\n" for i in range(40))
    err = error_for(f"{header}\n{body}".encode())
    assert "Repeated column names" in str(err) and err.field == "columns"


@pytest.mark.parametrize("value", ["1e308", "-1e308", "1e200"])
def test_values_that_overflow_the_scaler_are_refused(value: str) -> None:
    text = table().replace("\n3,", f"\n{value},", 1)
    err = error_for(text.encode())
    assert "too large to scale" in str(err) and "'a': 1" in str(err)
