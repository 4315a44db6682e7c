"""Stacking one lane takes shortcuts (rows tried in order up to the first that takes the
preferred side; rows where a highlighted label leaves no room for the marker passed over):
they place every item where trying every row with every claim places it. Held against
that plain reading of the rule, over lanes dense enough to fill every row."""
from __future__ import annotations

import random

import pytest

from policy_timeline.timeline import layout as lay
from policy_timeline.timeline import stacking
from policy_timeline.timeline.textwidth import prefix_px

pytestmark = pytest.mark.content

WORDS = ["State", "Council", "plan", "for", "AI", "Ministry", "of", "Industry", "fund", "law"]


def plain_stack(items, m, view, max_rows):
    """The rule read plainly: every row's marker, then each claim in each row where the
    marker fits, a new row, then the first row where the marker's room alone fits."""
    rows, overflow = [], []
    for item in items:
        free = [row for row in rows if row.marker_fits(item, m.gap)]
        if not free and len(rows) >= max_rows:
            overflow.append(item)
            continue
        claims = item.claims(m, view)
        chosen, best = None, len(claims)
        for row in free:
            for k in range(best):
                if row.room_fits(claims[k][1], claims[k][2], m.gap, with_labels=True):
                    chosen, best = (row, claims[k]), k
                    break
        if chosen is None and len(rows) < max_rows:
            rows.append(stacking.Row())
            chosen = (rows[-1], claims[0])
        if chosen is None:
            marker = (stacking.RIGHT, item.start, item.mark_end)
            chosen = next(((row, marker) for row in free if row.room_fits(
                item.start, item.mark_end, m.gap, with_labels=False)), None)
        if chosen is None:
            overflow.append(item)
            continue
        row, (side, lo, hi) = chosen
        row.add(item, side, lo, hi)
    return rows, overflow


def random_lane(rng, n):
    statics = []
    day = 730_000
    for i in range(n):
        day += rng.choice([0, 0, 1, 3, 10, 40, 200])
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
        period = rng.random() < 0.2
        after = day + (rng.randint(2, 2_000) if period else 1)
        statics.append(stacking.Static(i, 0, period, day, after, day + (after - day) // 2, title,
                                       prefix_px(title, lay.FONT_PX), rng.random() < 0.05))
    return statics


def shape(rows, overflow):
    return ([[(it.index, it.side, it.lo, it.hi) for it in row.items] for row in rows],
            [it.index for it in overflow])


@pytest.mark.parametrize("seed", range(40))
def test_stacking_places_every_item_where_the_plain_rule_does(seed):
    rng = random.Random(seed)
    statics = random_lane(rng, rng.randint(1, 300))
    origin = statics[0].first - 30
    span = statics[-1].after - origin + 30
    for scale in (280 / span, 2_000 / span, 20_000 / span, 0.5, 5.0):
        view = (rng.uniform(-50, 100), rng.uniform(200, 280 + scale * span))
        max_rows = rng.choice([1, 2, 3, 8])

        def items(statics=statics, scale=scale):
            return [stacking.Item(s, origin, scale, lay.METRICS) for s in statics]

        fast = stacking.stack_lane(items(), lay.METRICS, view, max_rows)
        plain = plain_stack(items(), lay.METRICS, view, max_rows)
        assert shape(*fast) == shape(*plain), (seed, scale, max_rows)
