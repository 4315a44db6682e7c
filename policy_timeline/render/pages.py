"""Every generated page: events, actors, tags, years, places, sources and their indexes.

A page is Markdown only in its headings: the H1 (mkdocs takes ``page.title``
from it, see ``sanitize.heading_text``) and fixed section headings, which
give the page its table of contents and anchors. Everything else is finished
HTML built here, with every contributor string escaped by ``sanitize``. That
HTML never goes through Markdown: mkdocs reads a comment placeholder in its
place, and the hook puts the HTML back once Markdown is done
(:meth:`GeneratedPage.fill`). Markdown re-parsing every raw HTML block was
most of the build's time, and it can never re-read contributor text this way.
The output is testable without mkdocs (tests/golden/).

Each page is rendered from the index in O(its own content); only the section
indexes list everything, once each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from policy_timeline import urls
from policy_timeline.pending import WorkFailed
from policy_timeline.render import cite
from policy_timeline.render.generated import (
    SEARCH_EXCLUDE,
    Block,
    BlockKind,
    EventParts,
    GeneratedPage,
    LateBlock,
    Tagged,
    Unsearched,
    generated_page,
)
from policy_timeline.source.amounts import figure_amount
from policy_timeline.source.chars import yaml_quoted
from policy_timeline.source.dates import PartialDate, format_span
from policy_timeline.source.errors import Problem
from policy_timeline.source.model import BibEntry, Event, Figure, Source
from policy_timeline.source.sanitize import esc, heading_text, http_url, render_body
from policy_timeline.timeline.index import Group, Index

if TYPE_CHECKING:
    from policy_timeline.build import Build

EXTERNAL_REL = "noopener noreferrer"

SECTION_TITLES = {
    "events": "Events",
    "actors": "Actors",
    "tags": "Tags",
    "years": "Years",
    "places": "Places",
    "sources": "Sources",
}


# --- small pieces ------------------------------------------------------------------


def _page(title: str, blocks: list[Block], *, description: str | None = None) -> GeneratedPage:
    """A page: front matter, the H1, then blocks (fixed headings and HTML)."""
    front = ""
    if description:
        # The theme prints meta description raw into an attribute: it gets
        # text escaped here.
        front = f"---\ndescription: {yaml_quoted(esc(' '.join(description.split())))}\n---\n\n"
    return generated_page(front, [f"# {heading_text(title)}", *blocks])


def _link(page: str, target: str, text_html: str, *, rel: str | None = None) -> str:
    rel_attr = f' rel="{rel}"' if rel else ""
    return f'<a href="{esc(urls.relative(page, target))}"{rel_attr}>{text_html}</a>'


def _external(url: str | None, text_html: str) -> str:
    safe = http_url(url)
    if safe is None:
        return ""
    return (
        f'<a class="pt-external" href="{esc(safe)}" rel="{EXTERNAL_REL}">{text_html}'
        # Said to screen readers, not indexed: every such link would make its
        # section a hit for "external" and "site".
        f'<span class="pt-visually-hidden" {SEARCH_EXCLUDE}> (external site)</span></a>'
    )


def _date(event: Event) -> str:
    return f'<time datetime="{event.date.text}">{esc(format_span(event.date, event.end))}</time>'


def _count(n: int, noun: str = "event") -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _and_list(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _labels(build: Build, event: Event) -> tuple[str, str]:
    vocabulary = build.project.vocabulary
    return vocabulary.lanes[event.lane].label, vocabulary.kinds[event.kind].label


def _event_item(build: Build, page: str, event: Event, extra: str = "") -> str:
    lane, kind = _labels(build, event)
    return (
        f"<li>{_date(event)} {_link(page, urls.event_path(event.id), esc(event.title))} "
        f'<span class="pt-meta">{esc(lane)} · {esc(kind)}</span>{extra}</li>'
    )


def _event_list(build: Build, page: str, events: list[Event]) -> str:
    if not events:
        return '<p class="pt-empty">No events yet.</p>'
    items = "\n".join(_event_item(build, page, event) for event in events)
    return f'<ol class="pt-event-list">\n{items}\n</ol>'


def _bib_date(entry: BibEntry) -> str:
    # Bibliography dates are validated YYYY[-MM[-DD]]: shown at their precision too.
    return PartialDate.parse(entry.date).display if entry.date else ""


def _stop(text: str) -> str:
    """The full stop after a citation part, unless the part ends a sentence itself."""
    return "" if text.rstrip().endswith((".", "?", "!")) else "."


def _reference(entry: BibEntry, title_html: str, title_text: str) -> str:
    """Authors (date). Title. Venue. — the parts of a citation that belong to the work."""
    parts = []
    if entry.authors:
        when = f" ({esc(_bib_date(entry))})" if entry.date else ""
        parts.append(
            f'<span class="pt-authors">{esc(_and_list(list(entry.authors)))}</span>{when}. '
        )
    elif entry.date:
        parts.append(f"({esc(_bib_date(entry))}). ")
    parts.append(f"<cite>{title_html}</cite>{_stop(title_text)}")
    if entry.venue:
        parts.append(f' <span class="pt-venue">{esc(entry.venue)}</span>{_stop(entry.venue)}')
    return "".join(parts)


def _citation_details(source: Source) -> str:
    """Where in the work, and the quoted passage."""
    parts = []
    if source.locator:
        parts.append(
            f' <span class="pt-locator">{esc(source.locator)}</span>{_stop(source.locator)}'
        )
    if source.quote:
        parts.append(f' <q class="pt-quote">{esc(source.quote)}</q>')
    return "".join(parts)


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower().removeprefix("www.") or url


# --- event pages --------------------------------------------------------------------


def _facts(build: Build, page: str, event: Event) -> str:
    lane, kind = _labels(build, event)
    index: Index = build.index
    rows = [("Date", _date(event)), ("Lane", esc(lane)), ("Kind", esc(kind))]
    if event.actors:
        rows.append(
            ("Actors", ", ".join(_link(page, urls.actor_path(a), esc(a)) for a in event.actors))
        )
    if event.places:
        rows.append(
            ("Places", ", ".join(_link(page, urls.place_path(p), esc(p)) for p in event.places))
        )
    if event.tags:
        rows.append(
            (
                "Tags",
                ", ".join(
                    _link(page, urls.tag_path(t), esc(index.tags[t].label)) for t in event.tags
                ),
            )
        )
    rows.append(
        ("Year pages", ", ".join(_link(page, urls.year_path(y), str(y)) for y in event.years))
    )
    facts = "\n".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return f'<dl class="pt-facts">\n{facts}\n</dl>'


def figure_what(figure: Figure) -> str:
    """The measure's label, and the series when the figure names one."""
    return f"{figure.label}: {figure.series}" if figure.series else figure.label


