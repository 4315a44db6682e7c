"""Every event's Markdown body as safe HTML, rendered by worker processes on a big build.

Rendering bodies (Python-Markdown, then nh3) is the largest part of the build's own
work: about 0.8 ms an event, 4 s at 5,000 events on a slow machine. Each body is
rendered alone, so a big build hands them to worker processes and goes on with the
rest (the layout, the embed, the exports) while they work. The pages are the same
bytes either way: the results come back in the events' order, and a test builds
sites both ways and compares every byte.

Workers are forked, so they start in milliseconds with everything imported, and
only where forking is safe: on Linux, from a process with no other thread (``mkdocs
build``, ``policy-timeline export``). ``mkdocs serve`` runs threads, and renders in
the process, as does a small build, where starting workers would cost more than
it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from .model import Event
from .sanitize import render_body

# Below this many bodies, workers cost more than they save (measured at 500:
# 0.4 s of rendering against 0.1 s of starting and feeding two workers).
MIN_BODIES = 500
# Bodies sent to a worker at a time: enough to keep the pipes quiet.
CHUNK = 64
# More workers than this gain nothing: the main process has its own work, and
# bodies are only a part of the build.
MAX_WORKERS = 4


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is safe here: Linux, and no thread that could hold a lock the child needs."""
    return (
        sys.platform == "linux"
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def worker_count(requested: int, bodies: int, cpus: int) -> int:
    """How many worker processes render ``bodies`` bodies on ``cpus`` CPUs: ``requested``
    when it is set (1: none, the build's own process renders them), else one a CPU (at
    most MAX_WORKERS) when there are MIN_BODIES bodies or more and more than one CPU."""
    if requested > 0:
        return requested if requested > 1 else 0
    if bodies < MIN_BODIES or cpus < 2:
        return 0
    return min(cpus, MAX_WORKERS)


class PendingBodies:
    """Bodies being rendered, taken one by one with :meth:`html`; :meth:`close` when done."""

    def __init__(self, events: Sequence[Event], workers: int) -> None:
        sent = [event for event in events if event.body.strip()]
        self.workers = worker_count(workers, len(sent), available_cpus()) if can_fork() else 0
        self._pool: ProcessPoolExecutor | None = None
        self._ids: Iterator[str] = iter(())
        self._rendered: Iterator[str] = iter(())
        # Bodies that came back before their page asked for them.
        self._early: dict[str, str] = {}
        if self.workers:
            # All workers are forked here, before the pool starts its own thread.
            self._pool = ProcessPoolExecutor(self.workers, mp_context=get_context("fork"))
            self._ids = iter([event.id for event in sent])
            self._rendered = self._pool.map(
                render_body, [event.body for event in sent], chunksize=CHUNK
            )

    def html(self, event: Event) -> str:
        """The event's body as HTML: as soon as a worker has it, so that pages are made
        while later bodies are still being rendered (pages ask in the events' order)."""
        if self._pool is None or not event.body.strip():
            return render_body(event.body)
        found = self._early.pop(event.id, None)
        while found is None:
            next_id = next(self._ids, None)
            if next_id is None:  # not sent (another build's event): render it here
                return render_body(event.body)
            rendered = next(self._rendered)
            if next_id == event.id:
                found = rendered
            else:
                self._early[next_id] = rendered
        return found

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
            self._early.clear()


def start(events: Sequence[Event], workers: int = 0) -> PendingBodies:
    """Start rendering the bodies of ``events`` (see :func:`worker_count` for ``workers``)."""
    return PendingBodies(events, workers)
