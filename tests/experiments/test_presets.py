"""Lesson presets: every point of the tutorial is there, valid, and varies only its knob."""

from __future__ import annotations

import pytest

from experiments import ConfigError, ExperimentConfig, validate
from experiments.spec.presets import PRESETS, PRESETS_BY_KEY, Preset

DATA_FIELDS = ("dataset", "n_samples", "noise", "train_fraction", "label_noise", "data_seed")


def _differing(preset: Preset) -> set[str]:
    """Fields whose value is not the same in every variant."""
    dicts = [cfg.to_dict() for _, cfg in preset.variants]
    return {k for k in dicts[0] if len({repr(d[k]) for d in dicts}) > 1}


def _values(key: str, field: str) -> list:
    return [getattr(cfg, field) for _, cfg in PRESETS_BY_KEY[key].variants]


def test_the_eight_lessons_of_the_issue_are_there() -> None:
    assert set(PRESETS_BY_KEY) == {
        "vanishing", "init", "optimizers", "overfitting",
        "normalization", "batch", "clipping", "step",
    }  # fmt: skip
    assert len(PRESETS) == len(PRESETS_BY_KEY)


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.key)
def test_preset_is_valid_and_well_formed(preset: Preset) -> None:
    assert 2 <= len(preset.variants) <= 8
    labels = [label for label, _ in preset.variants]
    assert len(set(labels)) == len(labels)
    assert preset.title and preset.seed_section
    assert preset.explanation and "\n" not in preset.explanation
    for _, cfg in preset.variants:
        assert isinstance(cfg, ExperimentConfig)
        try:
            validate(cfg)
        except ConfigError as error:  # pragma: no cover - the assertion explains
            pytest.fail(f"{preset.key}: {error}")
    ids = [cfg.config_id for _, cfg in preset.variants]
    assert len(set(ids)) == len(ids), "two variants would train identically"


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.key)
def test_variants_share_data_and_seed(preset: Preset) -> None:
    assert not _differing(preset) & {*DATA_FIELDS, "seed", "epochs", "hidden_layers"}


def test_each_lesson_varies_its_knob() -> None:
    assert _differing(PRESETS_BY_KEY["vanishing"]) == {"activation"}
    assert set(_values("vanishing", "activation")) == {"sigmoid", "relu"}
    assert len(PRESETS_BY_KEY["vanishing"].base.hidden_layers) >= 5
    assert _differing(PRESETS_BY_KEY["init"]) == {"kernel_initializer"}
    assert {"glorot_uniform", "he_normal"} <= set(_values("init", "kernel_initializer"))
    assert set(_values("init", "activation")) == {"relu"}
    assert set(_values("optimizers", "optimizer")) == {"sgd", "adagrad", "rmsprop", "adam"}
    assert any(m > 0 for m in _values("optimizers", "momentum"))
    assert _differing(PRESETS_BY_KEY["overfitting"]) <= {
        "regularizer", "regularization_factor", "dropout"
    }  # fmt: skip
    assert PRESETS_BY_KEY["overfitting"].base.train_fraction < 0.5
    assert _differing(PRESETS_BY_KEY["normalization"]) == {"normalization"}
    assert set(_values("normalization", "normalization")) == {"none", "batch", "layer"}
    sizes = _values("batch", "batch_size")
    assert "full" in sizes and 1 in sizes and any(isinstance(s, int) and s > 1 for s in sizes)
    assert set(_values("clipping", "clipping")) == {"none", "clipnorm"}
    assert min(_values("clipping", "learning_rate")) >= 1.0
    assert set(_values("step", "activation")) == {"step", "sigmoid"}


def test_each_lesson_names_a_verdict_metric_that_exists() -> None:
    from experiments.results.run_metrics import RUN_METRICS

    assert all(p.verdict_metric in RUN_METRICS for p in PRESETS)
    # the overfitting lesson is about the final validation loss turning up, not the best one
    assert PRESETS_BY_KEY["overfitting"].verdict_metric == "final_val_loss"
    assert "validation loss turns back up" in PRESETS_BY_KEY["overfitting"].explanation
