"""Generated pages inside mkdocs: one shared Markdown for their headings, one nav per folder.

Both are build shortcuts: mkdocs would make the same bytes more slowly. The
plugin's ``build_shortcuts: false`` (or ``TIMELINE_BUILD_SHORTCUTS=off``)
turns them off, and a test builds sites both ways and compares every byte.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import Any

import markdown
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
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


def nav_once_per_folder(env: Environment, shortcuts: bool) -> None:
    """``pt_nav()`` for the theme's site_nav block (templates/main.html).

    Every page prints the whole nav, and rendering it is a third of the
    theme's time per page. A page outside the nav (every generated page but
    the section indexes) has no active item, and the nav's links are
    relative to the page's folder: one render per folder serves them all.
    """
    template = env.get_template("partials/nav.html")
    cached: dict[str, str] = {}

    @pass_context
    def pt_nav(context: Context) -> Markup:
        page = context["page"]
        if not shortcuts or page is None or page in context["nav"].pages:
            return Markup(template.render(context.get_all()))
        folder = posixpath.dirname(page.url.rstrip("/"))
        if folder not in cached:
            cached[folder] = template.render(context.get_all())
        return Markup(cached[folder])

    env.globals["pt_nav"] = pt_nav
