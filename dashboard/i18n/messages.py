"""Validation errors and warnings worded in the page's language.

``experiments`` knows no languages: each :class:`~experiments.spec.errors.ConfigError` and
``ConfigWarning`` carries a ``rule`` and its ``params``, and this module words them from the
dictionaries (``error.<rule>``, ``warning.<rule>``). English keeps the message experiments wrote,
word for word; a rule without a translation shows it too.
"""

from __future__ import annotations

from typing import Any

from dashboard.i18n import current, t
from dashboard.i18n.names import field_label, translated
from experiments.spec.config import field_specs
from experiments.spec.errors import ConfigError
from experiments.spec.fields import FieldSpec

SPECS = field_specs()


def _field(name: str) -> str:
    """``에포크 (epochs)``: the form's label with the config name a link or CSV uses."""
    if name not in SPECS:
        return name
    label = field_label(name)
    # "Seeds (repeats)" names its config field already
    return label if label == name or label.endswith(f"({name})") else f"{label} ({name})"


def _number_kind(kind: str) -> str:
    return t("accept.int") if kind == "int" else t("accept.number")


def accepted(name: str, spec: FieldSpec) -> str:
    """What field ``name`` accepts, in words (``FieldSpec.accepted`` in the page's language)."""
    if spec.kind == "choice":
        text = t("accept.choice", names=", ".join(sorted(spec.choices())))
    elif spec.kind == "bool":
        text = t("accept.bool")
    elif spec.kind == "widths":
        text = t("accept.widths", n=spec.max_items, high=int(spec.high))
    elif spec.kind == "batch":
        text = t("accept.batch", high=int(spec.high))
    elif spec.per_dataset:
        text = t("accept.per_dataset", kind=_number_kind(spec.kind))
    else:
        left, right = "(" if spec.open_low else "[", ")" if spec.open_high else "]"
        bounds = f"{left}{spec.low}, {spec.high}{right}"
        text = t("accept.range", kind=_number_kind(spec.kind), bounds=bounds)
    if not spec.null:
        return text
    return t("accept.or_null", text=text, null=translated(f"field.{name}.null", spec.null))


def _params(error: ConfigError) -> dict[str, Any]:
    params = dict(error.params)
    if error.rule == "field" and error.field in SPECS:
        params["accepted"] = accepted(error.field, SPECS[error.field])
    if "kind" in params:
        params["kind"] = _number_kind(params["kind"])
    if "task" in params:
        params["task"] = t(f"task.{params['task']}")
    return params


def config_error(error: ConfigError) -> str:
    """The message of ``error`` in the page's language."""
    key = f"error.{error.rule}"
    if current() == "en" or not error.rule or not translated(key, ""):
        return _labelled(str(error), error.field)
    params = _params(error)
    varying = params.pop("varying", None)
    text = t("msg.error", field=_field(error.field), text=t(key, **params))
    return t("msg.varying", knob=varying, text=text) if varying else text


def _labelled(message: str, name: str) -> str:
    """``message`` ("dropout: received 1.0; ...") led by the form's label with the config name
    ("Dropout rate (dropout): received 1.0; ..."): the page's fields are named by their labels."""
    lead = f"{name}: "
    return _field(name) + message[len(name) :] if message.startswith(lead) else message


def config_warning(warning: str) -> str:
    """A validation warning in the page's language (a plain ``str`` is shown as it is)."""
    rule = getattr(warning, "rule", "")
    if current() == "en" or not rule:
        return str(warning)
    return translated(f"warning.{rule}", str(warning), **getattr(warning, "params", {}))


def _facts(error: Exception) -> dict:
    """An error's facts to word it from; a config error it carries worded as the form's."""
    params = dict(getattr(error, "params", {}))
    if isinstance(params.get("error"), ConfigError):
        params["error"] = config_error(params["error"])
    return params


def share_link_error(error: Exception) -> str:
    """Why a share link could not be read, in the page's language (its ``rule`` and ``params``
    worded from ``sharelink.<rule>``; a config it held is worded as :func:`config_error`)."""
    rule = getattr(error, "rule", "")
    if current() == "en" or not rule:
        return str(error)
    params = _facts(error)
    return translated(f"sharelink.{rule}", str(error), **params)


def run_refused(error: Exception) -> str:
    """Why runs could not start, in the page's language: a ConfigError as :func:`config_error`,
    a full queue (``QueueFullError``'s ``rule`` and ``params``) from ``queue.<rule>``."""
    if isinstance(error, ConfigError):
        return config_error(error)
    rule = getattr(error, "rule", "")
    if current() == "en" or not rule:
        return str(error)
    return translated(f"queue.{rule}", str(error), **getattr(error, "params", {}))


def csv_error(error: Exception) -> str:
    """Why an uploaded results CSV was refused, in the page's language: ``CsvFormatError``'s
    ``rule`` and ``params`` worded from ``csv.<rule>``, what a column accepts from
    ``csv.accepts.<name>``, a config in the file as :func:`config_error`."""
    rule = getattr(error, "rule", "")
    if current() == "en" or not rule:
        return str(error)
    params = _facts(error)
    if "accepts" in params:
        key = f"csv.accepts.{params.pop('accepts')}"
        if not translated(key, ""):  # half a Korean sentence with an English half is worse
            return str(error)
        params["accepted"] = translated(key, "", **params)
    return translated(f"csv.{rule}", str(error), **params)


def dataset_error(error: Exception) -> str:
    """Why the data cannot be prepared, in the page's language: ``DatasetError``'s ``rule`` and
    ``params`` worded from ``dataerror.<rule>``, its field named as the form names it."""
    rule = getattr(error, "rule", "")
    if current() == "en" or not rule:
        return str(error)
    params = dict(getattr(error, "params", {}))
    params["field"] = _field(str(params.get("field") or getattr(error, "field", "") or ""))
    more = params.get("more")
    params["more"] = translated("dataerror.more", "", n=more) if more else ""
    return translated(f"dataerror.{rule}", str(error), **params)
