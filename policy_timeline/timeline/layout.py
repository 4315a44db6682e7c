"""The timeline's layout: where every event sits, at every zoom level. Pure data.

Time runs along x; the vocabulary's lanes stack top to bottom, each under a
header with its name. Inside a lane, events are stacked into rows so that no
two markers, bars or labels collide (vis-timeline's stacking): an event takes
the first row where it and its label fit, a new row while the lane has fewer
than ``MAX_ROWS``, else a row where at least its marker fits (cutting the
label of the event before it). A label goes right of its marker or left of it,
a period's inside its bar, after it or before it, wherever more of it fits
(:mod:`policy_timeline.timeline.stacking`; :attr:`Level.side`). What fits
nowhere goes into a cluster, a "+N" badge on the lane's last row that counts
the events of its stretch of time.

Whether things collide depends on pixels per day, so the layout is computed
for a ladder of scales (:class:`Level`), each twice the one before: from the
whole span on the narrowest screen to the scale where everything has a row
and its whole title. A browser draws the finest level whose scale is at most
its own (pixels per day of its plot at its range): gaps only widen from
there, so nothing it draws can overlap. The build-time SVG draws one level
per width of page (:data:`WIDTH_CLASSES`), the interactive chart any of them,
from the same numbers.

A filtered view never re-stacks: it hides what does not match and closes up
rows left empty (:func:`rows_shown`), the same in Python (the SVG) and in the
browser (``bands`` in timeline-figure.js, held to it by the shared vectors in
tests/js/vectors/layout.json). The first view's axis labels are the layout's
too (:attr:`TimelineLayout.ticks`): the years at each step of the axis, from
which a drawing of any width picks (:func:`ticks_at`).
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from policy_timeline.source.model import Event, Lane, Vocabulary
from policy_timeline.timeline import stacking
from policy_timeline.timeline.textwidth import ELLIPSIS, advance, prefix_px

# --- geometry (CSS pixels), shared with svg.py, plotly_figure.py and the browser -----

FONT_PX = 12  # labels, lane names, axis
ROW_PX = 24  # a row's height: a 24 px tap target for every marker
LANE_HEAD_PX = 22  # the band above a lane's rows that holds its name
LANE_GAP_PX = 6  # after a lane's last row
MARGIN_TOP_PX = 4
AXIS_PX = 30  # under the plot: tick labels
MARKER_SIZE = 11  # Plotly's marker size (symbols.MARKER_RADIUS * 2)
# Horizontal room a marker takes in its row: its centre is at least 24 px from
# the next one's, so each keeps a 24 px target (WCAG 2.5.8's spacing rule).
MARK_HALF_PX = 12
GAP_PX = 2  # between one item's room and the next item's
# Plotly puts a "middle right" label at centre + radius / 0.8 + 1 px; text
# starts a pixel into that (the glyph's side bearing).
LABEL_OFFSET_PX = MARKER_SIZE / 2 / 0.8 + 1
BAR_PX = 12  # a period's bar; its label starts inside it
BAR_LABEL_INSET_PX = 6
LABEL_MIN_PX = 64  # a shorter label says too little to be worth drawing
LABEL_RESERVE_PX = 110  # label room an event claims when it is stacked
CLUSTER_PX = 56  # a cluster badge's stretch of time, in pixels
BADGE_PX = 18  # a cluster badge's height: a pill,
BADGE_WIDTH_PX = CLUSTER_PX - 8  # this wide
MAX_ROWS = 8  # event rows per lane before events go into clusters
LEVEL_FACTOR = 2  # each level's scale over the one before
MAX_LEVELS = 28
MIN_PLOT_PX = 280  # the narrowest plot the layout plans for
MAX_PLOT_PX = 2400  # the widest
MIN_ZOOM_DAYS = 20  # the shortest range a reader can zoom to
PAD_FRACTION = 0.03  # room around the first and last events of the whole span
EDGE_DAYS = 15  # a marker this close to 1 January moves the first view's edge

# The chart's font: Arial's metrics (Liberation Sans on Linux) or DejaVu Sans,
# the two textwidth.py measures labels in.
FONT_FAMILY = 'Arial, "Liberation Sans", Helvetica, "DejaVu Sans", sans-serif'
HOLLOW_LINE_PX = 2  # the stroke of a hollow marker (a target)
TICK_STEPS = (1, 2, 5, 10, 20, 50, 100)
TICK_LABEL_PX = 44  # room a year's tick label needs, with its gap

# The build-time SVG, one per width of the page: (least container width in
# px, the plot width its level is computed for). A wider container spreads
# the same layout (x is in percent), never squeezes it.
WIDTH_CLASSES: tuple[tuple[int, int], ...] = (
    (0, MIN_PLOT_PX),
    (340, 330),
    (560, 540),
    (900, 880),
    (1140, 1120),
)
# Plots the interactive chart draws at a level of their own, beside the ladder's and
# the width classes': a 390 px phone's (the most common width; the theme leaves a
# 358 px plot). There the 330 px level labelled 42 of the shipped first view's 50
# events, this one 45.
OWN_LEVEL_PLOT_PX: tuple[int, ...] = (358,)


@dataclass(frozen=True)
class Cluster:
    """Events of one lane too dense to draw one by one at a level: a "+N" badge."""

    lane: int
    centre: float  # day (ordinal) under the badge's middle
    first: int  # first day of its first member
    last: int  # last day of its last member
    members: tuple[int, ...]  # event positions, chronological


@dataclass(frozen=True)
class Level:
    """The layout at ``scale`` pixels per day."""

    scale: float
    row: tuple[int, ...]  # per event: its row in its lane, -1 if in a cluster
    label: tuple[int, ...]  # per event: characters of its title shown (0: none)
    clusters: tuple[Cluster, ...]
    lane_rows: tuple[int, ...]  # per lane: rows of events, plus one if it has clusters
    # per event: where its label is drawn (stacking.RIGHT, LEFT or AFTER)
    side: tuple[int, ...] = ()


@dataclass(frozen=True)
class WidthClass:
    min_width: int
    plot_px: int
    level: int


# The years an axis labels at one step (1, 2, 5... years), and the least plot width
# in px that spaces them TICK_LABEL_PX apart.
TickChoice = tuple[float, tuple[int, ...]]


@dataclass(frozen=True)
class TimelineLayout:
    events: tuple[Event, ...]  # chronological, as Project.events
    lanes: tuple[Lane, ...]  # in display order
    lane_of: tuple[int, ...]  # per event: its lane's position
    targets: tuple[bool, ...]  # per event: drawn hollow (a target, or future)
    default_range: tuple[_dt.date, _dt.date]  # the first view: [from, to)
    full_range: tuple[_dt.date, _dt.date]  # every event
    levels: tuple[Level, ...]
    classes: tuple[WidthClass, ...]
    # The first view's axis at each step, finest first (:func:`tick_choices`).
    ticks: tuple[TickChoice, ...] = ()

    def default_ticks(self, plot_px: float) -> list[int]:
        """The years the first view's axis labels on a plot ``plot_px`` wide."""
        return ticks_at(self.ticks, plot_px)

    def level_for(self, scale: float) -> int:
        """The finest level at most ``scale`` px/day (the coarsest when none is)."""
        return max(0, bisect.bisect_right([lv.scale for lv in self.levels], scale) - 1)

    def default_level(self, plot_px: float) -> int:
        first, last = self.default_range
        return self.level_for(plot_px / max(1, (last - first).days))


