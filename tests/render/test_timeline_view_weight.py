"""What a timeline view and the embed builder carry (issue #23): one inline drawing, the
list of events in the page only for a short view and a link to the events index under
every view; the embed's filters folded until its address or frame opens them; the
builder's filters folded by default when its frame is shorter than the chart."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import FIXTURES, copy_events, generated_events

from policy_timeline.build import Build
from policy_timeline.render import timeline_block
from policy_timeline.source.validate import validate_project
from policy_timeline.timeline.view import TimelineFilter

TODAY = dt.date(2026, 1, 1)


def make_build(events_dir) -> Build:
    project, problems = validate_project(events_dir)
    assert not problems, problems
    return Build(project=project, index=None, today=TODAY)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return make_build(
        copy_events(FIXTURES / "events" / "timeline", tmp_path_factory.mktemp("v") / "events")
    )


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """More events than a view carries as a list."""
    n = timeline_block.LIST_INLINE_MAX + 50
    return make_build(generated_events(tmp_path_factory.mktemp("big") / "events", n))


def list_link(html: str) -> tuple[str, str]:
    found = re.findall(
        r'<p class="pt-list-link" data-search-exclude="true"><a href="([^"]*)">([^<]*)</a></p>',
        html,
    )
    assert len(found) == 1, found
    return found[0]


def test_a_short_view_carries_one_drawing_its_list_and_the_link(small):
    html = timeline_block.timeline_view(small, TimelineFilter(), "", uid="pt-v1")
    assert len(re.findall(r"<svg class=\"pt-svg ", html)) == 1
    events = small.project.events
    assert len(re.findall(r"<li data-id=", html)) == len(events)
    assert list_link(html) == ("events/", f"All {len(events)} events of the timeline, as a list")
    # From a page one folder down, the link climbs to the index.
    embed = timeline_block.timeline_view(small, TimelineFilter(), "embed/", embed=True)
    assert list_link(embed)[0] == "../events/"


def test_a_long_view_links_to_the_events_index_instead_of_carrying_its_list(big):
    n = len(big.project.events)
    html = timeline_block.timeline_view(big, TimelineFilter(), "", uid="pt-v1")
    assert 'class="pt-twin' not in html and "<li data-id=" not in html
    assert list_link(html) == ("events/", f"All {n} events of the timeline, as a list")
    assert len(re.findall(r"<svg class=\"pt-svg ", html)) == 1
    # A view of a few of them carries its list again; the link still counts them all.
    lane = big.project.events[0].lane
    few = TimelineFilter.parse(big.project.vocabulary, lanes=[lane], start="2019", end="2019")
    shown = [e for e in big.project.events if few.matches(e)]
    assert 0 < len(shown) <= timeline_block.LIST_INLINE_MAX
    html = timeline_block.timeline_view(big, few, "", uid="pt-v2")
    assert len(re.findall(r"<li data-id=", html)) == len(shown)
    assert list_link(html)[1] == f"All {n} events of the timeline, as a list"


def test_the_embeds_filters_come_folded_and_the_sites_open(small):
    site = timeline_block.timeline_view(small, TimelineFilter(), "", uid="pt-v1")
    embed = timeline_block.timeline_view(small, TimelineFilter(), "embed/", embed=True)
    assert '<details class="pt-filters" open><summary' in site
    assert '<details class="pt-filters"><summary' in embed
    # The standalone controls (no embed in their context) are open.
    assert '<details class="pt-filters" open>' in timeline_block.controls(
        small, TimelineFilter(), "pt-v1"
    )


def checked(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="radio" name="{name}" value="([^"]*)" checked>', html)


def test_the_builder_folds_the_filters_when_its_frame_is_shorter_than_the_chart(small, big):
    short = timeline_block.embed_builder(small, "embed/builder/", "Site")
    tall = timeline_block.embed_builder(big, "embed/builder/", "Site")
    height = timeline_block.EMBED_HEIGHT_PX
    small_chart = int(re.search(r'data-chart-height="(\d+)"', short).group(1))
    big_chart = int(re.search(r'data-chart-height="(\d+)"', tall).group(1))
    assert small_chart <= height < big_chart
    assert checked(short, "filters") == ["open"]
    assert checked(tall, "filters") == ["folded"]
    # Every choice is offered; the colours are the reader's unless chosen.
    for html in (short, tall):
        assert re.findall(r'name="filters" value="(\w+)"', html) == ["open", "folded", "hidden"]
        assert checked(html, "theme") == [""]
        assert "Copied." in html  # the script's words, in data-messages
