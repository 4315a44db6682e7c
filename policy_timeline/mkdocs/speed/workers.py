"""Worker processes for the build's per-event work: how many, and a pool of them.

Making the event pages' parts (bodies included) and checking the event files are
the build's own largest costs, and each event or file is work of its own. A big
build forks workers for the parts by default (parts.py; how many:
:func:`parts_worker_count`), and for the file checks only when ``build_workers``
asks for two or more (``file_map`` for source/validate.py; :func:`worker_count`):
forked, they
start in milliseconds with the engine imported and the build so far in
memory. Results come back in the order the work was sent, so the output is the
same bytes either way (tests compare whole sites and every fixture's messages).

Only where forking is safe: on Linux, from a process with no other thread
(``mkdocs build``, the first build of ``mkdocs serve``). A rebuild under
``mkdocs serve`` runs beside the server's threads and does the work in its own
process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from policy_timeline.mkdocs.speed import collector

# Items sent to a worker at a time: enough to keep the pipes quiet.
CHUNK = 64


def can_fork() -> bool:
    """Forking is safe here: Linux, and no thread that could hold a lock the child needs."""
    return (
        sys.platform == "linux"
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


# A build of this many events or more makes its event pages' parts in worker
# processes unless told otherwise (``build_workers: 1``).
AUTO_MIN_EVENTS = 1000


def worker_count(requested: int) -> int:
    """How many worker processes check the event files: ``requested`` when it is 2 or
    more, else none (the build's own process does it). Only when asked for: checking
    5,000 short events' files in one process took 0.72 of the time it took with a
    worker a CPU (the events they send back cost more than the checks)."""
    return requested if requested > 1 else 0


def parts_worker_count(requested: int, events: int) -> int:
    """How many worker processes make the event pages' parts: ``requested`` when it is
    2 or more, none when it is 1, and by default (0) one a CPU beside the build's own
    process on a build of ``AUTO_MIN_EVENTS`` or more. Measured on a quiet 2-CPU
    machine (whole builds in turn, ARCHITECTURE.md), 5,000 events built in 0.75 of
    the time with workers making the parts."""
    if requested:
        return requested if requested > 1 else 0
    if events < AUTO_MIN_EVENTS:
        return 0
    return max(len(os.sched_getaffinity(0)) - 1, 0) if hasattr(os, "sched_getaffinity") else 0


def workers_for(requested: int) -> int:
    """:func:`worker_count` here; 0 where no worker may be forked."""
    if not can_fork():
        return 0
    return worker_count(requested)


def fork_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` forked processes, all forked (at its first job) before the
    pool starts its thread. What they share with this process is frozen first when the
    collector is paused, and each runs its own (collector.py)."""
    collector.before_fork()
    return ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("fork"), initializer=collector.in_worker
    )


# The job forked workers run on each item (file_map): set just before they are forked,
# so that each has it, with all it reads, without pickling it.
_JOB: Callable[[Any], Any] | None = None


def _run_job(item: Any) -> Any:
    assert _JOB is not None
    return _JOB(item)


def file_map(requested: int) -> Callable[[Callable[[str], Any], list[str]], Iterable[Any]]:
    """A ``map`` for the validator's file checks (``source.validate.MapFiles``): in
    ``requested`` forked workers (see :func:`worker_count`), else in this process.
    Results come back in the order of the files."""

    def map_files(job: Callable[[str], Any], items: list[str]) -> Iterable[Any]:
        count = workers_for(requested)
        return _forked(job, items, count) if count else map(job, items)

    return map_files


def _forked(job: Callable[[Any], Any], items: list[Any], count: int) -> Iterator[Any]:
    global _JOB
    _JOB = job
    try:
        with fork_pool(count) as pool:
            yield from pool.map(_run_job, items, chunksize=CHUNK)
    finally:
        _JOB = None
