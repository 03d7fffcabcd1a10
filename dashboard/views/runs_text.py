"""Every text the Runs page shows, in one place (so a translation can wrap them)."""

from __future__ import annotations

TITLE = "Runs"
SCOPE_LOCAL = "Every run in this store: comparisons, sweeps and single runs."
SCOPE_PUBLIC = "Your runs and the runs of links you opened (other visitors' runs stay theirs)."
VIEW = "Show"
VIEW_GROUPS, VIEW_RUNS = "Groups", "Runs"
SEARCH = "Search labels, tags and notes"
STATUS = "Status"
SORT = "Sort by"
DESCENDING = "Descending"
METRIC = "Metric"
PAGE = "Page"
ADD_FILTER = "Add a filter"
FIELD, OP, VALUE = "Field", "Condition", "Value"
VALUE_HELP = "A number, true/false, a date YYYY-MM-DD for created_at, or text; for 'in': [a, b]"
ADD = "Add"
REMOVE = "✕ {text}"
BAD_FILTER = "That filter cannot be used: {error}"
COUNT_RUNS = "Matching runs: {n:,} · page {page} of {pages}"
COUNT_GROUPS = "Matching groups: {n:,} · page {page} of {pages}"
OLD_STORE = (
    "This store was written by an older gradlab and cannot be written now, so it cannot be "
    "listed here; open it once where it can be written (its runs are kept)."
)
EMPTY = "No runs match. Train a comparison on the Compare page, or loosen the filters."
# nothing at all to show (no filter): say whose runs this page lists, not "loosen the filters"
NONE_YET = (
    "No runs here yet. The runs you train on the Compare page are listed here, with the runs of "
    "the share links you open. On the public app that is this browser's own, until it is "
    "closed: keep a comparison's share link to come back to it. Running gradlab yourself? "
    "Start it with GRADLAB_AUDIENCE=local to list every run in its store, command-line sweeps "
    "included."
)
NONE_YET_LOCAL = "No runs in this store yet: train a comparison on the Compare page."
PICK = "Tick up to {most} rows to open them in Compare."
TOO_MANY = "{n} rows are ticked; the first {most} are used."
OPEN = "Open in Compare"
LINK = "Share link of the ticked rows"
LINK_NONE = "The ticked rows hold more settings than one comparison shows."
NOTES_TITLE = "Tags and note of the ticked runs ({n})"
TAGS = "Tags (comma-separated)"
NOTE = "Note"
SAVE = "Save tags and note"
SAVED = "Tags and note saved."
READ_ONLY = "This store is read-only: tags and notes cannot be saved."
ANALYSIS = "Hyperparameters against {metric} ({n:,} runs)"
ANALYSIS_FEW = (
    "Parallel coordinates and the sensitivity plot appear once the matching runs vary a knob."
)
ANALYSIS_CAP = "Drawn from the first {limit:,} of {n:,} matching runs; filter to see the rest."
PARCOORDS = "Each line is a run: drag along an axis to pick a range."
LINES = "{n:,} of the {of:,} runs are drawn, evenly spread; the plot below uses all of them."
KNOB_X = "Knob on the x axis"
KNOB_LINE = "One line per value of"
NO_LINE = "(none)"
OTHERS_AVERAGED = "Also averaged over {others}, which vary too."
SENSITIVITY_NOTE = (
    "Mean over seeds with its 95% confidence band (Student's t); no band with one seed."
)
COLUMNS = {
    "label": "Label", "status": "Status", "seed": "Seed", "created_at": "Created",
    "kind": "Kind", "tags": "Tags", "group": "Group", "runs": "Runs", "finished": "Finished",
    "labels": "Labels", "best": "{metric} (best run)",
}  # fmt: skip
KINDS = {"comparison": "comparison", "sweep": "sweep", "run": "single run"}
ANY_STATUS = "any status"

# radio options, not texts: the session keeps them, so they stay English in both languages and
# are shown through view_names()
VALUES = ("VIEW_GROUPS", "VIEW_RUNS")


def english() -> dict[str, str]:
    """Every text above under its key (``runs.TITLE``, ``runs.COLUMNS.label``), for en.py."""
    found: dict[str, str] = {}
    for name, value in list(globals().items()):
        if name.isupper() and isinstance(value, str):
            found[f"runs.{name}"] = value
        elif name.isupper() and isinstance(value, dict):
            found |= {f"runs.{name}.{k}": v for k, v in value.items()}
    return found
