"""How wide a label is, without a browser: a safe overestimate for the chart's font.

The layout decides at build time which labels fit and where a title must be
cut, so it needs each label's width in pixels. Browsers draw the chart's text
in Arial or Helvetica (Liberation Sans on Linux, metric for metric) or, where
none is installed, DejaVu Sans, a sixth wider. ``ADVANCES`` holds, for each
character, the wider of its two advance widths (thousandths of an em, read from
Liberation Sans and DejaVu Sans). A character outside the table counts as a
full em, as wide as a CJK ideograph: a label may be cut shorter than needed,
never drawn over its neighbour.
"""
from __future__ import annotations

from itertools import accumulate

FULL_EM = 1000
# Runs of consecutive code points: first code point -> advances, in order.
_RUNS: dict[int, tuple[int, ...]] = {
    0x0020: (
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
        636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 556,
        1015, 684, 686, 722, 770, 667, 611, 778, 752, 295, 500, 667, 557, 863, 748, 787,
        667, 787, 722, 667, 611, 732, 684, 989, 685, 667, 685, 390, 337, 390, 838, 556,
        500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
        635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    ),
    0x00A0: (
        318, 401, 636, 636, 636, 636, 337, 556, 500, 1000, 471, 612, 838, 361, 1000,
        552, 500, 838, 401, 401, 500, 636, 636, 318, 500, 401, 471, 612, 969, 969, 969,
        611, 684, 684, 684, 684, 684, 684, 1000, 722, 667, 667, 667, 667, 295, 295, 295,
        295, 775, 748, 787, 787, 787, 787, 787, 838, 787, 732, 732, 732, 732, 667, 667,
        630, 613, 613, 613, 613, 613, 613, 982, 550, 615, 615, 615, 615, 278, 278, 278,
        278, 612, 634, 612, 612, 612, 612, 612, 838, 612, 634, 634, 634, 634, 592, 635,
        592, 684, 613, 684, 613, 684, 613, 722, 550, 722, 550, 722, 550, 722, 550, 770,
        635, 775, 635, 667, 615, 667, 615, 667, 615, 667, 615, 667, 615, 778, 635, 778,
        635, 778, 635, 778, 635, 752, 634, 916, 695, 295, 278, 295, 278, 295, 278, 295,
        278, 295, 278, 735, 556, 500, 278, 667, 579, 579, 557, 278, 557, 278, 557, 375,
        557, 342, 562, 284, 748, 634, 748, 634, 748, 634, 813, 748, 634, 787, 612, 787,
        612, 787, 612, 1070, 1023, 722, 411, 722, 411, 722, 411, 667, 521, 667, 521,
        667, 521, 667, 521, 611, 392, 611, 392, 611, 392, 732, 634, 732, 634, 732, 634,
        732, 634, 732, 634, 732, 634, 989, 818, 667, 592, 667, 685, 525, 685, 525, 685,
        525, 352,
    ),
    0x2010: (
        361, 361, 636, 556, 1000, 1000, 500, 552, 318, 318, 318, 318, 518, 518, 518,
        518, 556, 556, 590, 590, 334, 667, 1000,
    ),
    0x2030: (
        1342,
    ),
    0x2039: (
        400, 400,
    ),
    0x20AC: (
        636,
    ),
}
ADVANCES: dict[str, int] = {
    chr(first + offset): width for first, widths in _RUNS.items()
    for offset, width in enumerate(widths)
}
ELLIPSIS = "\u2026"


def advance(ch: str) -> int:
    """One character's advance in thousandths of an em."""
    return ADVANCES.get(ch, FULL_EM)


def text_px(text: str, font_px: float) -> float:
    """The width ``text`` takes at ``font_px``, in pixels."""
    return sum(advance(ch) for ch in text) * font_px / 1000


def prefix_px(text: str, font_px: float) -> list[float]:
    """``prefix_px(t, f)[n]`` is the width of ``t[:n]``: every cut point of a label at once."""
    return [0.0] + [w * font_px / 1000 for w in accumulate(advance(ch) for ch in text)]
