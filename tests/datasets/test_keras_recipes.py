"""The Keras script's data recipes are the generators: executed, they give the same arrays."""

from __future__ import annotations

import numpy as np
import pytest

from datasets import synthetic
from datasets.registry import DATASETS


@pytest.mark.parametrize("name", sorted(synthetic.GENERATORS))
@pytest.mark.parametrize(("n", "seed"), [(101, 0), (40, 7)])
def test_the_recipe_draws_the_generators_arrays(name: str, n: int, seed: int) -> None:
    noise = DATASETS[name].default_noise
    namespace: dict = {"np": np}
    code = synthetic.KERAS_RECIPES[name].format(
        n=n, noise=noise, seed=seed, **synthetic.knobs(name)
    )
    exec(code, namespace)  # the recipe text, as a learner's script runs it
    x, y = synthetic.GENERATORS[name](n, noise, seed)
    np.testing.assert_array_equal(np.asarray(namespace["x"], dtype=np.float64), x)
    np.testing.assert_array_equal(namespace["y"], y)


def test_every_synthetic_dataset_has_a_generator_and_a_recipe() -> None:
    synthetic_names = {name for name, info in DATASETS.items() if info.has_noise}
    assert set(synthetic.GENERATORS) == synthetic_names == set(synthetic.KERAS_RECIPES)
