"""What each named dataset is, and the ranges its controls accept.

The dashboard builds its widgets from :data:`DATASETS` and :func:`datasets.load` validates against
the same entries, so the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

TASKS = ("binary", "multiclass", "regression")


@dataclass(frozen=True)
class DatasetInfo:
    """Static description of one named dataset.

    Attributes
    ----------
    name : str
        Registry key, as passed to :func:`datasets.load`.
    title : str
        Human-readable name for a select box.
    task : {"binary", "multiclass", "regression"}
    n_features : int
        Width of ``x``.
    description : str
        One line for the dashboard.
    has_noise : bool
        Whether ``noise`` means anything for this dataset.
    n_classes : int
        Number of classes; 0 for regression.
    default_samples, min_samples, max_samples : int
        ``n_samples`` default and accepted range. For bundled data the maximum is the whole set
        and a smaller value draws a (stratified) subsample.
    default_noise, max_noise : float
        ``noise`` default and upper bound (the lower bound is 0); both 0 without noise.
    noise_meaning : str
        What the noise number is, e.g. "std of Gaussian jitter on x".
    """

    name: str
    title: str
    task: str
    n_features: int
    description: str
    has_noise: bool
    n_classes: int = 0
    default_samples: int = 500
    min_samples: int = 30
    max_samples: int = 5000
    default_noise: float = 0.0
    max_noise: float = 0.0
    noise_meaning: str = ""


def _synthetic(**fields: object) -> DatasetInfo:
    return DatasetInfo(has_noise=True, **fields)


def _bundled(n_rows: int, **fields: object) -> DatasetInfo:
    # The whole bundled set is the default and the maximum; fewer rows draw a subsample.
    return DatasetInfo(has_noise=False, default_samples=n_rows, max_samples=n_rows, **fields)


_JITTER = "standard deviation of Gaussian jitter added to each coordinate"

DATASETS: dict[str, DatasetInfo] = {
    "moons": _synthetic(
        name="moons",
        title="Two moons",
        task="binary",
        n_features=2,
        n_classes=2,
        description="Two interleaving half circles (scikit-learn make_moons).",
        default_noise=0.2,
        max_noise=0.5,
        noise_meaning=_JITTER,
    ),
    "circles": _synthetic(
        name="circles",
        title="Circles",
        task="binary",
        n_features=2,
        n_classes=2,
        description="A small circle inside a large one (make_circles, factor 0.5).",
        default_noise=0.1,
        max_noise=0.5,
        noise_meaning=_JITTER,
    ),
    "xor": _synthetic(
        name="xor",
        title="XOR",
        task="binary",
        n_features=2,
        n_classes=2,
        description="Four quadrants; the class is 1 where the signs of x1 and x2 differ.",
        default_noise=0.1,
        max_noise=0.5,
        noise_meaning=_JITTER,
    ),
    "blobs": _synthetic(
        name="blobs",
        title="Gaussian blobs",
        task="multiclass",
        n_features=2,
        n_classes=3,
        description="Three Gaussian clusters around fixed centres (make_blobs).",
        default_noise=1.0,
        max_noise=4.0,
        noise_meaning="standard deviation of each cluster (make_blobs cluster_std)",
    ),
    "spiral": _synthetic(
        name="spiral",
        title="Spiral",
        task="binary",
        n_features=2,
        n_classes=2,
        description="Two interleaved spiral arms, as in TensorFlow Playground.",
        default_noise=0.05,
        max_noise=0.3,
        noise_meaning=_JITTER + " (the radius is 1)",
    ),
    "iris": _bundled(
        150,
        name="iris",
        title="Iris",
        task="multiclass",
        n_features=4,
        n_classes=3,
        description="150 iris flowers, 4 measurements, 3 species (Fisher, 1936).",
    ),
    "wine": _bundled(
        178,
        name="wine",
        title="Wine",
        task="multiclass",
        n_features=13,
        n_classes=3,
        description="178 wines, 13 chemical measurements, 3 cultivars.",
    ),
    "breast_cancer": _bundled(
        569,
        name="breast_cancer",
        title="Breast cancer",
        task="binary",
        n_features=30,
        n_classes=2,
        description="569 tumours, 30 cell-nucleus features, malignant or benign.",
    ),
    "digits": _bundled(
        1797,
        name="digits",
        title="Digits (8x8)",
        task="multiclass",
        n_features=64,
        n_classes=10,
        min_samples=100,
        description="1,797 handwritten digits as 8x8 grey-level images, 10 classes.",
    ),
    "sine": _synthetic(
        name="sine",
        title="Noisy sine",
        task="regression",
        n_features=1,
        n_classes=0,
        description="y = sin(x) + noise for x uniform in [-pi, pi].",
        default_samples=300,
        default_noise=0.1,
        max_noise=1.0,
        noise_meaning="standard deviation of Gaussian noise added to y",
    ),
    "diabetes": _bundled(
        442,
        name="diabetes",
        title="Diabetes",
        task="regression",
        n_features=10,
        n_classes=0,
        description="442 patients, 10 baseline measurements, disease progression a year later.",
    ),
}
