"""What the timeline's layout promises, checked from the outside: boxes on rows.

The checks rebuild every item's box from the events and the layout's public
numbers (row, label length, scale), not from the layout's own bookkeeping, so
a layout that stacks wrongly cannot also check itself wrongly.
"""
from __future__ import annotations

import itertools

from policy_timeline.timeline import layout as lay
from policy_timeline.timeline.textwidth import text_px

# The widest a marker is drawn on either side of its centre (symbols.py: the
# widest filled symbol reaches 7.78 px, and a hollow one has a 1 px stroke).
MARKER_REACH_PX = 8.8


def boxes(layout, level_index: int):
    """{(lane, row): [(left, mark_right, label_right, event position)]} at the level's scale."""
    level = layout.levels[level_index]
    origin = layout.full_range[0].toordinal()
    scale = level.scale
    rows: dict = {}
    for i, event in enumerate(layout.events):
        row = level.row[i]
        if row < 0:
            continue
        label = lay.label_text(event.title, level.label[i])
        if event.is_period:
            first, after = lay.span_days(event)
            left = (first - origin) * scale
            mark_right = (after - origin) * scale
            label_left = left + lay.BAR_LABEL_INSET_PX
        else:
            centre = (lay.centre_day(event) - origin) * scale
            left, mark_right = centre - MARKER_REACH_PX, centre + MARKER_REACH_PX
            label_left = centre + lay.LABEL_OFFSET_PX
        label_right = label_left + text_px(label, lay.FONT_PX) if label else mark_right
        rows.setdefault((layout.lane_of[i], row), []).append((left, mark_right, label_right, i))
    for items in rows.values():
        items.sort()
    return rows


def collisions(layout, level_index: int) -> list[str]:
    """Every pair of neighbours in a row whose marker, bar or label meet."""
    out = []
    for (lane, row), items in boxes(layout, level_index).items():
        for (_, mark_a, label_a, a), (left_b, _, _, b) in itertools.pairwise(items):
            if max(mark_a, label_a) >= left_b:
                out.append(f"level {level_index}, lane {lane}, row {row}: "
                           f"{layout.events[a].id} runs into {layout.events[b].id}")
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
