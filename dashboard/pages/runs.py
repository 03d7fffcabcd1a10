"""The Runs page (a thin script; the view lives in ``dashboard.views.runs``)."""

from dashboard.guard import guarded
from dashboard.views.runs import render

guarded(render)
