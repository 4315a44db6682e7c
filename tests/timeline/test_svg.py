"""The timeline drawn at build time as SVG: the same layout as the chart, without a browser."""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import FIXTURES, REPO, copy_events
from geometry import collisions

from policy_timeline.build import Build
from policy_timeline.render import timeline_block
from policy_timeline.source.validate import validate_project
from policy_timeline.timeline import layout as lay
from policy_timeline.timeline import svg
from policy_timeline.timeline.view import TimelineFilter

pytestmark = pytest.mark.content

TODAY = dt.date(2026, 1, 1)
SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def make_build(events_dir) -> Build:
    project, problems = validate_project(events_dir)
    assert not problems, problems
    return Build(project=project, index=None, today=TODAY)


@pytest.fixture(scope="module")
def shipped():
    return make_build(REPO / "events")


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory):
    return make_build(copy_events(FIXTURES / "events" / "timeline",
                                  tmp_path_factory.mktemp("svg") / "events"))


def parse(markup: str) -> ET.Element:
    """One SVG as XML (the HTML parser's xlink: prefix declared)."""
    return ET.fromstring(markup.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" '
                                        'xmlns:xlink="http://www.w3.org/1999/xlink" ', 1))


def one(build, n, view=None, page_url=""):
    view = view or TimelineFilter()
    layout = build.layout
    visible = [view.shows(e) for e in layout.events]
    lane_ids = [lane.id for lane in layout.lanes]
    lanes = [lane_ids.index(lane) for lane in view.lanes] if view.lanes else None
    markup = svg.level_svg(layout, layout.classes[n], build.project.vocabulary, page_url,
                           visible, lanes, f"t-w{n}", f"pt-svg-w{n}")
    return markup, parse(markup)


@pytest.mark.parametrize("n", range(len(lay.WIDTH_CLASSES)))
def test_one_link_per_event_of_the_first_view_with_its_hover(shipped, n):
    layout = shipped.layout
    level = layout.levels[layout.classes[n].level]
    markup, root = one(shipped, n, page_url="")
    links = root.iter(f"{SVG_NS}a")
    hrefs = {a.get(XLINK): a for a in links}
    drawn = [e for i, e in enumerate(layout.events) if level.row[i] >= 0]
    assert sorted(hrefs) == sorted(f"events/{e.id}/" for e in drawn)
    plan = hrefs["events/2017-07-new-generation-ai-development-plan/"]
    assert plan.find(f"{SVG_NS}title").text == (
        "State Council issues the New Generation AI Development Plan\n新一代人工智能发展规划\n"
        "July 2017 · Central government, Plan")
    assert plan.get("tabindex") == "-1"
    # Labels say what the layout says, cut where it cuts.
    for i, event in enumerate(layout.events):
        if level.row[i] < 0:
            continue
        text = hrefs[f"events/{event.id}/"].find(f"{SVG_NS}text")
        label = lay.label_text(event.title, level.label[i])
        assert (text.text if text is not None else "") == label
    # Hidden from screen readers and out of the tab order: the list carries the events.
    assert root.get("aria-hidden") == "true" and root.get("focusable") == "false"
    assert 'href="' not in markup.replace('xlink:href="', "")


@pytest.mark.parametrize("n", range(len(lay.WIDTH_CLASSES)))
def test_no_two_things_the_svg_draws_meet(shipped, n):
    """The SVG draws its class's level: the layout's promise is the SVG's."""
    assert collisions(shipped.layout, shipped.layout.classes[n].level) == []


def test_markers_sit_where_the_chart_puts_them(fixture_build):
    layout = fixture_build.layout
    first, after = (d.toordinal() for d in layout.default_range)
    _, root = one(fixture_build, 4)
    use = next(a for a in root.iter(f"{SVG_NS}a")
               if a.get(XLINK) == "events/2014-shanghai-plan/").find(f"{SVG_NS}use")
    x = float(use.get("x").rstrip("%"))
    assert x == pytest.approx((dt.date(2014, 7, 2).toordinal() - first) * 100 / (after - first),
                              abs=0.001)
    assert use.get(XLINK) == "#t-w4-circle"
    bar = next(a for a in root.iter(f"{SVG_NS}a")
               if a.get(XLINK) == "events/2027-future-programme/").find(f"{SVG_NS}rect")
    assert "pt-hollow" in bar.get("class")         # a period not yet begun is drawn hollow


def test_a_filtered_view_draws_its_lanes_and_events_only(fixture_build):
    view = TimelineFilter.parse(fixture_build.project.vocabulary, lanes=["central", "local"],
                                kinds=["plan"])
    _markup, root = one(fixture_build, 3, view)
    names = [t.text for t in root.iter(f"{SVG_NS}text") if t.get("class") == "pt-lane-name"]
    assert names == ["Central government", "Provinces and cities"]
    shown = {a.get(XLINK).split("/")[1] for a in root.iter(f"{SVG_NS}a")}
    assert shown == {e.id for e in fixture_build.project.events if view.shows(e)}
    full, _ = one(fixture_build, 3)
    assert float(root.get("height")) < float(parse(full).get("height"))


def test_hostile_text_is_escaped_once(fixture_build):
    markup, root = one(fixture_build, 4)
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &quot;quoted&quot; &lt;/script&gt;" in markup
    assert "<b>" not in markup and "</script>" not in markup
    titles = [t.text for t in root.iter(f"{SVG_NS}title")]
    assert any(t.startswith('<b>x</b> & "quoted" </script>') for t in titles)


def test_a_page_and_the_embed_inline_one_drawing_the_narrowest_widths(fixture_build):
    page = timeline_block.timeline_view(fixture_build, TimelineFilter(), "", uid="pt-v1")
    narrowest = fixture_build.layout.classes[0]
    assert re.findall(r'<svg class="pt-svg ([^"]+)"[^>]* data-level="(\d+)" data-plot-px="(\d+)"',
                      page) == [("pt-svg-w0", str(narrowest.level), str(lay.MIN_PLOT_PX))]
    embed = timeline_block.timeline_view(fixture_build, TimelineFilter(), "embed/", embed=True)
    assert re.findall(r'class="pt-svg ([^"]+)"', embed) == ["pt-svg-w0"]
    # Ids are unique on a page, however many views it has.
    two = page + timeline_block.timeline_view(fixture_build, TimelineFilter(), "", uid="pt-v2")
    ids = re.findall(r' id="([^"]+)"', two)
    assert len(ids) == len(set(ids))


def test_the_same_svg_every_build(fixture_build, tmp_path):
    again = make_build(copy_events(FIXTURES / "events" / "timeline", tmp_path / "again"))
    assert one(fixture_build, 2)[0] == one(again, 2)[0]
