"""Everything a site build generates from a prepared build: pages and files.

On top of the renderers (pages, the timeline's data and the embed, the
analysis charts' data, the exports), under the mkdocs plugin and the command
line, so that neither renderer needs to know of the others.
"""

from __future__ import annotations

from . import charts, export, feed, figure, render_pages, timeline_html, urls
from .build import Build


def render_site(build: Build) -> Build:
    """Fill ``build.pages`` and ``build.files`` with every generated page and file."""
    build.pages.update(render_pages.render_all(build))
    build.pages[urls.EMBED_URI] = timeline_html.embed_page(build)
    build.files.update(figure.site_files(build))
    build.files.update(charts.chart_files(build))
    build.files.update(export.site_files(build))
    atom = feed.atom_feed(build)
    if atom is not None:
        build.files[feed.FEED_URI] = atom
    return build