def _figure_row(figure: Figure) -> str:
    return (
        f"<tr><td>{esc(figure_what(figure))}</td>"
        f'<td class="pt-number">{esc(figure_amount(figure))}</td>'
        f"<td>{esc(figure.unit)}</td><td>{figure.years}</td>"
        f"<td>{esc(figure.type.capitalize())}</td></tr>"
    )


def _figures_table(event: Event) -> str:
    rows = "\n".join(_figure_row(f) for f in event.figures)
    return (
        '<div class="pt-table-wrap"><table class="pt-figures">\n'
        '<thead><tr><th scope="col">What</th><th scope="col">Value</th>'
        '<th scope="col">Unit</th><th scope="col">Year</th><th scope="col">Type</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table></div>"
    )


def _citation(build: Build, page: str, source: Source) -> str:
    index: Index = build.index
    key = index.source_key(source)
    url = index.source_entries[key].url if key and source.ref else source.url
    external = _external(url, f"Read at {esc(_host(url))}") if url else ""
    title = index.source_entries[key].title if key and source.ref else source.title
    assert title is not None  # without a ref, a title and a url (SOURCE_RECORD.alternatives)
    if key is None:
        # A web page only this event cites has no source page: its address is the link.
        cited = f"<cite>{esc(title)}</cite>{_stop(title)}"
        return f'<li class="pt-citation">{cited}{_citation_details(source)} {external}</li>'
    entry = index.source_entries[key]
    cited = _reference(entry, _link(page, urls.source_path(key), esc(title)), title)
    return (
        f'<li class="pt-citation">{cited}{_citation_details(source)}'
        f"{' ' + external if external else ''}</li>"
    )


def _prev_next(build: Build, page: str, event: Event) -> str:
    index: Index = build.index
    links = []
    for rel, label, other in (
        ("prev", "Previous", index.previous(event.id)),
        ("next", "Next", index.next(event.id)),
    ):
        if other is not None:
            text = (
                f'<span class="pt-direction">{label}</span> {_date(other)} '
                f'<span class="pt-prevnext-title">{esc(other.title)}</span>'
            )
            links.append(_link(page, urls.event_path(other.id), text, rel=rel))
    if not links:
        return ""
    return (
        '<nav class="pt-prevnext" aria-label="Previous and next events in time">'
        + "".join(links)
        + "</nav>"
    )


