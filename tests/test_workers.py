"""When the build hands work to worker processes (policy_timeline.workers).

That the site is the same bytes either way is tested in test_pages, on whole sites,
and that validation gives the same messages, in test_validate.
"""
from __future__ import annotations

import subprocess
import sys
import threading

from conftest import FIXTURES, REPO

from policy_timeline import workers
from policy_timeline.workers import MAX_WORKERS, MIN_ITEMS, worker_count


def test_a_small_build_or_a_single_cpu_renders_in_the_process():
    assert worker_count(0, MIN_ITEMS - 1, 8) == 0
    assert worker_count(0, 10 * MIN_ITEMS, 1) == 0


def test_a_big_build_takes_a_worker_a_cpu_up_to_the_most():
    assert worker_count(0, MIN_ITEMS, 2) == 2
    assert worker_count(0, MIN_ITEMS, 64) == MAX_WORKERS


def test_work_beside_the_builds_own_leaves_it_a_cpu():
    # The bodies: the build's process makes the pages meanwhile.
    assert worker_count(0, MIN_ITEMS, 2, beside_caller=True) == 1
    assert worker_count(0, MIN_ITEMS, 4, beside_caller=True) == 3
    assert worker_count(0, MIN_ITEMS, 64, beside_caller=True) == MAX_WORKERS
    assert worker_count(0, MIN_ITEMS - 1, 8, beside_caller=True) == 0
    assert worker_count(2, MIN_ITEMS, 2, beside_caller=True) == 2


def test_a_number_asked_for_is_taken_and_one_means_none():
    assert worker_count(3, 1, 1) == 3
    assert worker_count(1, 10 * MIN_ITEMS, 8) == 0


def test_no_worker_is_forked_from_a_process_running_threads():
    # mkdocs serve runs threads: a fork could copy a lock another thread holds.
    seen = []
    thread = threading.Thread(target=lambda: seen.append(workers.can_fork()))
    thread.start()
    thread.join()
    assert seen == [False]


_LAYOUT_IN_WORKER = """
import sys
from pathlib import Path
from policy_timeline import layout
from policy_timeline.build import prepare
from policy_timeline.site import render_site

build = prepare(Path(sys.argv[1]), workers=1)
render_site(build, workers=2)
try:
    assert build.event_parts is not None and build.event_parts.workers == 2
    assert build.event_parts.first_result is not None and build.event_parts.first_result.done()
    assert build.layout_from_worker is None  # taken by the embed page's SVG
    assert build.layout == layout.compute(
        build.project.events, build.project.vocabulary, build.today)
    assert build.layout.events == tuple(build.project.events)
finally:
    build.close()
print("same layout")
"""


def test_the_layout_a_worker_computes_is_the_one_computed_here():
    """render_site hands the layout to a worker first; the build takes it from there,
    events and all, and it is the layout this process computes. In a fresh process:
    workers are forked only from a process without threads, which pytest's may run."""
    proc = subprocess.run([sys.executable, "-c", _LAYOUT_IN_WORKER, str(FIXTURES / "events" / "site")],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.strip() == "same layout"
