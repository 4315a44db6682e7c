"""Everything a site build generates from a prepared build: pages and files.

On top of the renderers (pages, the timeline's data and the embed, the
analysis charts' data, the exports), under the mkdocs plugin and the command
line, so that neither renderer needs to know of the others.
"""

from __future__ import annotations

import dataclasses

from . import charts, export, feed, figure, render_pages, timeline_html, urls
from .bodies import PendingBodies
from .build import Build
from .layout import TimelineLayout

# The build the workers are forked with, for _layout_in_worker: a forked process
# has it already, so nothing but the result is sent.
_forked_with: Build | None = None


def _layout_in_worker() -> TimelineLayout:
    assert _forked_with is not None
    return dataclasses.replace(_forked_with.layout, events=())


def render_site(build: Build, *, workers: int = 0) -> Build:
    """Fill ``build.pages`` and ``build.files`` with every generated page and file.

    On a big build, worker processes compute the layout and render the event
    bodies (``workers``: see workers.worker_count) while this process makes the
    pages, and then everything that draws the layout; the bodies go on while
    mkdocs writes the pages: an event page takes its body when mkdocs fills it
    in. :meth:`Build.close` lets the workers go.
    """
    global _forked_with
    _forked_with = build
    try:
        build.bodies = PendingBodies(build.index.events, workers, first=_layout_in_worker)
    finally:
        _forked_with = None
    build.layout_from_worker = build.bodies.first_result
    try:
        # The pages first: they do not need the layout a worker may be computing.
        build.pages.update(render_pages.render_all(build))
        embed = timeline_html.embed_page(build)
        files = {
            **figure.site_files(build),
            **charts.chart_files(build),
            **export.site_files(build),
        }
        atom = feed.atom_feed(build)
    except BaseException:
        build.close()
        raise
    build.pages[urls.EMBED_URI] = embed
    build.files.update(files)
    if atom is not None:
        build.files[feed.FEED_URI] = atom
    return build
