"""The Activations page (a thin script; the view lives in ``dashboard.views.activations``)."""

from dashboard.guard import guarded
from dashboard.views.activations import render

guarded(render)
