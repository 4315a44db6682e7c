"""The data the interactive timeline draws, from the layout: ``timeline.json``.

The site ships one file per build, ``timeline.json``: the events as columns
(what the chart, its hover, the card and the filters need), the vocabulary,
every level of the layout (``policy_timeline.timeline.layout``) and the first
view's axis. ``timeline-figure.js`` draws a view from it without placing
anything itself: the level that fits the reader's zoom, the events that pass
the filters, the rows they use, the axis's years for its width. The few things
both figures compute alike live here too (an event's x, a label's anchor, a
"+N" badge's pill, an event's hover lines); ``plotly_figure`` draws the same
view in Python.
"""

from __future__ import annotations

import datetime as _dt
from typing import Protocol

from policy_timeline import urls
from policy_timeline.source.model import Event, Project, Vocabulary
from policy_timeline.timeline import layout as lay
from policy_timeline.timeline import stacking
from policy_timeline.timeline.colours import BAR_FILL_ALPHA, dark_colour
from policy_timeline.timeline.layout import TimelineLayout
from policy_timeline.timeline.plotly_json import figure_json, plotly_text
from policy_timeline.timeline.words import Words, span


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


def iso_day(day: float) -> str:
    """A day number of the layout (an ordinal, maybe fractional) as an ISO date."""
    return _dt.date.fromordinal(int(day)).isoformat()


def hover_lines(event: Event, vocabulary: Vocabulary, words: Words | None = None) -> list[str]:
    """What an event's hover says, as plain text, one line each: its title, its titles
    in other languages, its date, lane and kind. Each drawing escapes and joins them
    its own way (the SVG's ``<title>``, Plotly's hover text)."""
    lines = [event.title]
    lines.extend(event.titles.values())
    lines.append(
        f"{span(words, event.date, event.end)} · "
        f"{vocabulary.lanes[event.lane].label}, "
        f"{vocabulary.kinds[event.kind].label}"
    )
    return lines


def plotly_hover(event: Event, vocabulary: Vocabulary, words: Words | None = None) -> str:
    """An event's hover text as Plotly shows it: its lines escaped, the title in bold."""
    title, *rest = hover_lines(event, vocabulary, words)
    return "<br>".join([f"<b>{plotly_text(title)}</b>", *(plotly_text(line) for line in rest)])


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
            "hover": [plotly_hover(e, vocabulary, words) for e in events],
        },
        "levels": [
            {
                "scale": level.scale,
                "row": list(level.row),
                "label": list(level.label),
                "side": list(level.side),
                "laneRows": list(level.lane_rows),
                "clusters": [
                    [c.lane, round(c.centre, 3), iso_day(c.first), iso_day(c.last), list(c.members)]
                    for c in level.clusters
                ],
            }
            for level in layout.levels
        ],
        "classes": [
            {"minWidth": c.min_width, "plotPx": c.plot_px, "level": c.level} for c in layout.classes
        ],
    }


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
