"""Adding an optimizer or a data knob touches two files, and it appears everywhere it should.

The field spec is the measure of "one home for every fact": a contributor who adds an optimizer
(with a hyperparameter no other optimizer has) or a knob of a data generator writes it in the
core or datasets and declares its field once in the config, and finds it in validation, the
runner, the form, the Keras script and the CLI's field list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.extending import assert_extension, copy_tree, insert, replace, touched

KNOB_CHECK = r"""
import dataclasses
from streamlit.testing.v1 import AppTest

from dashboard import comparison
from experiments.spec.config import DATA_FIELDS, ExperimentConfig, field_specs
from experiments.spec.errors import ConfigError
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


SIGNUM = """
class Signum(Optimizer):
    \"\"\"The sign of momentum: ``m <- signum_beta * m + (1 - signum_beta) * g``;
    ``w <- w - lr * sign(m)``.\"\"\"

    def __init__(self, learning_rate: float = 0.001, signum_beta: float = 0.9,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, **kwargs) -> None:
        super().__init__(learning_rate, clipnorm=clipnorm, clipvalue=clipvalue,
                         global_clipnorm=global_clipnorm, **kwargs)
        self.signum_beta = _check("signum_beta", signum_beta, 0.0, 1.0)

    def _build_slots(self, w):
        self._m = np.zeros_like(w)

    def _step(self, g, d):
        self._m *= self.signum_beta
        self._m += (1 - self.signum_beta) * g
        np.multiply(self.learning_rate, np.sign(self._m), out=d)

"""

OPTIMIZER_CHECK = r"""
import dataclasses, tempfile
from pathlib import Path
from streamlit.testing.v1 import AppTest

from experiments.results.store import Store
from experiments.run.runner import Runner
from experiments.spec.config import ExperimentConfig, field_specs
from experiments.spec.errors import ConfigError
from experiments.spec.fields import describe
from experiments.spec.keras_code import to_keras_code
from experiments.spec.validation import validate

signum = ExperimentConfig(optimizer="signum", signum_beta=0.5, epochs=3, n_samples=100)
validate(signum)
try:
    validate(dataclasses.replace(signum, signum_beta=1.0))
except ConfigError as error:
    assert error.field == "signum_beta" and "[0.0, 1.0)" in str(error), error
else:
    raise AssertionError("signum_beta=1.0 accepted")
assert signum.optimizer_kwargs() == {"learning_rate": 0.001, "signum_beta": 0.5}
assert ExperimentConfig(optimizer="signum").canonical().signum_beta == 0.9
assert ExperimentConfig(optimizer="adam", signum_beta=0.5).config_id == ExperimentConfig().config_id
assert "optimizers.Signum(learning_rate=0.001, signum_beta=0.5)" in to_keras_code(signum)
assert "signum_beta " in describe(field_specs(), ExperimentConfig().to_dict())
with Runner(Store(Path(tempfile.mkdtemp()) / "runs.sqlite"), max_workers=1) as runner:
    run_ids = runner.submit([signum], "test")
    assert runner.wait(run_ids, timeout=120)
    assert runner.store.get_run(run_ids[0])["status"] == "done"
at = AppTest.from_file("app.py", default_timeout=60).run()
assert not at.exception, at.exception
assert "signum" in at.selectbox(key=f"w.{at.session_state['variants'][0]['uid']}.optimizer").options
assert "signum_beta (signum)" in [w.label for w in at.number_input]
print("ok")
"""


@pytest.mark.slow
def test_a_new_optimizer_with_its_own_hyperparameter_touches_two_files(tmp_path: Path) -> None:
    root = copy_tree(tmp_path / "tree")
    # 1. the core's optimizer, and its registry entry
    insert(root, "core/optimizers.py", "OPTIMIZERS: dict[str, type[Optimizer]] = {", SIGNUM,
           after=False)  # fmt: skip
    insert(root, "core/optimizers.py", '"adam": Adam,', '    "signum": Signum,')
    # 2. its hyperparameter's field: range and label; the default is read from the signature
    insert(root, "experiments/spec/config.py", 'centered: bool = hyperparameter("centered"',
           '    signum_beta: float = hyperparameter("signum_beta", low=0.0, high=1.0, '
           "open_high=True)")  # fmt: skip
    files = ["core/optimizers.py", "experiments/spec/config.py"]
    assert_extension(root, files, OPTIMIZER_CHECK, tmp_path)


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
    files = ["datasets/synthetic.py", "experiments/spec/config.py"]
    assert_extension(root, files, KNOB_CHECK, tmp_path)


def test_the_copy_is_untouched_until_edited(tmp_path: Path) -> None:
    root = copy_tree(tmp_path / "tree")
    assert touched(root) == []
    insert(root, "datasets/synthetic.py", "CIRCLES_FACTOR = 0.5", "EXTRA = 1")
    assert touched(root) == ["datasets/synthetic.py"]
