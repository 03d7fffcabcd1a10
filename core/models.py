"""``Sequential``: Keras's model API over the layers, losses and optimizers of ``core``."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from core import losses, optimizers
from core.callbacks import Callback, History
from core.data import (
    as_callbacks,
    as_features,
    as_targets,
    check_int,
    require_targets,
    split_validation,
)
from core.fitloop import FitLoop
from core.flat import FlatParams
from core.layers.base import Layer
from core.metrics import get as get_metric
from core.summary import summary_text
from core.training import Trainer, inference_pass

_DTYPES = ("float32", "float64")
# saturated or diverging networks overflow on purpose; results say so, warnings only add noise
_QUIET = {"over": "ignore", "invalid": "ignore", "divide": "ignore", "under": "ignore"}


class Sequential:
    """A linear stack of layers, trained in NumPy.

    Parameters
    ----------
    layers : list of Layer, optional
        Initial layers; give the first one ``input_dim`` or ``input_shape`` to build eagerly.
    seed : int, optional
        Seeds the one ``np.random.Generator`` behind initialisation, shuffling and dropout; the
        same seed and configuration give bit-identical histories.
    dtype : {"float32", "float64"}
        Floating type of weights and computation (Keras's default is float32).
    name : str, optional
        Model name shown by ``summary``.
    """

    def __init__(
        self,
        layers: list[Layer] | None = None,
        seed: int | None = None,
        dtype: str = "float32",
        name: str | None = None,
    ) -> None:
        if str(dtype) not in _DTYPES:
            raise ValueError(f"Received: dtype={dtype!r}. Accepted: {', '.join(_DTYPES)}")
        self.dtype = np.dtype(dtype)
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.name = name or "sequential"
        self.layers: list[Layer] = []
        self.built = False
        self.optimizer: optimizers.Optimizer | None = None
        self.loss: losses.Loss | None = None
        self.metrics_names: list[str] = []
        self.metric_functions: dict[str, Callable[[np.ndarray, np.ndarray], float]] = {}
        self.fused_output = False
        self.stop_training = False
        self.history: History | None = None
        for layer in layers or []:
            self.add(layer)

    def add(self, layer: Layer) -> None:
        """Append ``layer``, naming it like Keras (``dense``, ``dense_1``, ...) if unnamed."""
        if not isinstance(layer, Layer):
            raise ValueError(f"Received: layer={layer!r}. Accepted: a core.layers layer")
        if self.built:
            raise ValueError(
                "Received: add() after the model was built. Accepted: add all layers "
                "before training, predicting or summary()"
            )
        if layer.name is None:
            base = "".join("_" + c.lower() if c.isupper() else c for c in layer.kind).lstrip("_")
            taken = {existing.name for existing in self.layers}
            layer.name, k = base, 0
            while layer.name in taken:
                k += 1
                layer.name = f"{base}_{k}"
        self.layers.append(layer)

    def build(self, input_shape: tuple[int, ...] | None = None) -> None:
        """Create all weights for per-sample ``input_shape`` (default: the first layer's)."""
        if self.built:
            return
        if not self.layers:
            raise ValueError("Received: a model with no layers. Accepted: at least one layer")
        shape = input_shape or self.layers[0].input_shape
        if shape is None:
            raise ValueError(
                "Received: no input shape. Accepted: input_dim=/input_shape= on the "
                "first layer, or call fit/predict with data"
            )
        shape = tuple(int(d) for d in shape)
        self.input_shape = shape
        for layer in self.layers:
            layer.build(shape, self.rng, self.dtype.name)
            shape = layer.output_shape(shape)
        self.output_units = shape[-1]
        for i, layer in enumerate(self.layers):
            layer.needs_input_grad = i > 0
        self.flat = FlatParams(self.layers, self.dtype)
        self.built = True
        self._update_fusion()

    def compile(
        self,
        optimizer: str | optimizers.Optimizer = "rmsprop",
        loss: str | losses.Loss | None = None,
        metrics: list[str] | None = None,
    ) -> None:
        """Set optimizer (name or object), loss (name or object) and metric names."""
        self.optimizer = optimizers.get(optimizer)
        if loss is None:
            raise ValueError("Received: loss=None. Accepted: " + ", ".join(sorted(losses.LOSSES)))
        self.loss = losses.get(loss)
        if metrics is not None and not isinstance(metrics, (list, tuple)):
            raise ValueError(f"Received: metrics={metrics!r}. Accepted: a list of metric names")
        self.metrics_names = [str(m) for m in metrics or []]
        for m in self.metrics_names:
            get_metric(m, 2, sparse_labels=True)  # unknown names fail here, before any data
        self._update_fusion()

    def _update_fusion(self) -> None:
        if not self.layers or self.loss is None:
            return
        last = getattr(self.layers[-1], "activation", None)
        fused_with = getattr(self.loss, "fused_activation", None)
        self.fused_output = bool(
            last is not None and fused_with == last.name and not self.loss.from_logits
        )
        if self.built:
            sparse = isinstance(self.loss, losses.SparseCategoricalCrossentropy)
            self.metric_functions = {
                m: get_metric(m, self.output_units, sparse) for m in self.metrics_names
            }

    def _require_compiled(self) -> None:
        if self.loss is None or self.optimizer is None:
            raise ValueError("Received: an uncompiled model. Accepted: call compile() first")

    def prepare(
        self, x: ArrayLike, y: ArrayLike | None = None, field: str = "x"
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Check and convert features ``x`` (n, d) and targets as ``fit`` does (building the model
        on first use); returns arrays of the model's dtype (targets ``None`` when ``y`` is)."""
        if y is not None:
            self._require_compiled()
        if not self.built and self.layers and self.layers[0].input_shape is not None:
            self.build()
        width = self.input_shape[0] if self.built else None
        x = as_features(x, self.dtype, field, width)
        if not self.built:
            self.build(x.shape[1:])
        if y is None:
            return x, None
        ytag = "y" if field == "x" else field.replace("x", "y")
        return x, as_targets(y, len(x), self.loss, self.output_units, self.dtype, ytag)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        """Outputs (n, units) of ``x`` (n, d) through every layer; ``training`` as in Keras."""
        for layer in self.layers:
            x = layer.forward(x, training)
        return x

    def fit(
        self,
        x: ArrayLike,
        y: ArrayLike,
        batch_size: int | None = 32,
        epochs: int = 1,
        verbose: int = 0,
        callbacks: list[Callback] | None = None,
        validation_split: float = 0.0,
        validation_data: tuple[ArrayLike, ArrayLike] | None = None,
        shuffle: bool = True,
        diagnostics: bool = True,
    ) -> History:
        """Train; see docs/architecture.md for what the returned ``History`` holds.

        ``batch_size=len(x)`` is batch gradient descent, 1 is SGD, between is mini-batch.
        ``diagnostics=False`` skips the per-step statistics and the end-of-epoch inference pass
        over the training set (``eval_*``); meant for measuring their cost.
        """
        self._require_compiled()
        x, y = self.prepare(x, require_targets(y))
        batch_size = check_int(32 if batch_size is None else batch_size, "batch_size", 1)
        epochs = check_int(epochs, "epochs", 0)
        x_fit, y_fit, validation = split_validation(x, y, validation_split)
        if validation_data is not None:
            # as in Keras, validation_data overrides validation_split
            if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
                raise ValueError(
                    "Received: validation_data that is not a pair. Accepted: (x_val, y_val)"
                )
            x_fit, y_fit = x, y
            validation = self.prepare(*validation_data, field="x_val")
        loop = FitLoop(self, x_fit, y_fit, validation, batch_size, bool(shuffle), bool(diagnostics))
        return loop.run(epochs, as_callbacks(callbacks), verbose)

    def train_on_batch(self, x: ArrayLike, y: ArrayLike) -> float | list[float]:
        """One optimizer step on ``(x, y)``; returns the loss, or [loss, *metrics] with metrics."""
        self._require_compiled()
        x, y = self.prepare(x, y)
        trainer = Trainer(self)
        with np.errstate(**_QUIET):
            loss = trainer.step(x, y)
            values = [fn(y, trainer.output) for fn in self.metric_functions.values()]
        return [loss, *values] if values else loss

    def evaluate(
        self,
        x: ArrayLike,
        y: ArrayLike,
        batch_size: int | None = None,
        verbose: int = 0,
        return_dict: bool = False,
    ) -> float | list[float] | dict[str, float]:
        """Loss (penalties included) and metrics in inference mode, like Keras."""
        self._require_compiled()
        x, y = self.prepare(x, y)
        with np.errstate(**_QUIET):
            _, loss, values = inference_pass(self, x, y)
        loss += Trainer(self).penalty()
        if return_dict:
            return {"loss": loss, **values}
        return [loss, *values.values()] if values else loss

    def predict(self, x: ArrayLike, batch_size: int | None = None, verbose: int = 0) -> np.ndarray:
        """Outputs (n, units) in inference mode."""
        x, _ = self.prepare(x, None)
        with np.errstate(**_QUIET):
            return inference_pass(self, x, None)[0]

    def count_params(self) -> int:
        """Total number of weights, trainable and not."""
        self.build()
        return sum(sum(layer.count_params()) for layer in self.layers)

    def summary(self, print_fn: Callable[[str], object] | None = print) -> str:
        """Keras-style table of layers, output shapes and parameter counts; printed and returned."""
        self.build()
        text = summary_text(self)
        if print_fn is not None:
            print_fn(text)
        return text

    def get_weights(self) -> list[np.ndarray]:
        """Copies of all weights in Keras order (Dense: kernel (in, out), bias (out,); ...)."""
        self.build()
        return [arr.copy() for layer in self.layers for _, arr in layer.weights()]

    def set_weights(self, weights: list[ArrayLike]) -> None:
        """Load weights in ``get_weights`` order and shapes (copied in place)."""
        self.build()
        targets = [(layer.name, k, arr) for layer in self.layers for k, arr in layer.weights()]
        if len(weights) != len(targets):
            raise ValueError(
                f"Received: {len(weights)} arrays. Accepted: {len(targets)} arrays "
                "in get_weights() order"
            )
        for (lname, key, arr), new in zip(targets, weights, strict=True):
            new = np.asarray(new)
            if new.shape != arr.shape:
                raise ValueError(
                    f"Received: weights for {lname}.{key} with shape {new.shape}. "
                    f"Accepted: shape {arr.shape}"
                )
            arr[...] = new
