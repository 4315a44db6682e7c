"""The Jinja templates pages are made from, and how a site overrides them.

The engine's templates live in the package under ``templates/policy-timeline/``
(``event.html``, ``partials/event-facts.html``, ...). A site overrides any of
them with a file of the same path in a folder of its own
(``SiteSettings.template_dirs``: the mkdocs plugin passes the theme's
``custom_dir``, so ``overrides/policy-timeline/event.html`` replaces the event
page), searched first, as Pelican themes and Material's overrides work.

Contributor text is data: templates are only ever read from these folders,
never made from event text, and every value a template prints is escaped
(autoescaping; :func:`spelled` writes its character references as
:func:`sanitize.esc` does, so that pages keep their bytes).
:class:`markupsafe.Markup` marks only HTML the engine made and sanitised
itself (a body, the SVG, a part of a page).

A page template says where the page's Markdown headings and its blocks are
(:class:`PageBlocks`): a generated page is Markdown only in its headings
(``render.generated``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from policy_timeline import urls
from policy_timeline.render.catalogue import Messages, english, fill, site_messages
from policy_timeline.render.generated import Block, BlockKind, LateBlock, Tagged, Unsearched
from policy_timeline.source.amounts import figure_amount
from policy_timeline.source.dates import PartialDate, format_span
from policy_timeline.source.model import BibEntry, Event, Figure, Vocabulary
from policy_timeline.source.sanitize import heading_text, http_url
from policy_timeline.source.settings import SiteSettings
from policy_timeline.source.symbols import PATHS
from policy_timeline.timeline.colours import dark_colour

# The package's own templates, searched after a site's folders.
PACKAGE_DIR = Path(__file__).resolve().parent.parent / "templates"
# The engine's templates are under this folder of it (and of a site's overrides),
# apart from the theme's own overrides beside it (main.html, partials/).
NAMESPACE = "policy-timeline"


def spelled(rendered: str) -> str:
    """A template's output with the character references ``sanitize.esc`` writes: Jinja's
    autoescaping writes ``"`` as ``&#34;`` and ``'`` as ``&#39;``, ``esc`` (Python's
    ``html.escape``) as ``&quot;`` and ``&#x27;``. The same characters, so the pages keep
    their bytes; done once on the output, it costs a fraction of escaping each value
    in Python."""
    # As a plain str: Markup.replace would escape the new spellings.
    return str(rendered).replace("&#34;", "&quot;").replace("&#39;", "&#x27;")


# --- text the templates compose (plain text: the templates escape it) --------------------

# The sections with an index page; their titles are the catalogue's sections.<name>.
SECTIONS = ("events", "actors", "tags", "years", "places", "sources")


def count(n: int, noun: str = "event", *, messages: Messages | None = None) -> str:
    """``n`` events ("1 event", "3 events"): the catalogue's plural ``count.<noun>``."""
    return (messages or english()).plural(f"count.{noun}", n)


def and_list(items: Sequence[str], *, messages: Messages | None = None) -> str:
    """ "a", "a and b", "a, b and c", with the catalogue's words (``list.*``)."""
    said = messages or english()
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    head = said.t("list.separator").join(items[:-1])
    return said.t("list.and", first=head, last=items[-1])


def stop(text: str) -> str:
    """The full stop after a citation part, unless the part ends a sentence itself."""
    return "" if text.rstrip().endswith((".", "?", "!")) else "."


def host(url: str) -> str:
    return urlsplit(url).netloc.lower().removeprefix("www.") or url


def bib_date(entry: BibEntry, *, messages: Messages | None = None) -> str:
    # Bibliography dates are validated YYYY[-MM[-DD]]: shown at their precision too.
    return (messages or english()).date(PartialDate.parse(entry.date)) if entry.date else ""


def figure_what(figure: Figure) -> str:
    """The measure's label, and the series when the figure names one."""
    return f"{figure.label}: {figure.series}" if figure.series else figure.label


