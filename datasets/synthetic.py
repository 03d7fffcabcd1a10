"""Generators for the 2-D toy problems and the noisy sine.

Each returns ``(x, y)`` with ``x`` float64 ``(n, d)`` and ``y`` int64 labels ``(n,)`` (float64
``(n,)`` for the sine). scikit-learn's generators take an integer seed; the numpy ones take a
``np.random.Generator`` made from that same integer, never the global state.

Beside each generator, :data:`KERAS_RECIPES` holds the same recipe as the lines a Keras script
runs (built from the same constants; a test executes them against the generators), with
``{n}``, ``{noise}``, ``{seed}`` and any further keyword of the generator as placeholders.
A generator's keywords after ``seed`` are data knobs: :func:`datasets.load` passes them through.
"""

from __future__ import annotations

import inspect

import numpy as np
from sklearn.datasets import make_blobs, make_circles, make_moons

# Fixed centres keep the difficulty a function of `noise` alone (make_blobs would draw new,
# sometimes overlapping, centres for every seed).
BLOB_CENTERS = np.array([[-3.0, -2.0], [3.0, -2.0], [0.0, 3.0]])
# Points this close to an axis would sit on the XOR decision boundary even without noise.
XOR_MARGIN = 0.05
SPIRAL_TURNS = 1.75
CIRCLES_FACTOR = 0.5  # inner radius over outer


def moons(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles; ``noise`` is Gaussian std on x. Shapes ``(n, 2), (n,)``."""
    x, y = make_moons(n_samples=n, noise=noise, random_state=seed)
    return x.astype(np.float64), y.astype(np.int64)


def circles(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Inner circle (class 1, radius 0.5) inside an outer one (class 0). Shapes ``(n, 2), (n,)``."""
    x, y = make_circles(n_samples=n, noise=noise, factor=CIRCLES_FACTOR, random_state=seed)
    return x.astype(np.float64), y.astype(np.int64)


def blobs(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Three clusters with std ``noise`` around :data:`BLOB_CENTERS`. Shapes ``(n, 2), (n,)``."""
    x, y = make_blobs(n_samples=n, centers=BLOB_CENTERS, cluster_std=noise, random_state=seed)
    return x.astype(np.float64), y.astype(np.int64)


def xor(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Uniform points in the four quadrants of [-1, 1]^2, labelled 1 where the signs differ.

    Half the points (rounded down) are class 1, so the classes stay balanced at any ``n``. The
    label comes from the clean point; ``noise`` (Gaussian std) then moves the features.

    Returns
    -------
    x : ndarray of shape (n, 2)
    y : ndarray of shape (n,)
    """
    rng = np.random.default_rng(seed)
    y = _balanced_labels(n, rng)
    magnitude = rng.uniform(XOR_MARGIN, 1.0, size=(n, 2))
    sign_1 = rng.choice([-1.0, 1.0], size=n)
    sign_2 = np.where(y == 1, -sign_1, sign_1)
    x = magnitude * np.column_stack([sign_1, sign_2])
    return x + rng.normal(0.0, noise, size=x.shape), y


def spiral(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two spiral arms of radius 1, half a turn apart, as in TensorFlow Playground.

    A point at fraction ``u`` along its arm has radius ``u`` and angle
    ``2 pi * 1.75 * u + pi * label``; ``noise`` is the Gaussian std added to both coordinates.

    Returns
    -------
    x : ndarray of shape (n, 2)
    y : ndarray of shape (n,)
    """
    rng = np.random.default_rng(seed)
    y = _balanced_labels(n, rng)
    u = rng.uniform(0.0, 1.0, size=n)
    angle = 2.0 * np.pi * SPIRAL_TURNS * u + np.pi * y
    x = np.column_stack([u * np.sin(angle), u * np.cos(angle)])
    return x + rng.normal(0.0, noise, size=x.shape), y


def _balanced_labels(n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` shuffled 0/1 labels, ``n // 2`` of them 1: balanced classes at any ``n``."""
    y = np.zeros(n, dtype=np.int64)
    y[: n // 2] = 1
    rng.shuffle(y)
    return y


def sine(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``y = sin(x) + N(0, noise^2)`` for ``x`` uniform in [-pi, pi]. Shapes ``(n, 1), (n,)``."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-np.pi, np.pi, size=(n, 1))
    return x, np.sin(x[:, 0]) + rng.normal(0.0, noise, size=n)


_TWO_ARMS = "y = np.zeros(n, dtype=int)\ny[: n // 2] = 1\nrng.shuffle(y)\n"
_CENTERS = [list(map(float, row)) for row in BLOB_CENTERS]
KERAS_RECIPES: dict[str, str] = {
    "moons": "from sklearn.datasets import make_moons\n"
    "x, y = make_moons(n_samples={n}, noise={noise}, random_state={seed})",
    "circles": "from sklearn.datasets import make_circles\n"
    f"x, y = make_circles(n_samples={{n}}, noise={{noise}}, factor={CIRCLES_FACTOR}, "
    "random_state={seed})",
    "blobs": "from sklearn.datasets import make_blobs\n"
    f"centers = {_CENTERS}\n"
    "x, y = make_blobs(n_samples={n}, centers=centers, cluster_std={noise}, random_state={seed})",
    "xor": "rng, n = np.random.default_rng({seed}), {n}\n"
    + _TWO_ARMS
    + f"magnitude = rng.uniform({XOR_MARGIN}, 1.0, size=(n, 2))\n"
    "sign = rng.choice([-1.0, 1.0], size=n)\n"
    "x = magnitude * np.column_stack([sign, np.where(y == 1, -sign, sign)])\n"
    "x = x + rng.normal(0.0, {noise}, size=x.shape)",
    "spiral": "rng, n = np.random.default_rng({seed}), {n}\n"
    + _TWO_ARMS
    + "u = rng.uniform(0.0, 1.0, size=n)\n"
    f"angle = 2 * np.pi * {SPIRAL_TURNS} * u + np.pi * y\n"
    "x = np.column_stack([u * np.sin(angle), u * np.cos(angle)])\n"
    "x = x + rng.normal(0.0, {noise}, size=x.shape)",
    "sine": "rng = np.random.default_rng({seed})\nx = rng.uniform(-np.pi, np.pi, size=({n}, 1))\n"
    "y = np.sin(x[:, 0]) + rng.normal(0.0, {noise}, size={n})",
}
GENERATORS = {"moons": moons, "circles": circles, "xor": xor, "blobs": blobs, "spiral": spiral,
              "sine": sine}  # fmt: skip


def knobs(name: str) -> dict[str, object]:
    """The generator's data knobs (its keywords after ``seed``) with their defaults."""
    if name not in GENERATORS:
        return {}
    parameters = list(inspect.signature(GENERATORS[name]).parameters.values())[3:]
    return {p.name: p.default for p in parameters}
