"""``python -m experiments``: see :mod:`experiments.cli`."""

from __future__ import annotations

from experiments.cli import main

raise SystemExit(main())
