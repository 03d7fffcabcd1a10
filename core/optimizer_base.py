"""The optimizer base class: hyperparameter checks, Keras 2 aliases, clipping settings, slots.

Subclasses implement only ``_build_slots`` and ``_step`` (the update rule, writing the step
``d = w_before - w_after`` into a given buffer).
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
        self._step_buffer: np.ndarray | None = None

    def build(self, w: np.ndarray) -> None:
        """Create zeroed slots shaped like the flat parameter vector ``w`` (n,)."""
        bound = self._step_buffer
        usable = bound is not None and bound.shape == w.shape and bound.dtype == w.dtype
        self._d = bound if usable else np.zeros_like(w)
        self._build_slots(w)
        self._built_size = w.size

    def bind_step_buffer(self, buffer: np.ndarray) -> None:
        """Write every step into ``buffer`` (n,) (``FlatParams.d``), where the diagnostics read it
        together with the weights and gradients. Slots are kept."""
        self._step_buffer = buffer
        if self._built_size == buffer.size:
            self._d = buffer

    def next_step(self, w: np.ndarray, g: np.ndarray) -> np.ndarray:
        """Advance the slots with the (already clipped) gradient ``g`` (n,) and return the step
        ``d = w_before - w_after`` (n,), without applying it: the caller subtracts it from ``w``
        (after recording statistics that need the weights before the update)."""
        if self._built_size != w.size:
            self.build(w)
        self.iterations += 1
        self._step(g, self._d)
        return self._d

    def apply(self, w: np.ndarray, g: np.ndarray) -> None:
        """One update ``w <- w - d`` in place from the (already clipped) gradient ``g`` (n,)."""
        w -= self.next_step(w, g)

    def _build_slots(self, w: np.ndarray) -> None:
        """Create the rule's slots (moments, accumulators) shaped like ``w`` (n,)."""

    def _step(self, g: np.ndarray, d: np.ndarray) -> None:
        """The update rule: advance the slots with ``g`` (n,) and write the step into ``d`` (n,);
        ``self.iterations`` is the step number t, from 1. ``d`` may serve as scratch space
        before it receives the step (``out=d``: no temporaries the size of the network, which
        cost page faults on wide ones)."""
        raise NotImplementedError

    def get_config(self) -> dict[str, Any]:
        """Hyperparameters by Keras name."""
        skip = {"iterations"}
        return {k: v for k, v in vars(self).items() if not k.startswith("_") and k not in skip}
