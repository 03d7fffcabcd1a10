"""fit/History behaviour: learning, gradient flow, determinism, divergence, callbacks."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
from sklearn.datasets import make_moons

from core import optimizers
from core.layers import Dense, Dropout
from core.models import Sequential


def moons(n=1000, seed=0):
    x, y = make_moons(n, noise=0.15, random_state=seed)
    return x, y


def small_model(seed=0, **compile_kw):
    model = Sequential(
        [
            Dense(16, input_dim=2, activation="relu"),
            Dense(16, activation="relu"),
            Dense(1, activation="sigmoid"),
        ],
        seed=seed,
    )
    model.compile(
        **{
            "optimizer": optimizers.Adam(0.01),
            "loss": "binary_crossentropy",
            "metrics": ["accuracy"],
            **compile_kw,
        }
    )
    return model


def test_two_moons_reaches_95_percent_validation_accuracy():
    x, y = moons()
    history = small_model().fit(x[:800], y[:800], epochs=40, validation_data=(x[800:], y[800:]))
    assert history.history["val_accuracy"][-1] >= 0.95
    assert history.history["loss"][-1] < history.history["loss"][0]


def _deep(activation, init, seed=0):
    layers = [Dense(16, input_dim=2, activation=activation, kernel_initializer=init)]
    layers += [Dense(16, activation=activation, kernel_initializer=init) for _ in range(8)]
    layers.append(Dense(1, activation="sigmoid", kernel_initializer=init))
    model = Sequential(layers, seed=seed)
    model.compile(optimizers.SGD(0.01), "binary_crossentropy")
    return model


def _first_last_ratio(model):
    x, y = moons(256)
    layers = model.fit(x, y, epochs=2, batch_size=32).diagnostics[-1].layers
    return layers[-1].grad_norm_mean / layers[0].grad_norm_mean


def test_deep_sigmoid_vanishes_and_relu_he_does_not():
    assert _first_last_ratio(_deep("sigmoid", "glorot_uniform")) >= 100
    assert _first_last_ratio(_deep("relu", "he_normal")) < 100


def test_same_seed_gives_bit_identical_histories():
    x, y = moons(300)

    def run(seed):
        model = Sequential(
            [
                Dense(8, input_dim=2, activation="tanh"),
                Dropout(0.3),
                Dense(1, activation="sigmoid"),
            ],
            seed=seed,
        )
        model.compile("adam", "binary_crossentropy", ["acc"])
        h = model.fit(x, y, epochs=3, validation_split=0.2)
        diag = [dataclasses.replace(d, wall_time=0.0, eval_time=0.0) for d in h.diagnostics]
        return h.history, diag, model.get_weights()

    a, b, c = run(5), run(5), run(6)
    assert a[0] == b[0] and a[1] == b[1]
    assert all(np.array_equal(u, v) for u, v in zip(a[2], b[2], strict=True))
    assert a[0] != c[0]


def test_history_keys_params_and_batch_regimes():
    x, y = moons(100)
    # batch gradient descent, stochastic, mini-batch (80 training rows after the split)
    for batch_size, steps in [(80, 1), (1, 80), (32, 3)]:
        h = small_model().fit(x, y, batch_size=batch_size, epochs=2, validation_split=0.2)
        assert h.params == {"epochs": 2, "steps": steps, "batch_size": batch_size, "samples": 80}
        assert h.epoch == [0, 1]
        assert [d.steps for d in h.diagnostics] == [steps, steps]
        assert all(0 < d.eval_time < d.wall_time for d in h.diagnostics)
    assert set(h.history) == {
        "loss",
        "accuracy",
        "eval_loss",
        "eval_accuracy",
        "val_loss",
        "val_accuracy",
    }
    json.dumps([dataclasses.asdict(d) for d in h.diagnostics])


def test_eval_pass_runs_without_dropout_and_includes_penalty():
    x, y = moons(200)
    model = Sequential(
        [
            Dense(8, input_dim=2, activation="relu", kernel_regularizer="l2"),
            Dropout(0.5),
            Dense(1, activation="sigmoid"),
        ],
        seed=1,
    )
    model.compile("adam", "binary_crossentropy")
    h = model.fit(x, y, epochs=1)
    penalty = 0.01 * float(np.sum(model.layers[0].params["kernel"].astype(np.float64) ** 2))
    assert h.history["eval_loss"][0] == pytest.approx(model.evaluate(x, y), rel=1e-6)
    # dropout at 0.5 makes the running training loss differ from the inference-mode one
    assert h.history["loss"][0] != pytest.approx(h.history["eval_loss"][0], rel=1e-3)
    # evaluate's loss minus the plain cross-entropy of predict() is exactly the L2 penalty
    p = np.clip(model.predict(x)[:, 0].astype(np.float64), 1e-7, 1 - 1e-7)
    bce = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert model.evaluate(x, y) - bce == pytest.approx(penalty, rel=1e-3)


@pytest.mark.parametrize("activation", ["relu", "leaky_relu", "elu"])
def test_diagnostics_dead_units_clipping_and_update_ratio(activation):
    x, y = moons(200)
    model = Sequential(
        [
            Dense(4, input_dim=2, activation=activation, bias_initializer="zeros"),
            Dense(1, activation="sigmoid"),
        ],
        seed=0,
    )
    model.build()
    kernel = model.layers[0].params["kernel"]
    kernel[:, :2] = -np.abs(kernel[:, :2]) - 10.0  # two units fed only negative values
    model.layers[0].params["bias"][:2] = -100.0
    model.compile(optimizers.SGD(0.1, clipnorm=1e-3), "binary_crossentropy")
    x_pos = np.abs(x)
    diag = model.fit(x_pos, y, epochs=1, batch_size=50).diagnostics[0]
    first, last = diag.layers
    assert first.dead_fraction == 0.5
    assert last.dead_fraction is None
    assert diag.steps == 4 and diag.clipped_steps == 4
    assert diag.grad_norm_before_clip_max >= diag.grad_norm_before_clip > 1e-3
    # every kernel update is lr * clipnorm at most, relative to a weight of known norm
    assert 0 < first.update_ratio <= 0.1 * 1e-3 / np.linalg.norm(kernel) * 1.01
    assert first.activation_std > 0


def test_divergence_stops_without_raising_and_keeps_history():
    x, y = moons(200)
    model = Sequential([Dense(8, input_dim=2, activation="relu"), Dense(1)], seed=0)
    model.compile(optimizers.SGD(learning_rate=5.0), "mse")
    with np.errstate(all="raise"):
        h = model.fit(x, y * 1e3, epochs=50, batch_size=10)
    assert h.diverged
    assert h.diverged_at["epoch"] == len(h.epoch)
    assert 0 <= h.diverged_at["step"] < 20
    assert all(np.isfinite(v).all() for v in h.history.values())


def test_callbacks_receive_logs_and_can_stop_training():
    x, y = moons(100)
    model = small_model()
    seen = []

    class Stopper:
        def on_epoch_end(self, epoch, logs):
            seen.append((epoch, logs["loss"], logs["diagnostics"].epoch))
            if epoch == 1:
                model.stop_training = True

    h = model.fit(x, y, epochs=10, callbacks=[Stopper()])
    assert h.epoch == [0, 1]
    assert [s[0] for s in seen] == [0, 1] and seen[1][2] == 1


def test_validation_split_takes_the_last_rows():
    x, y = moons(100)
    model = small_model()
    h = model.fit(x, y, epochs=1, validation_split=0.25)
    assert h.params["samples"] == 75
    assert h.history["val_loss"][0] == pytest.approx(model.evaluate(x[75:], y[75:])[0], rel=1e-6)
    assert h.history["eval_loss"][0] == pytest.approx(model.evaluate(x[:75], y[:75])[0], rel=1e-6)
    # validation_data overrides validation_split, as in Keras
    h = model.fit(x, y, epochs=1, validation_split=0.25, validation_data=(x[:10], y[:10]))
    assert h.params["samples"] == 100


@pytest.mark.parametrize("epoch_max", [0, 10**9], ids=["vecdot-per-step", "squares-per-epoch"])
def test_gradient_and_update_statistics_match_the_weight_change(monkeypatch, epoch_max):
    from core.diagnostics import StepRecorder

    monkeypatch.setattr(StepRecorder, "EPOCH_SQUARES_MAX", epoch_max)
    x, y = moons(64)
    model = Sequential(
        [Dense(5, input_dim=2, activation="tanh"), Dense(1, activation="sigmoid")],
        seed=2,
        dtype="float64",
    )
    model.compile(optimizers.SGD(learning_rate=0.1), "binary_crossentropy")
    before = model.get_weights()
    # one full-batch SGD step: the kernel moved by exactly lr * its gradient
    diag = model.fit(x, y, batch_size=64, epochs=1).diagnostics[0]
    after = model.get_weights()
    for layer_diag, k in zip(diag.layers, (0, 2), strict=True):
        moved = np.linalg.norm(after[k] - before[k])
        assert layer_diag.grad_norm_mean == pytest.approx(moved / 0.1, rel=1e-9)
        assert layer_diag.grad_norm_max == pytest.approx(moved / 0.1, rel=1e-9)
        assert layer_diag.update_ratio == pytest.approx(moved / np.linalg.norm(before[k]))
        assert layer_diag.weight_norm == pytest.approx(np.linalg.norm(after[k]))
    grads = [(a - b) / 0.1 for a, b in zip(after, before, strict=True)]
    total = np.sqrt(sum(float(np.sum(g * g)) for g in grads))
    assert diag.grad_norm_before_clip == pytest.approx(total, rel=1e-9)


@pytest.mark.parametrize(
    "optimizer",
    [
        optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True),
        optimizers.RMSprop(learning_rate=0.01, momentum=0.5),
        optimizers.Adagrad(learning_rate=0.1),
        optimizers.Adam(learning_rate=0.01, clipnorm=0.1),
    ],
    ids=["sgd-nesterov", "rmsprop-momentum", "adagrad", "adam-clipnorm"],
)
@pytest.mark.parametrize("epoch_max", [0, 10**9], ids=["vecdot-per-step", "squares-per-epoch"])
def test_update_ratio_is_the_step_taken_over_the_weights_before_it(
    monkeypatch, optimizer, epoch_max
):
    from core.diagnostics import StepRecorder

    monkeypatch.setattr(StepRecorder, "EPOCH_SQUARES_MAX", epoch_max)
    x, y = moons(32)
    model = Sequential(
        [Dense(4, input_dim=2, activation="relu"), Dense(1)], seed=3, dtype="float64"
    )
    model.compile(optimizer, "mse")
    before = model.get_weights()
    diag = model.fit(x, y.reshape(-1, 1), batch_size=32, epochs=1).diagnostics[0]
    after = model.get_weights()
    for layer_diag, k in zip(diag.layers, (0, 2), strict=True):
        moved = np.linalg.norm(after[k] - before[k])
        assert moved > 0
        assert layer_diag.update_ratio == pytest.approx(moved / np.linalg.norm(before[k]))
        assert layer_diag.weight_norm == pytest.approx(np.linalg.norm(after[k]))


@pytest.mark.parametrize("epoch_max", [0, 10**9], ids=["vecdot-per-step", "squares-per-epoch"])
def test_statistics_average_over_every_step_of_the_epoch(monkeypatch, epoch_max):
    from core.diagnostics import StepRecorder

    monkeypatch.setattr(StepRecorder, "EPOCH_SQUARES_MAX", epoch_max)
    x, y = moons(64)

    def model():
        m = Sequential(
            [Dense(6, input_dim=2, activation="tanh"), Dense(1)], seed=4, dtype="float64"
        )
        m.compile(optimizers.SGD(learning_rate=0.05), "mse")
        return m

    # the twin takes the same four steps one train_on_batch at a time: each step moved the
    # kernel by lr * its gradient
    twin, norms, ratios = model(), [], []
    for start in range(0, 64, 16):
        before = twin.get_weights()[0]
        twin.train_on_batch(x[start : start + 16], y[start : start + 16, None])
        moved = np.linalg.norm(twin.get_weights()[0] - before)
        norms.append(moved / 0.05)
        ratios.append(moved / np.linalg.norm(before))
    diag = model().fit(x, y[:, None], batch_size=16, shuffle=False).diagnostics[0]
    assert diag.layers[0].grad_norm_mean == pytest.approx(np.mean(norms), rel=1e-9)
    assert diag.layers[0].grad_norm_max == pytest.approx(max(norms), rel=1e-9)
    assert diag.layers[0].update_ratio == pytest.approx(np.mean(ratios), rel=1e-9)
