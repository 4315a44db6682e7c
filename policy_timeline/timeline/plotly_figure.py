"""The interactive timeline's data, and its Plotly figure, drawn from the layout.

The site ships one file per build, ``timeline.json``: the events as columns
(what the chart, its hover, the card and the filters need), the vocabulary,
every level of the layout (``policy_timeline.timeline.layout``) and the first
view's axis. ``timeline-figure.js`` draws a view from it without placing
anything itself: the level that fits the reader's zoom, the events that pass
the filters, the rows they use, the axis's years for its width.
:func:`plotly_figure` draws the same thing in Python: the Plotly figure the
data exports publish, and the oracle the browser tests hold the drawn chart to.

The figure is plain Plotly: time along a date x axis; y in pixels from the
top of the plot (one unit is one pixel, so rows, bars and lane bands are
exactly as tall as the layout says); four traces (periods' bars, their
labels, the points, the clusters' counts) with per-point arrays, so plotly.js
stays fast at thousands of events; lane bands and names as shapes and
annotations; each cluster a pill (a shape) under its "+N", which a click
zooms into, drawn as the SVG draws it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import Any, Protocol

from policy_timeline import urls
from policy_timeline.source.model import Event, Project, Vocabulary
from policy_timeline.timeline import layout as lay
from policy_timeline.timeline import stacking
from policy_timeline.timeline.layout import Level, TimelineLayout
from policy_timeline.timeline.plotly_json import figure_json, plotly_text
from policy_timeline.timeline.view import Names, TimelineFilter
from policy_timeline.timeline.words import Words, more_events, span


class LaidOutProject(Protocol):
    """What the figures read of a build: its project and its layout
    (``policy_timeline.build.Build`` is one). Named here, so the timeline never
    imports the build, which sits above it."""

    @property
    def project(self) -> Project: ...

    @property
    def layout(self) -> TimelineLayout: ...


FIGURE_SCRIPT_CALLBACK = "policyTimelineFigure"
DATA_VERSION = 3  # 3: levels carry each label's side

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
_MS_PER_DAY = 86_400_000


def _pill_path(half: float, r: float) -> str:
    """A pill ``2 * half`` pixels wide and ``2 * r`` high around (0, 0), in the quadratic
    curves Plotly's paths know (no arcs)."""
    flat = half - r
    return (
        f"M {-flat:g},{-r:g} H {flat:g} Q {half:g},{-r:g} {half:g},0 Q {half:g},{r:g} {flat:g},{r:g} "
        f"H {-flat:g} Q {-half:g},{r:g} {-half:g},0 Q {-half:g},{-r:g} {-flat:g},{-r:g} Z"
    )


# A "+N" badge as a Plotly path, pixel-sized around its anchor: the SVG's pill. Both
# figures take it from here (the browser from geometry()).
BADGE_PATH = _pill_path(lay.BADGE_WIDTH_PX / 2, lay.BADGE_PX / 2)


# --- the data the browser draws -------------------------------------------------------


def _iso(day: float) -> str:
    return _dt.date.fromordinal(int(day)).isoformat()


def _hover(event: Event, vocabulary: Vocabulary, words: Words | None = None) -> str:
    lines = [f"<b>{plotly_text(event.title)}</b>"]
    lines.extend(plotly_text(title) for title in event.titles.values())
    lines.append(
        plotly_text(
            f"{span(words, event.date, event.end)} · "
            f"{vocabulary.lanes[event.lane].label}, "
            f"{vocabulary.kinds[event.kind].label}"
        )
    )
    return "<br>".join(lines)


def point_x(event: Event) -> str:
    """Where the chart draws an event: a point at its middle day, a period from its first."""
    return (event.date.first_day if event.is_period else event.date.midpoint).isoformat()


