"""A generated page as mkdocs gets it: headings in Markdown, everything else finished HTML.

render_pages and timeline_html make them; the build holds them; the mkdocs
plugin hands their Markdown to mkdocs and fills their HTML back in
(:meth:`GeneratedPage.fill`). A module of its own so that the build can hold
pages without importing the renderers that make them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_PLACEHOLDER = "<!--pt-{}-{}-->"
# Contributor text cannot forge a placeholder: it reaches the Markdown only in
# the H1, where heading_text escapes "<" and "-", and the HTML blocks escape
# "<" (bodies lose their comments in nh3).
_PLACEHOLDER_RE = {
    True: re.compile(r"<!--pt-block-([0-9]+)-->"),
    False: re.compile(r"<!--pt-(?:block|unsearched)-([0-9]+)-->"),
}

# The theme's search skips an element with this attribute, then removes it
# (only when it has a value). It stops skipping at the first closing tag of the
# element's name, so it goes on elements with no descendant of the same name.
SEARCH_EXCLUDE = 'data-search-exclude="true"'


@dataclass(frozen=True)
class Unsearched:
    """An HTML block the site search leaves out: a list of other events (related,
    previous and next, a group's events, the events table) or an event's facts.
    Indexed, it would make every event's title a hit on five other pages and
    multiply the index's size."""

    html: str


class LateBlock:
    """A searchable block made only when its page is filled: an event's body, which a
    worker process may still be rendering while mkdocs writes the pages before it."""

    __slots__ = ("_html", "_make")

    def __init__(self, make: Callable[[], str]) -> None:
        self._make: Callable[[], str] | None = make
        self._html: str | None = None

    def html(self) -> str:
        if self._make is not None:
            self._html, self._make = self._make(), None
        return self._html or ""


@dataclass(frozen=True)
class GeneratedPage:
    """A generated page as mkdocs gets it.

    ``markdown`` is what mkdocs reads: front matter, headings, and a
    placeholder line for each block. ``blocks`` is the finished HTML that
    :meth:`fill` puts in their place in the HTML Markdown made: first the
    searchable blocks, then (``searchable_only=False``, once the search plugin
    has indexed the page) the :class:`Unsearched` ones.
    """

    markdown: str
    blocks: tuple[str | LateBlock, ...] = ()
    # Headings of sections with nothing searchable ("Related events"): the
    # search leaves them out too, or every event would be a hit for "cite".
    unsearched_headings: tuple[str, ...] = ()

    def fill(self, html: str, *, searchable_only: bool = False) -> str:
        html = _PLACEHOLDER_RE[searchable_only].sub(lambda m: self._block(int(m.group(1))), html)
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

    def joined(self) -> str:
        """The whole page in one text, as Markdown with raw HTML (golden files, tests)."""
        return self.fill(self.markdown)


# A part of a generated page: a heading, a searchable HTML block (made now or when the
# page is filled), or an unsearched one.
Block = str | LateBlock | Unsearched


def generated_page(front_matter: str, parts: Sequence[Block]) -> GeneratedPage:
    """Markdown headings (``# ...``) stay Markdown; every other part is an HTML block,
    searchable (a str) or not (:class:`Unsearched`)."""
    lines: list[str] = []
    blocks: list[str | LateBlock] = []
    unsearched_headings: list[str] = []
    for part in parts:
        if isinstance(part, LateBlock):
            lines.append(_PLACEHOLDER.format("block", len(blocks)))
            blocks.append(part)
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
