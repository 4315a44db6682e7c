"""When the build hands work to worker processes (policy_timeline.mkdocs.speed.workers).

That the site is the same bytes either way is tested in test_pages, on whole sites,
and that validation gives the same messages, in test_validate.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

from policy_timeline.mkdocs.speed import workers
from policy_timeline.mkdocs.speed.workers import AUTO_MIN_EVENTS, parts_worker_count, worker_count


def test_file_checks_in_workers_only_when_asked_for_and_one_means_none():
    # Measured, the file checks did not pay in workers: a build asks for them.
    assert worker_count(0) == 0
    assert worker_count(1) == 0
    assert worker_count(2) == 2
    assert worker_count(3) == 3


def test_event_pages_parts_in_workers_by_default_on_a_big_build_one_a_cpu_beside_it():
    cpus = len(os.sched_getaffinity(0))
    assert parts_worker_count(0, AUTO_MIN_EVENTS - 1) == 0
    assert parts_worker_count(0, AUTO_MIN_EVENTS) == cpus - 1
    assert parts_worker_count(1, 5000) == 0  # 1: none, whatever the size
    assert parts_worker_count(2, 10) == 2  # asked for: that many, whatever the size
    assert parts_worker_count(3, 5000) == 3


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
from policy_timeline.timeline import layout
from policy_timeline.build import prepare
from policy_timeline.mkdocs.speed.parts import render_site

build = prepare(Path(sys.argv[1]))
site, used = render_site(build, workers=2)
try:
    assert used == 2 and site.parts is not None and site.parts.pending.workers == 2
    assert "layout" in vars(build)  # handed in (build.use_layout) before the embed's SVG
    assert site.parts.layout() is None  # taken already
    assert build.layout == layout.compute(
        build.project.events, build.project.vocabulary, build.today)
    assert build.layout.events == tuple(build.project.events)
finally:
    site.close()
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


_WORKER_FAILS = """
import os
import sys
import time
from pathlib import Path
from policy_timeline.mkdocs.speed import pending
from policy_timeline.render import pages as render_pages
from policy_timeline.build import prepare
from policy_timeline.mkdocs.speed.parts import render_site

how, position = sys.argv[2], int(sys.argv[3])
pending.WAIT_SECONDS = 0.5  # a bound set tiny, for the worker that never answers
render_body = render_pages.render_body
failing = None

def hostile_renderer(text):
    # The renderer, in the workers (they are forked with it), failing on one event's body.
    if text == failing.body:
        if how == "raise":
            raise RecursionError("maximum recursion depth exceeded")
        if how == "exit":
            os._exit(9)
        time.sleep(3600)
    return render_body(text)

build = prepare(Path(sys.argv[1]))
failing = [event for event in build.index.events if event.body.strip()][position]
render_pages.render_body = hostile_renderer
site, used = render_site(build, workers=2)
assert used == 2 and site.parts is not None
try:
    for event in build.index.events:
        render_pages._PartsWhenFilled(build, event, site.parts)()
except render_pages.EventPartsFailed as failed:
    print(failed)
else:
    print("no failure")
finally:
    site.close()
"""


def _body_line(path) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines.index("---", 1) + 2


@pytest.mark.parametrize("how, position, reason", [
    ("raise", 1, "the worker process making its page failed: RecursionError: maximum "
                 "recursion depth exceeded; the build stopped"),
    ("exit", 0, "the worker process making its page, or the pages sent to the worker with it, "
                "stopped (BrokenProcessPool: A process in the process pool was terminated "
                "abruptly while the future was running or pending.); the build stopped"),
    ("hang", 0, "no worker process had made its page, or the pages sent to the worker with it, "
                "after 0.5 s; the build stopped"),
])
def test_a_worker_that_fails_or_never_answers_stops_the_build_at_the_event(how, position,
                                                                          reason):
    """The renderer raising on one event's body, a worker process that dies, and one that
    never answers: each stops the build with the event's file and line (where its body
    starts) and what happened, and the workers are gone (the process ends). In a fresh
    process: workers are forked only from a process without threads."""
    folder = FIXTURES / "events" / "site"
    proc = subprocess.run([sys.executable, "-c", _WORKER_FAILS, str(folder), how, str(position)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    from policy_timeline.build import prepare
    build = prepare(folder)
    if how == "raise":  # the event whose body the renderer failed on, at its body's line
        event = [e for e in build.index.events if e.body.strip()][position]
        line = _body_line(Path(event.path))
        assert event is not build.index.events[0]
    else:  # the first event of the pages the worker had (this one has no body: line 1)
        event, line = build.index.events[0], 1
        assert not event.body.strip()
    assert proc.stdout.strip() == f"{event.path}:{line}: page: {reason}"
