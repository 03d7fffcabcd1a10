"""Helpers for the AppTest suites: start the app on a page, click by label, decode plotly specs."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from dashboard import runtime, state

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 60


def open_page(page: str | None = None, query: dict[str, str] | None = None) -> AppTest:
    """Run the app once (on the Compare page), then switch to ``page`` if given."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"dashboard/pages/{page}.py").run()
    return at


def click(at: AppTest, label: str) -> AppTest:
    """Click the (form submit) button labelled ``label`` and rerun."""
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r}; have {[b.label for b in at.button]}"
    matches[0].click()
    return at.run()


def inputs(at: AppTest, label: str) -> list:
    """Every number/text input with this label (one per variant)."""
    return [w for w in [*at.number_input, *at.text_input] if w.label == label]


def _decode(value: Any) -> Any:
    """Plotly JSON may carry arrays as ``{"dtype": ..., "bdata": base64}``."""
    if isinstance(value, dict) and {"dtype", "bdata"} <= set(value):
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        if isinstance(shape, str):  # plotly writes "3, 3"
            shape = [int(n) for n in shape.split(",")]
        return array.reshape(shape) if shape else array
    if isinstance(value, dict):
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def figures(at: AppTest) -> list[dict[str, Any]]:
    """Every plotly chart on the page as a decoded figure dict (``data``, ``layout``)."""
    return [_decode(json.loads(chart.proto.spec)) for chart in at.get("plotly_chart")]


def traces(figure: dict[str, Any]) -> list[dict[str, Any]]:
    """The figure's traces."""
    return figure["data"]


def popover_labels(at: AppTest) -> list[str]:
    """The labels of every popover on the page, in page order."""
    labels: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, Block) and node.type == "popover":
            labels.append(node.proto.popover.label)
        for child in node.children.values() if isinstance(node, Block) else []:
            walk(child)

    walk(at._tree)
    return labels


def variant_labels(at: AppTest) -> list[str]:
    """The comparison's variant labels, in order."""
    return [v["label"] for v in at.session_state[state.VARIANTS]]


def one_seed(at: AppTest) -> None:
    """One seed per variant (lessons load three): a test of something else stays small."""
    for widget in inputs(at, "Seeds (repeats)"):
        widget.set_value(1)


def run_small(at: AppTest, epochs: int = 3, seeds_set: bool = False) -> tuple[AppTest, list[str]]:
    """Run the comparison at ``epochs`` epochs, one seed each unless the test ``seeds_set``
    them, and wait for every run; the page rerun after they finished, and the run ids."""
    for widget in inputs(at, "Epochs"):
        widget.set_value(epochs)
    if not seeds_set:
        one_seed(at)
    click(at, "▶ Run")
    run_ids = list(at.session_state[state.RUN_IDS])
    assert run_ids, [e.value for e in at.error]
    assert runtime.runner().wait(run_ids, timeout=120)
    return at.run(), run_ids


def run_long(at: AppTest, seeds_set: bool = False) -> list[str]:
    """Run the comparison at 1,000 epochs (still training while the test looks); its run ids."""
    for widget in inputs(at, "Epochs"):
        widget.set_value(1000)
    if not seeds_set:
        one_seed(at)
    click(at, "▶ Run")
    run_ids = list(at.session_state[state.RUN_IDS])
    # the page waits a moment for a first epoch; on a busy machine it may draw before one is in,
    # so wait for every run's first epoch and draw the page again, as the next poll would
    deadline = time.monotonic() + TIMEOUT
    while min(runtime.store().epochs_done(run_ids).values(), default=0) < 1:
        assert time.monotonic() < deadline, "the runs did not start"
        time.sleep(0.05)
    at.run()
    return run_ids
