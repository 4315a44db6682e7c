"""Every generated page: events, actors, tags, years, places, sources and their indexes.

A page is Markdown only in its headings: the H1 (mkdocs takes ``page.title``
from it, see ``sanitize.heading_text``) and fixed section headings, which
give the page its table of contents and anchors. Everything else is finished
HTML, made from the page's Jinja template (``templates/policy-timeline/``,
which a site overrides: render/templates.py), every contributor string escaped.
That HTML never goes through Markdown: mkdocs reads a comment placeholder in
its place, and the hook puts the HTML back once Markdown is done
(:meth:`GeneratedPage.fill`). Markdown re-parsing every raw HTML block was
most of the build's time, and it can never re-read contributor text this way.
The output is testable without mkdocs (tests/golden/).

Each page is rendered from the index in O(its own content); only the section
indexes list everything, once each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from policy_timeline import urls
from policy_timeline.render import cite, templates
from policy_timeline.render.catalogue import site_messages
from policy_timeline.render.generated import (
    BlockKind,
    EventParts,
    GeneratedPage,
    LateBlock,
    PartsSource,
    WorkFailed,
    generated_page,
)
from policy_timeline.render.templates import SECTIONS, EventPartsMarks, figure_what
from policy_timeline.source.chars import yaml_quoted
from policy_timeline.source.errors import Problem
from policy_timeline.source.model import BibEntry, Event, Source
from policy_timeline.source.sanitize import esc, heading_text, render_body
from policy_timeline.timeline.index import Group, Index

if TYPE_CHECKING:
    from policy_timeline.build import Build

__all__ = ["SECTIONS", "EventPartsFailed", "event_page", "figure_what", "render_all"]


def _page(
    build: Build,
    title: str,
    name: str,
    here: str,
    *,
    description: str | None = None,
    items: templates.EventItems | None = None,
    **context: Any,
) -> GeneratedPage:
    """A page: front matter, the H1, then the headings and blocks of template ``name``
    at site path ``here`` (``items``: the lines of lists of events, shared by the pages
    of a build)."""
    front = ""
    if description:
        # The theme prints meta description raw into an attribute: it gets
        # text escaped here.
        front = f"---\ndescription: {yaml_quoted(esc(' '.join(description.split())))}\n---\n\n"
    dirs = build.site.template_dirs
    vocabulary = build.project.vocabulary
    items = items or templates.EventItems(dirs, vocabulary)
    blocks = templates.page_blocks(
        dirs,
        name,
        vocabulary=vocabulary,
        href=templates.hrefs(here),
        item=items.on(here),
        **context,
    )
    return generated_page(front, [f"# {heading_text(title)}", *blocks])


# --- event pages --------------------------------------------------------------------


def _citation(
    index: Index, source: Source
) -> tuple[Source, str | None, BibEntry | None, str | None, str]:
    """(source, key of its source page, its entry, the address to read it at, title)."""
    key = index.source_key(source)
    entry = index.source_entries[key] if key else None
    url = entry.url if entry is not None and source.ref else source.url
    title = entry.title if entry is not None and source.ref else source.title
    assert title is not None  # without a ref, a title and a url (SOURCE_RECORD.alternatives)
    return source, key, entry, url, title


# Where event-parts.html cuts its parts apart: a comment no contributor text can make
# (it is printed escaped, and bodies lose their comments in nh3).
_CUT = Markup("<!--pt-cut-->")


def event_parts(build: Build, event: Event) -> EventParts:
    """The costly parts of an event's page, made in one pass of
    ``partials/event-parts.html`` apart from the page: when it is first filled in, or
    on a big build by a worker process while mkdocs writes the pages before it
    (generate.render_site)."""
    index: Index = build.index
    vocabulary = build.project.vocabulary
    when = cite.dated(build, event)
    body = render_body(event.body) if event.body.strip() else ""
    html = templates.render(
        build.site.template_dirs,
        "partials/event-parts.html",
        cut=_CUT,
        event=event,
        lane=vocabulary.lanes[event.lane].label,
        kind=vocabulary.kinds[event.kind].label,
        tags=index.tags,
        href=templates.hrefs(urls.event_path(event.id)),
        body=Markup(body),
        citations=[_citation(index, s) for s in event.sources],
        cite_values=cite.citation_values(build, event, when),
        changed_values=cite.changed_values(build, event, when),
    )
    facts, body_html, figures, citations, cite_html, changed = (
        part.strip() for part in html.split(_CUT)
    )
    return EventParts(facts, body_html, figures, citations, cite_html, changed)


class EventPartsFailed(Exception):
    """A worker could not make an event page's parts: the build stops, saying which file
    (``path:LINE: page: ...``, LINE the one its body starts on)."""


def _body_line(event: Event) -> int:
    """The file line the event's body starts on (after the front matter's closing ---),
    or 1 when the file cannot be read again."""
    try:
        with open(event.path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if number > 1 and line.rstrip("\r\n") == "---":
                    return number + 1
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def _worker_problem(build: Build, failed: WorkFailed) -> str:
    event = build.index.by_id.get(failed.key)
    if event is None:  # not an event of this build: said as it is
        return str(failed)
    return str(
        Problem(
            event.path,
            _body_line(event) if event.body.strip() else 1,
            "page",
            f"{failed.reason}; the build stopped",
        )
    )


class _PartsWhenFilled:
    """An event page's parts, taken when the page is first filled in: from ``source``
    (the workers) when it has made them, else made here."""

    __slots__ = ("_build", "_event", "_parts", "_source")

    def __init__(self, build: Build, event: Event, source: PartsSource | None = None) -> None:
        self._build: Build | None = build
        self._event = event
        self._source = source
        self._parts: EventParts | None = None

    def __call__(self) -> EventParts:
        if self._parts is None:
            build = self._build
            assert build is not None
            source = self._source
            try:
                found = source.get(self._event.id) if source is not None else None
            except WorkFailed as failed:
                raise EventPartsFailed(_worker_problem(build, failed)) from None
            self._parts = found if found is not None else event_parts(build, self._event)
            self._build = self._source = None
        return self._parts

    def late(self, name: str, kind: BlockKind) -> LateBlock:
        return LateBlock(lambda: getattr(self(), name), kind)


def event_page(
    build: Build,
    event: Event,
    items: templates.EventItems | None = None,
    parts_source: PartsSource | None = None,
) -> GeneratedPage:
    """An event's page; its costly parts made when it is first filled in, or taken from
    ``parts_source`` (render_site's ``parts``)."""
    index: Index = build.index
    parts = _PartsWhenFilled(build, event, parts_source)
    page = templates.PageBlocks()
    return _page(
        build,
        event.title,
        "event.html",
        urls.event_path(event.id),
        items=items,
        description=event.summary,
        page=page,
        parts=EventPartsMarks(page, parts.late),
        event=event,
        is_target=event.is_target(build.today),
        has_body=bool(event.body.strip()),
        related=index.related(event.id),
        previous=index.previous(event.id),
        next=index.next(event.id),
    )


# --- actor, tag, place, year and source pages ------------------------------------------

_GROUP_TEMPLATES = {"actors": "actor.html", "tags": "tag.html", "places": "place.html"}


def group_page(
    build: Build, section: str, key: str, group: Group, items: templates.EventItems | None = None
) -> GeneratedPage:
    """An actor, tag or place page: who or what it is, and its events in time order."""
    return _page(
        build,
        group.label,
        _GROUP_TEMPLATES[section],
        urls.path(section, key),
        items=items,
        section=section,
        key=key,
        group=group,
    )


def year_page(
    build: Build, key: str, group: Group, items: templates.EventItems | None = None
) -> GeneratedPage:
    before, after = build.index.adjacent_years(key)
    return _page(
        build,
        group.label,
        "year.html",
        urls.path("years", key),
        items=items,
        key=key,
        group=group,
        before=before,
        after=after,
    )


def source_page(build: Build, key: str, group: Group) -> GeneratedPage:
    """A source: the work, then every event citing it with where and what it says."""
    index: Index = build.index
    entry = index.source_entries[key]

    def citations_of(event: Event) -> list[Source]:
        # An event's own citations only: O(this page's content).
        return [s for s in event.sources if index.source_key(s) == key and (s.locator or s.quote)]

    return _page(
        build,
        entry.title,
        "source.html",
        urls.source_path(key),
        key=key,
        entry=entry,
        is_web=key not in build.project.bibliography,
        group=group,
        citations_of=citations_of,
    )


# --- section indexes -----------------------------------------------------------------------


def events_index(build: Build) -> GeneratedPage:
    """Every event as a table: complete without JavaScript; tables.js adds sorting and filters."""
    index: Index = build.index
    return _page(
        build,
        site_messages(build.site).t("sections.events"),
        "events-index.html",
        urls.section_path("events"),
        events=index.events,
        tags=index.tags,
    )


def _group_index(
    build: Build, section: str, groups: dict[str, Group], *, by_label: bool
) -> GeneratedPage:
    keys = (
        sorted(groups, key=lambda k: (groups[k].label.casefold(), k)) if by_label else list(groups)
    )
    return _page(
        build,
        site_messages(build.site).t(f"sections.{section}"),
        "section-index.html",
        urls.section_path(section),
        section=section,
        groups=groups,
        keys=keys,
    )


def sources_index(build: Build) -> GeneratedPage:
    index: Index = build.index
    bibliography = build.project.bibliography
    works: list[tuple[str, BibEntry, Group]] = []
    web: list[tuple[str, BibEntry, Group]] = []
    for key, group in index.sources.items():
        (works if key in bibliography else web).append((key, index.source_entries[key], group))
    return _page(
        build,
        site_messages(build.site).t("sections.sources"),
        "sources-index.html",
        urls.section_path("sources"),
        works=works,
        web=web,
        once=index.cited_once,
    )


# --- everything ----------------------------------------------------------------------------------


def render_all(build: Build, parts_source: PartsSource | None = None) -> dict[str, GeneratedPage]:
    """{src_uri: page} for every generated page and the section indexes (event pages'
    parts from ``parts_source`` when they are being made apart: event_page)."""
    index: Index = build.index
    items = templates.EventItems(build.site.template_dirs, build.project.vocabulary)
    files: dict[str, GeneratedPage] = {}
    for event in index.events:
        files[urls.src_uri("events", event.id)] = event_page(build, event, items, parts_source)
    for section, groups in (
        ("actors", index.actors),
        ("tags", index.tags),
        ("places", index.places),
    ):
        for key, group in groups.items():
            files[urls.src_uri(section, key)] = group_page(build, section, key, group, items)
    for key, group in index.years.items():
        files[urls.src_uri("years", key)] = year_page(build, key, group, items)
    for key, group in index.sources.items():
        files[urls.src_uri("sources", key)] = source_page(build, key, group)

    files[urls.section_src_uri("events")] = events_index(build)
    for section, groups in (
        ("actors", index.actors),
        ("tags", index.tags),
        ("places", index.places),
    ):
        files[urls.section_src_uri(section)] = _group_index(build, section, groups, by_label=True)
    files[urls.section_src_uri("years")] = _group_index(
        build,
        "years",
        {key: group for key, group in index.years.items() if group.events},
        by_label=False,
    )
    files[urls.section_src_uri("sources")] = sources_index(build)
    return files
