"""What the timeline's layout promises, checked from the outside: boxes on rows.

The checks rebuild every item's box from the events and the layout's public
numbers (row, label length, scale), not from the layout's own bookkeeping, so
a layout that stacks wrongly cannot also check itself wrongly.
"""
from __future__ import annotations

import itertools

from policy_timeline.timeline import layout as lay
from policy_timeline.timeline import stacking
from policy_timeline.timeline.textwidth import text_px

# The widest a marker is drawn on either side of its centre (symbols.py: the
# widest filled symbol reaches 7.78 px, and a hollow one has a 1 px stroke).
MARKER_REACH_PX = 8.8


def label_box(event, side: int, chars: int, left: float, bar_end: float) -> tuple[float, float] | None:
    """Where an event's label is drawn, [left, right] in px, from its side and length;
    ``left`` is its period's first day or its point's centre, ``bar_end`` a period's end."""
    label = lay.label_text(event.title, chars)
    if not label:
        return None
    width = text_px(label, lay.FONT_PX)
    if not event.is_period:
        if side == stacking.LEFT:
            return left - lay.LABEL_OFFSET_PX - width, left - lay.LABEL_OFFSET_PX
        return left + lay.LABEL_OFFSET_PX, left + lay.LABEL_OFFSET_PX + width
    if side == stacking.LEFT:
        return left - lay.BAR_LABEL_INSET_PX - width, left - lay.BAR_LABEL_INSET_PX
    if side == stacking.AFTER:
        return bar_end + lay.BAR_LABEL_INSET_PX, bar_end + lay.BAR_LABEL_INSET_PX + width
    return left + lay.BAR_LABEL_INSET_PX, left + lay.BAR_LABEL_INSET_PX + width


def boxes(layout, level_index: int):
    """{(lane, row): [(left, mark_right, lo, hi, event position)]} at the level's scale:
    its marker or bar, and all it draws (its label included), sorted by the marker's left."""
    level = layout.levels[level_index]
    origin = layout.full_range[0].toordinal()
    scale = level.scale
    rows: dict = {}
    for i, event in enumerate(layout.events):
        row = level.row[i]
        if row < 0:
            continue
        if event.is_period:
            first, after = lay.span_days(event)
            left = (first - origin) * scale
            mark_right = (after - origin) * scale
            label = label_box(event, level.side[i], level.label[i], left, mark_right)
        else:
            centre = (lay.centre_day(event) - origin) * scale
            left, mark_right = centre - MARKER_REACH_PX, centre + MARKER_REACH_PX
            label = label_box(event, level.side[i], level.label[i], centre, centre)
        lo, hi = (min(left, label[0]), max(mark_right, label[1])) if label else (left, mark_right)
        rows.setdefault((layout.lane_of[i], row), []).append((left, mark_right, lo, hi, i))
    for items in rows.values():
        items.sort()
    return rows


def collisions(layout, level_index: int) -> list[str]:
    """Every pair of neighbours in a row whose marker, bar or label meet (neighbours by
    their markers: if each meets neither, no two things in the row meet), and every
    period label inside its bar that runs across the bar's end."""
    out = []
    level = layout.levels[level_index]
    for (lane, row), items in boxes(layout, level_index).items():
        for (_, _, _, hi_a, a), (_, _, lo_b, _, b) in itertools.pairwise(items):
            if hi_a >= lo_b:
                out.append(f"level {level_index}, lane {lane}, row {row}: "
                           f"{layout.events[a].id} runs into {layout.events[b].id}")
        for left, bar_end, _, _, i in items:
            event = layout.events[i]
            if event.is_period and level.side[i] == stacking.RIGHT:
                label = label_box(event, stacking.RIGHT, level.label[i], left, bar_end)
                if label and label[1] > bar_end - lay.BAR_LABEL_INSET_PX + 0.01:
                    out.append(f"level {level_index}: {event.id}'s label crosses its bar's end")
    return out


def accounted(layout, level_index: int) -> list[str]:
    """Events that are neither on a row nor in exactly one cluster (or are in both)."""
    level = layout.levels[level_index]
    in_clusters: dict[int, int] = {}
    for cluster in level.clusters:
        for m in cluster.members:
            in_clusters[m] = in_clusters.get(m, 0) + 1
            if layout.lane_of[m] != cluster.lane:
                return [f"{layout.events[m].id} is in a cluster of another lane"]
    out = []
    for i, event in enumerate(layout.events):
        on_row = level.row[i] >= 0
        if on_row == bool(in_clusters.get(i)) or in_clusters.get(i, 0) > 1:
            out.append(f"level {level_index}: {event.id}")
    return out
