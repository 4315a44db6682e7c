"""Worker processes for the build's per-event work: how many, and a pool of them.

Validating event files and rendering their bodies are the build's own largest
costs, and each file or body is work of its own. A big build forks workers for
them (``file_map`` for source/validate.py, parts.py for event pages): forked, they start in milliseconds with the
engine imported and the build so far in memory. Results come back in the
order the work was sent, so the output is the same bytes either way (tests
compare whole sites and every fixture's messages).

Only where forking is safe: on Linux, from a process with no other thread
(``mkdocs build``, ``policy-timeline validate``, the first build of ``mkdocs
serve``). A rebuild under ``mkdocs serve`` runs beside the server's threads and
does the work in its own process, as does a small build, where starting workers
would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

# Below this many files or bodies, workers cost more than they save (at 500,
# about 0.1 s of starting and feeding two workers against 0.2-0.4 s of work).
MIN_ITEMS = 500
# More workers than this gain nothing: the build's process has its own work.
MAX_WORKERS = 4
# Items sent to a worker at a time: enough to keep the pipes quiet.
CHUNK = 64


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


def worker_count(requested: int, items: int, cpus: int, *, beside_caller: bool = False) -> int:
    """How many worker processes take ``items`` pieces of work on ``cpus`` CPUs:
    ``requested`` when it is set (1: none, the build's own process does the work),
    else one a CPU (at most MAX_WORKERS) from MIN_ITEMS items, with more than one CPU.

    ``beside_caller``: the build's process keeps working while the workers do
    (the event pages' parts, while it makes the other pages and mkdocs writes
    them): only when ``requested``. Measured with short events on 2 CPUs shared
    with other work (whole builds in turn, medians of the pairs' ratios), a build
    without them took 1.06 of the time of one with a worker beside it at 1,000
    events and 0.96 at 5,000 (single pairs from 0.4 to 1.4), and at 5,000 the
    worker cost 29 MB of peak memory (313 MB against 284 MB, over the 300 MB
    target): not the 5% a shortcut must pay."""
    if requested > 0:
        return requested if requested > 1 else 0
    if beside_caller or items < MIN_ITEMS or cpus < 2:
        return 0
    return min(cpus, MAX_WORKERS)


def workers_for(requested: int, items: int, *, beside_caller: bool = False) -> int:
    """:func:`worker_count` on this machine; 0 where no worker may be forked."""
    if not can_fork():
        return 0
    return worker_count(requested, items, available_cpus(), beside_caller=beside_caller)


def fork_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` forked processes, all forked before the pool starts its thread."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


# The job forked workers run on each item (file_map): set just before they are forked,
# so that each has it, with all it reads, without pickling it.
_JOB: Callable[[Any], Any] | None = None


def _run_job(item: Any) -> Any:
    assert _JOB is not None
    return _JOB(item)


def file_map(requested: int) -> Callable[[Callable[[str], Any], list[str]], Iterable[Any]]:
    """A ``map`` for the validator's file checks (``source.validate.MapFiles``): in
    forked workers on a big folder (``requested``: see :func:`worker_count`), else in
    this process. Results come back in the order of the files."""

    def map_files(job: Callable[[str], Any], items: list[str]) -> Iterable[Any]:
        count = workers_for(requested, len(items))
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
