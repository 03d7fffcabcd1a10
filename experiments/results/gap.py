"""The overfitting gap, defined once (NumPy only)."""

from __future__ import annotations

import numpy as np


def overfitting_gap(
    train_epoch: np.ndarray, train_loss: np.ndarray, val_epoch: np.ndarray, val_loss: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Validation minus training loss at the epochs where both exist: the overfitting gap.

    The one definition of the gap: the tidy frames (``Results.overfitting_gap``, per run) and
    the page (``dashboard.transforms.gap``, per variant's mean over seeds) both call it.
    Positive means the model does better on the data it trained on.

    Returns
    -------
    epoch : ndarray of shape (n,)
        The common epochs, ascending.
    gap : ndarray of shape (n,)
    """
    epoch, i, j = np.intersect1d(train_epoch, val_epoch, return_indices=True)
    return epoch, val_loss[j] - train_loss[i]
