"""What the timeline's build-time SVG draws, as plain data, from the layout the
interactive chart draws: every position, row, label text, side and tick.

``render/timeline_svg.py`` draws it through a template a site can override
(``templates/policy-timeline/partials/timeline-svg.html``); this layer writes no
markup. It is what a reader sees first, with or without JavaScript: the page
paints it before plotly.js has loaded (or when it never does). A page inlines
one SVG, the level of the narrowest width class (``layout.WIDTH_CLASSES``),
which serves every width. x is in percent of the plot's width, so the drawing
stretches with the page and nothing in it ever comes closer than the layout
planned; y is in pixels, the same as the chart that replaces it. Numbers are
handed over written as the SVG writes them (``"12.345%"``, ``"40"``), so that
every template prints the same bytes.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import NamedTuple

from policy_timeline import urls
from policy_timeline.source.model import Event, Vocabulary
from policy_timeline.source.symbols import PATHS
from policy_timeline.timeline import layout as lay
from policy_timeline.timeline import stacking
from policy_timeline.timeline.figure_data import hover_lines
from policy_timeline.timeline.layout import Level, TimelineLayout
from policy_timeline.timeline.words import Words, more_events, year_span


class Band(NamedTuple):
    """A lane's band: its background, its colour swatch and its name."""

    lane: int  # the lane's number (its colour's class, ``pt-l<lane>``)
    label: str
    top: str  # the band's y and height
    height: str
    name_y: str  # the middle of the band's head, where its name sits
    swatch_y: str  # the swatch's top
    alt: bool  # every other band is shaded apart


class Mark(NamedTuple):
    """An event: a marker or a period's bar, its label, a link to its page."""

    i: int  # the event's number in the layout (``data-i``)
    href: str  # its page, from the page drawn on
    hover: str  # its titles, date, lane and kind, one a line
    lane: int
    hollow: bool  # a target: drawn hollow
    period: bool  # a bar from ``x``, ``width`` wide; else a marker at ``x``
    symbol: str  # a marker's shape (its kind's symbol); empty for a bar
    x: str
    y: str  # the middle of its row
    bar_y: str  # a bar's top (empty for a marker)
    width: str  # a bar's width (empty for a marker)
    label: str  # the label's text, cut where the layout cuts it; may be empty
    label_x: str  # the label's anchor ...
    dx: str  # ... and its distance from it (negative left of it)
    end: bool  # the label ends at its anchor (it is left of its mark)


class Cluster(NamedTuple):
    """A "+N" badge: the events of a lane too dense for its rows."""

    n: int  # the events it holds
    hover: str
    x: str  # its centre
    y: str


class Badge(NamedTuple):
    """A badge's pill, around its centre (the same for every badge)."""

    x: str
    y: str
    width: str
    height: str
    rx: str


class Drawing(NamedTuple):
    """One level drawn: what ``partials/timeline-svg.html`` prints."""

    css_class: str
    id_prefix: str  # makes the ids of its marker shapes unique on the page
    level: int
    plot_px: int  # the plot's width the level was planned for
    height: str  # the whole drawing, the axis included
    plot_height: str  # the lanes' part
    tick_y: str  # the axis's labels
    symbols: tuple[tuple[str, str], ...]  # each marker shape used: name, SVG path
    bands: tuple[Band, ...]
    ticks: tuple[tuple[int, str], ...]  # the axis: year, x
    marks: tuple[Mark, ...]  # periods first, under the markers
    clusters: tuple[Cluster, ...]
    bar_height: str
    badge: Badge


def _pct(day: float, first: int, days: int) -> str:
    return f"{(day - first) * 100 / days:.3f}%"


def _hover(event: Event, vocabulary: Vocabulary, words: Words | None = None) -> str:
    """An event's hover as plain text, one line each: its link's ``<title>``."""
    return "\n".join(hover_lines(event, vocabulary, words))


def _bands(layout: TimelineLayout, bands: Sequence[lay.LaneBand]) -> tuple[Band, ...]:
    out = []
    for n, band in enumerate(bands):
        y = band.top + lay.LANE_HEAD_PX / 2
        out.append(
            Band(
                lane=band.lane,
                label=layout.lanes[band.lane].label,
                top=f"{band.top:g}",
                height=f"{band.bottom - band.top:g}",
                name_y=f"{y:g}",
                swatch_y=f"{y - 5:g}",
                alt=bool(n % 2),
            )
        )
    return tuple(out)


def _marks(
    layout: TimelineLayout,
    level: Level,
    drawn: list[int],
    row_y: dict[int, dict[int, float]],
    vocabulary: Vocabulary,
    page_url: str,
    words: Words | None,
) -> tuple[Mark, ...]:
    """The events drawn, periods first (under the markers), then the points."""
    first, after = (d.toordinal() for d in layout.default_range)
    days = after - first
    kinds = vocabulary.kinds
    events, lane_of = layout.events, layout.lane_of
    periods = {i for i in drawn if events[i].is_period}
    out = []
    for i in sorted(drawn, key=lambda i: i not in periods):
        event = events[i]
        y = row_y[lane_of[i]][level.row[i]]
        side = level.side[i]
        dx: float  # how far the label is from its anchor
        if i in periods:
            start, end = lay.span_days(event)
            x = _pct(start, first, days)
            width, bar_y = f"{(end - start) * 100 / days:.3f}%", f"{y - lay.BAR_PX / 2:g}"
            # Inside the bar from its start, after its end, or before its start.
            label_x = _pct(end, first, days) if side == stacking.AFTER else x
            dx, symbol = lay.BAR_LABEL_INSET_PX, ""
        else:
            x = label_x = _pct(lay.centre_day(event), first, days)
            dx, width, bar_y = lay.LABEL_OFFSET_PX, "", ""
            symbol = kinds[event.kind].symbol
        # A label left of its mark ends there.
        left = side == stacking.LEFT
        out.append(
            Mark(
                i=i,
                href=urls.relative(page_url, urls.event_path(event.id)),
                hover=_hover(event, vocabulary, words),
                lane=lane_of[i],
                hollow=layout.targets[i],
                period=i in periods,
                symbol=symbol,
                x=x,
                y=f"{y:g}",
                bar_y=bar_y,
                width=width,
                label=lay.label_text(event.title, level.label[i]),
                label_x=label_x,
                dx=f"{-dx if left else dx:g}",
                end=left,
            )
        )
    return tuple(out)


