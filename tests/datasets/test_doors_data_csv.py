"""The data-CSV door (issue 15 item 5): every generated CSV is a Dataset whose arrays are finite,
or a DatasetError with a bounded message."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datasets import DatasetError, from_csv
from tests.doors import answered, refused

CELLS = st.one_of(
    st.integers(-5, 5).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["1e308", "-1e308", "1e200", "", "cat", "dog", "nan", "inf", '"a,b"', "x\ny"]),
    st.text(max_size=6),
)
HEADERS = st.lists(
    st.sampled_from(["x1", "x2", "y", "y", "label", "", " y", "y.1", "é"]) | st.text(max_size=5),
    min_size=1,
    max_size=5,
)


@st.composite
def csv_bytes(draw) -> bytes:
    header = draw(st.one_of(st.just(["x1", "x2", "y"]), st.just(["a", "label"]), HEADERS))
    n_rows = draw(st.integers(0, 60))
    spoiled = draw(st.sampled_from([0.0, 0.0, 0.05, 0.5]))
    base = draw(st.lists(CELLS, min_size=len(header), max_size=len(header)))
    rows = []
    for i in range(n_rows):
        row = [str(i % 7) if j < len(header) - 1 else str(i % 2) for j in range(len(header))]
        if i < spoiled * n_rows:  # some rows carry the generated cells
            row = [cell if draw(st.booleans()) else row[j] for j, cell in enumerate(base)]
        rows.append(",".join(row))
    return ("\n".join([",".join(header), *rows]) + "\n").encode()


@settings(max_examples=150, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(data=csv_bytes(), target=st.sampled_from(["y", "label", "x1", "nope"]))
def test_every_data_csv_is_a_finite_dataset_or_a_bounded_dataset_error(data, target) -> None:
    try:
        ds = from_csv(data, target)
    except DatasetError as error:
        refused("data CSV", error)
    else:
        answered("data CSV", "loaded")
        assert target not in ds.feature_names
        assert len(set(ds.feature_names)) == len(ds.feature_names)
        for x in (ds.x_train, ds.x_val, ds.x_test):
            assert np.isfinite(x).all()
