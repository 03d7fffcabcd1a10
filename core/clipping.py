"""Gradient clipping with Keras 3's rules, applied once per step to the flat gradient.

``global_clipnorm=c``: ``g <- g * c / max(||g||, c)`` over all variables together; ``clipnorm=c``:
the same for each variable separately; ``clipvalue=v``: ``g <- clip(g, -v, v)``.
"""

from __future__ import annotations

import math

import numpy as np

from core.flat import FlatParams


class Clipper:
    """Clips ``flat.g`` in place; ``__call__`` returns (global norm before clipping, changed)."""

    def __init__(
        self,
        flat: FlatParams,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
    ) -> None:
        self.flat = flat
        self.clipnorm, self.clipvalue, self.global_clipnorm = clipnorm, clipvalue, global_clipnorm
        self._sq = np.empty_like(flat.g)
        self.active = any(v is not None for v in (clipnorm, clipvalue, global_clipnorm))

    def __call__(self) -> tuple[float, bool]:
        g = self.flat.g
        seg = self.flat.segment_sums(np.square(g, out=self._sq))
        norm = math.sqrt(float(seg.sum()))
        if self.global_clipnorm is not None:
            c = self.global_clipnorm
            if norm > c:
                g *= g.dtype.type(c / norm)
                return norm, True
            return norm, False
        if self.clipnorm is not None:
            c = self.clipnorm
            norms = np.sqrt(seg)
            if (norms > c).any():
                factors = (c / np.maximum(norms, c)).astype(g.dtype)
                g *= np.repeat(factors, self.flat.sizes)
                return norm, True
            return norm, False
        v = self.clipvalue
        changed = bool(np.max(np.abs(g), initial=0.0) > v)
        if changed:
            np.clip(g, -v, v, out=g)
        return norm, changed
