"""AppTest: the Activations and Backprop pages render and compute what they claim."""

from __future__ import annotations

import numpy as np
import pytest

from tests.dashboard.apptest_support import click, figures, open_page, traces

pytestmark = pytest.mark.usefixtures("app_store")


def test_activations_page_draws_each_function_with_its_derivative() -> None:
    at = open_page("activations")
    assert not at.exception and not at.error
    figs = figures(at)
    names = [[t["name"] for t in traces(f)] for f in figs]
    assert ["sigmoid(z)", "sigmoid'(z)"] in names and ["relu(z)", "relu'(z)"] in names
    sigmoid = figs[names.index(["sigmoid(z)", "sigmoid'(z)"])]
    z, derivative = (np.asarray(traces(sigmoid)[1][k], dtype=float) for k in ("x", "y"))
    # independent reference: s(z)(1 - s(z)) written out here, peaking at 0.25
    s = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(derivative, s * (1 - s), rtol=1e-6)
    assert derivative.max() == pytest.approx(0.25, abs=1e-4)
    relu = figs[names.index(["relu(z)", "relu'(z)"])]
    assert relu["layout"]["shapes"][0]["x1"] == 0.0  # the dead region ends at z = 0


def test_activations_page_shows_linear_collapse() -> None:
    at = open_page("activations")
    frame = at.dataframe[0].value
    np.testing.assert_allclose(frame["two linear layers"], frame["one layer W1·W2"])


def test_activations_page_shows_softmax_and_its_jacobian() -> None:
    at = open_page("activations")
    at.number_input(key="act.softmax.0").set_value(3.0).run()
    z = np.array([3.0, 1.0, 0.1])
    p = np.exp(z) / np.exp(z).sum()  # written out here, not the core's softmax
    bars = next(f for f in figures(at) if traces(f)[0]["type"] == "bar")
    np.testing.assert_allclose(np.asarray(traces(bars)[0]["y"], dtype=float), p, rtol=1e-6)
    jacobian = at.dataframe[-1].value.to_numpy()
    np.testing.assert_allclose(jacobian, np.round(np.diag(p) - np.outer(p, p), 4), atol=1e-9)


def test_backprop_page_defaults_reproduce_the_seed() -> None:
    at = open_page("backprop")
    assert not at.exception and not at.error
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["E_total before"] == "0.02397190"
    assert metrics["E_total after"] == "0.02323634"
    output = at.dataframe[2].value.set_index("weight")
    assert round(output.loc["w5", "after"], 8) == 0.43703857


def test_backprop_page_draws_the_network_with_the_seeds_weights_and_values() -> None:
    at = open_page("backprop")
    network = next(f for f in figures(at) if f["layout"].get("annotations"))
    labels = {a["text"] for a in network["layout"]["annotations"]}
    # the seed's notation: w1 = x1 -> h1, w2 = x2 -> h1, w5 = h1 -> o1, w6 = h2 -> o1
    assert {"w1 = 0.3000", "w2 = 0.2500", "w5 = 0.4500", "w8 = 0.6000"} <= labels
    units = traces(network)[-1]["text"]
    assert "<b>h1</b><br>0.5200" in units and "<b>o2</b><br>0.6638" in units


def test_backprop_page_recomputes_after_editing() -> None:
    at = open_page("backprop")
    at.number_input(key="bp.lr").set_value(0.0)
    click(at, "Compute the step")
    metrics = {m.label: m.value for m in at.metric}
    # no step at learning rate 0: the error does not change
    assert metrics["E_total after"] == metrics["E_total before"] == "0.02397190"
