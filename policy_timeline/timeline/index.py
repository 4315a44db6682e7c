"""Cross-links between events: related both ways, chronology, and events by actor, tag, year,
place and source.

Built in one pass over the events, before anything is rendered, so every page
can then be rendered in O(its own content): a page asks the index for its
neighbours instead of scanning all events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from policy_timeline import urls
from policy_timeline.source.model import BibEntry, Event, Project, Source


class Group(NamedTuple):
    """The events of one actor, tag, year, place or source, in time order."""

    label: str
    events: list[Event]


@dataclass
class Index:
    events: list[Event]  # chronological (Event.sort_key)
    by_id: dict[str, Event]
    actors: dict[str, Group]  # urls.actor_key -> group
    tags: dict[str, Group]  # tag id -> group (tags some event uses)
    years: dict[str, Group]  # "2017" -> group, every year an event is in;
    # periods are in every year they span
    places: dict[str, Group]  # urls.place_key -> group
    sources: dict[str, Group]  # bibliography key or web key -> group
    source_entries: dict[str, BibEntry]  # same keys: the entry a source page describes
    # Web addresses one event cites: no page of their own (it would repeat that
    # one citation); the event links the address. (entry, the event), by key.
    cited_once: list[tuple[BibEntry, Event]] = field(default_factory=list)
    _position: dict[str, int] = field(repr=False, default_factory=dict)
    _related: dict[str, list[Event]] = field(repr=False, default_factory=dict)
    _web_keys: dict[str, str] = field(repr=False, default_factory=dict)  # url -> key
    _year_order: list[str] = field(repr=False, default_factory=list)
    _year_position: dict[str, int] = field(repr=False, default_factory=dict)

    def related(self, event_id: str) -> list[Event]:
        """Events this one lists in ``related`` and events that list it, in time order."""
        return self._related.get(event_id, [])

    def previous(self, event_id: str) -> Event | None:
        i = self._position[event_id]
        return self.events[i - 1] if i > 0 else None

    def next(self, event_id: str) -> Event | None:
        i = self._position[event_id]
        return self.events[i + 1] if i + 1 < len(self.events) else None

    def source_key(self, source: Source) -> str | None:
        """The key of the source page a citation links to; None for a web address that
        only one event cites (it has no page)."""
        if source.ref:
            return source.ref
        return self._web_keys.get(source.url) if source.url else None

    def adjacent_years(self, year_key: str) -> tuple[str | None, str | None]:
        """The years with pages before and after ``year_key``, for the year pages' links."""
        order = self._year_order
        i = self._year_position[year_key]
        return (order[i - 1] if i > 0 else None, order[i + 1] if i + 1 < len(order) else None)


# Groups while the index is built: key -> (label, events).
_Groups = dict[str, tuple[str, list[Event]]]


def _add(groups: _Groups, key: str, label: str, event: Event) -> None:
    group = groups.get(key)
    if group is None:
        groups[key] = (label, [event])
    elif group[1][-1] is not event:  # an event listing two spellings of one actor counts once
        group[1].append(event)


def _sorted_groups(groups: _Groups) -> dict[str, Group]:
    # Sorted keys: the same input gives the same pages in the same order.
    return {key: Group(*groups[key]) for key in sorted(groups)}


def _add_sources(
    sources: _Groups,
    web_keys: dict[str, str],
    web_entries: dict[str, BibEntry],
    event: Event,
    bibliography: dict[str, BibEntry],
) -> None:
    """``event`` under each source it cites: a bibliography key, or a web address's key
    (``web_keys``: url -> key; ``web_entries``: key -> the entry its first citation makes)."""
    for source in event.sources:
        if source.ref:
            _add(sources, source.ref, bibliography[source.ref].title, event)
            continue
        # Without a ref, a source has a title and a url (SOURCE_RECORD.alternatives).
        assert source.title is not None and source.url is not None
        key = web_keys.get(source.url)
        if key is None:
            # The validator refuses two sources with one key (names.problems).
            key = web_keys[source.url] = urls.web_source_key(source.url)
        if key not in web_entries:
            web_entries[key] = BibEntry(key=key, title=source.title, url=source.url)
        _add(sources, key, web_entries[key].title, event)


def build_index(project: Project) -> Index:
    """Every grouping and link in one pass over the events (linear in their number)."""
    # Events arrive in time order; sorting again costs little and makes the
    # index correct whatever order a caller built the project in.
    events = sorted(project.events, key=lambda e: e.sort_key)
    by_id = {event.id: event for event in events}
    position = {event.id: i for i, event in enumerate(events)}
    vocabulary = project.vocabulary

    actors: _Groups = {}
    tags: _Groups = {}
    years: _Groups = {}
    places: _Groups = {}
    sources: _Groups = {}
    related: dict[str, dict[str, Event]] = {}
    web_keys: dict[str, str] = {}
    web_entries: dict[str, BibEntry] = {}

    for event in events:
        # Actors and places are grouped by slug; the first spelling in time labels the page.
        for actor in event.actors:
            _add(actors, urls.actor_key(actor), actor, event)
        for place in event.places:
            _add(places, urls.place_key(place), place, event)
        for tag in event.tags:
            _add(tags, tag, vocabulary.tags[tag].label, event)
        # A period is listed under every year it spans: it is in force then.
        for year in event.years:
            _add(years, urls.year_key(year), str(year), event)
        _add_sources(sources, web_keys, web_entries, event, project.bibliography)
        for other_id in event.related:
            if other_id == event.id or other_id not in by_id:
                continue
            related.setdefault(event.id, {})[other_id] = by_id[other_id]
            related.setdefault(other_id, {})[event.id] = event

    # Only years with events have pages: a year between them has nothing to list, and
    # a date far out must not add a page for every year on the way (the validator
    # keeps dates within the vocabulary's years as well).

    # A web address gets a page when two or more events cite it. Cited by one,
    # a page would only repeat that event's citation: the event links the address.
    once = {key for key in web_entries if len(sources[key][1]) < 2}
    cited_once = [(web_entries[key], sources.pop(key)[1][0]) for key in sorted(once)]
    web_keys = {url: key for url, key in web_keys.items() if key not in once}

    # Every bibliography entry has a page, cited or not, so it can be linked.
    for key, entry in project.bibliography.items():
        sources.setdefault(key, (entry.title, []))

    year_order = sorted(years)
    return Index(
        events=events,
        by_id=by_id,
        actors=_sorted_groups(actors),
        tags=_sorted_groups(tags),
        years=_sorted_groups(years),
        places=_sorted_groups(places),
        sources=_sorted_groups(sources),
        source_entries={
            key: project.bibliography.get(key) or web_entries[key] for key in sorted(sources)
        },
        _position=position,
        _related={
            event_id: sorted(others.values(), key=lambda e: position[e.id])
            for event_id, others in sorted(related.items())
        },
        cited_once=cited_once,
        _web_keys=web_keys,
        _year_order=year_order,
        _year_position={key: i for i, key in enumerate(year_order)},
    )
