"""All trainable parameters of a model as views into one contiguous vector (and grads likewise).

With one flat ``w`` and ``g`` the optimizer update, clipping and per-variable norms
(``np.add.reduceat`` over squared entries) are a few vectorised calls regardless of depth, which is
what makes small networks fast in NumPy.
"""

from __future__ import annotations

import numpy as np

from core.layers.base import Layer


class FlatParams:
    """Packs the layers' ``params`` and ``grads`` into ``w`` and ``g`` (n,) and rebinds the dicts
    to reshaped views of them.

    Attributes
    ----------
    w, g : ndarray (n,)
        All trainable values and their gradients, in Keras's weight order.
    d : ndarray (n,)
        The optimizer's step ``w_before - w_after``, written there by an optimizer bound to it.
    wgd : ndarray (3, n)
        The buffer all three live in, as rows ``w``, ``g``, ``d``: a variable's slice of it is one
        (3, size) array, so a single ``np.vecdot`` gives its three squared norms (diagnostics).
    starts : ndarray (n_vars,)
        Offset of each variable, for ``np.add.reduceat``.
    sizes : ndarray (n_vars,)
        Size of each variable, for ``np.repeat`` of per-variable factors.
    owners : list of (layer_index, key)
        Which layer and key each variable belongs to.
    """

    def __init__(self, layers: list[Layer], dtype: np.dtype) -> None:
        entries = [
            (i, key, arr) for i, layer in enumerate(layers) for key, arr in layer.params.items()
        ]
        sizes = [int(arr.size) for _, _, arr in entries]
        total = sum(sizes)
        self.wgd = np.zeros((3, total), dtype=dtype)
        self.w, self.g, self.d = self.wgd
        self.sizes = np.asarray(sizes, dtype=np.intp)
        self.starts = np.concatenate([[0], np.cumsum(self.sizes)[:-1]]).astype(np.intp)
        self.owners = [(i, key) for i, key, _ in entries]
        for (i, key, arr), start, size in zip(entries, self.starts, sizes, strict=True):
            w_view = self.w[start : start + size].reshape(arr.shape)
            w_view[...] = arr
            layers[i].params[key] = w_view
            layers[i].grads[key] = self.g[start : start + size].reshape(arr.shape)

    def __len__(self) -> int:
        return len(self.owners)

    def index(self, layer_index: int, key: str) -> int | None:
        """Variable number of ``layers[layer_index].params[key]``, or ``None``."""
        try:
            return self.owners.index((layer_index, key))
        except ValueError:
            return None

    def segment_sums(self, values: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """Per-variable sums of ``values`` (..., n) along the last axis -> (..., n_vars)."""
        return np.add.reduceat(values, self.starts, axis=-1, out=out)