def _clusters(
    layout: TimelineLayout,
    level: Level,
    visible: Sequence[bool],
    row_y: dict[int, dict[int, float]],
    words: Words | None,
) -> tuple[Cluster, ...]:
    """The "+N" badges of the events shown, each in its lane's last row."""
    first, after = (d.toordinal() for d in layout.default_range)
    out = []
    for cluster in level.clusters:
        members = [m for m in cluster.members if visible[m]]
        if not members or cluster.lane not in row_y:
            continue
        y = row_y[cluster.lane][level.lane_rows[cluster.lane] - 1]
        years_of = sorted(
            {_dt.date.fromordinal(cluster.first).year, _dt.date.fromordinal(cluster.last).year}
        )
        when = year_span(words, years_of[0], years_of[-1])
        out.append(
            Cluster(
                n=len(members),
                hover=more_events(words, len(members), when),
                x=_pct(cluster.centre, first, after - first),
                y=f"{y:g}",
            )
        )
    return tuple(out)


_HALF, _RADIUS = lay.BADGE_WIDTH_PX / 2, lay.BADGE_PX / 2
BADGE = Badge(f"{-_HALF:g}", f"{-_RADIUS:g}", f"{2 * _HALF:g}", f"{lay.BADGE_PX:g}", f"{_RADIUS:g}")


def level_drawing(
    layout: TimelineLayout,
    width: lay.WidthClass,
    vocabulary: Vocabulary,
    page_url: str,
    visible: Sequence[bool],
    lanes: Sequence[int] | None,
    id_prefix: str,
    css_class: str,
    words: Words | None = None,
) -> Drawing:
    """One width class's level of the events ``visible`` in ``lanes`` (all when
    none), as drawn on the page at ``page_url``: lanes, rows, events, clusters,
    the axis. Its words (dates, "3 more events") are ``words``' (English without)."""
    level: Level = layout.levels[width.level]
    bands, height = lay.rows_shown(layout, level, visible, lanes)
    row_y = {band.lane: band.row_y for band in bands}
    drawn = [
        i
        for i in range(len(layout.events))
        if visible[i] and level.row[i] >= 0 and layout.lane_of[i] in row_y
    ]
    events, kinds = layout.events, vocabulary.kinds
    # Each symbol once (the template gives it the 24 px a tap needs); markers use it.
    symbols = sorted({kinds[events[i].kind].symbol for i in drawn if not events[i].is_period})
    return Drawing(
        css_class=css_class,
        id_prefix=id_prefix,
        level=width.level,
        plot_px=width.plot_px,
        height=f"{height + lay.AXIS_PX:g}",
        plot_height=f"{height:g}",
        tick_y=f"{height + 18:g}",
        symbols=tuple((symbol, PATHS[symbol]) for symbol in symbols),
        bands=_bands(layout, bands),
        ticks=tuple(axis_years(layout, width.plot_px)),
        marks=_marks(layout, level, drawn, row_y, vocabulary, page_url, words),
        clusters=_clusters(layout, level, visible, row_y, words),
        bar_height=f"{lay.BAR_PX}",
        badge=BADGE,
    )


def axis_years(layout: TimelineLayout, plot_px: int | None = None) -> list[tuple[int, str]]:
    """The years the first view's axis labels on a plot ``plot_px`` wide (by default
    the narrowest width class's, the one drawing a page inlines), each with its x in
    percent of the plot: the drawing's ticks, and the years a view holds at the top
    of its chart (timeline.html), with or without JavaScript, until its script copies
    them from the chart as drawn."""
    first, after = (d.toordinal() for d in layout.default_range)
    years = layout.default_ticks(layout.classes[0].plot_px if plot_px is None else plot_px)
    return [(year, _pct(_dt.date(year, 1, 1).toordinal(), first, after - first)) for year in years]


def first_view(
    layout: TimelineLayout,
    vocabulary: Vocabulary,
    page_url: str,
    visible: Sequence[bool],
    lanes: Sequence[int] | None,
    uid: str,
    words: Words | None = None,
) -> Drawing:
    """The one drawing a page inlines: the narrowest width class's level
    (``layout.classes[0]``, planned for a plot of ``MIN_PLOT_PX``). x is in percent,
    so on any wider page the same layout only spreads out: nothing in it comes
    closer than planned, and one drawing serves every width. (One per width class
    made the home page five times heavier at 1,000 events; the interactive chart
    draws the level of the reader's width once it is in.)"""
    return level_drawing(
        layout,
        layout.classes[0],
        vocabulary,
        page_url,
        visible,
        lanes,
        f"{uid}-w0",
        "pt-svg-w0",
        words,
    )
