"""Each optimizer against a two-step hand calculation of Keras 3's update rule, with and without
each clipping mode. Expected values are computed here with plain Python floats."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core import optimizers
from core.clipping import Clipper
from core.flat import FlatParams

# two variables, so per-variable clipnorm and global_clipnorm differ
W0 = [[0.5, -1.0, 2.0], [0.3, -0.7]]
GRADS = [[[0.2, -0.5, 1.5], [3.0, -0.1]], [[-0.4, 0.25, 0.9], [1.0, 2.0]]]
LR = 0.1


class _Var:
    def __init__(self, values):
        self.params = {"kernel": np.array(values, dtype=np.float64)}
        self.grads = {"kernel": np.zeros(len(values))}


def run_core(opt, clip, bound=False):
    """Two steps; ``bound``: the optimizer writes its step into the flat buffer, as in ``fit``."""
    flat = FlatParams([_Var(w) for w in W0], np.dtype("float64"))
    clipper = Clipper(flat, **clip)
    if bound:
        opt.bind_step_buffer(flat.d)
    for grads in GRADS:
        flat.g[:] = np.concatenate(grads)
        if clipper.active:
            clipper()
        before = flat.w.copy()
        opt.apply(flat.w, flat.g)
        if bound:
            np.testing.assert_allclose(flat.d, before - flat.w, rtol=1e-12, atol=1e-15)
    return flat.w


def hand_clip(grads, clip):
    """Keras 3 clipping of a list of variables' gradients, in Python floats."""
    if "clipvalue" in clip:
        v = clip["clipvalue"]
        return [[min(max(x, -v), v) for x in g] for g in grads]
    if "clipnorm" in clip:
        c = clip["clipnorm"]
        return [[x * c / max(math.sqrt(sum(y * y for y in g)), c) for x in g] for g in grads]
    if "global_clipnorm" in clip:
        c = clip["global_clipnorm"]
        norm = math.sqrt(sum(x * x for g in grads for x in g))
        return [[x * c / max(norm, c) for x in g] for g in grads]
    return grads


def hand(rule, clip):
    """Apply ``rule(w, g, slots, t) -> w`` elementwise for two steps."""
    ws = [x for w in W0 for x in w]
    slots = [{} for _ in ws]
    for t, grads in enumerate(GRADS, start=1):
        g = [x for gv in hand_clip(grads, clip) for x in gv]
        ws = [rule(w, gi, s, t) for w, gi, s in zip(ws, g, slots, strict=True)]
    return ws


def sgd(momentum=0.0, nesterov=False):
    def rule(w, g, s, t):
        if not momentum:
            return w - LR * g
        s["m"] = momentum * s.get("m", 0.0) - LR * g
        return w + momentum * s["m"] - LR * g if nesterov else w + s["m"]

    return rule


def adagrad(init=0.1, eps=1e-7):
    def rule(w, g, s, t):
        s["a"] = s.get("a", init) + g * g
        return w - LR * g / math.sqrt(s["a"] + eps)

    return rule


def rmsprop(rho=0.9, momentum=0.0, eps=1e-7, centered=False):
    def rule(w, g, s, t):
        s["v"] = rho * s.get("v", 0.0) + (1 - rho) * g * g
        denom = s["v"]
        if centered:
            s["mg"] = rho * s.get("mg", 0.0) + (1 - rho) * g
            denom = s["v"] - s["mg"] ** 2
        inc = LR * g / math.sqrt(denom + eps)
        if momentum:
            s["m"] = momentum * s.get("m", 0.0) + inc
            inc = s["m"]
        return w - inc

    return rule


def adam(b1=0.9, b2=0.999, eps=1e-7, amsgrad=False):
    def rule(w, g, s, t):
        s["m"] = s.get("m", 0.0) + (g - s.get("m", 0.0)) * (1 - b1)
        s["v"] = s.get("v", 0.0) + (g * g - s.get("v", 0.0)) * (1 - b2)
        v = s["v"]
        if amsgrad:
            s["vhat"] = max(s.get("vhat", 0.0), s["v"])
            v = s["vhat"]
        alpha = LR * math.sqrt(1 - b2**t) / (1 - b1**t)
        return w - alpha * s["m"] / (math.sqrt(v) + eps)

    return rule