# --- where an event is in time ---------------------------------------------------------


def centre_day(event: Event) -> int:
    """A point event's x: the middle day of what its date covers (Plotly draws it at 00:00)."""
    return event.date.midpoint.toordinal()


def span_days(event: Event) -> tuple[int, int]:
    """An event's first day and the day after its last, as ordinals."""
    last = (event.end or event.date).last_day
    return event.date.first_day.toordinal(), last.toordinal() + 1


_ELLIPSIS_PX = advance(ELLIPSIS) * FONT_PX / 1000
METRICS = stacking.Metrics(
    mark_half=MARK_HALF_PX,
    gap=GAP_PX,
    label_offset=LABEL_OFFSET_PX,
    bar_inset=BAR_LABEL_INSET_PX,
    label_min=LABEL_MIN_PX,
    label_reserve=LABEL_RESERVE_PX,
    ellipsis=_ELLIPSIS_PX,
)


def label_text(title: str, chars: int) -> str:
    """What a label shows of ``title`` when the layout gives it ``chars`` characters."""
    if chars >= len(title):
        return title
    return title[:chars] + ELLIPSIS if chars > 0 else ""


def _statics(events: Sequence[Event], lane_of: Sequence[int]) -> list[stacking.Static]:
    out = []
    for i, event in enumerate(events):
        first, after = span_days(event)
        out.append(
            stacking.Static(
                i,
                lane_of[i],
                event.is_period,
                first,
                after,
                centre_day(event),
                event.title,
                prefix_px(event.title, FONT_PX),
                event.highlight,
            )
        )
    return out


