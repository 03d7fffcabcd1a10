"""The Backprop page (a thin script; the view lives in ``dashboard.views.backprop``)."""

from dashboard.guard import guarded
from dashboard.views.backprop import render

guarded(render)