def label_anchor(is_period: bool, x: str, last: str, side: int) -> tuple[str, str]:
    """Where Plotly anchors an event's label, and its ``textposition``, for the side the
    layout gave it (``Level.side``): right or left of a point at ``x``; a period's inside
    its bar from its first day ``x``, before that day, or after its ``last`` day.
    Mirrors ``labelAnchor`` in timeline-figure.js (the shared vectors hold the two)."""
    position = "middle left" if side == stacking.LEFT else "middle right"
    if is_period and side == stacking.AFTER:
        return (_dt.date.fromisoformat(last) + _dt.timedelta(days=1)).isoformat(), position
    return x, position


def geometry() -> dict:
    """The layout's pixel sizes, which the browser draws with (one definition, in layout.py)."""
    return {
        "fontPx": lay.FONT_PX,
        "rowPx": lay.ROW_PX,
        "laneHeadPx": lay.LANE_HEAD_PX,
        "laneGapPx": lay.LANE_GAP_PX,
        "marginTopPx": lay.MARGIN_TOP_PX,
        "axisPx": lay.AXIS_PX,
        "markerSize": lay.MARKER_SIZE,
        "barPx": lay.BAR_PX,
        "hollowLinePx": lay.HOLLOW_LINE_PX,
        "barFillAlpha": BAR_FILL_ALPHA,
        "labelOffsetPx": lay.LABEL_OFFSET_PX,
        "barLabelInsetPx": lay.BAR_LABEL_INSET_PX,
        "badgePx": lay.BADGE_PX,
        "badgePath": BADGE_PATH,
        "tickLabelPx": lay.TICK_LABEL_PX,
        "tickSteps": list(lay.TICK_STEPS),
        "fontFamily": lay.FONT_FAMILY,
    }


