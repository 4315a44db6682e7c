"""The index, built from the fixture site's events without mkdocs: cross-links both ways,
chronology, and the groupings every generated page is rendered from."""
from __future__ import annotations

import pytest
from conftest import FIXTURES

from policy_timeline import urls
from policy_timeline.source.validate import validate_project
from policy_timeline.timeline.index import build_index

SITE = FIXTURES / "events" / "site"
PLAN = "2017-07-new-generation-ai-development-plan"


@pytest.fixture(scope="module")
def project():
    project, problems = validate_project(SITE)
    assert not problems, problems
    return project


@pytest.fixture(scope="module")
def index(project):
    return build_index(project)


def ids(events):
    return [event.id for event in events]


def test_related_is_shown_both_ways(index, project):
    # The plan lists nothing; four events list it.
    assert index.by_id[PLAN].related == []
    listing_the_plan = sorted(e.id for e in project.events if PLAN in e.related)
    assert len(listing_the_plan) == 4
    assert sorted(ids(index.related(PLAN))) == listing_the_plan
    for other in listing_the_plan:
        assert PLAN in ids(index.related(other))


def test_related_events_are_in_time_order_and_listed_once(index):
    related = index.related(PLAN)
    assert [e.sort_key for e in related] == sorted(e.sort_key for e in related)
    # Guangdong lists the plan and Wuxi; Wuxi lists nothing but shows Guangdong.
    assert ids(index.related("2017-12-guangdong-plan")) == ["2009-wuxi-sensing-plan", PLAN]
    assert ids(index.related("2009-wuxi-sensing-plan")) == ["2017-12-guangdong-plan"]
    assert index.related("2019-03-capital-winter") == []


def test_previous_and_next_walk_every_event_in_time_order(index, project):
    first = min(project.events, key=lambda e: e.sort_key)
    assert index.previous(first.id) is None
    walked, event = [], first
    while event is not None:
        walked.append(event.id)
        following = index.next(event.id)
        if following is not None:
            assert index.previous(following.id) is event
        event = following
    assert walked == [e.id for e in sorted(project.events, key=lambda e: e.sort_key)]
    # A year sorts before its months: the 2016 period comes before May 2016.
    assert index.next("2016-thirteenth-five-year-plan").id == "2016-05-internet-plus-ai"


def test_actor_spellings_that_slug_alike_are_one_actor_labelled_by_the_first(index):
    # "MIIT" (May 2015, May 2016) and "Miit" (January 2018).
    label, events = index.actors["miit"]
    assert label == "MIIT"
    assert ids(events) == ["2015-05-19-made-in-china-2025", "2016-05-internet-plus-ai",
                           "2018-01-18-standardization-white-paper"]
    assert urls.actor_path("Miit") == urls.actor_path("MIIT") == "actors/miit/"


def test_a_period_is_listed_under_every_year_it_spans(index):
    period = "2016-thirteenth-five-year-plan"
    years = [year for year, (_, events) in index.years.items() if period in ids(events)]
    assert years == ["2016", "2017", "2018", "2019", "2020"]
    for label, events in index.years.values():
        assert [e.sort_key for e in events] == sorted(e.sort_key for e in events), label
    assert ids(index.years["2009"].events) == ["2009-wuxi-sensing-plan"]


def test_tags_are_labelled_from_the_vocabulary_and_unused_tags_have_no_page(index, project):
    assert index.tags["local-plans"].label == "Local AI plans"
    assert ids(index.tags["local-plans"].events) == ["2009-wuxi-sensing-plan", "2017-12-guangdong-plan"]
    assert "unused-tag" in project.vocabulary.tags and "unused-tag" not in index.tags


def test_every_citation_has_a_source_page_and_one_address_is_one_source(index, project):
    """A work of the bibliography, or a web address two events cite, has a page; an
    address one event cites is linked from that event and listed as cited once."""
    once = {(entry.url, event.id) for entry, event in index.cited_once}
    pages = 0
    for event in project.events:
        for source in event.sources:
            key = index.source_key(source)
            if key is None:
                assert not source.ref and (source.url, event.id) in once
                continue
            pages += 1
            assert event in index.sources[key].events
            assert source.ref or len(index.sources[key].events) >= 2
    assert pages and once
    assert all(key.startswith("web-") is False or len(group.events) >= 2
               for key, group in index.sources.items())
    # Cited as http://www.gov.cn/... and as https://gov.cn/.../ : one web source.
    wuxi = index.by_id["2009-wuxi-sensing-plan"].sources[1]
    mirror = index.by_id["2017-12-guangdong-plan"].sources[1]
    assert wuxi.url != mirror.url
    key = index.source_key(wuxi)
    assert key == index.source_key(mirror) == "web-gov-cn-fixture-wuxi-2009-htm"
    assert index.sources[key].label == "Wuxi sensing plan announcement"
    assert index.source_entries[key].url == wuxi.url


def test_bibliography_entries_nobody_cites_still_have_a_page(index):
    label, events = index.sources["uncited-2019"]
    assert label == "A work in the bibliography that no event cites" and events == []
    assert index.source_entries["uncited-2019"].date == "2019"


def test_groupings_iterate_in_sorted_key_order(index):
    for grouping in (index.actors, index.tags, index.years, index.places, index.sources):
        assert list(grouping) == sorted(grouping)


def test_the_index_does_not_depend_on_the_order_events_arrive_in(project):
    shuffled = type(project)(events_dir=project.events_dir, events=list(reversed(project.events)),
                             vocabulary=project.vocabulary, bibliography=project.bibliography)
    a, b = build_index(project), build_index(shuffled)
    assert ids(a.events) == ids(b.events)
    assert {k: ids(g.events) for k, g in a.years.items()} == {k: ids(g.events) for k, g in b.years.items()}
    assert {i: ids(a.related(i)) for i in a.by_id} == {i: ids(b.related(i)) for i in b.by_id}


def test_long_addresses_get_their_own_keys():
    long_a = "https://example.org/" + "a" * 200 + "/1"
    long_b = "https://example.org/" + "a" * 200 + "/2"
    assert urls.web_source_key(long_a) != urls.web_source_key(long_b)
    assert len(urls.web_source_key(long_a)) < 100


def test_only_years_with_events_have_pages(index, project):
    # A year has a page when an event is dated in it or a period spans it.
    expected = {f"{year:04d}" for event in project.events
                for year in range(event.date.year, (event.end or event.date).year + 1)}
    assert set(index.years) == expected
    assert "2011" not in index.years and "2016" in index.years and "2030" in index.years
    assert all(group.events for group in index.years.values())
    # Neighbours skip the years without pages.
    assert index.adjacent_years("2009") == (None, "2015")
    assert index.adjacent_years("2030") == ("2028", None)
