"""Every ``st.session_state`` key the dashboard uses, in one place, initialised with setdefault.

Pages never invent keys: they import the constants below. Widget keys derived from a variant are
built by :func:`widget_key`, so a variant's widgets are recreated when the variant is replaced.
"""

from __future__ import annotations

import secrets
from collections.abc import MutableMapping
from typing import Any

from dashboard import person

OWNER = "owner"  # one id per person (dashboard/person.py); the runner tags runs with it
VARIANTS = "variants"  # list of {"uid": int, "label": str, "config": dict}: the comparison
DATA = "data"  # shared data settings (dataset, n_samples, noise, train_fraction, ...)
NEXT_UID = "next_uid"  # counter giving each new variant fresh widget keys
DATA_GEN = "data_gen"  # bumped when the data settings are replaced from outside the form
RUN_IDS = "run_ids"  # {run_id: variant label} shown on the Compare page, in variant order
IMPORTED = "imported"  # Results loaded from an uploaded CSV, shown instead of live runs
IMPORTED_FILE = "imported_file"  # uploader file id already imported, so it is read only once
FIELD_ERRORS = "field_errors"  # {(uid or "data", field): message} from the last validation
WARNINGS = "warnings"  # {uid: [warning, ...]} from experiments.validate
NOTICE = "notice"  # message shown at the top of the Compare page
OFFER_RUN = "offer_run"  # a shared link's variants have no stored runs: offer to run them
SHARE_TOKEN = "share_token"  # the ?c= value already applied, so it is restored only once
LOG_Y = "log_y"  # loss chart on a log scale
BAND = "band"  # what the curves' band over seeds shows: "ci" (the mean's 95% CI) or "range"
BASELINE = "verdict_baseline"  # the variant the verdicts compare the others with
VERDICT_METRIC = "verdict_metric"  # the run metric the verdicts compare
VERDICT_LESSON = "verdict_lesson"  # the lesson whose metric VERDICT_METRIC was last set to
PAUSED = "charts_paused"  # while runs train, the charts keep the snapshot drawn last
LOSS_SHOWN = "loss_shown"  # radio: data loss or Keras's loss incl. penalty (default: data loss)
SHOW_VARIANTS = "show_variants"  # prefix of the "Show variants" pills' key (one per comparison)
DRAWN = "drawn"  # live.Drawn: what the live section's charts show, or None
PRESET = "preset"  # key of the preset last loaded
READER = "results_reader"  # experiments ResultsReader of the runs in RUN_IDS (None until read)
MEMO = "memo"  # {slot: (key, value)}: the last chart data and figures built (dashboard.memo)
JUST_STARTED = "just_started"  # runs were submitted: the next script run waits for an epoch
LANG = "lang"  # the page language chosen last (dashboard.i18n); not in DEFAULTS: resolved per run
WORDED = "worded_in"  # the language FIELD_ERRORS and WARNINGS are worded in
LINKED_RUNS = "linked_runs"  # run ids shown through share links opened: visible on the Runs page
RUNS_FILTERS = "runs_filters"  # the Runs page's filters, as (field, op, value) tuples
RUNS_QUERY_SEEN = "runs_query_seen"  # the Runs query last drawn: a new one goes back to page 1
RUNS_NOTICE = "runs_notice"  # what saving tags and a note said, shown once under the form
RUNS_KEPT = "runs_kept"  # {widget key: value} of the Runs controls, restored after another page
# the Runs page's widgets (Streamlit holds their values under these keys)
RUNS_VIEW, RUNS_SEARCH, RUNS_STATUS = "runs.view", "runs.search", "runs.status"
RUNS_SORT, RUNS_DESC, RUNS_METRIC, RUNS_PAGE = "runs.sort", "runs.desc", "runs.metric", "runs.page"
RUNS_TABLE, RUNS_X, RUNS_LINE = "runs.table", "runs.x", "runs.line"
# the lesson picker widget: dropped when a file replaces the comparison, so it shows the lesson
# loaded (not a pick left from before, which "Press Load preset" would then offer)
PRESET_PICK = "preset.pick"

DEFAULTS: dict[str, Any] = {
    VARIANTS: [],
    DATA: {},
    NEXT_UID: 0,
    DATA_GEN: 0,
    RUN_IDS: {},
    IMPORTED: None,
    IMPORTED_FILE: None,
    FIELD_ERRORS: {},
    WARNINGS: {},
    NOTICE: None,
    OFFER_RUN: False,
    SHARE_TOKEN: None,
    LOG_Y: False,
    BAND: "ci",
    BASELINE: None,
    VERDICT_METRIC: "best_val_loss",
    VERDICT_LESSON: None,
    PAUSED: False,
    DRAWN: None,
    PRESET: None,
    READER: None,
    MEMO: {},
    JUST_STARTED: False,
    LINKED_RUNS: [],
    RUNS_FILTERS: [],
    RUNS_QUERY_SEEN: None,
    RUNS_NOTICE: None,
    RUNS_KEPT: {},
}


def init(state: MutableMapping[str, Any]) -> None:
    """Give every key its default unless already set; mutable defaults are copied per session."""
    if OWNER not in state:
        state[OWNER] = person.current(fallback=secrets.token_hex(8))
    for key, value in DEFAULTS.items():
        state.setdefault(key, value.copy() if isinstance(value, dict | list) else value)


def new_uid(state: MutableMapping[str, Any]) -> int:
    """Return a fresh variant uid (never reused within a session)."""
    uid = state[NEXT_UID]
    state[NEXT_UID] = uid + 1
    return uid


def widget_key(uid: int | str, field: str) -> str:
    """Key of the widget editing ``field`` of variant ``uid`` (or ``"data"``)."""
    return f"w.{uid}.{field}"
