"""One color per variant, shared by every chart so a variant is recognisable everywhere."""

from __future__ import annotations

from collections.abc import Sequence

# Okabe-Ito's colour-blind-safe hues without its yellow (it vanishes on white when projected)
# and black, then Tol's wine and olive: eight hues, none black or grey, which read as "no
# variant" (the zero line, the axes, a missing value).
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#882255",
    "#999933",
)


def color_map(labels: Sequence[str]) -> dict[str, str]:
    """Map variant labels, in variant order, to palette colours.

    Parameters
    ----------
    labels : sequence of str, length n
        Variant labels in the order the variants are shown.

    Returns
    -------
    dict of str to str
        Label to ``#rrggbb``; the palette wraps after eight variants.
    """
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(labels)}


def with_alpha(color: str, alpha: float) -> str:
    """Return ``rgba(...)`` for a ``#rrggbb`` colour, for translucent bands."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"
