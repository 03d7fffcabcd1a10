"""Layers, Keras names: ``Dense``, ``Activation``, ``Dropout``, ``BatchNormalization``,
``LayerNormalization``."""

from __future__ import annotations

from core.layers.activation import Activation
from core.layers.base import Layer
from core.layers.dense import Dense
from core.layers.dropout import Dropout
from core.layers.normalization import BatchNormalization, LayerNormalization

LAYERS: dict[str, type[Layer]] = {
    "Dense": Dense,
    "Activation": Activation,
    "Dropout": Dropout,
    "BatchNormalization": BatchNormalization,
    "LayerNormalization": LayerNormalization,
}

__all__ = [
    "LAYERS",
    "Activation",
    "BatchNormalization",
    "Dense",
    "Dropout",
    "Layer",
    "LayerNormalization",
]
