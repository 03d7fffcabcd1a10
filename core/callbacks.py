"""Callbacks (Keras's protocol) and the ``History`` that ``fit`` returns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from core.diagnostics import EpochDiagnostics


class Callback(Protocol):
    """What ``fit`` calls; every method is optional (``fit`` checks with ``getattr``).

    ``logs`` passed to ``on_epoch_end`` hold the epoch's floats (as in ``History.history``) plus
    ``"diagnostics"``: its ``EpochDiagnostics``. Set ``model.stop_training = True`` to stop
    after the current epoch.
    """

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None: ...

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None: ...

    def on_train_end(self, logs: dict[str, Any] | None = None) -> None: ...


class LambdaCallback:
    """A callback from plain functions, like Keras's ``LambdaCallback``."""

    def __init__(
        self,
        on_train_begin: Callable[[dict[str, Any]], None] | None = None,
        on_epoch_end: Callable[[int, dict[str, Any]], None] | None = None,
        on_train_end: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        if on_train_begin is not None:
            self.on_train_begin = on_train_begin
        if on_epoch_end is not None:
            self.on_epoch_end = on_epoch_end
        if on_train_end is not None:
            self.on_train_end = on_train_end


class History:
    """Per-epoch record of a ``fit``.

    Attributes
    ----------
    history : dict[str, list[float]]
        ``loss``, metrics, ``eval_*`` (training set in inference mode) and ``val_*``, one value
        per completed epoch.
    epoch : list[int]
        0-based epoch numbers.
    params : dict
        ``epochs``, ``steps`` (iterations per epoch), ``batch_size``, ``samples``.
    diagnostics : list[EpochDiagnostics]
        One per completed epoch (empty when ``fit(diagnostics=False)``).
    diverged : bool
        Whether a non-finite loss or weight stopped training.
    diverged_at : dict or None
        ``{"epoch": e, "step": s}`` (0-based) where it happened.
    """

    def __init__(self, params: dict[str, int] | None = None) -> None:
        self.history: dict[str, list[float]] = {}
        self.epoch: list[int] = []
        self.params: dict[str, int] = dict(params or {})
        self.diagnostics: list[EpochDiagnostics] = []
        self.diverged = False
        self.diverged_at: dict[str, int] | None = None

    def append(self, epoch: int, logs: dict[str, float], diag: EpochDiagnostics | None) -> None:
        """Record one completed epoch."""
        self.epoch.append(epoch)
        for key, value in logs.items():
            self.history.setdefault(key, []).append(float(value))
        if diag is not None:
            self.diagnostics.append(diag)

    def mark_diverged(self, epoch: int, step: int) -> None:
        """Flag a non-finite loss or weight at ``epoch`` and ``step``."""
        self.diverged = True
        self.diverged_at = {"epoch": int(epoch), "step": int(step)}
