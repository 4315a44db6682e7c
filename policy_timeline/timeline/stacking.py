"""One lane at one scale: events stacked into rows, and each label put where it fits.

Used by :mod:`policy_timeline.timeline.layout`, which owns the geometry and the
ladder of scales. Positions here are pixels from the whole span's start.

An event claims room in its row: its marker (a period: its bar) and some of
its label, on one side. A point's label goes right of its marker or left of
it; a period's label inside its bar when its whole title fits there, else
after the bar's end or before its start, never across the bar's end. Where the
first view ends (or starts) a label that would be cut there goes to the other
side when that side has more room. Rows are kept sorted (``bisect``), so
stacking a lane is O(n log n) and placing its labels O(n).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from policy_timeline.timeline.textwidth import ELLIPSIS, advance

# Where a label is drawn, per event and level (``Level.side``; the browser reads the
# same numbers from timeline.json): right of a point's marker, or inside a period's bar
# from its start; left of a marker, or before a bar's start; after a bar's end.
RIGHT, LEFT, AFTER = 0, 1, 2

NO_LIMIT = float("inf")


@dataclass(frozen=True)
class Metrics:
    """The layout's pixel sizes this module places with (layout.py's constants)."""

    mark_half: float
    gap: float
    label_offset: float
    bar_inset: float
    label_min: float
    label_reserve: float
    ellipsis: float


@dataclass(frozen=True)
class Static:
    """What the layout needs of an event, the same at every level."""

    index: int
    lane: int
    is_period: bool
    first: int  # first day (ordinal)
    after: int  # the day after its last
    centre: int  # a point's day
    title: str
    widths: list[float]  # widths[n]: px of the title's first n characters
    highlight: bool  # its whole label is kept clear


class Item:
    """An event's room in its row at one scale, and the side its label claims."""

    __slots__ = (
        "after_at",
        "bar_end",
        "full",
        "hi",
        "index",
        "lane",
        "left_at",
        "lo",
        "mark_end",
        "right_at",
        "side",
        "start",
        "static",
    )

    def __init__(self, static: Static, origin: int, scale: float, m: Metrics) -> None:
        self.static = static
        self.index = static.index
        self.lane = static.lane
        self.full = static.widths[-1]  # its whole title's width
        if static.is_period:
            self.start = (static.first - origin) * scale
            self.bar_end = (static.after - origin) * scale
            self.mark_end = max(self.bar_end, self.start + 2 * m.mark_half)
            self.right_at = self.start + m.bar_inset  # inside the bar, from its start
            self.after_at = self.bar_end + m.bar_inset
            self.left_at = self.start - m.bar_inset
        else:
            centre = (static.centre - origin) * scale
            self.start, self.mark_end = centre - m.mark_half, centre + m.mark_half
            self.bar_end = self.mark_end
            self.right_at = self.after_at = centre + m.label_offset
            self.left_at = centre - m.label_offset
        # The side its label claims, and the room it claims: set by stacking.
        self.side = RIGHT
        self.lo, self.hi = self.start, self.mark_end

    def claims(self, m: Metrics, view: tuple[float, float]) -> list[tuple[int, float, float]]:
        """The rooms it may claim, (side, lo, hi), the one it prefers first."""
        static, full = self.static, self.full
        reserve = full if static.highlight else min(full, m.label_reserve)
        is_period = static.is_period
        inside = self.bar_end - m.bar_inset - self.right_at if is_period else 0.0
        if is_period and inside >= full:
            return [(RIGHT, self.start, self.mark_end)]
        out_side = AFTER if is_period else RIGHT
        out_at = self.after_at
        right = (out_side, self.start, max(self.mark_end, out_at + reserve))
        left = (LEFT, min(self.start, self.left_at - reserve), self.mark_end)
        # At the first view's edges a label is cut: the side with more room first.
        start_px, end_px = view
        right_room = self.right_edge(end_px) - out_at
        left_room = self.left_at - self.left_edge(start_px)
        first, second = (
            (left, right) if right_room < full and left_room > right_room else (right, left)
        )
        # A side the first view's edge leaves too little room is claimed only when
        # neither has more.
        label_min = m.label_min
        out = [
            claim
            for claim in (first, second)
            if (left_room if claim[0] == LEFT else right_room) >= label_min
        ] or [first, second]
        # A long bar holds some of its title: rather that, cut, than no row at all.
        if is_period and self.chars_fitting(inside, m):
            out.append((RIGHT, self.start, self.mark_end))
        return out

    def right_edge(self, end_px: float) -> float:
        """Where a label right of it must end: the first view's end if its marker
        is before that (a label there would be cut, or not seen), else nowhere."""
        return end_px if self.start < end_px else NO_LIMIT

    def left_edge(self, start_px: float) -> float:
        """Where a label left of it must start: the first view's start if its marker
        is after that, else nowhere."""
        return start_px if self.mark_end > start_px else -NO_LIMIT

    def chars_fitting(self, room: float, m: Metrics) -> int:
        """The most characters of the title (with an ellipsis if cut) that fit in ``room``."""
        widths, title = self.static.widths, self.static.title
        if room >= widths[-1]:
            return len(title)
        n = bisect.bisect_right(widths, room - m.ellipsis) - 1
        # Never end a cut label on a space: "The New…", not "The …".
        while n > 0 and title[n - 1].isspace():
            n -= 1
        return n if n > 0 and widths[n] >= m.label_min else 0

    def shown_px(self, chars: int, m: Metrics) -> float:
        """The width of its label when it shows ``chars`` characters."""
        if chars >= len(self.static.title):
            return self.full
        return self.static.widths[chars] + m.ellipsis


