"""Generated pages inside mkdocs: one shared Markdown for their headings, one nav per folder.

Both are build shortcuts: mkdocs would make the same bytes more slowly. The
plugin's ``build_shortcuts: false`` (or ``TIMELINE_BUILD_SHORTCUTS=off``)
turns them off, and a test builds sites both ways and compares every byte.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterator
from typing import Any

import markdown
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markdown.extensions.toc import TocTreeprocessor, nest_toc_tokens, unique
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


def headings_markdown(config: MkDocsConfig) -> markdown.Markdown:
    """Markdown with the site's table of contents extension and nothing else."""
    if "toc" not in config.markdown_extensions:
        return markdown.Markdown()
    return markdown.Markdown(
        extensions=["toc"], extension_configs={"toc": config.mdx_configs.get("toc", {})}
    )


# A heading line of a generated page as render_pages writes it: fixed words, or
# heading_text's output, whose only markup is character references.
_HEADING_LINE = re.compile(r"(#{1,6}) (.*)")
_PLAIN_TEXT = re.compile(r"(?:[^&<>\\`*_\[\]!#{}|~^=:$+.()\-\x00-\x1f]|&#[0-9]+;)*")
_PLACEHOLDER_LINE = re.compile(r"<!--pt-[a-z]+-[0-9]+-->")


def fast_headings(md: markdown.Markdown, text: str) -> tuple[str, list[Any]] | None:
    """What ``md`` (Markdown with the toc extension) makes of a generated page's
    Markdown, without running it: headings with ids and permalinks as the site's toc
    settings say, placeholder lines as they are, and the toc's tokens.

    Markdown's fixed cost per page was a fifth of the build's time at 1,000 events.
    None when the page or the settings hold anything this does not reproduce (the
    page then goes through Markdown); a test compares both on whole sites.
    """
    # (markdown's Registry has no get().)
    toc = md.treeprocessors["toc"] if "toc" in md.treeprocessors else None  # noqa: SIM401
    if not isinstance(toc, TocTreeprocessor) or toc.base_level or toc.use_anchors:
        return None
    if toc.use_permalinks not in (True, False, None) and not isinstance(toc.use_permalinks, str):
        return None
    out: list[str] = []  # each piece, then what follows it
    tokens: list[Any] = []  # toc's flat tokens (typed privately there)
    used: set[str] = set()
    counters: dict[str, int] = {}
    for line in text.split("\n"):
        if not line.strip():
            continue
        heading = _HEADING_LINE.fullmatch(line)
        if heading is None:
            if not _PLACEHOLDER_LINE.fullmatch(line):
                return None
            out += [line, "\n\n"]  # Markdown ends a raw HTML block with a blank line
            continue
        level, inner = len(heading.group(1)), heading.group(2).strip()
        if not inner or not _PLAIN_TEXT.fullmatch(inner) or "  " in inner:
            return None
        elem_id = unique(toc.slugify(html.unescape(inner), toc.sep), used, counters)
        attr_id = html.escape(elem_id)
        permalink = ""
        if toc.use_permalinks not in (False, None):
            mark = (
                "&para;"
                if toc.use_permalinks is True
                else html.escape(str(toc.use_permalinks), False)
            )
            title = f' title="{html.escape(toc.permalink_title)}"' if toc.permalink_title else ""
            permalink = (
                f'<a class="{html.escape(toc.permalink_class)}" href="#{attr_id}"{title}>{mark}</a>'
            )
        body = permalink + inner if toc.permalink_leading else inner + permalink
        out += [f'<h{level} id="{attr_id}">{body}</h{level}>', "\n"]
        if toc.toc_top <= level <= toc.toc_bottom:
            tokens.append(
                {"level": level, "id": elem_id, "name": inner, "html": inner, "data-toc-label": ""}
            )
    return "".join(out[:-1]), nest_toc_tokens(tokens)


