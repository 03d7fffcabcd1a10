"""What runs left: the SQLite store, tidy frames read from it, live tracks and the CSV format.

The middle layer of ``experiments``: it may import ``experiments.spec`` (to validate an imported
config) but nothing from ``experiments.run``. ``Store`` is SQLite alone; pandas lives in the
readers.
"""
