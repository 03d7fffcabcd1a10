"""AppTest: before any run, the Compare page shows the shared data split every variant gets."""

from __future__ import annotations

import pytest

from dashboard import comparison, share
from dashboard.widgets import data_preview
from datasets.errors import DatasetError
from tests.dashboard.apptest_support import click, figures, inputs, open_page, traces

pytestmark = pytest.mark.usefixtures("app_store")


def test_the_data_preview_follows_the_data_settings_and_skips_invalid_ones() -> None:
    at = open_page()
    counts = [len(traces(f)[0]["x"]) + len(traces(f)[1]["x"]) for f in figures(at)]
    inputs(at, "Training fraction")[0].set_value(0.5)
    click(at, "Apply")
    fewer = [len(traces(f)[0]["x"]) + len(traces(f)[1]["x"]) for f in figures(at)]
    assert fewer[0] < counts[0]
    inputs(at, "Noise")[0].set_value(3.0)  # above two moons' maximum: the form names it
    click(at, "Apply")
    assert not at.exception and not figures(at)


def test_the_data_preview_of_an_unset_noise_names_the_datasets_default() -> None:
    # a link may leave the noise unset (None: the dataset's default), as a config may
    pairs = [(f"v{i}", {"dataset": "moons", "noise": None, "seed": i}) for i in range(2)]
    at = open_page(query={share.PARAM: share.encode(pairs, comparison.defaults())})
    assert not at.error and len(figures(at)) == 1, [e.value for e in at.error]
    facts = " ".join(m.value for m in at.markdown)
    assert "noise 0.2 (" in facts  # two moons' own default


def test_data_the_loader_refuses_gives_a_message_not_a_traceback(monkeypatch) -> None:
    def refuse(config):
        raise DatasetError("n_samples: too few rows per class. Received: 30")

    monkeypatch.setattr(data_preview, "load_arrays", refuse)
    at = open_page()
    assert not at.exception
    assert any("too few rows per class" in w.value for w in at.warning)
