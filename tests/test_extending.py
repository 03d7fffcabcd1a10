"""Adding a data knob touches two files, and it appears in validation, the form and the script.

The field spec is the measure of "one home for every fact": a contributor who adds a knob to a
generator declares it once in the config and finds it in validation, the data loader, the
comparison's data fields, the form, the Keras script and the CLI's field list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.extending import copy_tree, insert, replace, run_check, touched

KNOB_CHECK = r"""
import dataclasses
from streamlit.testing.v1 import AppTest

from dashboard import comparison
from experiments.spec.config import DATA_FIELDS, ConfigError, ExperimentConfig, field_specs
from experiments.spec.data import load_arrays
from experiments.spec.fields import describe
from experiments.spec.keras_code import to_keras_code
from experiments.spec.validation import validate

spiral = ExperimentConfig(dataset="spiral", turns=2.5, epochs=2)
validate(spiral)
for bad, fragment in [(dataclasses.replace(spiral, turns=9.0), "[0.5, 3.0]"),
                      (dataclasses.replace(spiral, dataset="moons"), "no turns control")]:
    try:
        validate(bad)
    except ConfigError as error:
        assert error.field == "turns" and fragment in str(error), error
    else:
        raise AssertionError(f"accepted {bad.turns} on {bad.dataset}")
assert "turns" in DATA_FIELDS
default = dataclasses.replace(spiral, turns=None)
assert load_arrays(spiral).fingerprint() != load_arrays(default).fingerprint()
assert "2 * np.pi * 2.5 * u" in to_keras_code(spiral)
assert "2 * np.pi * 1.75 * u" in to_keras_code(default)
assert "turns " in describe(field_specs(), ExperimentConfig().to_dict())
data, parts = comparison.from_configs([("a", spiral.to_dict()), ("b", spiral.to_dict())])
assert data["turns"] == 2.5 and "turns" not in parts[0][1]
at = AppTest.from_file("app.py", default_timeout=60).run()
assert not at.exception, at.exception
assert [w.label for w in at.number_input if w.label == "Spiral turns"] == ["Spiral turns"]
print("ok")
"""


@pytest.mark.slow
def test_a_new_data_knob_touches_two_files(tmp_path: Path) -> None:
    root = copy_tree(tmp_path / "tree")
    # 1. the generator takes the knob, and its Keras recipe shows it
    replace(root, "datasets/synthetic.py",
            "def spiral(n: int, noise: float, seed: int)",
            "def spiral(n: int, noise: float, seed: int, turns: float = SPIRAL_TURNS)")  # fmt: skip
    replace(root, "datasets/synthetic.py", "np.pi * SPIRAL_TURNS * u", "np.pi * turns * u")
    replace(
        root,
        "datasets/synthetic.py",
        'f"angle = 2 * np.pi * {SPIRAL_TURNS}',
        '"angle = 2 * np.pi * {turns}',
    )
    # 2. the config declares it, once
    insert(root, "experiments/spec/config.py", "data_seed: int = spec(",
           '    turns: float | None = spec(None, "data", "Spiral turns", "float", low=0.5, '
           'high=3.0, null="the generator\'s default", knob=True)')  # fmt: skip
    assert touched(root) == ["datasets/synthetic.py", "experiments/spec/config.py"]
    done = run_check(root, KNOB_CHECK, tmp_path)
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stderr[-3000:]


def test_the_copy_is_untouched_until_edited(tmp_path: Path) -> None:
    root = copy_tree(tmp_path / "tree")
    assert touched(root) == []
    insert(root, "datasets/synthetic.py", "CIRCLES_FACTOR = 0.5", "EXTRA = 1")
    assert touched(root) == ["datasets/synthetic.py"]
