"""Event pages' parts and the layout made by worker processes while the build goes on.

A build shortcut (ARCHITECTURE.md): on a big build, forked workers compute the
timeline's layout first, then each event page's costly parts (facts, body,
figures, citations, "Cite this event"), while the build's process makes the
pages (an event page is then its headings and placeholders), the embed and the
exports, and while mkdocs writes the pages: each event page takes its parts
when mkdocs fills it in (``build.event_parts``, a ``generated.PartsSource``).
Without workers, :func:`render_site` is the core's.
"""

from __future__ import annotations

import dataclasses

from policy_timeline.build import Build
from policy_timeline.mkdocs.speed.pending import PendingWork
from policy_timeline.render import generate
from policy_timeline.render import pages as render_pages
from policy_timeline.render.generated import EventParts
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


def render_site(build: Build, *, workers: int = 0) -> int:
    """``generate.render_site(build)``, with the layout and the event pages' parts made by
    worker processes on a big build (``workers``: see workers.worker_count); the
    number of workers that make them (0: none, the core's build as it is).
    :meth:`Build.close` lets them go."""
    global _forked_with
    generate.start(build)
    _forked_with = build
    try:
        pending = PendingWork(
            [event.id for event in build.index.events],
            _event_parts_in_worker,
            workers,
            first=_layout_in_worker,
        )
    finally:
        _forked_with = None
    if pending.workers:
        build.event_parts = pending
        build.layout_from_worker = pending.first_result
    generate.render_site(build, started=True)
    return pending.workers
