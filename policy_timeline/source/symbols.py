"""The marker symbols a kind may use: the filled symbols of the bundled plotly.js.

``PATHS`` maps each name to the SVG path plotly.js draws for it at marker size
11 (radius 5.5), centred on 0,0, so the build-time SVG of the timeline draws
exactly the shapes the interactive chart draws. Symbols plotly.js draws as
lines only (``asterisk``, ``line-ew``, ``circle-cross``...) are left out: a
target is drawn hollow (the ``-open`` form), and a line-only symbol has no
hollow form to tell it from a filled one.

tests/test_symbols.py checks every path against the bundled plotly.js with
Node (tests/plotly_symbols.js), so an upgrade of plotly.js cannot leave them behind.
"""

from __future__ import annotations

MARKER_RADIUS = 5.5

PATHS: dict[str, str] = {
    "circle": "M5.5,0A5.5,5.5 0 1,1 0,-5.5A5.5,5.5 0 0,1 5.5,0Z",
    "square": "M5.5,5.5H-5.5V-5.5H5.5Z",
    "diamond": "M7.15,0L0,7.15L-7.15,0L0,-7.15Z",
    "cross": "M6.6,2.2H2.2V6.6H-2.2V2.2H-6.6V-2.2H-2.2V-6.6H2.2V-2.2H6.6Z",
    "x": "M0,3.11l3.11,3.11l3.11,-3.11l-3.11,-3.11l3.11,-3.11l-3.11,-3.11l-3.11,3.11l-3.11,-3.11l-3.11,3.11l3.11,3.11l-3.11,3.11l3.11,3.11Z",
    "triangle-up": "M-6.35,2.75H6.35L0,-5.5Z",
    "triangle-down": "M-6.35,-2.75H6.35L0,5.5Z",
    "triangle-left": "M2.75,-6.35V6.35L-5.5,0Z",
    "triangle-right": "M-2.75,-6.35V6.35L5.5,0Z",
    "triangle-ne": "M-6.6,-3.3H3.3V6.6Z",
    "triangle-se": "M3.3,-6.6V3.3H-6.6Z",
    "triangle-sw": "M6.6,3.3H-3.3V-6.6Z",
    "triangle-nw": "M-3.3,6.6V-3.3H6.6Z",
    "pentagon": "M5.23,-1.7L3.23,4.45H-3.23L-5.23,-1.7L0,-5.5Z",
    "hexagon": "M4.76,-2.75V2.75L0,5.5L-4.76,2.75V-2.75L0,-5.5Z",
    "hexagon2": "M-2.75,4.76H2.75L5.5,0L2.75,-4.76H-2.75L-5.5,0Z",
    "octagon": "M-2.11,-5.08H2.11L5.08,-2.11V2.11L2.11,5.08H-2.11L-5.08,2.11V-2.11Z",
    "star": "M1.73,-2.38H7.32L2.8,0.91L4.53,6.23L0,2.94L-4.53,6.23L-2.8,0.91L-7.32,-2.38H-1.73L0,-7.7Z",
    "hexagram": "M-4.18,0l-2.09,-3.63h4.18l2.09,-3.63l2.09,3.63h4.18l-2.09,3.63l2.09,3.63h-4.18l-2.09,3.63l-2.09,-3.63h-4.18Z",
    "star-triangle-up": "M-7.62,4.4A 22,22 0 0 1 7.62,4.4A 22,22 0 0 1 0,-8.8A 22,22 0 0 1 -7.62,4.4Z",
    "star-triangle-down": "M7.62,-4.4A 22,22 0 0 1 -7.62,-4.4A 22,22 0 0 1 0,8.8A 22,22 0 0 1 7.62,-4.4Z",
    "star-square": "M-6.05,-6.05A 11,11 0 0 1 -6.05,6.05A 11,11 0 0 1 6.05,6.05A 11,11 0 0 1 6.05,-6.05A 11,11 0 0 1 -6.05,-6.05Z",
    "star-diamond": "M-7.7,0A 10.45,10.45 0 0 1 0,7.7A 10.45,10.45 0 0 1 7.7,0A 10.45,10.45 0 0 1 0,-7.7A 10.45,10.45 0 0 1 -7.7,0Z",
    "diamond-tall": "M0,7.7L3.85,0L0,-7.7L-3.85,0Z",
    "diamond-wide": "M0,3.85L7.7,0L0,-3.85L-7.7,0Z",
    "hourglass": "M5.5,5.5H-5.5L5.5,-5.5H-5.5Z",
    "bowtie": "M5.5,5.5V-5.5L-5.5,5.5V-5.5Z",
    "arrow-up": "M0,0L-5.5,11H5.5Z",
    "arrow-down": "M0,0L-5.5,-11H5.5Z",
    "arrow-left": "M0,0L11,-5.5V5.5Z",
    "arrow-right": "M0,0L-11,-5.5V5.5Z",
    "arrow": "M0,0L-3.399186938124422,10.461621679246688L3.399186938124422,10.461621679246688Z",
    "arrow-wide": "M0,0L-7.778174593052023,7.778174593052022A 11,11 0 0 1 7.778174593052023,7.778174593052022Z",
}

NAMES: tuple[str, ...] = tuple(PATHS)
