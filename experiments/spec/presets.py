"""Lesson presets: each point of the tutorial as a ready-made comparison (data only, no UI).

Each preset is a base config and 2-8 labelled variants that differ from it in the knob the lesson
is about; data, seeds and everything else are shared, so the difference on the charts is that knob.
Epoch counts are kept small so a classroom sees every preset finish within seconds (each variant
trains in under a second here). The numbers in each explanation are means over model seeds 0, 1
and 2; ``tests/experiments/test_preset_outcomes.py`` checks them, seed by seed where they hold
for every seed.
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
    verdict_metric : str
        The run metric (``experiments.results.run_metrics.RUN_METRICS``) the explanation
        speaks of, which the page's verdicts compare by default.
    """

    key: str
    title: str
    explanation: str
    seed_section: str
    base: ExperimentConfig
    variants: tuple[tuple[str, ExperimentConfig], ...]
    verdict_metric: str = "best_val_loss"


# Every lesson trains model seeds 0, 1 and 2 (seed 0, three repeats): its explanation's numbers
# are their means, so the page shows the same means, with bands and verdicts over the seeds.
LESSON_SEEDS = 3


def _preset(
    key: str,
    title: str,
    explanation: str,
    seed_section: str,
    base: ExperimentConfig,
    changes: dict[str, dict[str, Any]],
    verdict_metric: str = "best_val_loss",
) -> Preset:
    base = dataclasses.replace(base, repeats=LESSON_SEEDS)
    variants = tuple((label, dataclasses.replace(base, **kw)) for label, kw in changes.items())
    return Preset(key, title, explanation, seed_section, base, variants, verdict_metric)


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
        "Six sigmoid layers shrink the gradient layer by layer: in epoch 1 the first layer gets "
        "under 1/1000 of the last layer's gradient (the heatmap's first rows go dark) and after 40 "
        "epochs validation accuracy is 0.50, chance; ReLU passes it through (first/last about 1) "
        "and reaches 0.95 (mean of 3 seeds).",
        "2) 3 (3)",
        _DEEP_SGD,
        {"sigmoid": {"activation": "sigmoid"}, "relu": {"activation": "relu"}},
    ),
    _preset(
        "init",
        "Glorot vs He initialization with ReLU",
        "He initialization keeps a deep ReLU net's signal at scale: in epoch 1 its gradients are "
        "about 20x Glorot's in every layer, and by epoch 10 its validation loss is 0.23 while "
        "Glorot's, shrunk a little per layer, is still 0.68 (chance: 0.69); after 60 epochs He "
        "reaches 0.93 validation accuracy, Glorot 0.89. A naive normal(0, 0.05) init starts "
        "silent (gradients ~1e-5), its last layer dies and it stays at 0.50 (mean of 3 seeds).",
        "6) 3",
        # Keras's default SGD rate; at 0.05 both inits ended at 0.94, at 0.01 Glorot's start lags.
        dataclasses.replace(_DEEP_SGD, hidden_layers=(32,) * 8, learning_rate=0.01, epochs=60),
        {
            "glorot_uniform": {"kernel_initializer": "glorot_uniform"},
            "he_normal": {"kernel_initializer": "he_normal"},
            "random_normal (naive)": {"kernel_initializer": "random_normal"},
        },
    ),
    _preset(
        "optimizers",
        "SGD vs momentum vs Adagrad vs RMSprop vs Adam",
        "Same network and data, Keras's default learning rates, 80 epochs: momentum, RMSprop and "
        "Adam reach validation loss 0.09, 0.14 and 0.14 (accuracy 0.96, 0.95, 0.95), plain SGD "
        "0.24 (0.89); Adagrad's small default rate leaves it behind at 0.48 (0.82) (mean of 3 "
        "seeds).",
        "4) 3",
        ExperimentConfig(**_MOONS, kernel_initializer="he_normal", epochs=80),
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
        "With 10% of the training data a wide net memorises it: its validation loss turns back "
        "up from 0.31 to 2.1 in 150 epochs and the gap (validation minus training loss) ends at "
        "2.1; L2 keeps the gap at 0.13 and dropout at 0.38, and both end at 0.86 validation "
        "accuracy against 0.81 (mean of 3 seeds).",
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
        # the lesson is the validation loss turning back up, which the best loss never shows
        verdict_metric="final_val_loss",
    ),
    _preset(
        "normalization",
        "None vs batch vs layer normalization",
        "The deep sigmoid net of the first lesson, with each layer's pre-activations normalized "
        "(before the activation, as the seed places it), trains again: after 120 epochs batch "
        "norm reaches 0.95 validation accuracy (loss 0.10), layer norm 0.91 (loss 0.23), and "
        "without normalization it stays at 0.50 (mean of 3 seeds).",
        "6) 4, 6) 5",
        # 40 epochs (the first lesson's) leave layer norm at chance for some seeds; 120 show both.
        dataclasses.replace(_DEEP_SGD, activation="sigmoid", epochs=120),
        {
            "no normalization": {"normalization": "none"},
            "batch normalization": {"normalization": "batch"},
            "layer normalization": {"normalization": "layer"},
        },
    ),
    _preset(
        "batch",
        "Full batch vs SGD vs mini-batch",
        "Watch iterations per epoch: full batch (1) is smooth but slow, validation loss 0.38 "
        "after 30 epochs; SGD (batch 1, 300) gets furthest, 0.10, but its curve jitters (it "
        "climbs back 0.36 in all); mini-batches of 32 (10) sit in between, 0.21, as smooth as "
        "full batch (mean of 3 seeds).",
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
        "At learning rate 2.5 one huge gradient blows plain SGD up in every seed (diverged at "
        "epoch 1, 19 and 1: its curves stop there); clipping each gradient's norm to 1 bounds "
        "every step (3 to 10 steps clipped), so it survives and reaches 0.96 validation accuracy "
        "(mean of 3 seeds).",
        "6) 2",
        ExperimentConfig(
            **_MOONS,
            hidden_layers=(32, 32, 32),
            kernel_initializer="he_normal",
            optimizer="sgd",
            # at 2.0 one seed in three survived unclipped; at 3.0 clipping itself starts to fail
            learning_rate=2.5,
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
        "stays empty): only the output layer learns, on fixed features, and it stays at 0.88 "
        "validation accuracy; the sigmoid net learns both layers and reaches 0.96 after 300 "
        "epochs (mean of 3 seeds).",
        "2) 3",
        ExperimentConfig(
            **_MOONS, hidden_layers=(16,), optimizer="sgd", learning_rate=0.5, epochs=300
        ),
        {"step": {"activation": "step"}, "sigmoid": {"activation": "sigmoid"}},
    ),
)

PRESETS_BY_KEY: dict[str, Preset] = {preset.key: preset for preset in PRESETS}
