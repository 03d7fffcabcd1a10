"""The Compare page (a thin script; the view lives in ``dashboard.views.compare``)."""

from dashboard.guard import guarded
from dashboard.views.compare import render

guarded(render)
