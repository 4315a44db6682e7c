"""Each event's page parts, made by worker processes on a big build while the build goes on.

Rendering bodies (Python-Markdown, then nh3) is the largest part of the build's own
work: about 0.8 ms an event, 4 s at 5,000 events on a slow machine. The rest of an
event page's HTML (its facts, citations, "Cite this event" and its downloads)
took another 0.3 ms an event in the build's process. Each event's parts are made
alone, so a big build hands them to worker processes (workers.py) and goes on
with the rest (the other pages, the embed, the exports) while they work; mkdocs
then writes the pages, and each event page takes its parts as they come back.
The workers may take one job before the parts: the layout (site.render_site).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Generic, TypeVar

from .workers import CHUNK, fork_pool, workers_for

T = TypeVar("T")


class PendingWork(Generic[T]):
    """``job(position)`` for every key of ``keys`` (its position in them), done by workers
    from the start (``workers``: see workers.worker_count) and taken one by one with
    :meth:`get`; :meth:`close` when done. ``job`` finds what it works on in what the
    workers were forked with, so only positions go to them.

    ``first``, when there are workers: a job of no arguments handed to them before
    the rest; :attr:`first_result` is its future (None without workers)."""

    def __init__(
        self,
        keys: Sequence[str],
        job: Callable[[int], T],
        workers: int,
        first: Callable[[], Any] | None = None,
    ) -> None:
        # This process makes the other pages meanwhile: it keeps a CPU of its own.
        self.workers = workers_for(workers, len(keys), beside_caller=True)
        self.first_result: Future[Any] | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._keys: Iterator[str] = iter(())
        self._done: Iterator[T] = iter(())
        # Results that came back before they were asked for.
        self._early: dict[str, T] = {}
        if self.workers:
            self._pool = fork_pool(self.workers)
            if first is not None:
                self.first_result = self._pool.submit(first)
            self._keys = iter(keys)
            self._done = self._pool.map(job, range(len(keys)), chunksize=CHUNK)

    def get(self, key: str) -> T | None:
        """The result for ``key`` as soon as a worker has it, so that pages are written
        while later ones are still being made (they are asked for in about the
        order sent); None when no worker has it to give: the caller makes it."""
        if self._pool is None:
            return None
        found = self._early.pop(key, None)
        while found is None:
            next_key = next(self._keys, None)
            if next_key is None:  # not sent (another build's event), or taken already
                return None
            done = next(self._done)
            if next_key == key:
                found = done
            else:
                self._early[next_key] = done
        return found

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
            self._early.clear()