def event_parts(build: Build, event: Event) -> EventParts:
    """The costly parts of an event's page, made apart from it: on a big build, by a
    worker process while mkdocs writes the pages before it (site.render_site)."""
    page = urls.event_path(event.id)
    body = render_body(event.body) if event.body.strip() else ""
    citations = "\n".join(_citation(build, page, s) for s in event.sources)
    return EventParts(
        facts=_facts(build, page, event),
        body=f'<div class="pt-body">\n{body}\n</div>' if body else "",
        figures=_figures_table(event) if event.figures else "",
        citations=f'<ol class="pt-sources">\n{citations}\n</ol>',
        cite=cite.citation_html(build, event),
        changed=cite.changed_html(build, event),
    )


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
    """An event page's parts, taken when the page is first filled in: from the
    workers when they have made them, else made here."""

    __slots__ = ("_build", "_event", "_parts")

    def __init__(self, build: Build, event: Event) -> None:
        self._build: Build | None = build
        self._event = event
        self._parts: EventParts | None = None

    def __call__(self) -> EventParts:
        if self._parts is None:
            build = self._build
            assert build is not None
            pending = build.event_parts
            try:
                found = pending.get(self._event.id) if pending is not None else None
            except WorkFailed as failed:
                raise EventPartsFailed(_worker_problem(build, failed)) from None
            self._parts = found if found is not None else event_parts(build, self._event)
            self._build = None
        return self._parts

    def late(self, name: str, kind: BlockKind) -> LateBlock:
        return LateBlock(lambda: getattr(self(), name), kind)


def event_page(build: Build, event: Event) -> GeneratedPage:
    page = urls.event_path(event.id)
    index: Index = build.index
    parts = _PartsWhenFilled(build, event)
    intro = []
    if event.title_zh:
        intro.append(f'<p class="pt-title-zh" lang="zh">{esc(event.title_zh)}</p>')
    if event.is_target(build.today):
        intro.append(
            '<p class="pt-target-note"><span class="pt-target">target</span> '
            "Planned or promised for this date: not something that has happened.</p>"
        )
    blocks: list[Block] = [
        "\n".join(intro),
        # Date, lane, kind, actors, places, tags: each has its own page, which
        # search finds by its name; as text of every event they would make
        # "2017" or "MIIT" a hit on each of its events (and were a third of
        # the search plugin's time on an event page).
        parts.late("facts", "unsearched"),
        f'<p class="pt-summary">{esc(event.summary)}</p>',
    ]
    if event.body.strip():
        blocks.append(parts.late("body", "block"))
    if event.figures:
        blocks += ["## Figures", parts.late("figures", "tagged")]
    blocks += ["## Sources", parts.late("citations", "tagged")]
    related = index.related(event.id)
    if related:
        blocks += [Unsearched("## Related events"), Unsearched(_event_list(build, page, related))]
    blocks += [
        Unsearched("## Cite this event"),
        parts.late("cite", "unsearched"),
        parts.late("changed", "unsearched"),
        Unsearched(_prev_next(build, page, event)),
    ]
    return _page(event.title, blocks, description=event.summary)


# --- actor, tag, place, year and source pages ------------------------------------------


def _back_to(page: str, section: str) -> str:
    return (
        f'<p class="pt-back">{_link(page, urls.section_path(section), "All " + SECTION_TITLES[section].lower())}'
        "</p>"
    )


def group_page(
    build: Build, section: str, key: str, group: Group, intro_html: str
) -> GeneratedPage:
    """An actor, tag or place page: who or what it is, and its events in time order."""
    page = urls.path(section, key)
    return _page(
        group.label,
        [
            f'<p class="pt-intro">{intro_html} {_count(len(group.events))}, in time order.</p>',
            Unsearched(_event_list(build, page, group.events) + "\n" + _back_to(page, section)),
        ],
    )


