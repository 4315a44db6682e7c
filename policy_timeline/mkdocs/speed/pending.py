"""Each event's page parts, made by worker processes on a big build while the build goes on.

Rendering bodies (Python-Markdown, then nh3) is the largest part of the build's own
work: about 0.8 ms an event, 4 s at 5,000 events on a slow machine. The rest of an
event page's HTML (its facts, citations, "Cite this event" and its downloads)
took another 0.3 ms an event in the build's process. Each event's parts are made
alone, so a big build hands them to worker processes (workers.py) and goes on
with the rest (the other pages, the embed, the exports) while they work; mkdocs
then writes the pages, and each event page takes its parts as they come back.
The workers may take one job before the parts: the layout (parts.render_site).
A worker that cannot make a result raises ``generated.WorkFailed`` (its job
raised, its process stopped, or it took more than WAIT_SECONDS); the workers
are stopped by then.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

from policy_timeline.mkdocs.speed.workers import CHUNK, can_fork, fork_pool
from policy_timeline.render.generated import WorkFailed

T = TypeVar("T")

# The longest the build waits for the workers' next CHUNK results, once it asks for them
# (they are made in the order sent, so by then they are being made). A body the validator
# accepts renders in under 0.3 s (tests/source/test_body_cost.py), so CHUNK of them take well under
# this; a worker that takes longer stops the build instead of hanging it.
WAIT_SECONDS = 300.0
# Chunks handed to the workers ahead of the one the build reads: enough to keep them
# busy, few enough that parts made long before their page is written are not all
# held at once (at 5,000 events, every part made at once was 37 MB of peak memory).
AHEAD = 8


def _run_chunk(job: Callable[[int], Any], positions: range) -> list[tuple[bool, Any]]:
    """In a worker: ``(True, result)`` for each position, up to the first whose job raises,
    which is ``(False, what it raised)``: as text, for an exception may not pickle."""
    results: list[tuple[bool, Any]] = []
    for position in positions:
        try:
            results.append((True, job(position)))
        except Exception as exc:  # told to the build, with the event's file and line
            results.append((False, f"{type(exc).__name__}: {exc}"))
            break
    return results


class PendingWork(Generic[T]):
    """``job(position)`` for every key of ``keys`` (its position in them), done by
    ``workers`` worker processes from the start (none where forking is not safe:
    workers.can_fork) and taken one by one with
    :meth:`get`; :meth:`close` when done. ``job`` finds what it works on in what the
    workers were forked with, so only positions go to them.

    ``first``, when there are workers: a job of no arguments handed to them before
    the rest; :meth:`take_first` gives its future (None without workers)."""

    def __init__(
        self,
        keys: Sequence[str],
        job: Callable[[int], T],
        workers: int,
        first: Callable[[], Any] | None = None,
    ) -> None:
        self.workers = workers if workers > 0 and can_fork() else 0
        self._first: Future[Any] | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._keys: Iterator[str] = iter(())
        self._done: Iterator[tuple[bool, Any]] = iter(())
        # Results that came back before they were asked for.
        self._early: dict[str, T] = {}
        if self.workers:
            self._pool = fork_pool(self.workers)
            if first is not None:
                self._first = self._pool.submit(first)
            self._keys = iter(keys)
            positions = range(len(keys))
            self._starts = iter(range(0, len(keys), CHUNK))
            self._chunks: deque[Future[list[tuple[bool, Any]]]] = deque()
            self._send(job, positions)
            self._done = self._results(job, positions)

    def take_first(self) -> Future[Any] | None:
        """The future of the ``first`` job, once: held here no longer, so that its result
        goes once its taker lets it go."""
        first, self._first = self._first, None
        return first

    def _send(self, job: Callable[[int], T], positions: range) -> None:
        """Hand the workers chunks until AHEAD of them are out."""
        while self._pool is not None and len(self._chunks) < AHEAD:
            start = next(self._starts, None)
            if start is None:
                return
            self._chunks.append(
                self._pool.submit(_run_chunk, job, positions[start : start + CHUNK])
            )

    def _results(self, job: Callable[[int], T], positions: range) -> Iterator[tuple[bool, Any]]:
        while self._chunks:
            chunk = self._chunks.popleft()
            self._send(job, positions)
            yield from chunk.result(timeout=WAIT_SECONDS)

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
            try:
                made, done = next(self._done)
            except FuturesTimeout:
                reason = (
                    "no worker process had made its page, or the pages sent to the worker "
                    f"with it, after {WAIT_SECONDS:g} s"
                )
            except (BrokenProcessPool, CancelledError, StopIteration) as exc:
                reason = (
                    "the worker process making its page, or the pages sent to the worker "
                    f"with it, stopped ({type(exc).__name__}: {exc})"
                )
            else:
                if made:
                    if next_key == key:
                        found = done
                    else:
                        self._early[next_key] = done
                    continue
                reason = f"the worker process making its page failed: {done}"
            self.stop()
            raise WorkFailed(next_key, reason)
        return found

    def stop(self) -> None:
        """Let the workers go at once, whatever they are doing: after a failure, so that
        neither a worker that hangs nor the work still queued holds the build up."""
        pool, self._pool = self._pool, None
        self._early.clear()
        if pool is None:
            return
        # The executor has no public way to end its processes before Python 3.14.
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(5)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
            self._early.clear()
