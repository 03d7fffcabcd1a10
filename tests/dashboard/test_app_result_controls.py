"""AppTest: the "Loss shown" radio (data loss or Keras's loss incl. penalty) and the "Show
variants" pills above the comparison's charts."""

from __future__ import annotations

import numpy as np
import pytest

from dashboard import runtime, state
from dashboard.widgets.result_controls import DATA_LOSS, KERAS_LOSS
from tests.dashboard.apptest_support import click, figures, open_page, run_small, traces

pytestmark = pytest.mark.usefixtures("app_store")
L2 = "L2 (0.01)"


def _overfitting(epochs: int = 4):
    at = open_page()
    at.selectbox(key="preset.pick").set_value("overfitting")
    click(at, "Load preset")
    return run_small(at, epochs)


def _line(at, name: str) -> np.ndarray:
    """The y values of the chart trace called ``name`` (the first chart that has one)."""
    for figure in figures(at):
        for trace in traces(figure):
            if trace.get("name") == name:
                return np.asarray(trace["y"], dtype=float)
    raise AssertionError(f"no trace {name!r}")


def _stored(run_ids: list[str], label: str, column: str) -> np.ndarray:
    store = runtime.store()
    (run_id,) = [r for r, shown in runtime_labels(run_ids).items() if shown == label]
    rows = store.query(f"SELECT {column} FROM epochs WHERE run_id = ? ORDER BY epoch", (run_id,))
    return np.array([row[column] for row in rows], dtype=float)


def runtime_labels(run_ids: list[str]) -> dict[str, str]:
    return {r: runtime.store().get_run(r)["label"] for r in run_ids}


def _final_val_loss(at, label: str) -> str:
    """The table's cell: one seed, so the mean alone to 4 significant digits."""
    table = at.dataframe[0].value
    return table.loc[table["variant"] == label, "final val loss"].iloc[0]


def test_a_penalised_variant_is_shown_by_its_data_loss_and_keras_loss_on_request() -> None:
    at, run_ids = _overfitting()
    (radio,) = [r for r in at.radio if r.label == "Loss shown"]
    assert radio.value == DATA_LOSS
    assert any("Shown: the data loss" in c.value and L2 in c.value for c in at.caption)
    data_loss = _stored(run_ids, L2, "val_data_loss")
    keras_loss = _stored(run_ids, L2, "val_loss")
    assert np.all(keras_loss - data_loss > 0.1)  # the penalty of a 128 x 128 net
    np.testing.assert_allclose(_line(at, f"{L2} · validation"), data_loss, rtol=1e-9)
    assert _final_val_loss(at, L2) == f"{data_loss[-1]:.4g}"
    # a variant without a penalty: the same numbers either way
    plain = _stored(run_ids, "no regularization", "val_loss")
    np.testing.assert_allclose(_line(at, "no regularization · validation"), plain, rtol=1e-9)

    radio.set_value(KERAS_LOSS).run()
    assert not at.exception
    np.testing.assert_allclose(_line(at, f"{L2} · validation"), keras_loss, rtol=1e-9)
    assert _final_val_loss(at, L2) == f"{keras_loss[-1]:.4g}"
    assert any("Shown: Keras's loss" in c.value for c in at.caption)
    np.testing.assert_allclose(_line(at, "no regularization · validation"), plain, rtol=1e-9)


def test_without_a_penalty_there_is_no_choice_to_make() -> None:
    at, _ = run_small(open_page())
    assert not [r for r in at.radio if r.label == "Loss shown"]


def test_show_variants_hides_and_isolates_in_the_charts_not_in_the_table() -> None:
    at, _ = _overfitting(epochs=3)
    (pills,) = [p for p in at.pills if p.label == "Show variants"]
    labels = ["no regularization", L2, "dropout 0.5"]
    assert pills.value == labels
    pills.set_value([L2]).run()
    assert not at.exception
    # the curves and the gap (the heatmaps and boundaries keep every variant)
    names = {t.get("name") for f in figures(at) for t in traces(f) if t["type"] == "scatter"}
    assert f"{L2} · validation" in names and f"{L2} · best epoch" in names
    assert not any(str(n).startswith(("no regularization", "dropout")) for n in names)
    assert list(at.dataframe[0].value["variant"]) == labels  # the table keeps every variant
    # finished charts carry plotly's legend too: one entry per variant shown
    loss = next(f for f in figures(at) if any(t.get("name") == f"{L2} · validation"
                                              for t in traces(f)))  # fmt: skip
    assert loss["layout"]["showlegend"] is True
    assert [t["name"] for t in traces(loss) if t.get("showlegend", True)] == [f"{L2} · validation"]
    (pills,) = [p for p in at.pills if p.label == "Show variants"]
    pills.set_value(labels).run()
    names = {t.get("name") for f in figures(at) for t in traces(f)}
    assert {f"{label} · validation" for label in labels} <= names
    assert at.session_state[state.LOSS_SHOWN] == DATA_LOSS
