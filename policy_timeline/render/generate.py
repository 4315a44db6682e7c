"""Everything a site build generates from a prepared build: pages and files.

On top of the renderers (pages, the timeline's data and the embed, the
analysis charts' data, the exports), under the mkdocs plugin and the command
line, so that neither renderer needs to know of the others.
"""

from __future__ import annotations

import dataclasses

from policy_timeline import urls
from policy_timeline.build import Build
from policy_timeline.pending import PendingWork
from policy_timeline.render import charts, export, feed, templates, timeline_block
from policy_timeline.render import pages as render_pages
from policy_timeline.render.catalogue import site_messages
from policy_timeline.render.generated import EventParts
from policy_timeline.timeline import plotly_figure
from policy_timeline.timeline.layout import TimelineLayout

# The build the workers are forked with, for the jobs below: a forked process
# has it already, so nothing but an event's position and the results are sent.
_forked_with: Build | None = None


def _layout_in_worker() -> TimelineLayout:
    assert _forked_with is not None
    return dataclasses.replace(_forked_with.layout, events=())


def _event_parts_in_worker(position: int) -> EventParts:
    assert _forked_with is not None
    return render_pages.event_parts(_forked_with, _forked_with.index.events[position])


def render_site(build: Build, *, workers: int = 0) -> Build:
    """Fill ``build.pages`` and ``build.files`` with every generated page and file.

    On a big build, worker processes compute the layout and make the event pages'
    parts, body included (``workers``: see workers.worker_count), while this
    process makes the pages, and then everything that draws the layout; the
    parts go on while mkdocs writes the pages: an event page takes its parts
    when mkdocs fills it in. :meth:`Build.close` lets the workers go.
    """
    global _forked_with
    # Read once, here, not in every worker: event pages say when their file changed.
    build.history  # noqa: B018
    templates.new_build(build.site.template_dirs, build.site)
    _forked_with = build
    try:
        build.event_parts = PendingWork(
            [event.id for event in build.index.events],
            _event_parts_in_worker,
            workers,
            first=_layout_in_worker,
        )
    finally:
        _forked_with = None
    build.layout_from_worker = build.event_parts.first_result
    try:
        # The pages first: they do not need the layout a worker may be computing.
        build.pages.update(render_pages.render_all(build))
        embed = timeline_block.embed_page(build)
        files = {
            **plotly_figure.site_files(build, site_messages(build.site)),
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
