"""A generated page as mkdocs gets it: headings in Markdown, everything else finished HTML.

render_pages and timeline_html make them; a :class:`RenderedSite` holds them
with the generated files (``generate.render_site`` makes it from a build); the
hosts hand their Markdown to mkdocs and fill their HTML back in
(:meth:`RenderedSite.page_content`, :meth:`GeneratedPage.fill`). A module of
its own so that a host can hold pages without importing the renderers that make
them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol

if TYPE_CHECKING:
    from policy_timeline.build import Build
    from policy_timeline.timeline.layout import TimelineLayout

_PLACEHOLDER = "<!--pt-{}-{}-->"
# What a block is to the site search, as its placeholder says: searchable, searchable
# and mostly markup (Tagged), or left out (Unsearched).
BlockKind = Literal["block", "tagged", "unsearched"]
# Contributor text cannot forge a placeholder: it reaches the Markdown only in
# the H1, where heading_text escapes "<" and "-", and the HTML blocks escape
# "<" (bodies lose their comments in nh3).
_SEARCHABLE_RE = re.compile(r"<!--pt-(block|tagged)-([0-9]+)-->")
# The rest, and a block the search read as its copy (search_copy), to come back whole.
_LAST_RE = re.compile(
    r"<!--pt-(?:block|tagged|unsearched)-([0-9]+)-->|<!--pt-copy-([0-9]+)-->.*?<!--pt-copy-end-->",
    re.DOTALL,
)

# HTML's void elements: a start tag with no end tag (what the hosts' small scanners of
# the engine's own markup count as closed at once).
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)

# The theme's search skips an element with this attribute, then removes it
# (only when it has a value). It stops skipping at the first closing tag of the
# element's name, so it goes on elements with no descendant of the same name.
SEARCH_EXCLUDE = 'data-search-exclude="true"'


# Of a block: a copy the site search indexes as it would the block, and the block
# as the search leaves it; None when the search must read the block itself.
SearchCopy = Callable[[str], tuple[str, str] | None]


@dataclass(frozen=True)
class Tagged:
    """A searchable block that is mostly markup the site search drops (citations, a
    table): with the build shortcuts, the search reads a copy of it without that
    markup (mkdocs/speed/search.py), which costs less than parsing it."""

    html: str


@dataclass(frozen=True)
class Unsearched:
    """An HTML block the site search leaves out: a list of other events (related,
    previous and next, a group's events, the events table) or an event's facts.
    Indexed, it would make every event's title a hit on five other pages and
    multiply the index's size."""

    html: str


class LateBlock:
    """A block made only when its page is filled: a part of an event page, which a
    worker process may still be making while mkdocs writes the pages before it.

    ``kind``: searchable (``block``), searchable and mostly markup (``tagged``, as
    :class:`Tagged`), or left out of the search (``unsearched``, as
    :class:`Unsearched`)."""

    __slots__ = ("_html", "_make", "kind")

    def __init__(self, make: Callable[[], str], kind: BlockKind = "block") -> None:
        self._make: Callable[[], str] | None = make
        self._html: str | None = None
        self.kind = kind

    def html(self) -> str:
        if self._make is not None:
            self._html, self._make = self._make(), None
        return self._html or ""


class EventParts(NamedTuple):
    """The finished HTML of an event page's costly parts, made apart from its page
    (render_pages.event_parts) so that a worker process can make them
    (mkdocs/speed/parts.py)."""

    facts: str
    body: str  # "" without one
    figures: str  # "" without any
    citations: str
    cite: str
    changed: str


class WorkFailed(Exception):
    """The parts for ``key`` could not be made where they were being made (a worker
    process: its job raised, its process stopped, or it took too long)."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"{key}: {reason}")
        self.key = key
        self.reason = reason


class PartsSource(Protocol):
    """Where event pages' parts and the timeline's layout are being made apart from the
    build's process (the mkdocs host's worker processes, mkdocs/speed/parts.py):
    ``get`` gives an event's parts, or None when it has none to give (the page makes
    its own), or raises :class:`WorkFailed`; ``layout`` the layout, whole, or None
    when it has none to give (the build computes it); ``close`` lets it go."""

    def get(self, key: str) -> EventParts | None: ...

    def layout(self) -> TimelineLayout | None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class GeneratedPage:
    """A generated page as mkdocs gets it.

    ``markdown`` is what mkdocs reads: front matter, headings, and a
    placeholder line for each block. ``blocks`` is the finished HTML that
    :meth:`fill` puts in their place in the HTML Markdown made: first the
    searchable blocks, then (``searchable_only=False``, once the search plugin
    has indexed the page) the :class:`Unsearched` ones.

    ``search_copy`` (mkdocs/speed/search.py) gives, of a :class:`Tagged` block, a
    copy the search indexes as it would the block, and the block as the search
    would leave it (or None); the first fill puts the copy in, between
    markers, and the last one the block as left.
    """

    markdown: str
    blocks: tuple[str | LateBlock, ...] = ()
    # Headings of sections with nothing searchable ("Related events"): the
    # search leaves them out too, or every event would be a hit for "cite".
    unsearched_headings: tuple[str, ...] = ()
    # Blocks the search read as copies, as they go back in (fill).
    _after_search: dict[int, str] = field(default_factory=dict, compare=False, repr=False)

    def fill(
        self,
        html: str,
        *,
        searchable_only: bool = False,
        search_copy: SearchCopy | None = None,
    ) -> str:
        if searchable_only:
            html = _SEARCHABLE_RE.sub(
                lambda m: (
                    self._for_search(int(m.group(2)), search_copy)
                    if search_copy is not None and m.group(1) == "tagged"
                    else self._block(int(m.group(2)))
                ),
                html,
            )
        else:
            html = _LAST_RE.sub(
                lambda m: (
                    self._block(int(m.group(1)))
                    if m.group(1)
                    else self._after_search.pop(int(m.group(2)))
                ),
                html,
            )
        if searchable_only:
            for heading in self.unsearched_headings:
                html = re.sub(
                    rf"(<h[1-6]\b[^>]*)>(?={re.escape(heading)}\b)",
                    r"\1 data-search-exclude>",
                    html,
                    count=1,
                )
        return html

    def _block(self, number: int) -> str:
        block = self.blocks[number]
        return block if isinstance(block, str) else block.html()

    def _for_search(self, number: int, search_copy: SearchCopy) -> str:
        block = self._block(number)
        made = search_copy(block)
        if made is None:
            return block
        copy, self._after_search[number] = made
        return f"<!--pt-copy-{number}-->{copy}<!--pt-copy-end-->"

    def joined(self) -> str:
        """The whole page in one text, as Markdown with raw HTML (golden files, tests)."""
        return self.fill(self.markdown)


# A part of a generated page: a heading, a searchable HTML block (made now or when the
# page is filled, or mostly markup), or an unsearched one.
Block = str | LateBlock | Tagged | Unsearched


def generated_page(front_matter: str, parts: Sequence[Block]) -> GeneratedPage:
    """Markdown headings (``# ...``) stay Markdown; every other part is an HTML block,
    searchable (a str, :class:`LateBlock` or :class:`Tagged`) or not
    (:class:`Unsearched`)."""
    lines: list[str] = []
    blocks: list[str | LateBlock] = []
    unsearched_headings: list[str] = []
    for part in parts:
        if isinstance(part, LateBlock):
            lines.append(_PLACEHOLDER.format(part.kind, len(blocks)))
            blocks.append(part)
            continue
        if isinstance(part, Tagged):
            if part.html:
                lines.append(_PLACEHOLDER.format("tagged", len(blocks)))
                blocks.append(part.html)
            continue
        if not part:
            continue
        if isinstance(part, Unsearched) and part.html.startswith("#"):
            lines.append(part.html)
            unsearched_headings.append(part.html.lstrip("#").strip())
        elif isinstance(part, Unsearched):
            if part.html:
                lines.append(_PLACEHOLDER.format("unsearched", len(blocks)))
                blocks.append(part.html)
        elif part.startswith("#"):
            lines.append(part)
        else:
            lines.append(_PLACEHOLDER.format("block", len(blocks)))
            blocks.append(part)
    return GeneratedPage(
        front_matter + "\n\n".join(lines) + "\n", tuple(blocks), tuple(unsearched_headings)
    )


DEFERRED = "<!--pt-deferred-{}-->"
_DEFERRED_RE = re.compile(r"<!--pt-deferred-([0-9]+)-->")


@dataclass
class RenderedSite:
    """Every page and file a site build generates from ``build`` (generate.render_site),
    as the hosts hand them to their engine, and the HTML it puts back into pages once
    Markdown is done (:meth:`page_content`)."""

    build: Build
    # Generated pages by src_uri ("events/<id>.md").
    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    # Generated assets by src_uri ("assets/timeline/timeline.json"), as bytes.
    files: dict[str, bytes] = field(default_factory=dict)
    # Where event pages' parts are being made apart, when they are (the mkdocs
    # host's worker processes, mkdocs/speed/parts.py); without it, each event page
    # makes its own when it is filled in.
    parts: PartsSource | None = None
    # HTML a macro made for a hand-written page, put in once the page is Markdown
    # and indexed (defer, page_content).
    deferred: dict[int, str] = field(default_factory=dict, repr=False)

    def defer(self, html: str) -> str:
        """A placeholder for ``html`` that page_content replaces after Markdown and the
        search index: a macro's timeline view (a megabyte at 5,000 events, none of it
        searched) is neither parsed by Markdown's HTML block handling nor by the
        search plugin. Hand-written pages are trusted text; contributor text reaches
        them only escaped, so it cannot forge a placeholder."""
        number = len(self.deferred)
        self.deferred[number] = html
        return DEFERRED.format(number)

    def page_content(
        self,
        src_uri: str,
        html: str,
        *,
        searchable_only: bool = False,
        search_copy: SearchCopy | None = None,
    ) -> str:
        """A page's HTML once Markdown is done: a generated page gets its HTML blocks back
        (see GeneratedPage.fill), a hand-written one its deferred views.

        The last fill lets go of the page's blocks: from then on the page's
        HTML is held by the host's engine only, not twice (a third of peak
        memory at 5,000 events).
        """
        page = self.pages.get(src_uri) if searchable_only else self.pages.pop(src_uri, None)
        if page is not None:
            return page.fill(html, searchable_only=searchable_only, search_copy=search_copy)
        if searchable_only or "<!--pt-deferred-" not in html:
            return html
        return _DEFERRED_RE.sub(lambda m: self.deferred.pop(int(m.group(1)), m.group()), html)

    def close(self) -> None:
        """Let the parts source go (an event page not yet filled makes its own parts)."""
        if self.parts is not None:
            self.parts.close()


_current: RenderedSite | None = None


def current() -> RenderedSite:
    """The site the mkdocs host is rendering, for the macros hand-written pages call."""
    if _current is None:
        raise RuntimeError(
            "no timeline build in progress: the policy-timeline plugin has not "
            "run (is it in mkdocs.yml's plugins?)"
        )
    return _current


def set_current(site: RenderedSite | None) -> None:
    """The plugin sets the site once it is rendered and clears it when mkdocs is done."""
    global _current
    _current = site
