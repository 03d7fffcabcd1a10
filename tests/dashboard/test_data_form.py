"""The data section's inputs accept every value some dataset allows, and no wider."""

from __future__ import annotations

import pytest

from dashboard.widgets.data_form import NUMBERS
from datasets import DATASETS


@pytest.mark.parametrize("info", DATASETS.values(), ids=lambda info: info.name)
def test_every_datasets_sample_and_noise_range_fits_the_inputs(info) -> None:
    samples, noise = NUMBERS["n_samples"][1], NUMBERS["noise"][1]
    assert samples["min_value"] <= info.min_samples <= info.max_samples <= samples["max_value"]
    assert noise["min_value"] <= info.default_noise <= info.max_noise <= noise["max_value"]


def test_the_inputs_are_no_wider_than_the_widest_dataset() -> None:
    assert NUMBERS["n_samples"][1]["max_value"] in {i.max_samples for i in DATASETS.values()}
    assert NUMBERS["noise"][1]["max_value"] in {i.max_noise for i in DATASETS.values()}
