"""The timeline drawn at build time as SVG, from the layout the interactive chart draws.

It is what a reader sees first, with or without JavaScript: the page paints
it before plotly.js has loaded (or when it never does). A page inlines one
SVG (:func:`timeline_svgs`), the level of the narrowest width class
(``layout.WIDTH_CLASSES``), which serves every width. x is in
percent of the plot's width, so the drawing stretches with the page and
nothing in it ever comes closer than the layout planned; y is in pixels,
the same as the chart that replaces it.

Colours come from CSS variables (``--pt-lane-N``, ``--pt-fg``...) so one SVG
serves the light and the dark scheme. Every event is a link to its page with
a ``<title>`` for its hover; the link is ``xlink:href``, not ``href``:
mkdocs-material's instant navigation rewrites every ``[href]`` of a page by
assigning ``element.href``, which an SVG link does not allow (its script
stops there). The links are out of the tab order and the SVG
is hidden from screen readers: the chart is one tab stop, and the list under
it carries the same events as text.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from policy_timeline import urls
from policy_timeline.source.model import Event, Vocabulary
from policy_timeline.source.sanitize import esc
from policy_timeline.source.symbols import PATHS
from policy_timeline.timeline import layout as lay
from policy_timeline.timeline import stacking
from policy_timeline.timeline.layout import Level, TimelineLayout
from policy_timeline.timeline.words import Words, more_events, span, year_span


def _pct(day: float, first: int, days: int) -> str:
    return f"{(day - first) * 100 / days:.3f}%"


def _hover(event: Event, vocabulary: Vocabulary, words: Words | None = None) -> str:
    parts = [event.title]
    parts.extend(event.titles.values())
    parts.append(
        f"{span(words, event.date, event.end)} · {vocabulary.lanes[event.lane].label}, "
        f"{vocabulary.kinds[event.kind].label}"
    )
    return "\n".join(parts)


def level_svg(
    layout: TimelineLayout,
    width: lay.WidthClass,
    vocabulary: Vocabulary,
    page_url: str,
    visible: Sequence[bool],
    lanes: Sequence[int] | None,
    id_prefix: str,
    css_class: str,
    words: Words | None = None,
) -> str:
    """One width class's SVG: lanes, rows, events, clusters, the axis.

    ``id_prefix`` makes the ids of its marker shapes unique on the page.
    """
    level: Level = layout.levels[width.level]
    bands, height = lay.rows_shown(layout, level, visible, lanes)
    first, after = (d.toordinal() for d in layout.default_range)
    days = after - first
    kinds = vocabulary.kinds
    row_y = {band.lane: band.row_y for band in bands}
    drawn = [
        i
        for i in range(len(layout.events))
        if visible[i] and level.row[i] >= 0 and layout.lane_of[i] in row_y
    ]
    # Each symbol once, with the 24 px a tap needs; markers <use> it.
    symbols = sorted(
        {kinds[layout.events[i].kind].symbol for i in drawn if not layout.events[i].is_period}
    )
    defs = "".join(
        f'<g id="{id_prefix}-{symbol}"><rect x="-12" y="-12" width="24" height="24" '
        f'fill="transparent" stroke="none"/><path d="{PATHS[symbol]}"/></g>'
        for symbol in symbols
    )
    out = [
        f'<svg class="pt-svg {css_class}" width="100%" height="{height + lay.AXIS_PX:g}" '
        f'data-level="{width.level}" data-plot-px="{width.plot_px}" aria-hidden="true" '
        f'focusable="false"><defs>{defs}</defs>'
    ]
    for n, band in enumerate(bands):
        y = band.top + lay.LANE_HEAD_PX / 2
        out.append(
            f'<rect class="pt-band{" pt-band-alt" if n % 2 else ""}" x="0" '
            f'y="{band.top:g}" width="100%" height="{band.bottom - band.top:g}"/>'
            f'<rect class="pt-swatch pt-l{band.lane}" x="4" y="{y - 5:g}" width="10" '
            f'height="10"/><text class="pt-lane-name" x="18" y="{y:g}">'
            f"{esc(layout.lanes[band.lane].label)}</text>"
        )
    out.append(f'<svg x="0" y="0" width="100%" height="{height:g}" overflow="hidden">')
    years = layout.default_ticks(width.plot_px)
    ticks = [(year, _pct(_dt.date(year, 1, 1).toordinal(), first, days)) for year in years]
    out += [f'<line class="pt-grid" x1="{x}" x2="{x}" y1="0" y2="{height:g}"/>' for _, x in ticks]
    # Periods first, under the markers; then the points.
    for i in sorted(drawn, key=lambda i: not layout.events[i].is_period):
        event = layout.events[i]
        lane = layout.lane_of[i]
        y = row_y[lane][level.row[i]]
        hollow = " pt-hollow" if layout.targets[i] else ""
        label = lay.label_text(event.title, level.label[i])
        side = level.side[i]
        dx: float  # how far the label is from its anchor
        if event.is_period:
            start, end = lay.span_days(event)
            x = _pct(start, first, days)
            mark = (
                f'<rect class="pt-bar pt-l{lane}{hollow}" x="{x}" y="{y - lay.BAR_PX / 2:g}" '
                f'width="{(end - start) * 100 / days:.3f}%" height="{lay.BAR_PX}"/>'
            )
            # Inside the bar from its start, after its end, or before its start.
            label_x = _pct(end, first, days) if side == stacking.AFTER else x
            dx = lay.BAR_LABEL_INSET_PX
        else:
            x = label_x = _pct(lay.centre_day(event), first, days)
            dx = lay.LABEL_OFFSET_PX
            symbol = kinds[event.kind].symbol
            mark = (
                f'<use xlink:href="#{id_prefix}-{symbol}" class="pt-m pt-l{lane}{hollow}" '
                f'x="{x}" y="{y:g}"/>'
            )
        # A label left of its mark ends there.
        anchor = ' text-anchor="end"' if side == stacking.LEFT else ""
        dx = -dx if side == stacking.LEFT else dx
        text = (
            f'<text x="{label_x}" dx="{dx:g}" y="{y:g}"{anchor}>{esc(label)}</text>'
            if label
            else ""
        )
        out.append(
            f'<a xlink:href="{esc(urls.relative(page_url, urls.event_path(event.id)))}" '
            f'tabindex="-1" data-i="{i}"><title>{esc(_hover(event, vocabulary, words))}</title>'
            f"{mark}{text}</a>"
        )
    for cluster in level.clusters:
        members = [m for m in cluster.members if visible[m]]
        if not members or cluster.lane not in row_y:
            continue
        y = row_y[cluster.lane][level.lane_rows[cluster.lane] - 1]
        years_of = sorted(
            {_dt.date.fromordinal(cluster.first).year, _dt.date.fromordinal(cluster.last).year}
        )
        when = year_span(words, years_of[0], years_of[-1])
        half, r = lay.BADGE_WIDTH_PX / 2, lay.BADGE_PX / 2
        out.append(
            f'<g class="pt-cluster"><title>{esc(more_events(words, len(members), when))}</title>'
            f'<svg x="{_pct(cluster.centre, first, days)}" y="{y:g}" '
            f'overflow="visible"><rect x="{-half:g}" y="{-r:g}" width="{2 * half:g}" '
            f'height="{lay.BADGE_PX:g}" rx="{r:g}"/><text x="0" y="0">+{len(members)}</text>'
            "</svg></g>"
        )
    out.append("</svg>")
    out += [f'<text class="pt-tick" x="{x}" y="{height + 18:g}">{year}</text>' for year, x in ticks]
    out.append("</svg>")
    return "".join(out)


def axis_years(layout: TimelineLayout) -> list[tuple[int, str]]:
    """The years the drawing's axis labels (:func:`timeline_svgs`: the narrowest width
    class's), each with its x in percent of the plot: the years a view holds at the top
    of its chart (timeline.html), with or without JavaScript, until its script copies
    them from the chart as drawn."""
    first, after = (d.toordinal() for d in layout.default_range)
    years = layout.default_ticks(layout.classes[0].plot_px)
    return [(year, _pct(_dt.date(year, 1, 1).toordinal(), first, after - first)) for year in years]


def timeline_svgs(
    layout: TimelineLayout,
    vocabulary: Vocabulary,
    page_url: str,
    visible: Sequence[bool],
    lanes: Sequence[int] | None,
    uid: str,
    words: Words | None = None,
) -> str:
    """The one drawing a page inlines: the narrowest width class's level
    (``layout.classes[0]``, planned for a plot of ``MIN_PLOT_PX``). x is in percent,
    so on any wider page the same layout only spreads out: nothing in it comes
    closer than planned, and one drawing serves every width. (One per width class
    made the home page five times heavier at 1,000 events; the interactive chart
    draws the level of the reader's width once it is in.)"""
    return level_svg(
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
