"""The build's data made with Python's collector paused, then frozen (mkdocs/speed/collector.py).

A build leaves the collector as it found it, whether the build succeeds or fails, so
that a process building more than once (``mkdocs serve``) frees each build's data;
worker processes run their own collector. Each case runs in a Python process of its
own: the collector is that process's state.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from conftest import BUILD_EPOCH, FIXTURES, REPO, copy_events, write_events


def _run(script: str, env: dict | None = None) -> dict:
    full_env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1",
                "SOURCE_DATE_EPOCH": BUILD_EPOCH, **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], cwd=REPO,
                          env=full_env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


# Builds the site twice in this process, as `mkdocs serve` rebuilds it, then once with
# invalid events; after each, the collector's state: running, and nothing frozen (what
# a build froze is the collector's again, to free once the next build replaces it).
BUILDS = """
    import gc, json, os
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    def one_build(site_dir):
        config = load_config(config_file="mkdocs.yml", site_dir=site_dir, strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        return config

    state = {}
    one_build(SITE + "/first")
    state["after_first"] = [gc.isenabled(), gc.get_freeze_count()]
    one_build(SITE + "/second")
    state["after_second"] = [gc.isenabled(), gc.get_freeze_count()]
    os.environ["TIMELINE_EVENTS_DIR"] = BAD
    try:
        one_build(SITE + "/third")
        state["failed"] = False
    except Abort:
        state["failed"] = True
    state["after_failure"] = [gc.isenabled(), gc.get_freeze_count()]
    print(json.dumps(state))
"""


@pytest.mark.site
def test_builds_give_the_collector_back_as_they_found_it(tmp_path):
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    bad = write_events(tmp_path / "bad", {"2017/2017-07-x.md": "---\ntitle: x\n---\n"})
    script = BUILDS.replace("SITE", repr(str(tmp_path / "sites"))).replace("BAD", repr(str(bad)))
    state = _run(script, {"TIMELINE_EVENTS_DIR": str(events)})
    assert state["after_first"] == [True, 0]
    assert state["after_second"] == [True, 0]
    assert state["failed"] is True
    assert state["after_failure"] == [True, 0]
    assert (tmp_path / "sites" / "second" / "index.html").is_file()


WORKERS = """
    import gc, json
    from policy_timeline.mkdocs.speed import collector
    from policy_timeline.mkdocs.speed.workers import fork_pool

    def worker_state():
        return [gc.isenabled(), gc.get_freeze_count() > 0]

    state = {}
    made = [object() for _ in range(1000)]  # something to freeze
    with collector.long_lived():
        state["paused"] = gc.isenabled()
        with fork_pool(1) as pool:
            state["worker"] = pool.submit(worker_state).result()
    state["after"] = [gc.isenabled(), gc.get_freeze_count() > 0]
    collector.release()
    state["released"] = gc.get_freeze_count()
    with collector.long_lived(active=False):
        state["inactive"] = gc.isenabled()
    state["inactive_after"] = gc.get_freeze_count()
    gc.disable()
    with collector.long_lived():
        pass
    state["host_turned_off"] = [gc.isenabled(), gc.get_freeze_count()]
    print(json.dumps(state))
"""


def test_workers_collect_their_own_garbage_and_never_walk_what_they_share():
    state = _run(WORKERS)
    assert state["paused"] is False
    # The worker's collector runs; what it shares with the build's process is frozen.
    assert state["worker"] == [True, True]
    assert state["after"] == [True, True]
    assert state["released"] == 0
    # Off with the other shortcuts, and left alone when the host turned the collector off.
    assert state["inactive"] is True and state["inactive_after"] == 0
    assert state["host_turned_off"] == [False, 0]


TRIM = """
    import json
    from policy_timeline.mkdocs.speed import collector

    def rss_mb():
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024

    # 60 MB of pages' HTML made and let go, each with a small thing made after it
    # still alive: the C library keeps the room between them (as a build's heap does).
    pages, kept = [], []
    for i in range(2_000):
        pages.append("x" * 30_000 + str(i))
        kept.append("y" * 600 + str(i))
    del pages
    before = rss_mb()
    collector.give_back_free_memory()
    print(json.dumps({"before": before, "after": rss_mb()}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim: Linux")
def test_memory_let_go_goes_back_to_the_system_before_the_search_index_is_written():
    state = _run(TRIM)
    assert state["before"] - state["after"] > 40, state
