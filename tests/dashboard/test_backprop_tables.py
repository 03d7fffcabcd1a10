"""The Backprop page's tables reproduce the seed's worked example (section 4-3) to 8 decimals."""

from __future__ import annotations

import numpy as np
import pytest

from dashboard import backprop_tables as bt

# The seed README's table, rounded to 8 decimals.
SEED = {
    "z1": 0.08, "z2": 0.11, "h1": 0.51998934, "h2": 0.52747230,
    "z3": 0.44498412, "z4": 0.68047592, "o1": 0.60944600, "o2": 0.66384491,
    "E_o1": 0.02193381, "E_o2": 0.00203809, "E_total": 0.02397190,
}  # fmt: skip
SEED_AFTER = {
    "w1": 0.29959556, "w2": 0.24919112, "w3": 0.39964496, "w4": 0.34928991,
    "w5": 0.43703857, "w6": 0.38685205, "w7": 0.69629578, "w8": 0.59624247,
}  # fmt: skip


@pytest.fixture(scope="module")
def trace():
    return bt.trace_example(bt.SEED_X, bt.SEED_T, bt.SEED_HIDDEN, bt.SEED_OUTPUT, bt.SEED_LR)


def test_forward_and_error_match_the_seed(trace) -> None:
    values = dict(bt.forward_table(trace).to_numpy())
    values |= dict(bt.error_table(trace, bt.SEED_T).to_numpy())
    for name, expected in SEED.items():
        assert round(values[name], 8) == pytest.approx(expected, abs=1e-12), name


def test_chain_rule_rows_match_the_seed(trace) -> None:
    output = bt.chain_table(trace[1], 1).set_index("weight")
    hidden = bt.chain_table(trace[0], 0).set_index("weight")
    assert round(output.loc["w5", "dE/dw"], 8) == pytest.approx(0.02592286, abs=1e-12)
    assert round(hidden.loc["w1", "dE/dh"], 8) == pytest.approx(0.03240681, abs=1e-12)  # dE/dh1
    assert round(hidden.loc["w1", "dE/dw"], 8) == pytest.approx(0.00080888, abs=1e-12)
    assert output.loc["w5", "path"] == "h1 → o1" and output.loc["w6", "path"] == "h2 → o1"
    # each displayed factor product equals the core's gradient (the chain rule holds)
    for table, unit in ((output, "o"), (hidden, "h")):  # the seed's names: dE/do, dE/dh
        product = table[f"dE/d{unit}"] * table[f"d{unit}/dz"] * table["dz/dw (input)"]
        np.testing.assert_allclose(product, table["dE/dw"], rtol=1e-12)


def test_updated_weights_and_new_error_match_the_seed(trace) -> None:
    after = {
        **bt.chain_table(trace[0], 0).set_index("weight")["after"].to_dict(),
        **bt.chain_table(trace[1], 1).set_index("weight")["after"].to_dict(),
    }
    for name, expected in SEED_AFTER.items():
        assert round(after[name], 8) == pytest.approx(expected, abs=1e-12), name
    assert round(trace.loss_after, 8) == pytest.approx(0.02323634, abs=1e-12)


def test_editing_the_learning_rate_changes_the_step(trace) -> None:
    other = bt.trace_example(bt.SEED_X, bt.SEED_T, bt.SEED_HIDDEN, bt.SEED_OUTPUT, 1.0)
    # plain SGD: the step doubles with the learning rate, the gradient is unchanged
    np.testing.assert_allclose(
        other[1].kernel_before - other[1].kernel_after,
        2 * (trace[1].kernel_before - trace[1].kernel_after),
        rtol=1e-12,
    )
