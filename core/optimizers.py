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

from core.optimizer_base import Optimizer, _check
from core.registry import unknown_name


class SGD(Optimizer):
    """Gradient descent, optionally with (Nesterov) momentum.

    ``w <- w - lr * g``; with momentum: ``m <- momentum * m - lr * g``, then ``w <- w + m``, or with
    Nesterov ``w <- w + momentum * m - lr * g``.
    """

    def __init__(
        self,
        learning_rate: float = 0.01,
        momentum: float = 0.0,
        nesterov: bool = False,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            learning_rate,
            clipnorm=clipnorm,
            clipvalue=clipvalue,
            global_clipnorm=global_clipnorm,
            **kwargs,
        )
        self.momentum = _check("momentum", momentum, 0.0, 1.0)
        self.nesterov = bool(nesterov)

    def _build_slots(self, w: np.ndarray) -> None:
        self._m = np.zeros_like(w)

    def _step(self, g: np.ndarray, d: np.ndarray) -> None:
        np.multiply(self.learning_rate, g, out=d)  # d = lr g
        if not self.momentum:
            return
        m = self._m
        m *= self.momentum
        m -= d  # m <- momentum m - lr g
        if self.nesterov:
            d -= self.momentum * m  # d = lr g - momentum m
        else:
            np.negative(m, out=d)  # d = -m


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
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            learning_rate,
            clipnorm=clipnorm,
            clipvalue=clipvalue,
            global_clipnorm=global_clipnorm,
            **kwargs,
        )
        self.initial_accumulator_value = _check(
            "initial_accumulator_value", initial_accumulator_value, 0.0, math.inf
        )
        self.epsilon = _check("epsilon", 1e-7 if epsilon is None else epsilon, 0.0, math.inf)

    def _build_slots(self, w: np.ndarray) -> None:
        self._a = np.full_like(w, self.initial_accumulator_value)

    def _step(self, g: np.ndarray, d: np.ndarray) -> None:
        a = self._a
        a += np.square(g, out=d)  # a <- a + g^2
        np.sqrt(np.add(a, self.epsilon, out=d), out=d)
        np.divide(g, d, out=d)
        d *= self.learning_rate  # d = lr g / sqrt(a + epsilon)


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
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            learning_rate,
            clipnorm=clipnorm,
            clipvalue=clipvalue,
            global_clipnorm=global_clipnorm,
            **kwargs,
        )
        self.rho = _check("rho", rho, 0.0, 1.0, high_open=True)
        self.momentum = _check("momentum", momentum, 0.0, 1.0)
        self.epsilon = _check("epsilon", 1e-7 if epsilon is None else epsilon, 0.0, math.inf)
        self.centered = bool(centered)

    def _build_slots(self, w: np.ndarray) -> None:
        self._v, self._mg, self._m = np.zeros_like(w), np.zeros_like(w), np.zeros_like(w)

    def _step(self, g: np.ndarray, d: np.ndarray) -> None:
        rho, v = self.rho, self._v
        v *= rho
        v += np.multiply(1 - rho, np.square(g, out=d), out=d)  # v <- rho v + (1 - rho) g^2
        if self.centered:
            mg = self._mg
            mg *= rho
            mg += np.multiply(1 - rho, g, out=d)  # mg <- rho mg + (1 - rho) g
            np.subtract(v, np.square(mg, out=d), out=d)
            d += self.epsilon  # v - mg^2 + epsilon
        else:
            np.add(v, self.epsilon, out=d)  # v + epsilon
        np.sqrt(d, out=d)
        np.divide(g, d, out=d)
        d *= self.learning_rate  # u = lr g / sqrt(v + epsilon)
        if self.momentum:
            m = self._m
            m *= self.momentum
            m += d  # m <- momentum m + u
            np.copyto(d, m)  # w <- w - m


class Adam(Optimizer):
    """Adaptive moment estimation, as Keras 3 writes it.

    ``m <- beta_1 m + (1 - beta_1) g``; ``v <- beta_2 v + (1 - beta_2) g^2``; amsgrad: ``v_hat <-
    max(v_hat, v)`` used for v; ``lr_t = lr sqrt(1 - beta_2^t) / (1 - beta_1^t)``; ``w <- w - lr_t
    m / (sqrt(v) + epsilon)`` (Keras 3 writes ``m <- m + (g - m)(1 - beta_1)``, the same rule).
    Reference: Kingma and Ba (2015).
    """

    def __init__(
        self,
        learning_rate: float = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float | None = 1e-7,
        amsgrad: bool = False,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            learning_rate,
            clipnorm=clipnorm,
            clipvalue=clipvalue,
            global_clipnorm=global_clipnorm,
            **kwargs,
        )
        self.beta_1 = _check("beta_1", beta_1, 0.0, 1.0, high_open=True)
        self.beta_2 = _check("beta_2", beta_2, 0.0, 1.0, high_open=True)
        self.epsilon = _check("epsilon", 1e-7 if epsilon is None else epsilon, 0.0, math.inf)
        self.amsgrad = bool(amsgrad)

    def _build_slots(self, w: np.ndarray) -> None:
        self._m, self._v, self._vhat = np.zeros_like(w), np.zeros_like(w), np.zeros_like(w)

    def _step(self, g: np.ndarray, d: np.ndarray) -> None:
        b1, b2, t, m, v = self.beta_1, self.beta_2, self.iterations, self._m, self._v
        m *= b1
        m += np.multiply(1 - b1, g, out=d)  # m <- beta_1 m + (1 - beta_1) g
        v *= b2
        v += np.multiply(1 - b2, np.square(g, out=d), out=d)  # v <- beta_2 v + (1 - beta_2) g^2
        if self.amsgrad:
            v = np.maximum(self._vhat, v, out=self._vhat)  # v_hat <- max(v_hat, v)
        lr_t = self.learning_rate * math.sqrt(1 - b2**t) / (1 - b1**t)
        np.sqrt(v, out=d)
        d += self.epsilon
        np.divide(m, d, out=d)
        d *= lr_t  # d = lr_t m / (sqrt(v) + epsilon)


def get(identifier: str | Optimizer, **kwargs: Any) -> Optimizer:
    """Return an optimizer for a Keras name (built with ``kwargs``) or pass an instance through."""
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, str) and identifier.lower() in OPTIMIZERS:
        return OPTIMIZERS[identifier.lower()](**kwargs)
    raise unknown_name("optimizer", identifier, OPTIMIZERS)


OPTIMIZERS: dict[str, type[Optimizer]] = {
    "sgd": SGD,
    "adagrad": Adagrad,
    "rmsprop": RMSprop,
    "adam": Adam,
}