def timeline_data(
    build: LaidOutProject, layout: TimelineLayout, words: Words | None = None
) -> dict:
    """Everything the timeline's scripts need to draw, filter and step through the timeline."""
    vocabulary = build.project.vocabulary
    kinds = list(vocabulary.kinds.values())
    kind_index = {k.id: i for i, k in enumerate(kinds)}
    tag_ids = list(vocabulary.tags)
    tag_index = {t: i for i, t in enumerate(tag_ids)}
    events = layout.events
    return {
        "version": DATA_VERSION,
        "geometry": geometry(),
        "lanes": [
            {
                "id": lane.id,
                "label": lane.label,
                "colour": lane.colour,
                "colourDark": dark_colour(lane.colour),
            }
            for lane in layout.lanes
        ],
        "kinds": [{"id": k.id, "label": k.label, "symbol": k.symbol} for k in kinds],
        "tags": [{"id": t.id, "label": t.label} for t in vocabulary.tags.values()],
        "range": {
            "default": [d.isoformat() for d in layout.default_range],
            "full": [d.isoformat() for d in layout.full_range],
            # The first view's axis: per step, the least plot width and its years.
            "ticks": [[min_px, list(years)] for min_px, years in layout.ticks],
        },
        "events": {
            "id": [e.id for e in events],
            "path": [urls.event_path(e.id) for e in events],
            "title": [e.title for e in events],
            # Each event's titles in other languages: [language tag, title, direction].
            "titles": [[[t.lang, t.text, t.dir] for t in e.other_titles] for e in events],
            "when": [span(words, e.date, e.end) for e in events],
            "date": [e.date.text for e in events],
            "lane": list(layout.lane_of),
            "kind": [kind_index[e.kind] for e in events],
            "tags": [[tag_index[t] for t in e.tags] for e in events],
            "first": [e.date.first_day.isoformat() for e in events],
            "last": [(e.end or e.date).last_day.isoformat() for e in events],
            "x": [point_x(e) for e in events],
            "period": [1 if e.is_period else 0 for e in events],
            "target": [1 if t else 0 for t in layout.targets],
            "sources": [len(e.sources) for e in events],
            "summary": [e.summary for e in events],
            "hover": [_hover(e, vocabulary, words) for e in events],
        },
        "levels": [
            {
                "scale": level.scale,
                "row": list(level.row),
                "label": list(level.label),
                "side": list(level.side),
                "laneRows": list(level.lane_rows),
                "clusters": [
                    [c.lane, round(c.centre, 3), _iso(c.first), _iso(c.last), list(c.members)]
                    for c in level.clusters
                ],
            }
            for level in layout.levels
        ],
        "classes": [
            {"minWidth": c.min_width, "plotPx": c.plot_px, "level": c.level} for c in layout.classes
        ],
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


# --- the Plotly figure of a view -------------------------------------------------------


class _Marks:
    """What a trace reads of one level's drawn events: each event's row height, lane
    colour, label, label anchor and hover text."""

    def __init__(
        self,
        layout: TimelineLayout,
        level: Level,
        row_y: dict[int, dict[int, float]],
        hover: list[str],
    ) -> None:
        self.layout, self.level, self.row_y, self.hover = layout, level, row_y, hover

    def y(self, i: int) -> float:
        return self.row_y[self.layout.lane_of[i]][self.level.row[i]]

    def colour(self, i: int) -> str:
        return self.layout.lanes[self.layout.lane_of[i]].colour

    def label(self, i: int) -> str:
        return plotly_text(lay.label_text(self.layout.events[i].title, self.level.label[i]))

    def anchor(self, i: int) -> tuple[str, str]:
        event = self.layout.events[i]
        last = (event.end or event.date).last_day.isoformat()
        return label_anchor(event.is_period, point_x(event), last, self.level.side[i])


def _period_traces(marks: _Marks, periods: list[int]) -> list[dict]:
    """The periods' bars, and their labels (a text point each)."""
    layout, events = marks.layout, marks.layout.events
    bars = {
        "type": "bar",
        "orientation": "h",
        "name": "periods",
        "showlegend": False,
        "base": [events[i].date.first_day.isoformat() for i in periods],
        "x": [
            (lay.span_days(events[i])[1] - lay.span_days(events[i])[0]) * _MS_PER_DAY
            for i in periods
        ],
        "y": [marks.y(i) for i in periods],
        "width": lay.BAR_PX,
        "customdata": periods,
        "hovertext": [marks.hover[i] for i in periods],
        "hoverinfo": "text",
        "marker": {
            "color": [
                _rgba(marks.colour(i), 0 if layout.targets[i] else BAR_FILL_ALPHA) for i in periods
            ],
            "line": {"color": [marks.colour(i) for i in periods], "width": 1},
        },
    }
    labels = {
        "type": "scatter",
        "mode": "markers+text",
        "name": "period labels",
        "showlegend": False,
        "x": [marks.anchor(i)[0] for i in periods],
        "y": [marks.y(i) for i in periods],
        "text": [marks.label(i) for i in periods],
        "textposition": [marks.anchor(i)[1] for i in periods],
        "customdata": periods,
        "hoverinfo": "skip",
        # An invisible marker moves the label off the bar's start or end, as far
        # as BAR_LABEL_INSET_PX (Plotly's offset is radius / 0.8 + 1).
        "marker": {"size": (lay.BAR_LABEL_INSET_PX - 1) * 0.8 * 2, "opacity": 0},
        "cliponaxis": True,
    }
    return [bars, labels]


def _point_trace(marks: _Marks, points: list[int], vocabulary: Vocabulary) -> dict:
    """The events that are points: a marker of their kind's symbol, and their label."""
    layout, events = marks.layout, marks.layout.events
    return {
        "type": "scatter",
        "mode": "markers+text",
        "name": "events",
        "showlegend": False,
        "x": [point_x(events[i]) for i in points],
        "y": [marks.y(i) for i in points],
        "text": [marks.label(i) for i in points],
        "textposition": [marks.anchor(i)[1] for i in points],
        "customdata": points,
        "hovertext": [marks.hover[i] for i in points],
        "hoverinfo": "text",
        "marker": {
            "size": lay.MARKER_SIZE,
            "symbol": [
                vocabulary.kinds[events[i].kind].symbol + ("-open" if layout.targets[i] else "")
                for i in points
            ],
            "color": [marks.colour(i) for i in points],
            # Only hollow symbols need a stroke; stroking every marker costs
            # about a fifth of the drawing time at 5,000 events.
            "line": {"width": [lay.HOLLOW_LINE_PX if layout.targets[i] else 0 for i in points]},
        },
        "cliponaxis": True,
    }


def _lane_bands(layout: TimelineLayout, bands: Sequence[lay.LaneBand]) -> tuple[list, list]:
    """Each lane's band, its colour swatch and its name: (shapes, annotations)."""
    shapes: list[dict] = []
    annotations: list[dict] = []
    for n, band in enumerate(bands):
        lane = layout.lanes[band.lane]
        head = band.top + lay.LANE_HEAD_PX / 2
        shapes += [
            {
                "type": "rect",
                "layer": "below",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": band.top,
                "y1": band.bottom,
                "line": {"width": 0},
                "fillcolor": LIGHT["bandAlt" if n % 2 else "band"],
            },
            {
                "type": "rect",
                "xref": "paper",
                "xsizemode": "pixel",
                "xanchor": 0,
                "x0": 4,
                "x1": 14,
                "yref": "y",
                "y0": head - 5,
                "y1": head + 5,
                "line": {"width": 0},
                "fillcolor": lane.colour,
            },
        ]
        annotations.append(
            {
                "xref": "paper",
                "x": 0,
                "xanchor": "left",
                "xshift": 18,
                "yref": "y",
                "y": head,
                "yanchor": "middle",
                "showarrow": False,
                "text": f"<b>{plotly_text(lane.label)}</b>",
                "font": {"size": lay.FONT_PX},
            }
        )
    return shapes, annotations


def _badges(
    level: Level,
    visible: Sequence[bool],
    row_y: dict[int, dict[int, float]],
    words: Words | None,
) -> tuple[dict, list[dict]]:
    """The "+N" badges: a pill (a shape) under a text point, as the SVG draws them. As
    Plotly annotations they took about 40% of a draw at 1,000 events and 60% at 5,000.
    (the trace, the pills)"""
    badges: dict[str, list[Any]] = {"x": [], "y": [], "text": [], "hovertext": []}
    pills: list[dict] = []
    for cluster in level.clusters:
        shown = [m for m in cluster.members if visible[m]]
        if not shown or cluster.lane not in row_y:
            continue
        at_x = _iso(cluster.centre)
        at_y = row_y[cluster.lane][level.lane_rows[cluster.lane] - 1]
        badges["x"].append(at_x)
        badges["y"].append(at_y)
        badges["text"].append(f"+{len(shown)}")
        badges["hovertext"].append(plotly_text(more_events(words, len(shown))))
        pills.append(
            {
                "type": "path",
                "layer": "between",
                "xref": "x",
                "yref": "y",
                "xsizemode": "pixel",
                "ysizemode": "pixel",
                "xanchor": at_x,
                "yanchor": at_y,
                "path": BADGE_PATH,
                "fillcolor": LIGHT["badge"],
                "line": {"color": LIGHT["muted"], "width": 1},
            }
        )
    trace = {
        "type": "scatter",
        "mode": "markers+text",
        "name": "clusters",
        "showlegend": False,
        **badges,
        "textposition": "middle center",
        "textfont": {"size": 11},
        "hoverinfo": "text",
        "marker": {"size": lay.BADGE_PX, "symbol": "square", "opacity": 0},
        "cliponaxis": True,
    }
    return trace, pills


def _figure_layout(
    layout: TimelineLayout, height: float, plot_px: float | None, shapes: list, annotations: list
) -> dict:
    """The figure's layout: its size, the date axis of the first view and its years."""
    first, after = layout.default_range
    ticks = layout.default_ticks(plot_px or layout.classes[-1].plot_px)
    return {
        "height": height + lay.AXIS_PX,
        "margin": {"l": 0, "r": 0, "t": 0, "b": lay.AXIS_PX, "pad": 0},
        "font": {"family": lay.FONT_FAMILY, "size": lay.FONT_PX, "color": LIGHT["fg"]},
        "hovermode": "closest",
        "hoverdistance": lay.MARK_HALF_PX,
        "hoverlabel": {"align": "left", "bgcolor": LIGHT["hover"]},
        "barmode": "overlay",
        "dragmode": "pan",
        "showlegend": False,
        "xaxis": {
            "type": "date",
            "range": [first.isoformat(), after.isoformat()],
            "tickmode": "array",
            "tickvals": [f"{t}-01-01" for t in ticks],
            "ticktext": [str(t) for t in ticks],
            "showgrid": True,
            "gridcolor": LIGHT["grid"],
            "zeroline": False,
            "showline": False,
            "ticks": "",
            "tickfont": {"color": LIGHT["muted"]},
        },
        "yaxis": {"range": [height, 0], "fixedrange": True, "visible": False},
        "shapes": shapes,
        "annotations": annotations,
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
    }


def plotly_figure(
    build: LaidOutProject,
    layout: TimelineLayout,
    level_index: int,
    visible: Sequence[bool],
    lanes: Sequence[int] | None = None,
    plot_px: float | None = None,
    words: Words | None = None,
) -> dict:
    """The chart of one view: ``visible`` events at level ``level_index``, over the first view.

    Mirrors ``figureFor`` in timeline-figure.js, which draws the same view in the browser.
    """
    vocabulary = build.project.vocabulary
    level: Level = layout.levels[level_index]
    bands, height = lay.rows_shown(layout, level, visible, lanes)
    row_y = {band.lane: band.row_y for band in bands}
    points: list[int] = []  # event positions
    periods: list[int] = []
    for i, event in enumerate(layout.events):
        if visible[i] and level.row[i] >= 0 and layout.lane_of[i] in row_y:
            (periods if event.is_period else points).append(i)
    hover = [_hover(event, vocabulary, words) for event in layout.events]
    marks = _Marks(layout, level, row_y, hover)
    shapes, annotations = _lane_bands(layout, bands)
    badge_trace, pills = _badges(level, visible, row_y, words)
    return {
        "data": [
            *_period_traces(marks, periods),
            _point_trace(marks, points, vocabulary),
            badge_trace,
        ],
        "layout": _figure_layout(layout, height, plot_px, shapes + pills, annotations),
    }


def _rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha:g})"