class PrebuiltPage(Page):
    """A generated page: its Markdown is only headings and placeholder comments.

    mkdocs renders every page with a new Markdown instance carrying every
    extension of the site, about a millisecond a page before any text is
    read. These pages need the table of contents extension only (ids,
    permalinks and the page's table of contents, as the site configures
    them), so one instance serves them all. mkdocs takes a File.page a
    plugin set (mkdocs-material's blog builds its posts the same way).
    """

    def __init__(self, file: File, config: MkDocsConfig, headings: markdown.Markdown) -> None:
        super().__init__(None, file, config)
        self._headings = headings

    def render(self, config: MkDocsConfig, files: Files) -> None:
        md = self._headings
        fast = fast_headings(md, self.markdown or "")
        if fast is not None:
            self.content, tokens = fast
        else:
            self.content = md.reset().convert(self.markdown or "")
            tokens = getattr(md, "toc_tokens", [])
        self.toc = get_toc(tokens)
        # The H1 line is render_pages' heading_text: plain text and character
        # references only, which is what mkdocs would read as the title.
        first = next(
            (line for line in (self.markdown or "").splitlines() if line.startswith("# ")), None
        )
        self._title_from_render = first[2:].strip() if first else None
        self.present_anchor_ids = set(_ids(tokens))
        self.links_to_anchors = None


def _ids(tokens: list[dict[str, Any]]) -> Iterator[str]:
    for token in tokens:
        yield token["id"]
        yield from _ids(token["children"])


# Stands for a page's title in a header rendered once per folder (never in a title:
# the validator refuses control characters).
_TITLE = "\x00pt-title\x00"


class _TitleOnly:
    """What the theme's header reads of a page: its title, its meta (for meta.title) and
    its url (links relative to it are the same for every page of its folder). A test
    builds sites with and without this shortcut and compares every byte."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.meta: dict[str, Any] = {}
        self.title = _TITLE


def theme_once_per_folder(env: Environment, shortcuts: bool) -> None:
    """``pt_nav()``, ``pt_header()`` and ``pt_once(name)`` for templates/main.html.

    Every page renders the whole nav, the header and the theme's configuration
    script; with the nav, they are half of the theme's time per page. For a page
    outside the nav (every generated page but the section indexes) none of them
    depends on the page but through its folder (links are relative to it) and,
    in the header, its title. One render per folder serves them all; the
    header's title goes in afterwards, as the theme prints it (raw: a generated
    page's title is escaped text already).
    """
    nav = env.get_template("partials/nav.html")
    header = env.get_template("partials/header.html")
    cached: dict[tuple[str, str], str] = {}
    # The last page asked about and its answer: a page asks eight times, in a row.
    last: list[Any] = [None, None]

    def folder_of(context: Context) -> str | None:
        """The page's folder when its rendering may be shared, else None."""
        page = context.get("page")
        if page is last[0]:
            return last[1]
        folder = None
        if (
            shortcuts
            and page is not None
            and not any(page is shown for shown in context["nav"].pages)
            and not (page.meta and page.meta.get("title"))
        ):
            folder = posixpath.dirname(page.url.rstrip("/"))
        last[:] = [page, folder]
        return folder

    def once(context: Context, name: str, make: Callable[[], str]) -> Markup:
        """``make()``, made once per folder when the page's rendering may be shared."""
        folder = folder_of(context)
        if folder is None:
            return Markup(make())
        if (name, folder) not in cached:
            cached[name, folder] = make()
        return Markup(cached[name, folder])

    @pass_context
    def pt_nav(context: Context) -> Markup:
        return once(context, "nav", lambda: nav.render(context.get_all()))

    @pass_context
    def pt_header(context: Context) -> Markup:
        folder = folder_of(context)
        if folder is None:
            return Markup(header.render(context.get_all()))
        if ("header", folder) not in cached:
            cached["header", folder] = header.render(
                {**context.get_all(), "page": _TitleOnly(context["page"].url)}
            )
        return Markup(cached["header", folder].replace(_TITLE, context["page"].title))

    @pass_context
    def pt_once(context: Context, name: str, caller: Callable[[], str]) -> Markup:
        """``{% call pt_once("config") %}{{ super() }}{% endcall %}``: a block that depends on
        the page only through its folder."""
        return once(context, name, caller)

    env.globals.update(pt_nav=pt_nav, pt_header=pt_header, pt_once=pt_once)
