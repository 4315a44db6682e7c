"""The timeline's layout, in Python, without a browser: rows per lane, labels that fit,
clusters where events are dense, the first view, and the same numbers every build."""
from __future__ import annotations

import datetime as dt
import itertools
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, REPO, copy_events, write_events
from geometry import accounted, boxes, collisions, label_box

from policy_timeline.build import Build
from policy_timeline.source.validate import validate_project
from policy_timeline.timeline import figure_data, stacking
from policy_timeline.timeline import layout as lay
from policy_timeline.timeline.plotly_json import figure_json
from policy_timeline.timeline.textwidth import ELLIPSIS, text_px

pytestmark = pytest.mark.content

TODAY = dt.date(2026, 1, 1)


def compute(events_dir):
    project, problems = validate_project(events_dir)
    assert not problems, problems
    return lay.compute(project.events, project.vocabulary, TODAY), project


@pytest.fixture(scope="module")
def shipped():
    return compute(REPO / "events")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """1,000 events from the benchmark's generator: dense years, every precision."""
    out = tmp_path_factory.mktemp("gen") / "events"
    subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "1000", str(out)],
                   check=True, capture_output=True)
    return compute(out)


@pytest.mark.parametrize("which", ["shipped", "generated"])
def test_no_marker_bar_or_label_meets_another_at_any_level(which, request):
    layout, _ = request.getfixturevalue(which)
    assert len(layout.levels) > 3
    for k in range(len(layout.levels)):
        assert collisions(layout, k) == []
        assert accounted(layout, k) == []


@pytest.mark.parametrize("which", ["shipped", "generated"])
def test_markers_in_a_row_keep_a_24px_target_each(which, request):
    layout, _ = request.getfixturevalue(which)
    for k, _level in enumerate(layout.levels):
        for items in boxes(layout, k).values():
            points = [(left + right) / 2 for left, right, _, _, i in items
                      if not layout.events[i].is_period]
            assert all(b - a >= 24 for a, b in itertools.pairwise(points))


@pytest.mark.parametrize("which", ["shipped", "generated"])
def test_lanes_have_at_most_max_rows_of_events_and_a_row_for_clusters(which, request):
    layout, _ = request.getfixturevalue(which)
    for level in layout.levels:
        for lane, rows in enumerate(level.lane_rows):
            event_rows = {level.row[i] for i in range(len(layout.events))
                          if layout.lane_of[i] == lane and level.row[i] >= 0}
            has_clusters = any(c.lane == lane for c in level.clusters)
            assert len(event_rows) <= lay.MAX_ROWS
            assert rows == (max(event_rows, default=-1) + 1) + (1 if has_clusters else 0)
            # Rows are used from the top: no gaps.
            assert event_rows == set(range(len(event_rows)))


def test_the_shipped_timeline_draws_every_event_at_the_widest_pages(shipped):
    layout, _ = shipped
    for width in layout.classes[2:]:
        level = layout.levels[width.level]
        assert level.clusters == ()
    for width in layout.classes[3:]:
        level = layout.levels[width.level]
        labelled = sum(1 for n in level.label if n)
        assert labelled >= 0.8 * len(layout.events), (width, labelled)


def test_dense_timelines_cluster_and_finer_levels_draw_more(generated):
    layout, _ = generated
    drawn = [sum(1 for r in level.row if r >= 0) for level in layout.levels]
    assert layout.levels[0].clusters
    assert drawn[-1] > drawn[0] * 2
    # A cluster counts its members, which share its lane and stretch of time.
    level = layout.levels[layout.classes[-1].level]
    for cluster in level.clusters:
        for m in cluster.members:
            first, after = lay.span_days(layout.events[m])
            assert cluster.first <= first and after - 1 <= cluster.last


def test_levels_double_and_each_width_class_has_a_level_made_for_it(shipped):
    layout, _ = shipped
    scales = [level.scale for level in layout.levels]
    assert scales == sorted(scales) and len(set(scales)) == len(scales)
    days = (layout.default_range[1] - layout.default_range[0]).days
    for width in layout.classes:
        assert layout.levels[width.level].scale == pytest.approx(width.plot_px / days)
    # A browser's scale picks the finest level at most as fine: gaps only widen.
    for k, level in enumerate(layout.levels):
        assert layout.level_for(level.scale) == k
        assert layout.level_for(level.scale * 1.01) == k
    assert layout.level_for(scales[0] / 2) == 0
    assert layout.level_for(scales[-1] * 100) == len(scales) - 1


