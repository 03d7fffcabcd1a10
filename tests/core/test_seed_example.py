"""The seed's worked backpropagation example (section 4-3), to 8 decimals.

Expected values are the seed's own table (/work/shared/seed/README.md), not this code's output.
"""

from __future__ import annotations

import numpy as np
import pytest

from core import optimizers
from core.backprop import trace_train_step
from core.layers import Dense
from core.models import Sequential

X = np.array([[0.1, 0.2]])
T = np.array([[0.4, 0.6]])


def seed_model() -> Sequential:
    model = Sequential(
        [
            Dense(2, input_dim=2, activation="sigmoid", use_bias=False),
            Dense(2, activation="sigmoid", use_bias=False),
        ],
        dtype="float64",
    )
    # Keras kernels are (in, out): column j holds the weights into unit j
    model.set_weights([np.array([[0.3, 0.4], [0.25, 0.35]]), np.array([[0.45, 0.7], [0.4, 0.6]])])
    model.compile(optimizer=optimizers.SGD(learning_rate=0.5), loss="mse")
    return model


def close(actual, expected):
    np.testing.assert_allclose(np.ravel(actual), np.ravel(expected), rtol=0, atol=5e-9)


def test_train_on_batch_reproduces_seed_table():
    model = seed_model()
    close(model.predict(X), [0.60944600, 0.66384491])
    close(model.train_on_batch(X, T), [0.02397190])
    hidden, output = model.get_weights()
    close(output, [0.43703857, 0.69629578, 0.38685205, 0.59624247])  # w5+ w7+ / w6+ w8+
    close(hidden, [0.29959556, 0.39964496, 0.24919112, 0.34928991])  # w1+ w3+ / w2+ w4+
    close(model.evaluate(X, T), [0.02323634])


def test_trace_reproduces_every_intermediate():
    trace = trace_train_step(seed_model(), X, T)
    hidden, output = trace
    close(hidden.z, [0.08, 0.11])
    close(hidden.a, [0.51998934, 0.52747230])
    close(output.z, [0.44498412, 0.68047592])
    close(output.a, [0.60944600, 0.66384491])
    e = 0.5 * (T - output.a) ** 2
    close(e, [0.02193381, 0.00203809])
    close(trace.loss, [0.02397190])
    close(output.dL_dW[0, 0], [0.02592286])  # dE/dw5
    close(hidden.dL_da[0, 0], [0.03240681])  # dE/dh1
    close(hidden.dL_dW[0, 0], [0.00080888])  # dE/dw1
    close(output.dL_dz, output.dL_da * output.da_dz)
    close(output.kernel_before, [0.45, 0.7, 0.4, 0.6])
    close(output.kernel_after, [0.43703857, 0.69629578, 0.38685205, 0.59624247])
    close(hidden.kernel_after, [0.29959556, 0.39964496, 0.24919112, 0.34928991])
    close(hidden.inputs, X.ravel())
    assert trace.loss_after == pytest.approx(0.02323634, abs=5e-9)
