"""Everything a site build generates from a prepared build: pages and files.

On top of the renderers (pages, the timeline's data and the embed, the
analysis charts' data, the exports), under the mkdocs plugin and the command
line, so that neither renderer needs to know of the others.
"""

from __future__ import annotations

from . import charts, export, feed, figure, render_pages, timeline_html, urls
from .bodies import PendingBodies
from .build import Build


def render_site(build: Build, *, workers: int = 0) -> Build:
    """Fill ``build.pages`` and ``build.files`` with every generated page and file.

    On a big build, worker processes render the event bodies (``workers``: see
    workers.worker_count) while this process makes everything else, and then
    while mkdocs writes the pages: an event page takes its body when mkdocs fills
    it in. :meth:`Build.close` lets the workers go.
    """
    build.bodies = PendingBodies(build.index.events, workers)
    try:
        embed = timeline_html.embed_page(build)
        files = {
            **figure.site_files(build),
            **charts.chart_files(build),
            **export.site_files(build),
        }
        atom = feed.atom_feed(build)
        build.pages.update(render_pages.render_all(build))
    except BaseException:
        build.close()
        raise
    build.pages[urls.EMBED_URI] = embed
    build.files.update(files)
    if atom is not None:
        build.files[feed.FEED_URI] = atom
    return build