def test_rows_do_not_change_as_the_reader_zooms_in_once_a_lane_has_room(shipped):
    """Once every event of a lane has a row and its whole title, finer levels keep its rows."""
    layout, _ = shipped
    settled_lanes = 0
    for lane in range(len(layout.lanes)):
        members = [i for i in range(len(layout.events)) if layout.lane_of[i] == lane]
        settled = next((k for k, level in enumerate(layout.levels)
                        if all(level.row[i] >= 0 and level.label[i] == len(layout.events[i].title)
                               for i in members)), None)
        if settled is None:
            continue
        settled_lanes += 1
        rows = [tuple(level.row[i] for i in members) for level in layout.levels[settled:]]
        assert len(set(rows)) == 1, layout.lanes[lane].id
    assert settled_lanes >= 1


def test_the_first_view_spans_the_events_and_the_nearest_future_targets(shipped, tmp_path):
    layout, _project = shipped
    # Events happened 2006-2020; the targets are set for 2020, 2025, 2030 and 2049.
    assert layout.default_range == (dt.date(2006, 1, 1), dt.date(2026, 1, 1))
    assert layout.full_range[0] < dt.date(2006, 7, 2) and layout.full_range[1] > dt.date(2049, 12, 31)
    fixture, _ = compute(copy_events(FIXTURES / "events" / "timeline", tmp_path / "tl"))
    # Happened 2009-2019; the nearest future is a programme of 2027-2030, a period.
    assert fixture.default_range == (dt.date(2009, 1, 1), dt.date(2031, 1, 1))


def test_labels_are_cut_with_an_ellipsis_and_never_at_a_space():
    title = "State Council issues the New Generation AI Development Plan"
    assert lay.label_text(title, 99) == title
    assert lay.label_text(title, 13) == "State Council" + ELLIPSIS
    assert lay.label_text(title, 0) == ""
    item = stacking.Item(lay._statics([_event(title)], [0])[0], 0, 1.0, lay.METRICS)
    assert item.chars_fitting(text_px(title, lay.FONT_PX), lay.METRICS) == len(title)
    # Room for "State Council " and the ellipsis: the cut drops the space.
    room = text_px("State Council ", lay.FONT_PX) + text_px(ELLIPSIS, lay.FONT_PX) + 0.5
    assert lay.label_text(title, item.chars_fitting(room, lay.METRICS)) == "State Council" + ELLIPSIS
    # Too little room for a label worth reading: none.
    assert item.chars_fitting(lay.LABEL_MIN_PX - 1, lay.METRICS) == 0
    # No room at all (a marker squeezed in before its label's start): none either.
    assert item.chars_fitting(-5, lay.METRICS) == 0


def test_highlighted_events_are_stacked_first_and_keep_their_labels(tmp_path):
    """Ten plans in one month: the highlighted one takes the first row, whole title."""
    event = ("---\ntitle: {title}\ndate: 2017-07\nlane: local\nkind: plan\nsummary: S.\n"
             "{extra}sources:\n  - {{title: T, url: \"https://example.org/\"}}\n---\n")
    files = {f"2017-07-plan-{n}.md": event.format(title=f"Plan number {n} of the month",
                                                  extra="") for n in range(9)}
    files["2017-07-plan-z.md"] = event.format(title="The one that matters most",
                                              extra="highlight: true\n")
    layout, _project = compute(write_events(tmp_path / "ev", files))
    star = next(i for i, e in enumerate(layout.events) if e.id == "2017-07-plan-z")
    for level in layout.levels:
        assert level.row[star] == 0
    widest = layout.levels[layout.classes[-1].level]
    assert widest.label[star] == len(layout.events[star].title)
    coarse = layout.levels[0]
    # Eight rows, the rest counted in a cluster on a row of its own.
    assert coarse.lane_rows[2] == lay.MAX_ROWS + 1
    assert sum(len(c.members) for c in coarse.clusters) == 10 - lay.MAX_ROWS


