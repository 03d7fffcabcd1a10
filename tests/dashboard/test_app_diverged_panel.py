"""AppTest: a diverged variant's decision-boundary panel names the run it shows (the variant's
first seed), since the curves above it are the mean over every seed still training."""

from __future__ import annotations

import pytest

from tests.dashboard.apptest_support import click, figures, open_page, run_small

pytestmark = pytest.mark.usefixtures("app_store")


def test_the_clipping_lessons_diverged_panel_names_its_seed() -> None:
    at = open_page()
    at.selectbox(key="preset.pick").set_value("clipping")
    click(at, "Load preset")
    at, _ = run_small(at, epochs=30)
    notes = [a["text"] for f in figures(at) for a in f["layout"].get("annotations", [])]
    said = [n for n in notes if "no decision boundary" in n]
    assert said and all(n.startswith("seed 0 diverged at epoch") for n in said), notes
    captions = [c.value for c in at.caption]
    assert any("the variant's first seed" in c for c in captions)