def year_page(build: Build, key: str, group: Group) -> GeneratedPage:
    page = urls.path("years", key)
    before, after = build.index.adjacent_years(key)
    links = []
    if before:
        links.append(
            _link(page, urls.path("years", before), f"Previous year: {esc(before)}", rel="prev")
        )
    if after:
        links.append(_link(page, urls.path("years", after), f"Next year: {esc(after)}", rel="next"))
    nav = (
        '<nav class="pt-prevnext" aria-label="Other years">' + "".join(links) + "</nav>"
        if links
        else ""
    )
    if group.events:
        intro = (
            f'<p class="pt-intro">Events dated {esc(group.label)}, and periods in force '
            f"during it: a period is listed under every year it spans. "
            f"{_count(len(group.events))}, in time order.</p>"
        )
    else:
        intro = (
            f'<p class="pt-intro">No event is dated {esc(group.label)} or in force during it.</p>'
        )
    listing = _event_list(build, page, group.events) + "\n" if group.events else ""
    return _page(
        group.label,
        [
            intro,
            Unsearched(listing + (nav + "\n" if nav else "") + _back_to(page, "years")),
        ],
    )


def _source_description(entry: BibEntry, is_web: bool) -> str:
    if is_web:
        return (
            f'<p class="pt-citation"><cite>{esc(entry.title)}</cite>{_stop(entry.title)} '
            f"{_external(entry.url, esc(entry.url))}</p>"
        )
    external = _external(entry.url, f"Read at {esc(_host(entry.url))}") if entry.url else ""
    return f'<p class="pt-citation">{_reference(entry, esc(entry.title), entry.title)}{" " + external if external else ""}</p>'


def source_page(build: Build, key: str, group: Group) -> GeneratedPage:
    """A source: the work, then every event citing it with where and what it says."""
    page = urls.source_path(key)
    index: Index = build.index
    entry = index.source_entries[key]
    items = []
    for event in group.events:
        # An event's own citations only: O(this page's content).
        details = "".join(
            f'<span class="pt-cited">{_citation_details(s)}</span>'
            for s in event.sources
            if index.source_key(s) == key and (s.locator or s.quote)
        )
        items.append(_event_item(build, page, event, details))
    cited = (
        '<ol class="pt-event-list">\n' + "\n".join(items) + "\n</ol>"
        if items
        else '<p class="pt-empty">No event cites this source yet.</p>'
    )
    return _page(
        entry.title,
        [
            Tagged(_source_description(entry, key not in build.project.bibliography)),
            f"## Cited by {_count(len(group.events))}",
            Unsearched(cited + "\n" + _back_to(page, "sources")),
        ],
    )


# --- section indexes -----------------------------------------------------------------------


def _select(name: str, label: str, options: list[tuple[str, str]]) -> str:
    choices = "".join(f'<option value="{esc(v)}">{esc(text)}</option>' for v, text in options)
    return (
        f'<label>{label} <select name="{name}"><option value="">All</option>'
        f"{choices}</select></label>"
    )


def events_index(build: Build) -> GeneratedPage:
    """Every event as a table: complete without JavaScript; tables.js adds sorting and filters."""
    page = urls.section_path("events")
    vocabulary = build.project.vocabulary
    index: Index = build.index
    rows = []
    for event in index.events:
        lane, kind = _labels(build, event)
        tags = ", ".join(
            _link(page, urls.tag_path(t), esc(index.tags[t].label)) for t in event.tags
        )
        rows.append(
            f'<tr data-lane="{esc(event.lane)}" data-kind="{esc(event.kind)}">'
            f'<td data-sort="{esc(".".join(map(str, event.date.sort_key)))}">{_date(event)}</td>'
            f"<td>{_link(page, urls.event_path(event.id), esc(event.title))}</td>"
            f"<td>{esc(lane)}</td><td>{esc(kind)}</td><td>{tags}</td></tr>"
        )
    # The filter controls come from the vocabulary and stay hidden until
    # tables.js can make them work.
    controls = (
        '<form class="pt-table-filter" data-table="pt-events-table" hidden>'
        '<label>Search <input type="search" name="text"></label> '
        + _select("lane", "Lane", [(lane.id, lane.label) for lane in vocabulary.lanes_in_order()])
        + " "
        + _select("kind", "Kind", [(kind.id, kind.label) for kind in vocabulary.kinds.values()])
        + ' <output class="pt-table-status" aria-live="polite"></output></form>'
    )
    table = (
        '<div class="pt-table-wrap"><table class="pt-events-table" id="pt-events-table">\n'
        f"<caption>All {_count(len(index.events))}, earliest first</caption>\n"
        '<thead><tr><th scope="col">Date</th><th scope="col">Title</th>'
        '<th scope="col">Lane</th><th scope="col">Kind</th><th scope="col">Tags</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table></div>"
    )
    return _page(
        "Events",
        [
            '<p class="pt-intro">Every event of the timeline. Each links to its page with '
            "sources, related events and the events before and after it.</p>",
            Unsearched(controls + "\n" + table),
        ],
    )