def test_the_layout_is_the_same_every_build(tmp_path):
    first = figure_json(_data(REPO / "events"))
    again = figure_json(_data(shutil.copytree(REPO / "events", tmp_path / "copy")))
    assert first == again


def test_the_axis_labels_years_that_never_touch():
    ticks = lay.tick_years(dt.date(2006, 1, 1), dt.date(2026, 1, 1), 1120)
    assert ticks == list(range(2007, 2026))
    assert lay.tick_years(dt.date(2006, 1, 1), dt.date(2026, 1, 1), 280) == [2010, 2015, 2020, 2025]
    assert lay.tick_years(dt.date(1900, 1, 1), dt.date(2100, 1, 1), 300)[:2] == [1950, 2000]


def test_the_first_views_axis_is_part_of_the_layout(shipped):
    layout, _ = shipped
    # Every step's years, finest first, each with the width it needs: a drawing of
    # any width picks from them (the SVG here, the chart from timeline.json).
    assert layout.ticks == lay.tick_choices(*layout.default_range)
    widths = [min_px for min_px, _ in layout.ticks]
    assert widths == sorted(widths, reverse=True)
    for plot_px in (200, 280, 330, 540, 880, 1120, 3000):
        assert layout.default_ticks(plot_px) == lay.tick_years(*layout.default_range, plot_px)


def test_an_empty_timeline_has_a_layout(tmp_path):
    events = write_events(tmp_path / "none", {})
    layout, _ = compute(events)
    assert layout.events == () and len(layout.levels) == 1
    assert [c.level for c in layout.classes] == [0] * len(lay.WIDTH_CLASSES)


def _event(title):
    from policy_timeline.source.dates import PartialDate
    from policy_timeline.source.model import Event
    return Event(id="2017-x", path="x.md", title=title, date=PartialDate(2017), lane="local",
                 kind="plan", summary="S.", sources=[])



def _data(events_dir):
    project, problems = validate_project(events_dir)
    assert not problems
    build = Build(project=project, index=None, today=TODAY)
    return figure_data.timeline_data(build, build.layout)


# --- labels on either side ------------------------------------------------------------------


def _in_first_view(layout, level, i) -> tuple[bool, bool]:
    """Whether event ``i`` is drawn in the first view of ``level`` (its marker or bar meets
    it), and whether its label is seen there (a label cut by the view's edges is not)."""
    origin = layout.full_range[0].toordinal()
    first, after = ((d.toordinal() - origin) * level.scale for d in layout.default_range)
    event = layout.events[i]
    if event.is_period:
        start, end = ((d - origin) * level.scale for d in lay.span_days(event))
        left, right = start, end
    else:
        left = right = start = end = (lay.centre_day(event) - origin) * level.scale
    drawn = level.row[i] >= 0 and left < after and right > first
    label = label_box(event, level.side[i], level.label[i], start, end)
    return drawn, bool(drawn and label and label[0] >= first - 0.5 and label[1] <= after + 0.5)


def labelled(layout, plot_px: float) -> tuple[int, int]:
    """Of the events the first view draws on a plot ``plot_px`` wide, how many it labels."""
    level = layout.levels[layout.default_level(plot_px)]
    seen = [_in_first_view(layout, level, i) for i in range(len(layout.events))]
    return sum(label for _, label in seen), sum(drawn for drawn, _ in seen)


@pytest.mark.parametrize(("plot_px", "at_least"), [(1188, 48 / 50), (358, 40 / 48)])
def test_the_shipped_first_view_labels_nearly_every_event(shipped, plot_px, at_least):
    """The chart's plot at 1280 px is 1,188 px wide and at 390 px 358 (the widths the
    browser tests see): at least 48 of 50 and 40 of 48 of its events carry a label
    that is seen whole in the first view (cut with an ellipsis counts, cut by the edge not)."""
    layout, _ = shipped
    if plot_px in lay.OWN_LEVEL_PLOT_PX:
        days = (layout.default_range[1] - layout.default_range[0]).days
        assert layout.levels[layout.default_level(plot_px)].scale == pytest.approx(plot_px / days)
    shown, drawn = labelled(layout, plot_px)
    assert drawn >= 45
    assert shown >= at_least * drawn, (shown, drawn)