def _clusters(lane: int, overflow: list[stacking.Item], scale: float, origin: int) -> list[Cluster]:
    """Overflowing events, bucketed by CLUSTER_PX of their centres."""
    buckets: dict[int, list[stacking.Item]] = {}
    for item in overflow:
        centre_px = (item.start + item.mark_end) / 2
        buckets.setdefault(int(centre_px // CLUSTER_PX), []).append(item)
    out = []
    for bucket, members in sorted(buckets.items()):
        members.sort(key=lambda m: m.index)
        centre = origin + (bucket + 0.5) * CLUSTER_PX / scale
        out.append(
            Cluster(
                lane,
                round(centre, 3),
                min(m.static.first for m in members),
                max(m.static.after for m in members) - 1,
                tuple(m.index for m in members),
            )
        )
    return out


def _level(
    items: list[stacking.Item],
    n_lanes: int,
    order: list[int],
    view_px: tuple[float, float],
    origin: int,
    scale: float,
    frozen: dict[int, list[list[tuple[int, int]]]],
) -> Level:
    """The layout at ``scale`` (px per day), which ``items`` were made for.

    ``view_px`` is the first view's [start, end) in px. A lane where every event
    had a row and its whole title at a coarser level keeps those rows (``frozen``:
    its rows' event positions and label sides): at a finer scale every gap is
    wider, so they still fit, and its events no longer jump between rows as the
    reader zooms in.
    """
    rows = [-1] * len(items)
    labels = [0] * len(items)
    sides = [stacking.RIGHT] * len(items)
    clusters: list[Cluster] = []
    lane_rows = []
    by_lane: list[list[stacking.Item]] = [[] for _ in range(n_lanes)]
    for i in order:
        by_lane[items[i].lane].append(items[i])
    for lane in range(n_lanes):
        overflow: list[stacking.Item] = []
        if lane in frozen:
            lane_stack = [
                stacking.frozen_row([items[i] for i, _ in members], dict(members), METRICS)
                for members in frozen[lane]
            ]
        else:
            lane_stack, overflow = stacking.stack_lane(by_lane[lane], METRICS, view_px, MAX_ROWS)
        for number, row in enumerate(lane_stack):
            for item in row.items:
                rows[item.index] = number
            stacking.place(row, METRICS, view_px, labels, sides)
        if (
            lane not in frozen
            and not overflow
            and all(
                labels[it.index] == len(it.static.title) for row in lane_stack for it in row.items
            )
        ):
            frozen[lane] = [[(it.index, sides[it.index]) for it in row.items] for row in lane_stack]
        used = len(lane_stack)
        if overflow:
            clusters += _clusters(lane, overflow, scale, origin)
            used += 1
        lane_rows.append(used)
    return Level(scale, tuple(rows), tuple(labels), tuple(clusters), tuple(lane_rows), tuple(sides))


def _resolved(level: Level, events: Sequence[Event]) -> bool:
    """Every event drawn on its own with its whole title: finer levels change nothing."""
    return not level.clusters and all(n == len(e.title) for n, e in zip(level.label, events))


def _progress(level: Level) -> tuple[int, int]:
    """Events drawn on their own, and characters of labels shown: what a finer level
    improves."""
    return sum(1 for row in level.row if row >= 0), sum(level.label)


def _stalled(levels: list[Level]) -> bool:
    """Two doublings of the scale gained (almost) nothing: what is still in clusters
    shares its day with more events than a lane has rows, and zooming will not part
    them. A browser zoomed further draws the last level, which still fits."""
    if len(levels) < 3:
        return False
    then, now = _progress(levels[-3]), _progress(levels[-1])
    return all(b <= a * 1.02 for a, b in zip(then, now))


def _padded(first: int, after: int) -> tuple[_dt.date, _dt.date]:
    pad = max(15, round((after - first) * PAD_FRACTION))
    return _dt.date.fromordinal(first - pad), _dt.date.fromordinal(after + pad)


def default_span(events: Sequence[Event], targets: Sequence[bool]) -> tuple[int, int]:
    """The first view, as day ordinals [first, after): the years that hold events,
    plus the nearest future targets.

    Everything that happened is in view, and the targets due within it; of the
    targets set for later, those due first are too (the 2025 step of a
    2020-2030 ladder); the rest are a zoom or a pan away. The view starts and
    ends on 1 January, with some room around the first and last events.
    """
    spans = [span_days(e) for e in events]
    # Where each is drawn: a period over its days; a point at its middle day,
    # with room for its marker (it would be cut in half on the view's edge).
    drawn = [
        (s, a) if e.is_period else (centre_day(e) - EDGE_DAYS, centre_day(e) + EDGE_DAYS)
        for e, (s, a) in zip(events, spans)
    ]
    first = min(s for s, _ in drawn)
    after = max(
        (a for (_, a), target in zip(drawn, targets) if not target),
        default=max(a for _, a in drawn),
    )
    later = [(s, a) for (s, a), target in zip(drawn, targets) if target and s >= after]
    if later:
        nearest = min(s for s, _ in later)
        after = max(a for s, a in later if s == nearest)
    start_year = _dt.date.fromordinal(first).year
    end_year = _dt.date.fromordinal(after - 1).year
    return _dt.date(start_year, 1, 1).toordinal(), _dt.date(end_year + 1, 1, 1).toordinal()


def compute(events: Sequence[Event], vocabulary: Vocabulary, today: _dt.date) -> TimelineLayout:
    """The layout of ``events`` (chronological) at every level. Linear in events per level."""
    lanes = tuple(vocabulary.lanes_in_order())
    lane_index = {lane.id: i for i, lane in enumerate(lanes)}
    events = tuple(events)
    lane_of = tuple(lane_index[e.lane] for e in events)
    targets = tuple(e.is_target(today) for e in events)
    if not events:
        year = today.year
        empty = (_dt.date(year, 1, 1), _dt.date(year + 1, 1, 1))
        level = Level(1.0, (), (), (), tuple(0 for _ in lanes))
        return TimelineLayout(
            events,
            lanes,
            lane_of,
            targets,
            empty,
            empty,
            (level,),
            tuple(WidthClass(w, p, 0) for w, p in WIDTH_CLASSES),
            tick_choices(*empty),
        )
    first = min(span_days(e)[0] for e in events)
    after = max(span_days(e)[1] for e in events)
    full_range = _padded(first, after)
    d_first, d_after = default_span(events, targets)
    default_range = (_dt.date.fromordinal(d_first), _dt.date.fromordinal(d_after))
    origin = full_range[0].toordinal()
    # Highlighted events are stacked first: they get rows and room for their labels.
    order = sorted(range(len(events)), key=lambda i: (not events[i].highlight, i))
    statics = _statics(events, lane_of)
    # The ladder of scales, and the exact scale of each width class's first
    # view, so the SVG of a class draws a level made for it.
    default_days = max(1, d_after - d_first)
    class_scales = {w: p / default_days for w, p in WIDTH_CLASSES}
    scale = MIN_PLOT_PX / max(1, (full_range[1] - full_range[0]).days)
    top = MAX_PLOT_PX / MIN_ZOOM_DAYS
    ladder = sorted(
        {scale * LEVEL_FACTOR**k for k in range(MAX_LEVELS) if scale * LEVEL_FACTOR**k <= top}
        | set(class_scales.values())
        | {px / default_days for px in OWN_LEVEL_PLOT_PX}
    )
    levels: list[Level] = []
    frozen: dict[int, list[list[tuple[int, int]]]] = {}
    for scale in ladder:
        items = [stacking.Item(static, origin, scale, METRICS) for static in statics]
        view_px = ((d_first - origin) * scale, (d_after - origin) * scale)
        level = _level(items, len(lanes), order, view_px, origin, scale, frozen)
        levels.append(level)
        # Every width class gets its own level; finer ones only while they gain.
        if scale >= max(class_scales.values()) and (_resolved(level, events) or _stalled(levels)):
            break
    layout = TimelineLayout(
        events, lanes, lane_of, targets, default_range, full_range, tuple(levels), ()
    )
    classes = tuple(WidthClass(w, p, layout.level_for(class_scales[w])) for w, p in WIDTH_CLASSES)
    return TimelineLayout(
        events,
        lanes,
        lane_of,
        targets,
        default_range,
        full_range,
        tuple(levels),
        classes,
        tick_choices(*default_range),
    )


def tick_choices(first: _dt.date, after: _dt.date) -> tuple[TickChoice, ...]:
    """The years an axis over [first, after) labels at each of TICK_STEPS, finest
    first, each with the least plot width (px) at which its labels never touch:
    every 1, 2, 5, 10... years, inside the range and not on its edges (a label
    there is cut in half)."""
    years = max(1.0, (after - first).days / 365.25)
    out = []
    for step in TICK_STEPS:
        start = first.year - first.year % step
        labelled = tuple(
            year
            for year in range(start, after.year + 1, step)
            if first < _dt.date(year, 1, 1) < after
        )
        out.append((TICK_LABEL_PX * years / step, labelled))
    return tuple(out)


def ticks_at(choices: Sequence[TickChoice], plot_px: float) -> list[int]:
    """Of ``choices`` (:func:`tick_choices`), the years a plot ``plot_px`` wide labels:
    the finest step it has room for, else the coarsest."""
    return list(next((years for min_px, years in choices if plot_px >= min_px), choices[-1][1]))


def tick_years(first: _dt.date, after: _dt.date, plot_px: float) -> list[int]:
    """The years the axis labels over [first, after) on a plot ``plot_px`` wide.
    The SVG and the chart it turns into label the same years."""
    return ticks_at(tick_choices(first, after), plot_px)


# --- vertical geometry of a view ------------------------------------------------------


@dataclass(frozen=True)
class LaneBand:
    lane: int
    top: float  # px from the top of the plot
    rows: tuple[int, ...]  # the level's rows shown, top to bottom
    row_y: dict[int, float]  # row -> y of its middle
    bottom: float


def rows_shown(
    layout: TimelineLayout,
    level: Level,
    visible: Sequence[bool],
    lanes: Iterable[int] | None = None,
) -> tuple[list[LaneBand], float]:
    """Lane bands of a view: ``visible`` events drawn, rows left empty closed up.

    ``lanes`` (positions) are the lanes the view shows (all when None); a lane
    with nothing visible keeps one empty row so readers still see it is there.
    Returns the bands and the plot's height in px. Mirrors ``bands()`` in
    timeline-figure.js (the shared vectors hold the two together).
    """
    shown_lanes = range(len(layout.lanes)) if lanes is None else sorted(set(lanes))
    used: list[set[int]] = [set() for _ in layout.lanes]
    for i, show in enumerate(visible):
        if show and level.row[i] >= 0:
            used[layout.lane_of[i]].add(level.row[i])
    for cluster in level.clusters:
        if any(visible[m] for m in cluster.members):
            used[cluster.lane].add(level.lane_rows[cluster.lane] - 1)
    bands = []
    y = MARGIN_TOP_PX
    for lane in shown_lanes:
        top = y
        y += LANE_HEAD_PX
        rows = tuple(sorted(used[lane]))
        row_y = {}
        for row in rows:
            row_y[row] = y + ROW_PX / 2
            y += ROW_PX
        if not rows:
            y += ROW_PX
        y += LANE_GAP_PX
        bands.append(LaneBand(lane, top, rows, row_y, y))
    return bands, y
