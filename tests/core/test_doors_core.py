"""The core's door (issue 15): complex features, missing targets, callbacks that are no list."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.layers import Dense
from core.models import Sequential
from tests.doors import answered, refused

X = np.random.default_rng(0).normal(size=(8, 2))
Y = np.arange(8) % 2


def compiled() -> Sequential:
    model = Sequential([Dense(3, input_dim=2, activation="relu"), Dense(1, activation="sigmoid")])
    model.compile("adam", "binary_crossentropy")
    return model


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"x": X + 1j, "y": Y}, r"x of complex numbers.*real numbers"),
        ({"x": X.tolist(), "y": Y, "validation_data": (X * 1j, Y)}, r"x_val of complex"),
        ({"x": X, "y": None}, r"y=None.*one numeric target per sample"),
        ({"x": X, "y": Y, "callbacks": 5}, r"callbacks of type int.*list of callbacks"),
        ({"x": None, "y": Y}, r"x of None"),
    ],
)
def test_named_bad_fit_inputs_raise_value_error(kwargs: dict, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        compiled().fit(epochs=1, **kwargs)


VALUES = st.one_of(
    st.none(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(max_magnitude=1e6),
    st.text(max_size=5),
)
ARRAYS = st.one_of(
    st.just(X.tolist()),
    st.just(Y.tolist()),
    VALUES,
    st.lists(VALUES, max_size=6),
    st.lists(st.lists(VALUES, min_size=2, max_size=2), min_size=1, max_size=6),
)


@settings(max_examples=150, deadline=2000)
@given(
    x=st.one_of(st.just(X.tolist()), ARRAYS),
    y=st.one_of(st.just(Y.tolist()), ARRAYS),
    callbacks=st.sampled_from([None, None, None, 5, "x", [None], (), {"a": 1}]),
)
def test_fit_either_trains_or_raises_a_bounded_value_error(x, y, callbacks) -> None:
    try:
        compiled().fit(x, y, epochs=1, callbacks=callbacks, verbose=0)
    except ValueError as error:
        refused("core fit", error)
    else:
        answered("core fit", "trained")
