"""gradlab's network core: a small Keras-shaped feed-forward library in NumPy.

Import the Keras-style modules directly, e.g. ``from core.models import Sequential`` and
``from core.layers import Dense``; this package exposes nothing at import time besides them.
"""