CASES = {
    "sgd": (lambda **c: optimizers.SGD(learning_rate=LR, **c), sgd()),
    "sgd_momentum": (lambda **c: optimizers.SGD(LR, momentum=0.9, **c), sgd(0.9)),
    "sgd_nesterov": (lambda **c: optimizers.SGD(LR, 0.9, nesterov=True, **c), sgd(0.9, True)),
    "adagrad": (lambda **c: optimizers.Adagrad(learning_rate=LR, **c), adagrad()),
    "rmsprop": (lambda **c: optimizers.RMSprop(learning_rate=LR, **c), rmsprop()),
    "rmsprop_centered_momentum": (
        lambda **c: optimizers.RMSprop(LR, momentum=0.5, centered=True, **c),
        rmsprop(momentum=0.5, centered=True),
    ),
    "adam": (lambda **c: optimizers.Adam(learning_rate=LR, **c), adam()),
    "adam_amsgrad": (lambda **c: optimizers.Adam(LR, amsgrad=True, **c), adam(amsgrad=True)),
}
CLIPS = {
    "none": {},
    "clipnorm": {"clipnorm": 1.0},
    "global_clipnorm": {"global_clipnorm": 1.0},
    "clipvalue": {"clipvalue": 0.3},
}


@pytest.mark.parametrize("bound", [False, True], ids=["own-buffers", "flat-buffer"])
@pytest.mark.parametrize("clip_name", CLIPS)
@pytest.mark.parametrize("case", CASES)
def test_two_steps_match_hand_calculation(case, clip_name, bound):
    make, rule = CASES[case]
    clip = CLIPS[clip_name]
    result = run_core(make(**clip), clip, bound)
    np.testing.assert_allclose(result, hand(rule, clip), rtol=1e-12)


def test_clipping_modes_really_change_the_result():
    _, rule = CASES["sgd"]
    plain = hand(rule, {})
    for clip in list(CLIPS.values())[1:]:
        assert not np.allclose(hand(rule, clip), plain)


def test_keras_defaults_and_lr_alias():
    adam = optimizers.get("adam")
    assert (adam.learning_rate, adam.beta_1, adam.beta_2, adam.epsilon) == (0.001, 0.9, 0.999, 1e-7)
    assert optimizers.SGD().learning_rate == 0.01
    assert optimizers.Adagrad().initial_accumulator_value == 0.1
    assert optimizers.RMSprop().rho == 0.9
    seed_style = optimizers.Adam(lr=0.002, beta_1=0.9, beta_2=0.999, epsilon=None, decay=0.0)
    assert (seed_style.learning_rate, seed_style.epsilon) == (0.002, 1e-7)
    assert optimizers.get("sgd", learning_rate=0.5).learning_rate == 0.5


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: optimizers.Adam(decay=0.01), "decay"),
        (lambda: optimizers.SGD(learning_rate=-1), "learning_rate"),
        (lambda: optimizers.Adam(beta_1=1.0), "beta_1"),
        (lambda: optimizers.SGD(clipnorm=1.0, clipvalue=0.5), "clipnorm"),
        (lambda: optimizers.SGD(clipnorm=0.0), "clipnorm"),
        (lambda: optimizers.get("adamw"), "optimizer"),
        (lambda: optimizers.SGD(foo=1), "foo"),
    ],
)
def test_bad_hyperparameters_name_the_field(make, field):
    with pytest.raises(ValueError, match=field):
        make()


def test_unknown_optimizer_lists_valid_names():
    with pytest.raises(ValueError, match="adagrad, adam, rmsprop, sgd"):
        optimizers.get("nadam")
