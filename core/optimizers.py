"""Optimizers with Keras 3's update rules and defaults, updating one flat parameter vector in place.

Every trainable parameter of a model is a view into one contiguous vector ``w`` (and its gradient
into ``g``), so each rule below is a handful of vectorised calls whatever the depth. Clipping
(``clipnorm``, ``clipvalue``, ``global_clipnorm``) is stored here, as Keras's API has it, but
applied once by the training step before ``apply`` (see ``core.training``). ``lr=`` is accepted
as an alias of ``learning_rate`` and ``decay=0.0`` for the seed's Keras 2 code.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np


def _check(field: str, value: float, low: float, high: float, high_open: bool = False) -> float:
    value = float(value)
    ok = math.isfinite(value) and low <= value and (value < high if high_open else value <= high)
    if not ok:
        bracket = ")" if high_open else "]"
        raise ValueError(
            f"Received: {field}={value!r}. Accepted: a number in [{low}, {high}{bracket}"
        )
    return value


class Optimizer:
    """Base: hyperparameter checks, clipping settings, slots and the step counter."""

    def __init__(self, learning_rate: float, **kwargs: Any) -> None:
        if "lr" in kwargs:
            learning_rate = kwargs.pop("lr")
        decay = kwargs.pop("decay", 0.0)
        if decay:
            raise ValueError(
                f"Received: decay={decay!r}. Accepted: 0.0 only; Keras 3 removed 'decay', "
                "use a smaller learning_rate instead"
            )
        clips = {k: kwargs.pop(k, None) for k in ("clipnorm", "clipvalue", "global_clipnorm")}
        kwargs.pop("name", None)
        if kwargs:
            raise ValueError(
                f"{type(self).__name__}: Received: unknown arguments {sorted(kwargs)}. Accepted: "
                "learning_rate (or lr), clipnorm, clipvalue, global_clipnorm and its own "
                "hyperparameters"
            )
        set_clips = [k for k, v in clips.items() if v is not None]
        if len(set_clips) > 1:
            raise ValueError(
                f"Received: {', '.join(f'{k}={clips[k]!r}' for k in set_clips)}. "
                "Accepted: at most one of clipnorm, clipvalue, global_clipnorm (as in Keras)"
            )
        for k in set_clips:
            _check(k, clips[k], 1e-12, math.inf)
        self.clipnorm = clips["clipnorm"]
        self.clipvalue = clips["clipvalue"]
        self.global_clipnorm = clips["global_clipnorm"]
        self.learning_rate = _check("learning_rate", learning_rate, 0.0, math.inf)
        self.iterations = 0
        self._built_size = -1

    def build(self, w: np.ndarray) -> None:
        """Create zeroed slots shaped like the flat parameter vector ``w`` (n,)."""
        self._tmp = np.zeros_like(w)
        self._build_slots(w)
        self._built_size = w.size

    def _build_slots(self, w: np.ndarray) -> None:
        pass

    def apply(self, w: np.ndarray, g: np.ndarray) -> None:
        """One update of ``w`` (n,) in place from the (already clipped) gradient ``g`` (n,)."""
        if self._built_size != w.size:
            self.build(w)
        self.iterations += 1
        self._update(w, g)

    def _update(self, w: np.ndarray, g: np.ndarray) -> None:
        raise NotImplementedError

    def get_config(self) -> dict[str, Any]:
        """Hyperparameters by Keras name."""
        skip = {"iterations"}
        return {k: v for k, v in vars(self).items() if not k.startswith("_") and k not in skip}


class SGD(Optimizer):
    """Gradient descent, optionally with (Nesterov) momentum.

    ``w <- w - lr * g``; with momentum: ``m <- momentum * m - lr * g``, then ``w <- w + m``, or with
    Nesterov ``w <- w + momentum * m - lr * g``.
    """

    def __init__(
        self, learning_rate: float = 0.01, momentum: float = 0.0, nesterov: bool = False, **kwargs
    ) -> None:
        super().__init__(learning_rate, **kwargs)
        self.momentum = _check("momentum", momentum, 0.0, 1.0)
        self.nesterov = bool(nesterov)

    def _build_slots(self, w):
        self._m = np.zeros_like(w)

    def _update(self, w, g):
        lr_g = np.multiply(g, self.learning_rate, out=self._tmp)
        if not self.momentum:
            w -= lr_g
            return
        self._m *= self.momentum
        self._m -= lr_g
        if self.nesterov:
            w -= lr_g
            w += self.momentum * self._m
        else:
            w += self._m


class Adagrad(Optimizer):
    """Per-coordinate steps shrinking with the summed squared gradient.

    ``a <- a + g^2``; ``w <- w - lr * g / sqrt(a + epsilon)``.
    Reference: Duchi, Hazan and Singer (2011).
    """

    def __init__(
        self,
        learning_rate: float = 0.001,
        initial_accumulator_value: float = 0.1,
        epsilon: float | None = 1e-7,
        **kwargs,
    ) -> None:
        super().__init__(learning_rate, **kwargs)
        self.initial_accumulator_value = _check(
            "initial_accumulator_value", initial_accumulator_value, 0.0, math.inf
        )
        self.epsilon = _check("epsilon", 1e-7 if epsilon is None else epsilon, 0.0, math.inf)

    def _build_slots(self, w):
        self._a = np.full_like(w, self.initial_accumulator_value)

    def _update(self, w, g):
        t = np.square(g, out=self._tmp)
        self._a += t
        np.add(self._a, self.epsilon, out=t)
        np.sqrt(t, out=t)
        np.divide(g, t, out=t)
        t *= self.learning_rate
        w -= t


class RMSprop(Optimizer):
    """Steps scaled by a moving average of squared gradients.

    ``v <- rho v + (1 - rho) g^2``; centered: ``mg <- rho mg + (1 - rho) g``, ``d = v - mg^2``, else
    ``d = v``; ``u = lr g / sqrt(d + epsilon)``; momentum: ``m <- momentum m + u``, ``w <- w - m``,
    else ``w <- w - u``. Reference: Hinton, Coursera lecture 6e (2012).
    """

    def __init__(
        self,
        learning_rate: float = 0.001,
        rho: float = 0.9,
        momentum: float = 0.0,
        epsilon: float | None = 1e-7,
        centered: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(learning_rate, **kwargs)
        self.rho = _check("rho", rho, 0.0, 1.0, high_open=True)
        self.momentum = _check("momentum", momentum, 0.0, 1.0)
        self.epsilon = _check("epsilon", 1e-7 if epsilon is None else epsilon, 0.0, math.inf)
        self.centered = bool(centered)

    def _build_slots(self, w):
        self._v, self._mg, self._m = np.zeros_like(w), np.zeros_like(w), np.zeros_like(w)

    def _update(self, w, g):
        t = self._tmp
        self._v *= self.rho
        self._v += (1 - self.rho) * np.square(g, out=t)
        if self.centered:
            self._mg *= self.rho
            self._mg += (1 - self.rho) * g
            np.subtract(self._v, np.square(self._mg, out=t), out=t)
            t += self.epsilon
        else:
            np.add(self._v, self.epsilon, out=t)
        np.sqrt(t, out=t)
        np.divide(g, t, out=t)
        t *= self.learning_rate
        if self.momentum:
            self._m *= self.momentum
            self._m += t
            t = self._m
        w -= t


class Adam(Optimizer):
    """Adaptive moment estimation, as Keras 3 writes it.

    ``m <- m + (g - m)(1 - beta_1)``; ``v <- v + (g^2 - v)(1 - beta_2)``; amsgrad: ``v_hat <-
    max(v_hat, v)`` used for v; ``w <- w - lr sqrt(1 - beta_2^t) / (1 - beta_1^t) m / (sqrt(v) +
    epsilon)``. Reference: Kingma and Ba (2015).
    """

    def __init__(
        self,
        learning_rate: float = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float | None = 1e-7,
        amsgrad: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(learning_rate, **kwargs)
        self.beta_1 = _check("beta_1", beta_1, 0.0, 1.0, high_open=True)
        self.beta_2 = _check("beta_2", beta_2, 0.0, 1.0, high_open=True)
        self.epsilon = _check("epsilon", 1e-7 if epsilon is None else epsilon, 0.0, math.inf)
        self.amsgrad = bool(amsgrad)

    def _build_slots(self, w):
        self._m, self._v, self._vhat = np.zeros_like(w), np.zeros_like(w), np.zeros_like(w)

    def _update(self, w, g):
        t, step = self._tmp, self.iterations
        alpha = self.learning_rate * math.sqrt(1 - self.beta_2**step) / (1 - self.beta_1**step)
        np.subtract(g, self._m, out=t)
        t *= 1 - self.beta_1
        self._m += t
        np.square(g, out=t)
        t -= self._v
        t *= 1 - self.beta_2
        self._v += t
        v = self._v
        if self.amsgrad:
            v = np.maximum(self._vhat, self._v, out=self._vhat)
        np.sqrt(v, out=t)
        t += self.epsilon
        np.divide(self._m, t, out=t)
        t *= alpha
        w -= t


def get(identifier: str | Optimizer, **kwargs: Any) -> Optimizer:
    """Return an optimizer for a Keras name (built with ``kwargs``) or pass an instance through."""
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, str) and identifier.lower() in OPTIMIZERS:
        return OPTIMIZERS[identifier.lower()](**kwargs)
    raise ValueError(
        f"Unknown optimizer: Received: optimizer={identifier!r}. "
        f"Accepted: {', '.join(sorted(OPTIMIZERS))}"
    )


OPTIMIZERS: dict[str, type[Optimizer]] = {
    "sgd": SGD,
    "adagrad": Adagrad,
    "rmsprop": RMSprop,
    "adam": Adam,
}
