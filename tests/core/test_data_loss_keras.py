"""Keras 3 as the reference for the data loss: its ``evaluate`` loss includes the L2 penalty
(``model.losses``); without it, the loss is the data loss the core logs.

Runs in a subprocess (the backend is fixed at Keras's import): torch on the reference machine,
or jax where that is what is installed. Skipped where Keras is not installed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.datasets import make_moons

from core import optimizers
from core.layers import Dense
from core.models import Sequential
from core.regularizers import L2

ROOT = Path(__file__).resolve().parents[2]
BACKEND = next((m for m in ("torch", "jax") if importlib.util.find_spec(m)), None)
HAS_KERAS = importlib.util.find_spec("keras") is not None and BACKEND is not None

KERAS = """
import json, sys
import numpy as np
import keras
weights, x, y = (np.load(sys.argv[1], allow_pickle=True)[k] for k in ("w", "x", "y"))
l2 = keras.regularizers.L2(0.05)
layers = [keras.Input((2,)),
          keras.layers.Dense(8, activation="tanh", kernel_regularizer=l2),
          keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=l2)]
model = keras.Sequential(layers)
model.compile(loss="binary_crossentropy")
model.set_weights(list(weights))
loss = model.evaluate(x, y, batch_size=len(x), verbose=0)
penalty = float(sum(keras.ops.convert_to_numpy(t) for t in model.losses))
print(json.dumps({"loss": float(loss), "penalty": penalty}))
"""


@pytest.mark.skipif(not HAS_KERAS, reason="Keras 3 (with torch or jax) is not installed")
def test_keras_loss_minus_its_penalty_is_the_data_loss(tmp_path: Path) -> None:
    x, y = make_moons(300, noise=0.2, random_state=0)
    xv, yv = make_moons(100, noise=0.2, random_state=1)
    model = Sequential(
        [
            Dense(8, input_dim=2, activation="tanh", kernel_regularizer=L2(0.05)),
            Dense(1, activation="sigmoid", kernel_regularizer=L2(0.05)),
        ],
        seed=0,
    )
    model.compile(optimizers.SGD(0.1), "binary_crossentropy")
    history = model.fit(x, y, epochs=3, batch_size=64, validation_data=(xv, yv)).history
    arrays = tmp_path / "arrays.npz"
    weights = np.empty(4, dtype=object)
    weights[:] = model.get_weights()
    np.savez(arrays, w=weights, x=xv.astype(np.float32), y=yv.astype(np.float32))
    env = {**os.environ, "KERAS_BACKEND": BACKEND}
    out = subprocess.run([sys.executable, "-c", KERAS, str(arrays)], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert out.returncode == 0, out.stderr[-3000:]
    keras = json.loads(out.stdout.strip().splitlines()[-1])
    assert history["val_loss"][-1] == pytest.approx(keras["loss"], rel=1e-5)
    assert history["val_data_loss"][-1] == pytest.approx(keras["loss"] - keras["penalty"], rel=1e-5)
    assert keras["penalty"] > 0.05  # the difference is worth testing
