"""``load(name, ...)``: a named dataset, validated, split and scaled."""

from __future__ import annotations

import numpy as np
from sklearn.model_selection import train_test_split

from datasets import synthetic
from datasets.assemble import assemble
from datasets.bundled import load_bundled
from datasets.checks import check_knobs, is_integer, is_number
from datasets.dataset import Dataset
from datasets.errors import DatasetError
from datasets.registry import DATASETS, DatasetInfo
from datasets.splits import check_splittable, stage_seeds


def load(
    name: str,
    *,
    n_samples: int | None = None,
    noise: float | None = None,
    train_fraction: float = 1.0,
    label_noise: float = 0.0,
    seed: int = 0,
    **knobs: object,
) -> Dataset:
    """Load a named dataset as scaled 60/20/20 train/validation/test splits.

    The same arguments always give identical arrays.

    Parameters
    ----------
    name : str
        A key of :data:`datasets.DATASETS`.
    n_samples : int, optional
        Rows before splitting, within the dataset's ``[min_samples, max_samples]``; default
        ``default_samples``. For bundled data a smaller value draws a stratified subsample.
    noise : float, optional
        In ``[0, max_noise]``; default ``default_noise``. Only for datasets with ``has_noise``
        (others accept ``None`` or 0).
    train_fraction : float in (0, 1]
        Share of the training split to keep; validation and test are unchanged. Each class keeps
        at least one example.
    label_noise : float in [0, 0.5]
        Share of the kept training labels flipped to another class (classification only).
    seed : int >= 0
    **knobs
        Further keywords of the dataset's generator (:func:`datasets.synthetic.knobs`); ``None``
        means the generator's default.

    Returns
    -------
    Dataset

    Raises
    ------
    DatasetError
        A ``ValueError`` naming the parameter, the received value and the accepted range.
    """
    info = _info(name)
    n_samples, noise = _check_size_and_noise(info, n_samples, noise)
    check_knobs(train_fraction, label_noise, seed, regression=info.task == "regression", name=name)
    seeds = stage_seeds(seed)
    knobs = _check_knobs(info, knobs)
    if name in synthetic.GENERATORS:
        x, y = synthetic.GENERATORS[name](n_samples, noise, seeds["data"], **knobs)
        n_features = info.n_features
        features = ("x",) if n_features == 1 else tuple(f"x{i + 1}" for i in range(n_features))
        classes = tuple(str(c) for c in range(info.n_classes))
    else:
        x, y, features, classes = load_bundled(name)
        x, y = _subsample(x, y, n_samples, stratify=bool(classes), seed=seeds["data"])
    check_splittable(y, classes, field="n_samples")
    return assemble(
        name,
        x,
        y,
        feature_names=features,
        class_names=classes,
        train_fraction=train_fraction,
        label_noise=label_noise,
        seed=seed,
    )


def _info(name: object) -> DatasetInfo:
    if not isinstance(name, str) or name not in DATASETS:
        raise DatasetError(
            f"Unknown dataset: name={name!r}. Accepted: {', '.join(DATASETS)}.", field="name"
        )
    return DATASETS[name]


def _check_knobs(info: DatasetInfo, knobs: dict[str, object]) -> dict[str, object]:
    """The generator knobs that are set; one the generator does not take is refused."""
    accepted = synthetic.knobs(info.name)
    for knob, value in knobs.items():
        if value is not None and knob not in accepted:
            raise DatasetError(
                f"Received: {knob}={value!r} for {info.name!r}; accepted: None "
                f"({info.name!r} has no {knob} control).",
                field=knob,
            )
    return {knob: value for knob, value in knobs.items() if value is not None}


def _check_size_and_noise(info: DatasetInfo, n_samples: object, noise: object) -> tuple[int, float]:
    if n_samples is None:
        n_samples = info.default_samples
    lo, hi = info.min_samples, info.max_samples
    if not is_integer(n_samples) or not lo <= n_samples <= hi:
        raise DatasetError(
            f"Received: n_samples={n_samples!r} for {info.name!r}; "
            f"accepted: an integer from {lo} to {hi}.",
            field="n_samples",
        )
    if noise is None:
        noise = info.default_noise
    if not is_number(noise) or not (0.0 <= noise <= info.max_noise):
        accepted = (
            f"a number from 0 to {info.max_noise} ({info.noise_meaning})"
            if info.has_noise
            else f"None or 0 ({info.name!r} has no noise parameter)"
        )
        raise DatasetError(
            f"Received: noise={noise!r} for {info.name!r}; accepted: {accepted}.", field="noise"
        )
    return int(n_samples), float(noise)


def _subsample(
    x: np.ndarray, y: np.ndarray, n: int, *, stratify: bool, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` rows of a bundled dataset (stratified for classification); all rows when n is all."""
    if n >= len(y):
        return x, y
    rows, _ = train_test_split(
        np.arange(len(y)), train_size=n, stratify=y if stratify else None, random_state=seed
    )
    return x[rows], y[rows]
