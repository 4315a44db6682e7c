"""Event pages' parts and the layout made by worker processes while the build goes on.

A build shortcut (ARCHITECTURE.md): on a big build, forked workers compute the
timeline's layout first, then each event page's costly parts (facts, body,
figures, citations, "Cite this event"), while the build's process makes the
pages (an event page is then its headings and placeholders), the embed and the
exports, and while mkdocs writes the pages: each event page takes its parts
when mkdocs fills it in, and the build its layout before the first drawing
(:class:`WorkerParts`, the ``generated.PartsSource`` handed to
``generate.render_site``). Without workers, :func:`render_site` is the core's.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import Future
from typing import Any

import jinja2

from policy_timeline.build import Build
from policy_timeline.mkdocs.speed.pending import PendingWork
from policy_timeline.mkdocs.speed.workers import parts_worker_count
from policy_timeline.render import generate
from policy_timeline.render import pages as render_pages
from policy_timeline.render.generated import EventParts, RenderedSite
from policy_timeline.source.model import Event
from policy_timeline.timeline.layout import TimelineLayout

# The build the workers are forked with, for the jobs below: a forked process
# has it already, so nothing but an event's position and the results are sent.
_forked_with: Build | None = None


def _layout_in_worker() -> TimelineLayout:
    assert _forked_with is not None
    # Sent back without its events, which the build's process has.
    return dataclasses.replace(_forked_with.layout, events=())


def _event_parts_in_worker(position: int) -> EventParts:
    assert _forked_with is not None
    return render_pages.event_parts(_forked_with, _forked_with.index.events[position])


class WorkerParts:
    """The workers' results as the core takes them (``generated.PartsSource``): each
    event's parts, and the layout they computed first."""

    def __init__(
        self,
        pending: PendingWork[EventParts],
        layout: Future[Any] | None,
        events: tuple[Event, ...],
    ) -> None:
        self.pending = pending
        self._layout = layout
        self._events = events

    def get(self, key: str) -> EventParts | None:
        return self.pending.get(key)

    def layout(self) -> TimelineLayout | None:
        """The layout a worker computed, with the build's events; None once taken, or
        when the worker died (the build computes the same layout itself)."""
        future, self._layout = self._layout, None
        if future is None:
            return None
        try:
            computed: TimelineLayout = future.result()
        except Exception:  # a worker that died: the same layout is made by the build
            return None
        return dataclasses.replace(computed, events=self._events)

    def close(self) -> None:
        self.pending.close()


def render_site(
    build: Build, *, workers: int = 0, compiled: jinja2.BytecodeCache | None = None
) -> tuple[RenderedSite, int]:
    """``generate.render_site(build)``, with the layout and the event pages' parts made
    by worker processes on a big build (``workers``: the build_workers option, see
    workers.parts_worker_count); and the
    number of workers that make them (0: none, the core's build as it is).
    ``compiled``: where compiled templates are kept between builds
    (template_cache.py). :meth:`RenderedSite.close` lets them go."""
    global _forked_with
    generate.start(build, compiled=compiled)
    _forked_with = build
    try:
        pending = PendingWork(
            [event.id for event in build.index.events],
            _event_parts_in_worker,
            parts_worker_count(workers, len(build.index.events)),
            first=_layout_in_worker,
        )
    finally:
        _forked_with = None
    source = None
    if pending.workers:
        source = WorkerParts(pending, pending.take_first(), tuple(build.project.events))
    return generate.render_site(build, parts=source, started=True), pending.workers