def timeline_figure(
    build: LaidOutProject,
    *,
    lanes: Names = None,
    kinds: Names = None,
    tags: Names = None,
    start: object = None,
    end: object = None,
    q: object = None,
) -> dict:
    """The first view's chart, filtered like the macro's arguments, at the widest page's level."""
    view = TimelineFilter.parse(
        build.project.vocabulary, lanes=lanes, kinds=kinds, tags=tags, start=start, end=end, q=q
    )
    layout = build.layout
    widest = layout.classes[-1]
    visible = [view.shows(e) for e in layout.events]
    lane_ids = [lane.id for lane in layout.lanes]
    shown = [lane_ids.index(lane) for lane in view.lanes] if view.lanes else None
    return plotly_figure(build, layout, widest.level, visible, shown, widest.plot_px)


def site_files(build: LaidOutProject, words: Words | None = None) -> dict[str, bytes]:
    """The timeline's data as JSON (site pages fetch it) and as a script (the embed
    loads it)."""
    data = figure_json(timeline_data(build, build.layout, words))
    return {
        urls.FIGURE_URI: data,
        urls.FIGURE_SCRIPT_URI: f"{FIGURE_SCRIPT_CALLBACK}(".encode()
        + data.rstrip(b"\n")
        + b");\n",
    }
