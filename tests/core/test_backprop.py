"""trace_train_step on a general network: consistent with its own chain rule and with fit."""

from __future__ import annotations

import numpy as np

from core import optimizers
from core.backprop import trace_train_step
from core.layers import BatchNormalization, Dense, Dropout
from core.models import Sequential


def model():
    m = Sequential(
        [
            Dense(4, input_dim=3, activation="tanh"),
            BatchNormalization(),
            Dropout(0.2),
            Dense(3, activation="softmax"),
        ],
        seed=3,
        dtype="float64",
    )
    m.compile(optimizers.SGD(0.1), "sparse_categorical_crossentropy")
    return m


def test_trace_matches_train_on_batch_and_the_chain_rule():
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(5, 3)), rng.integers(0, 3, 5)
    traced, plain = model(), model()
    trace = trace_train_step(traced, x, y)
    plain.train_on_batch(x, y)
    for a, b in zip(traced.get_weights(), plain.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    first, bn, drop, out = trace
    assert [t.kind for t in trace] == ["Dense", "BatchNormalization", "Dropout", "Dense"]
    # fused softmax + cross-entropy: dL/dz = (p - onehot) / n
    np.testing.assert_allclose(out.dL_dz, (out.a - np.eye(3)[y]) / 5, atol=1e-15)
    assert out.da_dz is None
    np.testing.assert_allclose(first.dL_dz, first.dL_da * (1 - first.a**2), atol=1e-15)
    np.testing.assert_allclose(first.dL_dW, x.T @ first.dL_dz, atol=1e-15)
    np.testing.assert_allclose(first.kernel_after, first.kernel_before - 0.1 * first.dL_dW)
    np.testing.assert_array_equal(bn.inputs, first.a)
    np.testing.assert_array_equal(drop.inputs, bn.a)
    np.testing.assert_array_equal(out.inputs, drop.a)
    # dropout passes gradients only through kept units, scaled by 1 / (1 - rate)
    kept = drop.a != 0
    np.testing.assert_allclose(bn.dL_da[kept], drop.dL_da[kept] / 0.8)
    assert not bn.dL_da[~kept].any()