def ellipsis_px(font_px: float) -> float:
    return advance(ELLIPSIS) * font_px / 1000


class Row:
    """A row's items by the start of their markers, and the rooms they claim by the
    start of those rooms."""

    __slots__ = ("claims", "items", "los", "starts")

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.items: list[Item] = []
        self.los: list[float] = []
        self.claims: list[Item] = []

    def marker_fits(self, item: Item, gap: float) -> bool:
        """Whether ``item``'s marker fits between its neighbours' markers."""
        starts = self.starts
        at = bisect.bisect_left(starts, item.start)
        if at > 0 and self.items[at - 1].mark_end + gap > item.start:
            return False
        return at == len(starts) or item.mark_end + gap <= starts[at]

    def first_room(self, claims: list[tuple[int, float, float]], before: int, gap: float) -> int:
        """The first of ``claims[:before]`` whose room fits in this row (``before`` if none)."""
        for k in range(before):
            if self.room_fits(claims[k][1], claims[k][2], gap, with_labels=True):
                return k
        return before

    def room_fits(self, lo: float, hi: float, gap: float, *, with_labels: bool) -> bool:
        """Whether the room [lo, hi] fits between the rooms its neighbours claim
        (``with_labels=False``: only a highlighted event's room is kept clear)."""
        at = bisect.bisect_left(self.los, lo)
        if at > 0:
            before = self.claims[at - 1]
            if (with_labels or before.static.highlight) and before.hi + gap > lo:
                return False
        if at < len(self.claims):
            after = self.claims[at]
            if (with_labels or after.static.highlight) and hi + gap > after.lo:
                return False
        return True

    def add(self, item: Item, side: int, lo: float, hi: float) -> None:
        item.side, item.lo, item.hi = side, lo, hi
        at = bisect.bisect_left(self.starts, item.start)
        self.starts.insert(at, item.start)
        self.items.insert(at, item)
        at = bisect.bisect_left(self.los, lo)
        self.los.insert(at, lo)
        self.claims.insert(at, item)


