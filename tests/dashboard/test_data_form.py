"""The data section's inputs accept every value some dataset allows, and no wider."""

from __future__ import annotations

import pytest

from dashboard.widgets.data_form import NUMBERS, input_bounds
from datasets import DATASETS


@pytest.mark.parametrize("info", DATASETS.values(), ids=lambda info: info.name)
def test_every_datasets_sample_and_noise_range_fits_the_inputs(info) -> None:
    samples, noise = input_bounds("n_samples"), input_bounds("noise")
    assert samples["min_value"] <= info.min_samples <= info.max_samples <= samples["max_value"]
    assert noise["min_value"] <= info.default_noise <= info.max_noise <= noise["max_value"]


def test_the_inputs_are_no_wider_than_the_widest_dataset() -> None:
    assert input_bounds("n_samples")["max_value"] in {i.max_samples for i in DATASETS.values()}
    assert input_bounds("noise")["max_value"] in {i.max_noise for i in DATASETS.values()}


def test_every_data_field_after_the_dataset_has_an_input() -> None:
    assert NUMBERS == ["n_samples", "noise", "train_fraction", "label_noise", "data_seed"]