_GLOBALS = {
    "urls": urls,
    "count": count,
    "and_list": and_list,
    "stop": stop,
    "host": host,
    "bib_date": bib_date,
    "figure_what": figure_what,
    "figure_amount": figure_amount,
    "format_span": format_span,
    "http_url": http_url,
    "symbol_paths": PATHS,
    "dark_colour": dark_colour,
}


@functools.lru_cache(maxsize=8)
def environment(template_dirs: tuple[Path, ...] = ()) -> jinja2.Environment:
    """The environment of a build: each template compiled once. ``render.generate``
    starts each build with a new one (:func:`new_build`), so that a template changed
    under ``mkdocs serve`` is read again; nothing compiled is kept on disk."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*template_dirs, PACKAGE_DIR]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        # Every template is a fragment of a page: the newline that ends its file is
        # not part of it (an included part of the one-line timeline view).
        keep_trailing_newline=False,
        # Read once a build (new_build): no file is looked at again for each page.
        auto_reload=False,
    )
    env.globals.update(_GLOBALS)
    use_messages(env, english())
    return env


def markup_aware(say: Callable[..., str]) -> Callable[..., str]:
    """``t`` and ``plural`` as templates call them: plain text (which autoescaping
    escapes), or, when a value is HTML the engine made (:class:`Markup`: a link), the
    text escaped around it, as Markup."""

    def said(*args: Any, **values: Any) -> str:
        if not any(isinstance(value, Markup) for value in values.values()):
            return say(*args, **values)
        escaped = {name: escape(value) for name, value in values.items()}
        return Markup(fill(str(escape(say(*args, **{k: f"{{{k}}}" for k in values}))), escaped))

    return said


def use_messages(env: jinja2.Environment, messages: Messages) -> None:
    """The interface's strings templates print: ``t(key, **values)``,
    ``plural(key, n, **values)`` and ``messages`` (``messages.json("timeline.")`` for a
    view's ``data-messages``), in the site's language (render/catalogue.py)."""
    env.globals["messages"] = messages
    env.globals["t"] = markup_aware(messages.t)
    env.globals["plural"] = markup_aware(messages.plural)
    env.globals["format_span"] = messages.span
    env.globals["format_date"] = messages.day
    env.globals["bib_date"] = functools.partial(bib_date, messages=messages)
    env.globals["section_titles"] = {name: messages.t(f"sections.{name}") for name in SECTIONS}
    env.globals["count"] = functools.partial(count, messages=messages)
    env.globals["and_list"] = functools.partial(and_list, messages=messages)
    # The macros every template may use, as pt (pt.event_list): made once for the
    # language, not imported again by each page (a module keeps the globals it was
    # made with).
    env.globals["pt"] = env.get_template(f"{NAMESPACE}/macros.html").make_module()


def new_build(
    template_dirs: tuple[Path, ...],
    site: SiteSettings,
    *,
    compiled: jinja2.BytecodeCache | None = None,
) -> None:
    """A build's templates are read anew (``render.generate.start``), before its
    worker processes are forked, which then share the environment; they speak the
    language of ``site`` (required: a build that forgot it would speak English).
    ``compiled``: where compiled templates are kept between builds, if anywhere (a
    host's choice; Jinja checks each against its template's source)."""
    environment.cache_clear()
    env = environment(template_dirs)
    env.bytecode_cache = compiled
    use_messages(env, site_messages(site))


def template(template_dirs: tuple[Path, ...], name: str) -> jinja2.Template:
    """``policy-timeline/<name>``, from the first folder that has it."""
    return environment(template_dirs).get_template(f"{NAMESPACE}/{name}")


def render(template_dirs: tuple[Path, ...], name: str, **context: Any) -> str:
    """A template's HTML (a part of a page), without the whitespace around it."""
    return spelled(template(template_dirs, name).render(**context)).strip()


def hrefs(page: str) -> Callable[[str], str]:
    """``href(target)``: the address of a site path from ``page``, as templates write links."""
    return functools.partial(urls.relative, page)


class EventItems:
    """Each event's line in a list of events (``partials/event-item.html``), made once
    for every page at one depth of the site: a tag's page and a year's link to it
    alike (``urls.relative``), and a Jinja macro per line cost more than the rest of
    the pages' lists."""

    def __init__(self, template_dirs: tuple[Path, ...], vocabulary: Vocabulary) -> None:
        self._dirs = template_dirs
        self._vocabulary = vocabulary
        self._made: dict[tuple[int, str], Markup] = {}

    def on(self, page: str) -> Callable[[Event], Markup]:
        """``item(event)`` for the page at site path ``page``."""
        depth = page.count("/")
        href = hrefs(page)

        def item(event: Event) -> Markup:
            made = self._made.get((depth, event.id))
            if made is None:
                made = Markup(
                    render(
                        self._dirs,
                        "partials/event-item.html",
                        event=event,
                        vocabulary=self._vocabulary,
                        href=href,
                    )
                )
                self._made[(depth, event.id)] = made
            return made

        return item


# --- pages -------------------------------------------------------------------------------

_MARK = "<!--pt-part-{}-->"
# Contributor text cannot forge a mark: it is printed escaped ("<" as "&lt;") and
# bodies lose their comments in nh3.
_MARK_RE = re.compile(r"<!--pt-part-([0-9]+)-->")


class PageBlocks:
    """What a page template calls (as ``page``) to place the page's Markdown headings and
    the blocks the site search treats apart; the HTML between them is searchable.

    ``{{ page.heading("Sources") }}``, ``{{ page.heading("Related events",
    searched=False) }}``, ``{% call page.unsearched() %}...{% endcall %}``,
    ``{% call page.tagged() %}...{% endcall %}``, and ``{{ parts.body }}`` for a part
    made apart (:class:`EventPartsMarks`)."""

    def __init__(self) -> None:
        self._parts: list[Block] = []

    def _mark(self, block: Block) -> Markup:
        self._parts.append(block)
        return Markup(_MARK.format(len(self._parts) - 1))

    def heading(self, text: str, level: int = 2, *, searched: bool = True) -> Markup:
        line = "#" * level + " " + heading_text(text)
        return self._mark(line if searched else Unsearched(line))

    def unsearched(self, caller: Callable[[], str]) -> Markup:
        return self._mark(Unsearched(spelled(caller()).strip()))

    def tagged(self, caller: Callable[[], str]) -> Markup:
        return self._mark(Tagged(spelled(caller()).strip()))

    def late(self, block: LateBlock) -> Markup:
        return self._mark(block)

    def blocks(self, rendered: str) -> list[Block]:
        """The page's parts in order, from the template's output."""
        out: list[Block] = []
        pieces = _MARK_RE.split(rendered)
        for number, piece in enumerate(pieces):
            if number % 2:
                out.append(self._parts[int(piece)])
            elif piece.strip():
                out.append(piece.strip())
        return out


class EventPartsMarks:
    """An event page's parts made apart (``parts.facts``, ``parts.body``, ...), each
    placed where the template prints it."""

    def __init__(self, page: PageBlocks, late: Callable[[str, BlockKind], LateBlock]) -> None:
        self._page = page
        self._late = late

    def _part(self, name: str, kind: BlockKind) -> Markup:
        return self._page.late(self._late(name, kind))

    @property
    def facts(self) -> Markup:
        return self._part("facts", "unsearched")

    @property
    def body(self) -> Markup:
        return self._part("body", "block")

    @property
    def figures(self) -> Markup:
        return self._part("figures", "tagged")

    @property
    def citations(self) -> Markup:
        return self._part("citations", "tagged")

    @property
    def cite(self) -> Markup:
        return self._part("cite", "unsearched")

    @property
    def changed(self) -> Markup:
        return self._part("changed", "unsearched")


def page_blocks(template_dirs: tuple[Path, ...], name: str, **context: Any) -> list[Block]:
    """A page template's headings and blocks (``page`` is given to it)."""
    page = context.setdefault("page", PageBlocks())
    return page.blocks(spelled(template(template_dirs, name).render(**context)))
