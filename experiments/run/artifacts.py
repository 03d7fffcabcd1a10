"""What a finished run leaves besides its curves: a decision boundary or its predictions."""

from __future__ import annotations

from typing import Any

import numpy as np

from experiments.spec.data import ArrayData
from experiments.spec.tasks import Head

GRID = 60
PAD = 0.1  # share of the data range added on each side, so the boundary's shape shows


def _rounded(array: np.ndarray, digits: int = 4) -> list:
    # non-finite outputs (a model at the edge of divergence) become null, keeping JSON strict
    values = np.round(np.asarray(array, dtype=np.float64), digits)
    return np.where(np.isfinite(values), values, None).tolist()


def class_scores(outputs: np.ndarray, head: Head) -> tuple[np.ndarray, np.ndarray]:
    """Per-row score and predicted class for classifier outputs ``(n, units)``.

    The score is P(class 1) for two classes, else the winning class's probability.
    """
    if outputs.shape[1] == 1:
        proba = outputs[:, 0]
        threshold = 0.5 if head.output_activation != "tanh" else 0.0
        return proba, (proba > threshold).astype(np.int64)
    pred = np.argmax(outputs, axis=1)
    if outputs.shape[1] == 2:
        return outputs[:, 1], pred
    return outputs.max(axis=1), pred


def training_points(data: ArrayData) -> dict[str, list]:
    """The training split ``{"x": (n, 2), "y": (n,)}`` the boundary panels draw on top."""
    return {"x": _rounded(data.x_train), "y": data.y_train.astype(int).tolist()}


def boundary(
    model: Any, data: ArrayData, head: Head, *, grid: int = GRID, with_points: bool = True
) -> dict[str, Any]:
    """The model's output over a ``grid x grid`` grid spanning the padded training data.

    Returns
    -------
    dict
        ``x0`` (grid,), ``x1`` (grid,), ``proba`` and ``pred`` (grid rows of grid: row i is
        ``x1[i]``), and with ``with_points`` ``points``: :func:`training_points`.
    """
    low, high = data.x_train.min(axis=0), data.x_train.max(axis=0)
    pad = PAD * np.maximum(high - low, 1e-9)
    x0 = np.linspace(low[0] - pad[0], high[0] + pad[0], grid)
    x1 = np.linspace(low[1] - pad[1], high[1] + pad[1], grid)
    mesh0, mesh1 = np.meshgrid(x0, x1)
    cells = np.column_stack([mesh0.ravel(), mesh1.ravel()])
    proba, pred = class_scores(model.predict(cells), head)
    out = {
        "x0": _rounded(x0),
        "x1": _rounded(x1),
        "proba": _rounded(proba.reshape(grid, grid)),
        "pred": pred.reshape(grid, grid).tolist(),
    }
    if with_points:
        out["points"] = training_points(data)
    return out


def predictions(model: Any, data: ArrayData) -> dict[str, list]:
    """Regression on the validation split: ``y_true`` and ``y_pred``, each (n_val,)."""
    return {
        "y_true": _rounded(np.ravel(data.y_val), 6),
        "y_pred": _rounded(np.ravel(model.predict(data.x_val)), 6),
    }


def final_artifacts(model: Any, data: ArrayData, head: Head) -> dict[str, Any]:
    """``{"boundary": ...}`` for 2-feature classification, ``{"predictions": ...}`` for
    regression, else nothing."""
    if data.task == "regression":
        return {"predictions": predictions(model, data)}
    if data.n_features == 2:
        return {"boundary": boundary(model, data, head)}
    return {}
