"""Weight initializers, by Keras name, with Keras 3 defaults.

Variance scaling (Glorot/Xavier, He, LeCun) draws with variance ``scale / n``, where ``n`` is
fan_in, fan_out or their mean: uniform on ``[-limit, limit]`` with ``limit = sqrt(3 scale / n)``
(Glorot uniform: ``sqrt(6 / (fan_in + fan_out))``, the seed's section 6-3), or a normal truncated at
two standard deviations whose stddev is ``sqrt(scale / n) / 0.8796...`` so the kept variance is
``scale / n`` (Keras's correction).
"""

from __future__ import annotations

import math

import numpy as np

from core.registry import unknown_name

# stddev of a standard normal truncated to [-2, 2]
_TRUNCATED_STD = 0.87962566103423978


def _fans(shape: tuple[int, ...]) -> tuple[int, int]:
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    return shape[-2], shape[-1]


def truncated_normal(
    shape: tuple[int, ...], stddev: float, rng: np.random.Generator, mean: float = 0.0
) -> np.ndarray:
    """Normal samples (``shape``) redrawn until they lie within two standard deviations."""
    out = rng.standard_normal(shape)
    bad = np.abs(out) > 2.0
    while bad.any():
        out[bad] = rng.standard_normal(int(bad.sum()))
        bad = np.abs(out) > 2.0
    return mean + stddev * out


class Initializer:
    """Base class: ``init(shape, rng, dtype) -> ndarray`` of that shape."""

    def __call__(
        self, shape: tuple[int, ...], rng: np.random.Generator, dtype: str = "float32"
    ) -> np.ndarray:
        return self.init(shape, rng, dtype)

    def init(
        self, shape: tuple[int, ...], rng: np.random.Generator, dtype: str = "float32"
    ) -> np.ndarray:
        """Draw an array of ``shape`` and ``dtype`` using ``rng``."""
        return self._draw(tuple(shape), rng).astype(dtype)

    def _draw(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        raise NotImplementedError


class Zeros(Initializer):
    """All zeros."""

    def _draw(self, shape, rng):
        return np.zeros(shape)


class Ones(Initializer):
    """All ones."""

    def _draw(self, shape, rng):
        return np.ones(shape)


class Constant(Initializer):
    """Every entry equal to ``value``."""

    def __init__(self, value: float = 0.0) -> None:
        self.value = float(value)

    def _draw(self, shape, rng):
        return np.full(shape, self.value)


class RandomNormal(Initializer):
    """Normal(mean, stddev); Keras's naive default stddev 0.05."""

    def __init__(self, mean: float = 0.0, stddev: float = 0.05) -> None:
        self.mean, self.stddev = float(mean), float(stddev)

    def _draw(self, shape, rng):
        return rng.normal(self.mean, self.stddev, shape)


class RandomUniform(Initializer):
    """Uniform(minval, maxval); Keras's naive default [-0.05, 0.05]."""

    def __init__(self, minval: float = -0.05, maxval: float = 0.05) -> None:
        self.minval, self.maxval = float(minval), float(maxval)

    def _draw(self, shape, rng):
        return rng.uniform(self.minval, self.maxval, shape)


class VarianceScaling(Initializer):
    """Variance ``scale / n`` with ``n`` from ``mode``; see the module docstring for the draws."""

    def __init__(
        self, scale: float = 1.0, mode: str = "fan_in", distribution: str = "truncated_normal"
    ) -> None:
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise ValueError(f"Received: mode={mode!r}. Accepted: fan_in, fan_out, fan_avg")
        if distribution not in ("truncated_normal", "uniform"):
            raise ValueError(
                f"Received: distribution={distribution!r}. Accepted: truncated_normal, uniform"
            )
        self.scale, self.mode, self.distribution = float(scale), mode, distribution

    def _draw(self, shape, rng):
        fan_in, fan_out = _fans(shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[self.mode]
        variance = self.scale / max(1.0, n)
        if self.distribution == "uniform":
            limit = math.sqrt(3.0 * variance)
            return rng.uniform(-limit, limit, shape)
        return truncated_normal(shape, math.sqrt(variance) / _TRUNCATED_STD, rng)


class GlorotUniform(VarianceScaling):
    """Xavier uniform: limit ``sqrt(6 / (fan_in + fan_out))``."""

    def __init__(self) -> None:
        super().__init__(1.0, "fan_avg", "uniform")


class GlorotNormal(VarianceScaling):
    """Xavier normal: variance ``2 / (fan_in + fan_out)``, truncated."""

    def __init__(self) -> None:
        super().__init__(1.0, "fan_avg", "truncated_normal")


class HeUniform(VarianceScaling):
    """He uniform: limit ``sqrt(6 / fan_in)``."""

    def __init__(self) -> None:
        super().__init__(2.0, "fan_in", "uniform")


class HeNormal(VarianceScaling):
    """He normal: variance ``2 / fan_in``, truncated."""

    def __init__(self) -> None:
        super().__init__(2.0, "fan_in", "truncated_normal")


class LecunNormal(VarianceScaling):
    """LeCun normal: variance ``1 / fan_in``, truncated (pairs with selu)."""

    def __init__(self) -> None:
        super().__init__(1.0, "fan_in", "truncated_normal")


def get(identifier: str | Initializer) -> Initializer:
    """Return an initializer instance for a Keras name or pass an instance through."""
    if isinstance(identifier, Initializer):
        return identifier
    if isinstance(identifier, str) and identifier in INITIALIZERS:
        return INITIALIZERS[identifier]()
    raise unknown_name("initializer", identifier, INITIALIZERS)


INITIALIZERS: dict[str, type[Initializer]] = {
    "zeros": Zeros,
    "ones": Ones,
    "random_normal": RandomNormal,
    "random_uniform": RandomUniform,
    "glorot_uniform": GlorotUniform,
    "glorot_normal": GlorotNormal,
    "xavier_uniform": GlorotUniform,
    "xavier_normal": GlorotNormal,
    "he_uniform": HeUniform,
    "he_normal": HeNormal,
    "lecun_normal": LecunNormal,
}
