"""The timeline's colours: the light scheme the Python figure draws in (the
browser takes the page's, from its CSS), a lane's colour for the dark scheme,
and a period's fill.

A lane's dark colour (:func:`dark_colour`) is the lane's own, lightened until
it reads on the dark background; ``timeline.json`` carries it for the chart and
the view's style (``timeline.html``) for the SVG.
"""

from __future__ import annotations

from collections.abc import Sequence

BAR_FILL_ALPHA = 0.3
# Colours of the light scheme; the browser swaps in the dark ones from CSS.
LIGHT = {
    "fg": "#1f2328",
    "muted": "#57606a",
    "grid": "#d8dce1",
    "band": "rgba(127,127,127,0.07)",
    "bandAlt": "rgba(127,127,127,0.14)",
    "badge": "#ffffff",
    "hover": "#ffffff",
}


def dark_colour(colour: str) -> str:
    """A lane's colour for the dark scheme: lightened until it reads at 3:1 on its
    background (WCAG's contrast for graphics), the hue kept."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    for step in range(0, 101, 5):
        mixed = [round(c + (255 - c) * step / 100) for c in rgb]
        if _contrast(mixed, DARK_BACKGROUND) >= 3:
            return "#" + "".join(f"{c:02x}" for c in mixed)
    return "#ffffff"


DARK_BACKGROUND = (0x1E, 0x21, 0x29)


def _contrast(a: Sequence[int], b: Sequence[int]) -> float:
    def lum(rgb: Sequence[int]) -> float:
        def lin(c: float) -> float:
            c /= 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b_ = (lin(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    la, lb = lum(a), lum(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def rgba(colour: str, alpha: float) -> str:
    """``#rrggbb`` with an opacity, as CSS and Plotly read it: ``rgba(r,g,b,alpha)``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha:g})"
