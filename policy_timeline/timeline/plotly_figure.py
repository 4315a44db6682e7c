"""The Plotly figure of a view of the timeline, drawn in Python from the layout.

:func:`plotly_figure` draws what ``timeline-figure.js`` draws in the browser from
``timeline.json`` (``figure_data``): the Plotly figure the data exports publish,
and the oracle the browser tests hold the drawn chart to.

The figure is plain Plotly: time along a date x axis; y in pixels from the
top of the plot (one unit is one pixel, so rows, bars and lane bands are
exactly as tall as the layout says); four traces (periods' bars, their
labels, the points, the clusters' counts) with per-point arrays, so plotly.js
stays fast at thousands of events; lane bands and names as shapes and
annotations; each cluster a pill (a shape) under its "+N", which a click
zooms into, drawn as the SVG draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from policy_timeline.source.model import Vocabulary
from policy_timeline.timeline import layout as lay
from policy_timeline.timeline.colours import BAR_FILL_ALPHA, LIGHT, rgba
from policy_timeline.timeline.figure_data import (
    BADGE_PATH,
    LaidOutProject,
    iso_day,
    label_anchor,
    plotly_hover,
    point_x,
)
from policy_timeline.timeline.layout import Level, TimelineLayout
from policy_timeline.timeline.plotly_json import plotly_text
from policy_timeline.timeline.view import Names, TimelineFilter
from policy_timeline.timeline.words import Words, more_events

_MS_PER_DAY = 86_400_000


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
                rgba(marks.colour(i), 0 if layout.targets[i] else BAR_FILL_ALPHA) for i in periods
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
        at_x = iso_day(cluster.centre)
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
    hover = [plotly_hover(event, vocabulary, words) for event in layout.events]
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
