"""Lesson presets: each point of the tutorial as a ready-made comparison (data only, no UI).

Each preset is a base config and 2-8 labelled variants that differ from it in the knob the lesson
is about; data, seeds and everything else are shared, so the difference on the charts is that knob.
Epoch counts are kept small so a classroom sees every preset finish within seconds.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from experiments.spec.config import ExperimentConfig


@dataclass(frozen=True)
class Preset:
    """A lesson: what to compare and why.

    Parameters
    ----------
    key : str
        Stable identifier (used in links and tests).
    title : str
        Short name for the preset picker.
    explanation : str
        One line saying what the learner should see.
    seed_section : str
        The tutorial section it reproduces, e.g. ``"4) 3"``.
    base : ExperimentConfig
        Settings shared by every variant.
    variants : tuple of (str, ExperimentConfig)
        Label and config of each variant, in display order.
    """

    key: str
    title: str
    explanation: str
    seed_section: str
    base: ExperimentConfig
    variants: tuple[tuple[str, ExperimentConfig], ...]


def _preset(
    key: str,
    title: str,
    explanation: str,
    seed_section: str,
    base: ExperimentConfig,
    changes: dict[str, dict[str, Any]],
) -> Preset:
    variants = tuple((label, dataclasses.replace(base, **kw)) for label, kw in changes.items())
    return Preset(key, title, explanation, seed_section, base, variants)


_MOONS = {"dataset": "moons", "noise": 0.2, "data_seed": 0, "seed": 0}
# Deep enough that sigmoid's 0.25 slope bound compounds (0.25**6 ~ 2e-4); plain SGD, because
# Adam's per-parameter scaling would hide the small gradients.
_DEEP_SGD = ExperimentConfig(
    **_MOONS, hidden_layers=(16,) * 6, optimizer="sgd", learning_rate=0.1, epochs=40
)

PRESETS: tuple[Preset, ...] = (
    _preset(
        "vanishing",
        "Sigmoid vs ReLU in a deep net",
        "Six sigmoid layers shrink the gradient layer by layer (the heatmap's first rows go dark) "
        "and the net barely learns; ReLU passes it through.",
        "2) 3 (3)",
        _DEEP_SGD,
        {"sigmoid": {"activation": "sigmoid"}, "relu": {"activation": "relu"}},
    ),
    _preset(
        "init",
        "Glorot vs He initialization with ReLU",
        "He initialization keeps a deep ReLU net's signal at the right scale, Glorot shrinks it a "
        "little per layer, and a naive normal(0, 0.05) init starts almost silent.",
        "6) 3",
        dataclasses.replace(_DEEP_SGD, hidden_layers=(32,) * 8, learning_rate=0.05),
        {
            "glorot_uniform": {"kernel_initializer": "glorot_uniform"},
            "he_normal": {"kernel_initializer": "he_normal"},
            "random_normal (naive)": {"kernel_initializer": "random_normal"},
        },
    ),
    _preset(
        "optimizers",
        "SGD vs momentum vs Adagrad vs RMSprop vs Adam",
        "Same network and data, Keras's default learning rates: momentum, RMSprop and Adam get "
        "further than plain SGD in 40 epochs; Adagrad's small default rate leaves it behind.",
        "4) 3",
        ExperimentConfig(**_MOONS, kernel_initializer="he_normal", epochs=40),
        {
            "SGD": {"optimizer": "sgd"},
            "SGD + momentum 0.9": {"optimizer": "sgd", "momentum": 0.9},
            "Adagrad": {"optimizer": "adagrad"},
            "RMSprop": {"optimizer": "rmsprop"},
            "Adam": {"optimizer": "adam"},
        },
    ),
    _preset(
        "overfitting",
        "No regularization vs L2 vs dropout on a small training set",
        "With 10% of the training data a wide net memorises it: the validation loss turns back "
        "up and the gap widens; L2 and dropout keep the gap small.",
        "5)",
        ExperimentConfig(
            dataset="moons",
            noise=0.35,
            train_fraction=0.1,
            hidden_layers=(128, 128),
            kernel_initializer="he_uniform",
            learning_rate=0.01,
            epochs=150,
            seed=0,
        ),
        {
            "no regularization": {},
            "L2 (0.01)": {"regularizer": "l2", "regularization_factor": 0.01},
            "dropout 0.5": {"dropout": 0.5},
        },
    ),
    _preset(
        "normalization",
        "None vs batch vs layer normalization",
        "The deep sigmoid net of the first lesson, with each layer's pre-activations normalized "
        "(before the activation, as the seed places it): it trains again, batch norm fastest.",
        "6) 4, 6) 5",
        dataclasses.replace(_DEEP_SGD, activation="sigmoid"),
        {
            "no normalization": {"normalization": "none"},
            "batch normalization": {"normalization": "batch"},
            "layer normalization": {"normalization": "layer"},
        },
    ),
    _preset(
        "batch",
        "Full batch vs SGD vs mini-batch",
        "One update per epoch (full batch) is smooth but slow; one per sample (SGD) is fast but "
        "noisy; mini-batches of 32 sit in between. Watch iterations per epoch.",
        "4) 2",
        ExperimentConfig(
            **_MOONS, kernel_initializer="he_normal", optimizer="sgd", learning_rate=0.05, epochs=30
        ),
        {
            "full batch": {"batch_size": "full"},
            "SGD (batch 1)": {"batch_size": 1},
            "mini-batch 32": {"batch_size": 32},
        },
    ),
    _preset(
        "clipping",
        "Gradient clipping off vs on at a high learning rate",
        "At learning rate 2 plain SGD learns, then one huge gradient blows it up (diverged: its "
        "curves stop there); clipping each gradient's norm to 1 bounds every step, so it survives.",
        "6) 2",
        ExperimentConfig(
            **_MOONS,
            hidden_layers=(32, 32, 32),
            kernel_initializer="he_normal",
            optimizer="sgd",
            learning_rate=2.0,
            epochs=30,
        ),
        {
            "no clipping": {"clipping": "none"},
            "clipnorm 1.0": {"clipping": "clipnorm", "clip_threshold": 1.0},
        },
    ),
    _preset(
        "step",
        "Step vs sigmoid (why a step cannot be trained)",
        "The step's derivative is zero, so no gradient reaches the hidden layer (its heatmap row "
        "stays empty): only the output layer learns, on fixed features, and the sigmoid net wins.",
        "2) 3",
        ExperimentConfig(
            **_MOONS, hidden_layers=(16,), optimizer="sgd", learning_rate=0.5, epochs=40
        ),
        {"step": {"activation": "step"}, "sigmoid": {"activation": "sigmoid"}},
    ),
)

PRESETS_BY_KEY: dict[str, Preset] = {preset.key: preset for preset in PRESETS}
