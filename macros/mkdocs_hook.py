"""mkdocs hook: runs the pipeline once per build and hands mkdocs its generated files.

Thin on purpose: all the work is in the core (``macros.pipeline``), which is
plain Python and tested without mkdocs. Generated pages are added with
``File.generated`` and never written into docs/.
"""
from __future__ import annotations

import logging
import os
import posixpath
import sys
from pathlib import Path

# mkdocs loads hooks by file path; make the core package importable as `macros`
# (the same module object mkdocs-macros imports, so both share one build).
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

import markdown  # noqa: E402
from jinja2 import pass_context  # noqa: E402
from markupsafe import Markup  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.plugins import CombinedEvent, event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402

from macros import pipeline  # noqa: E402

log = logging.getLogger("mkdocs.hooks.timeline")

# TIMELINE_BUILD_SHORTCUTS=off builds every page the way mkdocs builds any
# page (PrebuiltPage and the nav rendered once per folder off): the test that
# the shortcuts change no byte of the site compares the two builds.
SHORTCUTS = os.environ.get("TIMELINE_BUILD_SHORTCUTS") != "off"


def events_dir(config) -> Path:
    """``TIMELINE_EVENTS_DIR`` if set (tests, benchmarks), else events/ beside mkdocs.yml."""
    configured = os.environ.get("TIMELINE_EVENTS_DIR")
    base = Path(config.config_file_path).resolve().parent
    return (base / configured) if configured else (base / "events")


# The pipeline runs in on_pre_build: mkdocs empties the site folder right
# after it (mkdocs 1.6, commands/build.py), so invalid events stop the build
# while an existing site folder is still as it was.
def on_pre_build(config):
    try:
        pipeline.build(events_dir(config))
    except pipeline.ValidationFailed as failed:
        for problem in failed.problems:
            log.error(str(problem))
        raise Abort(f"{len(failed.problems)} error(s) in event files; nothing was built, "
                    f"and {config.site_dir} was left as it was")


# No @event_priority: on_files runs for every plugin and hook before mkdocs
# reads any page, so the build is in place (pipeline.current) before
# mkdocs-macros renders the hand-written pages that call timeline(), whatever
# order the two run on_files in. Generated pages carry no render_macros, so
# with render_by_default: false mkdocs-macros never renders them.
def on_files(files, config):
    build = pipeline.current()
    generated = {**{uri: page.markdown for uri, page in build.pages.items()}, **build.files}
    headings = headings_markdown(config)
    for src_uri in sorted(generated):
        if files.get_file_from_path(src_uri) is not None:
            raise Abort(f"generated file {src_uri} would replace docs/{src_uri}: remove one of them")
        file = File.generated(config, src_uri, content=generated[src_uri])
        files.append(file)
        if SHORTCUTS and src_uri in build.pages:
            PrebuiltPage(file, config, headings)   # becomes file.page; the nav uses it too
    # /embed/ is the standalone embeddable page (generated); the hand-written
    # builder docs/embed.md moves aside to /embed/builder/.
    builder = files.get_file_from_path("embed.md")
    if builder is not None:
        builder.dest_uri = "embed/builder/index.html"
    return files


def headings_markdown(config) -> markdown.Markdown:
    """Markdown with the site's table of contents extension and nothing else."""
    if "toc" not in config.markdown_extensions:
        return markdown.Markdown()
    return markdown.Markdown(extensions=["toc"],
                             extension_configs={"toc": config.mdx_configs.get("toc", {})})


class PrebuiltPage(Page):
    """A generated page: its Markdown is only headings and placeholder comments.

    mkdocs renders every page with a new Markdown instance carrying every
    extension of the site, about a millisecond a page before any text is
    read. These pages need the table of contents extension only (ids,
    permalinks and the page's table of contents, as the site configures
    them), so one instance serves them all. mkdocs takes a File.page a
    plugin set (mkdocs-material's blog builds its posts the same way).
    """

    def __init__(self, file, config, headings: markdown.Markdown):
        super().__init__(None, file, config)
        self._headings = headings

    def render(self, config, files):
        md = self._headings
        self.content = md.reset().convert(self.markdown)
        tokens = getattr(md, "toc_tokens", [])
        self.toc = get_toc(tokens)
        # The H1 line is render_pages' heading_text: plain text and character
        # references only, which is what mkdocs would read as the title.
        first = next((line for line in self.markdown.splitlines() if line.startswith("# ")), None)
        self._title_from_render = first[2:].strip() if first else None
        self.present_anchor_ids = set(_ids(tokens))
        self.links_to_anchors = None


def _ids(tokens):
    for token in tokens:
        yield token["id"]
        yield from _ids(token["children"])


# A generated page's Markdown holds only its headings and a placeholder for
# each block of finished HTML (see render_pages.GeneratedPage); the blocks go
# in just before the page is written, in two steps around the search plugin's
# own on_page_context (priority 0), where it indexes page.content:
# searchable blocks before it, lists of other events after it. Filling them
# this late, not in on_page_content, keeps mkdocs from holding every page's
# HTML while it reads the rest of the site.
@event_priority(100)
def _fill_searchable_blocks(context, page, config, nav):
    page.content = pipeline.current().page_content(page.file.src_uri, page.content,
                                                   searchable_only=True)
    return context


@event_priority(-100)
def _fill_unsearched_blocks(context, page, config, nav):
    page.content = pipeline.current().page_content(page.file.src_uri, page.content)
    return context


on_page_context = CombinedEvent(_fill_searchable_blocks, _fill_unsearched_blocks)


def on_post_page(output, page, config):
    # mkdocs keeps every page's HTML until the build ends, though nothing
    # reads it once the page is written (the search plugin took its text in
    # on_page_context). Letting go of a generated page's HTML keeps peak
    # memory from growing with every event page.
    if page.file.generated_by is not None:
        page.content = None
    return output


def on_env(env, config, files):
    # Every page prints the whole nav, and rendering it is a third of the
    # theme's time per page. A page outside the nav (every generated page but
    # the section indexes) has no active item, and the nav's links are
    # relative to the page's folder: one render per folder serves them all.
    template = env.get_template("partials/nav.html")
    cached: dict[str, str] = {}

    @pass_context
    def pt_nav(context):
        page = context["page"]
        if not SHORTCUTS or page is None or page in context["nav"].pages:
            return Markup(template.render(context.get_all()))
        folder = posixpath.dirname(page.url.rstrip("/"))
        if folder not in cached:
            cached[folder] = template.render(context.get_all())
        return Markup(cached[folder])

    env.globals["pt_nav"] = pt_nav
    return env


def on_serve(server, config, builder):
    # Live preview reloads when an event, the vocabulary or the bibliography changes.
    server.watch(str(events_dir(config)))
    return server
