"""A results CSV opened and saved again by pandas (``read_csv`` -> ``to_csv``) imports unchanged.

pandas writes booleans as ``True``/``False`` and an integer column with an empty cell (the failed
run's ``epoch``, ``diverged_epoch``) as floats (``3.0``); a learner who tidied the file in a
notebook must still be able to upload it.
"""

from __future__ import annotations

import io

import pandas as pd

from experiments.results.export import export_csv, import_csv
from experiments.results.frames import Results
from tests.experiments.test_export import assert_same, results  # noqa: F401 (fixture)


def pandas_round_trip(text: str) -> str:
    return pd.read_csv(io.StringIO(text)).to_csv(index=False)


def test_pandas_round_trip_changes_the_text(results: Results) -> None:  # noqa: F811
    # the test is only worth something if pandas really rewrites the cells the importer reads
    text, again = export_csv(results), pandas_round_trip(export_csv(results))
    assert ",true," in text and ",True," in again
    assert ",3," in text and ",3.0," in again  # the diverged run's diverged_epoch


def test_a_pandas_round_trip_imports_as_the_same_results(results: Results) -> None:  # noqa: F811
    assert_same(import_csv(pandas_round_trip(export_csv(results))), results)


def test_two_pandas_round_trips_import_as_the_same_results(results: Results) -> None:  # noqa: F811
    text = pandas_round_trip(pandas_round_trip(export_csv(results)))
    assert_same(import_csv(text), results)


def test_whole_numbers_written_as_floats_are_read_as_ints(results: Results) -> None:  # noqa: F811
    frame = pd.read_csv(io.StringIO(export_csv(results)))
    for name in ("config.epochs", "config.seed"):
        frame[name] = frame[name].astype(float)  # 100 -> 100.0, as a notebook leaves it
    text = frame.to_csv(index=False)
    assert ",100.0,4.0," in text  # the failed run's epochs and seed
    assert_same(import_csv(text), results)


def test_a_fractional_epoch_count_is_still_refused(results: Results) -> None:  # noqa: F811
    frame = pd.read_csv(io.StringIO(export_csv(results)))
    frame["config.epochs"] = frame["config.epochs"].astype(float) + 0.5
    try:
        import_csv(frame.to_csv(index=False))
    except ValueError as error:
        assert "epochs" in str(error)
    else:
        raise AssertionError("10.5 epochs imported")
