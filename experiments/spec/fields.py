"""The field spec: what each config field is, in one place.

Each field of :class:`~experiments.spec.config.ExperimentConfig` carries a :class:`FieldSpec` in
its dataclass metadata: group, label, kind, accepted range or options, what ``None`` stands for,
a help line and how a form shows it. Validation, the dashboard's forms, the data section, the
optimizer tables, the Keras script and the CLI all read this spec (scikit-learn's
``_parameter_constraints`` and Keras's ``get_config()`` are the models), so a limit or an option
list is never retyped. Optimizer hyperparameters take their defaults from the core's own
optimizer signatures (:func:`optimizer_default`), not from a copy.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.optimizers import OPTIMIZERS

GROUPS = ("data", "model", "optimizer", "training")
# Arguments of a core optimizer that are not hyperparameters of the update rule.
NOT_HYPERPARAMETERS = ("self", "clipnorm", "clipvalue", "global_clipnorm", "kwargs")


@dataclass(frozen=True)
class FieldSpec:
    """What one config field accepts and how it is shown.

    Attributes
    ----------
    group : {"data", "model", "optimizer", "training"}
        The data fields are shared by every variant of a comparison.
    label : str
        The form's label.
    kind : {"choice", "int", "float", "bool", "widths", "batch"}
        ``widths``: a list of layer widths; ``batch``: an integer or ``"full"``.
    low, high : float, optional
        Accepted bounds (inclusive unless ``open_low`` / ``open_high``); for ``widths`` the
        bounds of one width.
    options : sequence or mapping of str, or a function returning one, optional
        For ``choice``: a registry itself (its keys are read at each use), so registries stay
        the home of their names; a function where importing the registry should wait.
    null : str
        What ``None`` stands for (``""``: ``None`` is refused).
    help : str
        One line for the form.
    step, format : optional
        How a number input steps and prints.
    max_items : int
        For ``widths``: the most layers.
    per_dataset : bool
        The accepted range is the chosen dataset's own (see
        :func:`experiments.spec.validation.dataset_range`); ``low``/``high`` are unset.
    knob : bool
        A keyword of the dataset's generator (:func:`datasets.synthetic.knobs`), passed through
        by :func:`datasets.load`; ``None`` is the generator's default, and a dataset whose
        generator lacks it refuses any other value.
    """

    group: str
    label: str
    kind: str
    low: float | None = None
    high: float | None = None
    open_low: bool = False
    open_high: bool = False
    options: Sequence[str] | Mapping[str, Any] | Callable[[], Any] = ()
    null: str = ""
    help: str = ""
    step: float | None = None
    format: str | None = None
    max_items: int = 0
    per_dataset: bool = False
    knob: bool = False

    def choices(self) -> list[str]:
        """The accepted names of a ``choice`` field, in the registry's order."""
        return list(self.options() if callable(self.options) else self.options)

    def accepted(self) -> str:
        """What the field accepts, in words (for messages and the CLI's field list)."""
        if self.kind == "choice":
            text = "one of " + ", ".join(sorted(self.choices()))
        elif self.kind == "bool":
            text = "true or false"
        elif self.kind == "widths":
            text = f"a list of at most {self.max_items} widths, integers in [1, {int(self.high)}]"
        elif self.kind == "batch":
            text = f'"full" (batch gradient descent) or an integer in [1, {int(self.high)}]'
        elif self.per_dataset:
            text = f"{'an integer' if self.kind == 'int' else 'a number'} in the dataset's range"
        else:
            left, right = "(" if self.open_low else "[", ")" if self.open_high else "]"
            kind = "an integer" if self.kind == "int" else "a number"
            text = f"{kind} in {left}{self.low}, {self.high}{right}"
        return f"{text}, or null ({self.null})" if self.null else text

    def admits(self, value: Any) -> bool:
        """Whether ``value`` is of the field's kind and inside its range."""
        if value is None:
            return bool(self.null)
        if self.kind == "choice":
            return isinstance(value, str) and value in self.choices()
        if self.kind == "bool":
            return isinstance(value, bool)
        if self.kind == "widths":
            return (
                isinstance(value, tuple | list)
                and len(value) <= self.max_items
                and all(_is_int(w) and 1 <= w <= self.high for w in value)
            )
        if self.kind == "batch":
            return value == "full" or (_is_int(value) and 1 <= value <= self.high)
        return self.in_range(value)

    def in_range(self, value: Any, low: float | None = None, high: float | None = None) -> bool:
        """A number of the field's kind within ``[low, high]`` (default the field's bounds)."""
        low = self.low if low is None else low
        high = self.high if high is None else high
        if not (_is_int(value) if self.kind == "int" else _is_number(value)):
            return False
        if low is None or high is None:  # a per-dataset range is checked against the dataset
            return True
        above = value > low if self.open_low else value >= low
        below = value < high if self.open_high else value <= high
        return above and below


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (_is_int(value) or isinstance(value, float)) and math.isfinite(value)


def spec(default: Any, group: str, label: str, kind: str, **details: Any) -> Any:
    """A dataclass field with ``default`` whose metadata is its :class:`FieldSpec`."""
    return dataclasses.field(
        default=default, metadata={"spec": FieldSpec(group, label, kind, **details)}
    )


@functools.cache
def optimizer_params(name: str) -> tuple[str, ...]:
    """The hyperparameters the core's optimizer ``name`` takes, in its signature's order."""
    signature = inspect.signature(OPTIMIZERS[name].__init__)
    return tuple(p for p in signature.parameters if p not in NOT_HYPERPARAMETERS)


def optimizer_default(name: str, hyperparameter: str) -> Any:
    """The default of ``hyperparameter`` in the core optimizer ``name`` (Keras 3's default)."""
    return inspect.signature(OPTIMIZERS[name].__init__).parameters[hyperparameter].default


def shared_default(hyperparameter: str) -> Any:
    """The one default every core optimizer taking ``hyperparameter`` gives it.

    A config field holds one default for all optimizers; where they disagree (the learning rate)
    the field is ``None``, "the optimizer's own default", instead.
    """
    defaults = {
        optimizer_default(name, hyperparameter)
        for name in OPTIMIZERS
        if hyperparameter in optimizer_params(name)
    }
    if len(defaults) != 1:
        raise TypeError(f"optimizers disagree on the default of {hyperparameter}: {defaults}")
    return defaults.pop()


def users(hyperparameter: str) -> list[str]:
    """The optimizers that take ``hyperparameter``, in the registry's order."""
    return [name for name in OPTIMIZERS if hyperparameter in optimizer_params(name)]


def hyperparameter(name: str, kind: str = "float", **details: Any) -> Any:
    """An optimizer hyperparameter field, labelled with its Keras name.

    Its default is the one the core's optimizers give it (:func:`shared_default`); its help line
    names the optimizers that use it.
    """
    help_text = f"Used by {', '.join(users(name))}."
    return spec(shared_default(name), "optimizer", name, kind, help=help_text, **details)


def describe(specs: Mapping[str, FieldSpec], defaults: Mapping[str, Any]) -> str:
    """A table of fields with their group, default and what they accept (``fields`` command)."""
    rows = [
        f"{name:<26} {field.group:<10} {json.dumps(defaults[name]):<16} {field.accepted()}"
        for name, field in specs.items()
    ]
    return "\n".join([f"{'field':<26} {'group':<10} {'default':<16} accepted", *rows])