def _group_index(
    section: str, groups: dict[str, Group], intro: str, *, by_label: bool
) -> GeneratedPage:
    page = urls.section_path(section)
    keys = (
        sorted(groups, key=lambda k: (groups[k].label.casefold(), k)) if by_label else list(groups)
    )
    items = "\n".join(
        f"<li>{_link(page, urls.path(section, k), esc(groups[k].label))} "
        f'<span class="pt-count">({_count(len(groups[k].events))})</span></li>'
        for k in keys
    )
    listing = (
        f'<ul class="pt-group-index">\n{items}\n</ul>'
        if items
        else '<p class="pt-empty">None yet.</p>'
    )
    return _page(SECTION_TITLES[section], [f'<p class="pt-intro">{intro}</p>', Unsearched(listing)])


def sources_index(build: Build) -> GeneratedPage:
    page = urls.section_path("sources")
    index: Index = build.index
    bibliography = build.project.bibliography
    works: list[str] = []
    web: list[str] = []
    for key, group in index.sources.items():
        entry = index.source_entries[key]
        item = (
            f"<li>{_reference(entry, _link(page, urls.source_path(key), esc(entry.title)), entry.title)} "
            f'<span class="pt-count">({_count(len(group.events))})</span></li>'
        )
        (works if key in bibliography else web).append(item)
    once = []
    for entry, event in index.cited_once:
        assert entry.url is not None  # a web address: its entry is made from the citation's url
        once.append(
            f"<li><cite>{esc(entry.title)}</cite>{_stop(entry.title)} "
            f"{_external(entry.url, f'Read at {esc(_host(entry.url))}')}. Cited by "
            f"{_link(page, urls.event_path(event.id), esc(event.title))}.</li>"
        )
    blocks: list[Block] = [
        '<p class="pt-intro">The works the events cite. Each page lists the events that '
        "cite it, with where in the work and what it says.</p>"
    ]
    if works:
        blocks += [
            "## Bibliography",
            Unsearched('<ul class="pt-group-index">\n' + "\n".join(works) + "\n</ul>"),
        ]
    if web:
        blocks += [
            "## Web pages",
            Unsearched('<ul class="pt-group-index">\n' + "\n".join(web) + "\n</ul>"),
        ]
    if once:
        blocks += [
            "## Web pages cited once",
            '<p class="pt-intro">Each is linked from the event that cites it, with where '
            "in the page and what it says.</p>",
            Unsearched('<ul class="pt-group-index">\n' + "\n".join(once) + "\n</ul>"),
        ]
    return _page("Sources", blocks)


# --- everything ----------------------------------------------------------------------------------


def render_all(build: Build) -> dict[str, GeneratedPage]:
    """{src_uri: page} for every generated page and the section indexes."""
    index: Index = build.index
    files: dict[str, GeneratedPage] = {}
    for event in index.events:
        files[urls.src_uri("events", event.id)] = event_page(build, event)
    for key, group in index.actors.items():
        files[urls.src_uri("actors", key)] = group_page(
            build, "actors", key, group, f"Events in which {esc(group.label)} acted:"
        )
    for key, group in index.tags.items():
        files[urls.src_uri("tags", key)] = group_page(
            build, "tags", key, group, f"Events tagged “{esc(group.label)}”:"
        )
    for key, group in index.places.items():
        files[urls.src_uri("places", key)] = group_page(
            build, "places", key, group, f"Events that took place in {esc(group.label)}:"
        )
    for key, group in index.years.items():
        files[urls.src_uri("years", key)] = year_page(build, key, group)
    for key, group in index.sources.items():
        files[urls.src_uri("sources", key)] = source_page(build, key, group)

    files[urls.section_src_uri("events")] = events_index(build)
    files[urls.section_src_uri("actors")] = _group_index(
        "actors",
        index.actors,
        "People, bodies and firms, with the events they acted in. "
        "Spellings that differ only in case or punctuation are one actor.",
        by_label=True,
    )
    files[urls.section_src_uri("tags")] = _group_index(
        "tags", index.tags, "The tags of the vocabulary that events use.", by_label=True
    )
    files[urls.section_src_uri("places")] = _group_index(
        "places", index.places, "Where events took place.", by_label=True
    )
    files[urls.section_src_uri("years")] = _group_index(
        "years",
        {key: group for key, group in index.years.items() if group.events},
        "Events by year. A period is listed under every year it spans: it is in force then.",
        by_label=False,
    )
    files[urls.section_src_uri("sources")] = sources_index(build)
    return files