def stack_lane(
    items: list[Item], m: Metrics, view: tuple[float, float], max_rows: int
) -> tuple[list[Row], list[Item]]:
    """Rows for one lane's items (in the order given), and the items that fit no row.

    An item takes the first row where it fits with the room its label claims on
    its preferred side, else the first where it fits with the other side's, else
    a new row while there are fewer than ``max_rows``, else a row where at least
    its marker fits (cutting into a label's room).
    """
    rows: list[Row] = []
    overflow = []
    gap = m.gap
    for item in items:
        start, mark_end = item.start, item.mark_end
        # Rows are tried in order and the first where its preferred room fits ends
        # the search: the rows after it are not looked at, and an item whose marker
        # fits no row computes no claims. ``free``: the rows where its marker fits,
        # clear of highlighted events' rooms. Every room it may claim holds its
        # marker's, so where the marker's own room does not fit (a highlighted
        # event's label is there) none of its claims does: that row is passed over.
        free: list[Row] = []
        claims: list[tuple[int, float, float]] = []
        chosen: tuple[Row, tuple[int, float, float]] | None = None
        best = 0
        for row in rows:
            if not row.marker_fits(item, gap) or not row.room_fits(
                start, mark_end, gap, with_labels=False
            ):
                continue
            if not free:
                claims = item.claims(m, view)
                best = len(claims)
            free.append(row)
            k = row.first_room(claims, best, gap)
            if k < best:
                chosen, best = (row, claims[k]), k
                if k == 0:
                    break
        if chosen is None and len(rows) < max_rows:
            rows.append(Row())
            chosen = (rows[-1], (claims or item.claims(m, view))[0])
        if chosen is None and free:
            # Its marker, cutting into the label room of the events around it.
            chosen = (free[0], (RIGHT, start, mark_end))
        if chosen is None:
            overflow.append(item)
            continue
        target, (side, lo, hi) = chosen
        target.add(item, side, lo, hi)
    return rows, overflow


def frozen_row(items: list[Item], sides: dict[int, int], m: Metrics) -> Row:
    """A row rebuilt from the events (and label sides) it had at a coarser level."""
    row = Row()
    for item in sorted(items, key=lambda it: it.start):
        side = sides.get(item.index, RIGHT)
        lo = item.left_at - item.full if side == LEFT else item.start
        row.add(item, side, min(lo, item.start), item.mark_end)
    return row


def place(
    row: Row, m: Metrics, view: tuple[float, float], chars_out: list[int], sides_out: list[int]
) -> None:
    """Each item's label in ``row``: its side and how many characters of its title show.

    Left to right, each label gets the room between what the item before it
    drew and the room the item after it claims; a label that starts inside the
    first view ends at its edge (``view``, px), where it would otherwise be cut
    mid-word. Of the sides where the whole title fits, the first of: inside a
    period's bar, right of a marker (after a bar), left of it; else the side that
    shows most of it.
    """
    start_px, end_px = view
    drawn_end = -NO_LIMIT
    items = row.items
    for k, item in enumerate(items):
        limit = NO_LIMIT
        if k + 1 < len(items):
            after = items[k + 1]
            limit = after.start - m.gap
            if after.side == LEFT:
                limit = min(limit, max(after.lo, item.mark_end) - m.gap)
        side, chars = _label(item, m, drawn_end + m.gap, limit, start_px, end_px)
        chars_out[item.index] = chars
        sides_out[item.index] = side
        end = item.mark_end
        if chars and side in (RIGHT, AFTER) and not (side == RIGHT and item.static.is_period):
            end = max(end, item.after_at + item.shown_px(chars, m))
        drawn_end = max(drawn_end, end)


def _label(
    item: Item, m: Metrics, free_from: float, limit: float, start_px: float, end_px: float
) -> tuple[int, int]:
    """(side, characters shown): the first side, of those a label may take in the order
    preferred, where the whole title fits, else the first that shows most of it. Read
    left to right: a label right of its marker (after its bar) unless only the left
    holds more of it."""
    right_edge = item.right_edge(end_px)
    # The room right of a marker (after a bar) up to ``limit`` and the first view's end;
    # left of it down to what is drawn before it and the first view's start.
    out_room = min(limit, right_edge) - item.after_at
    left_room = item.left_at - max(free_from, item.left_edge(start_px))
    rooms: tuple[tuple[int, float], ...]
    if item.static.is_period:
        inside = min(item.bar_end - m.bar_inset, right_edge) - item.right_at
        rooms = ((RIGHT, inside), (AFTER, out_room), (LEFT, left_room))
    else:
        rooms = ((RIGHT, out_room), (LEFT, left_room))
    whole = len(item.static.title)
    best = (RIGHT, -1)
    for side, room in rooms:
        chars = item.chars_fitting(room, m)
        if chars >= whole:
            return side, chars
        if chars > best[1]:
            best = (side, chars)
    return best
