"""What to run: the config, its validation, presets, variants, model building, the Keras script.

The bottom layer of ``experiments``: it imports ``core`` and ``datasets`` but nothing from
``experiments.results`` or ``experiments.run``.
"""
