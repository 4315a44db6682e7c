"""Everything a site build generates from a prepared build: pages and files.

On top of the renderers (pages, the timeline's data and the embed, the
analysis charts' data, the exports), under the mkdocs plugin and the command
line, so that neither renderer needs to know of the others.
"""

from __future__ import annotations

import jinja2

from policy_timeline import urls
from policy_timeline.build import Build, use_layout
from policy_timeline.render import charts, export, feed, templates, timeline_block
from policy_timeline.render import pages as render_pages
from policy_timeline.render.catalogue import site_messages
from policy_timeline.render.generated import PartsSource, RenderedSite
from policy_timeline.timeline import figure_data


def start(build: Build, *, compiled: jinja2.BytecodeCache | None = None) -> None:
    """What every page reads, made once, before any is: the file history (event
    pages say when their file changed) and the templates' environment (``compiled``:
    where compiled templates are kept between builds, templates.new_build)."""
    build.history  # noqa: B018
    templates.new_build(build.site.template_dirs, build.site, compiled=compiled)


def site_files(build: Build) -> dict[str, bytes]:
    """Every generated file of ``build``'s site by src_uri: the timeline's data, the
    analysis charts' data, the exports and the feed (when the site has one)."""
    files = {
        **figure_data.site_files(build, site_messages(build.site)),
        **charts.chart_files(build),
        **export.site_files(build),
    }
    atom = feed.atom_feed(build)
    if atom is not None:
        files[feed.FEED_URI] = atom
    return files


def render_site(
    build: Build, *, parts: PartsSource | None = None, started: bool = False
) -> RenderedSite:
    """Every generated page and file of ``build``'s site.

    An event page makes its costly parts when it is filled in, or takes them from
    ``parts`` when something else is making them (the mkdocs host's workers,
    which call :func:`start` before they fork: ``started``), and the build takes
    its layout from there when it has one. :meth:`RenderedSite.close` lets
    ``parts`` go.
    """
    if not started:
        start(build)
    site = RenderedSite(build, parts=parts)
    try:
        # The pages first: they do not need the layout a worker may be computing.
        site.pages.update(render_pages.render_all(build, parts))
        computed = parts.layout() if parts is not None else None
        if computed is not None:
            use_layout(build, computed)
        embed = timeline_block.embed_page(build)
        files = site_files(build)
    except BaseException:
        site.close()
        raise
    site.pages[urls.EMBED_URI] = embed
    site.files.update(files)
    return site