def test_a_label_goes_left_where_the_right_has_no_room(shipped):
    """The 2025 targets at the first view's right edge: labelled, to the left."""
    layout, _ = shipped
    level = layout.levels[layout.default_level(1120)]
    at_edge = [i for i, e in enumerate(layout.events)
               if not e.is_period and e.date.year == 2025 and _in_first_view(layout, level, i)[0]]
    assert len(at_edge) >= 2
    for i in at_edge:
        assert level.side[i] == stacking.LEFT and level.label[i] > 0, layout.events[i].title
    # and both sides are used elsewhere too
    assert {level.side[i] for i in range(len(layout.events)) if level.label[i]} >= {
        stacking.RIGHT, stacking.LEFT}


PERIODS = {
    # A long bar holds its title; a short one's label goes after its end.
    "2010-long.md": ("Long programme", "2010", "2016", "plan"),
    "2017-trilogue.md": ("Trilogue negotiations", "2017-03", "2017-09", "plan"),
    "2017-12-point.md": ("A point a little after", "2017-12", None, "law"),
    "2019-point.md": ("Alone at the end", "2019-06", None, "law"),
    # a bar at the view's right edge, no room after it: before its start
    "2020-short.md": ("Short one at the edge", "2020-10", "2020-12", "plan"),
}


def _period_events(tmp_path):
    files = {}
    for name, (title, date, end, kind) in PERIODS.items():
        files[name] = (f"---\ntitle: {title}\ndate: {date}\n" + (f"end: {end}\n" if end else "")
                       + f"lane: central\nkind: {kind}\nsummary: S.\nsources:\n"
                       '  - {title: T, url: "https://example.org/"}\n---\n')
    return compute(write_events(tmp_path / "periods", files))[0]


def test_a_periods_label_is_inside_its_bar_when_it_fits_after_it_otherwise(tmp_path):
    layout = _period_events(tmp_path)
    by_title = {e.title: i for i, e in enumerate(layout.events)}
    for plot_px in (540, 880, 1120):
        level = layout.levels[layout.default_level(plot_px)]
        long, trilogue = by_title["Long programme"], by_title["Trilogue negotiations"]
        assert (level.side[long], level.label[long]) == (stacking.RIGHT, len("Long programme"))
        # "Trilogue negotiations" is wider than its bar: after it, never across its end.
        assert level.side[trilogue] == stacking.AFTER and level.label[trilogue] > 0, plot_px
        edge = by_title["Short one at the edge"]
        assert level.side[edge] == stacking.LEFT and level.label[edge] > 0, plot_px
    for k in range(len(layout.levels)):
        assert collisions(layout, k) == []


def test_placing_labels_costs_a_bounded_amount_of_work_per_event(generated, monkeypatch):
    """Linear in events: each event tries its marker in every row and each room it may
    claim (at most three, and its marker alone) in those where it fits; each row's
    labels are placed once a level."""
    layout, project = generated
    calls = {"marker": 0, "room": 0, "place": 0}
    marker_fits, room_fits, place = (
        stacking.Row.marker_fits, stacking.Row.room_fits, stacking.place)

    def counted(name, function, size=lambda *args: 1):
        def run(*args, **kwargs):
            calls[name] += size(*args)
            return function(*args, **kwargs)
        return run

    monkeypatch.setattr(stacking.Row, "marker_fits", counted("marker", marker_fits))
    monkeypatch.setattr(stacking.Row, "room_fits", counted("room", room_fits))
    monkeypatch.setattr(stacking, "place", counted("place", place, lambda row, *_: len(row.items)))
    again = lay.compute(project.events, project.vocabulary, TODAY)
    assert again == layout
    work = len(project.events) * len(again.levels)
    assert calls["marker"] <= work * lay.MAX_ROWS
    assert calls["room"] <= work * lay.MAX_ROWS * 4
    assert calls["place"] <= work
