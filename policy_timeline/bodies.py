"""Every event's Markdown body as safe HTML, rendered by worker processes on a big build.

Rendering bodies (Python-Markdown, then nh3) is the largest part of the build's own
work: about 0.8 ms an event, 4 s at 5,000 events on a slow machine. Each body is
rendered alone, so a big build hands them to worker processes (workers.py) and goes
on with the rest (the pages, the embed, the exports) while they work; each event
page takes its body as it comes back. The workers may take one job before the
bodies: the layout (site.render_site).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from .model import Event
from .sanitize import render_body
from .workers import CHUNK, fork_pool, workers_for


class PendingBodies:
    """The bodies of ``events``, rendered by workers from the start (``workers``: see
    workers.worker_count) and taken one by one with :meth:`html`; :meth:`close` when done.

    ``first``, when there are workers: a job (a function of no arguments, which a
    worker finds in what it was forked with) handed to them before the bodies;
    :attr:`first_result` is its future (None without workers)."""

    def __init__(
        self, events: Sequence[Event], workers: int, first: Callable[[], Any] | None = None
    ) -> None:
        sent = [event for event in events if event.body.strip()]
        # This process makes the pages meanwhile: it keeps a CPU of its own.
        self.workers = workers_for(workers, len(sent), beside_caller=True)
        self.first_result: Future[Any] | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._ids: Iterator[str] = iter(())
        self._rendered: Iterator[str] = iter(())
        # Bodies that came back before their page asked for them.
        self._early: dict[str, str] = {}
        if self.workers:
            self._pool = fork_pool(self.workers)
            if first is not None:
                self.first_result = self._pool.submit(first)
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
