"""Running it: the background runner, its worker processes and the per-owner limits.

The top layer of ``experiments``: it reads configs from ``experiments.spec`` and writes what runs
leave into ``experiments.results``; neither imports it back.
"""
