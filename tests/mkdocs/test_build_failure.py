"""A build stopped by invalid events leaves an existing site folder as it was.

mkdocs 1.6 empties the site folder right after on_pre_build; the hook
validates in on_pre_build, so a failed `mkdocs build --strict -d SITE` never
reaches the cleaning.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import BUILD_EPOCH, REPO, build_site, inherited_config, write_events

pytestmark = pytest.mark.site

VALID = """---
title: A plan
date: 2017-07
lane: central
kind: plan
summary: A valid event.
sources:
  - {title: A source, url: "https://example.org/plan"}
---
"""


def _snapshot(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def test_a_failed_build_leaves_the_site_folder_as_it_was(tmp_path):
    events = write_events(tmp_path / "events",
                          {"2017/2017-07-new-generation-ai-development-plan.md": VALID})
    site = build_site(events, tmp_path / "site")
    before = _snapshot(site)
    assert len(before) > 50 and "events/2017-07-new-generation-ai-development-plan/index.html" in before
    plan = events / "2017" / "2017-07-new-generation-ai-development-plan.md"
    plan.write_text(VALID.replace("lane: central", "lane: nowhere"), encoding="utf-8")
    env = {**os.environ, "TIMELINE_EVENTS_DIR": str(events), "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                           str(REPO / "mkdocs.yml"), "-d", str(site)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1
    output = proc.stdout + proc.stderr
    assert f'{plan}:4: lane: "nowhere" is not one of the lanes of the vocabulary' in output
    assert f"1 error(s) in event files; nothing was built, and {site} was left as it was" in output
    assert "Cleaning site directory" not in output
    assert _snapshot(site) == before


# --- any failure, anywhere: the build writes into a staging folder (mkdocs/staging.py) ---

def _build(config, events, site):
    env = {**os.environ, "TIMELINE_EVENTS_DIR": str(events), "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                           "-d", str(site)], cwd=config.parent, env=env, capture_output=True,
                          text=True, timeout=600)


def _old_site(tmp_path):
    site = tmp_path / "site"
    (site / "events").mkdir(parents=True)
    (site / "index.html").write_text("<p>the site as it was</p>", encoding="utf-8")
    (site / "events" / "kept.html").write_text("kept", encoding="utf-8")
    return site


def _no_leftovers(tmp_path):
    return sorted(p.name for p in tmp_path.iterdir() if "policy-timeline" in p.name)


def test_a_template_that_fails_while_pages_are_written_leaves_the_site_folder_as_it_was(tmp_path):
    """A site's own template that raises: mkdocs has emptied its site folder and
    written pages by then, but into the staging folder, which is dropped."""
    events = write_events(tmp_path / "events", {"2017/2017-07-a-plan.md": VALID})
    theme = tmp_path / "overrides"
    theme.mkdir()
    (theme / "main.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ page.title.no_such() }}{% endblock %}',
        encoding="utf-8")
    site = _old_site(tmp_path)
    before = _snapshot(site)
    proc = _build(inherited_config(tmp_path, custom_dir=theme), events, site)
    assert proc.returncode != 0 and "no_such" in proc.stdout + proc.stderr
    assert _snapshot(site) == before
    assert _no_leftovers(tmp_path) == []


def test_a_warning_under_strict_leaves_the_site_folder_as_it_was(tmp_path):
    """mkdocs aborts a --strict build with warnings only after every page is written:
    the staging folder is not swapped in then."""
    events = write_events(tmp_path / "events", {"2017/2017-07-a-plan.md": VALID})
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n[a page that is not there](missing.md)\n",
                                   encoding="utf-8")
    site = _old_site(tmp_path)
    before = _snapshot(site)
    proc = _build(inherited_config(tmp_path, docs=docs), events, site)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "in strict mode" in output
    assert f"warnings in strict mode: {site} was left as it was" in output
    assert _snapshot(site) == before
    assert _no_leftovers(tmp_path) == []


def test_a_build_that_succeeds_replaces_the_site_folder_whole_and_leaves_nothing_beside_it(
        tmp_path):
    """The old site's files are gone (a clean build), the new site is in place, and a
    leftover of a killed build, here a symbolic link planted at the staging folder's
    name, is removed without following it."""
    events = write_events(tmp_path / "events", {"2017/2017-07-a-plan.md": VALID})
    site = _old_site(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("not ours", encoding="utf-8")
    (tmp_path / "site.policy-timeline-staging").symlink_to(outside)
    proc = _build(inherited_config(tmp_path), events, site)
    assert proc.returncode == 0, proc.stderr
    assert not (site / "events" / "kept.html").exists()
    assert (site / "events" / "2017-07-a-plan" / "index.html").is_file()
    assert (outside / "precious.txt").read_text(encoding="utf-8") == "not ours"
    assert _no_leftovers(tmp_path) == []


def test_a_build_refuses_to_start_when_git_tracks_compiled_python(tmp_path):
    """An "unchecked hash" .pyc runs instead of its source (PEP 552): committed beside
    a macros module, it would run in the next build of that branch."""
    events = write_events(tmp_path / "events", {"2017/2017-07-a-plan.md": VALID})
    config = inherited_config(tmp_path)
    planted = tmp_path / "macros" / "__pycache__" / "main.cpython-311.pyc"
    planted.parent.mkdir(parents=True)
    planted.write_bytes(b"\xa7\r\r\n\x03\x00\x00\x00" + bytes(8))
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for args in (["init", "-q"], ["add", "-f", "mkdocs.yml", str(planted)], ["commit", "-qm", "x"]):
        subprocess.run([*git, *args], check=True, capture_output=True)
    site = _old_site(tmp_path)
    before = _snapshot(site)
    proc = _build(config, events, site)
    assert proc.returncode == 1
    assert ("git tracks compiled Python (macros/__pycache__/main.cpython-311.pyc): Python may "
            "run such a file instead of its source, so nothing was built") in proc.stdout + proc.stderr
    assert _snapshot(site) == before


def test_make_keeps_compiled_python_outside_the_checkout():
    """Under make, Python reads and writes no __pycache__ in the checkout."""
    proc = subprocess.run(["make", "-s", "-f", str(REPO / "Makefile"), "--eval",
                           "show-prefix: ; @echo $$PYTHONPYCACHEPREFIX", "show-prefix"],
                          cwd=REPO, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "HOME": "/home/someone"})
    prefix = proc.stdout.strip()
    assert prefix.endswith("/policy-timeline/pycache") and not prefix.startswith(str(REPO))


_BUILD_WITH_A_FAILING_WORKER = """
import sys
from policy_timeline.render import pages as render_pages
from mkdocs.__main__ import cli

render_body = render_pages.render_body

def failing(text):
    # In the worker processes (forked with this): one event's body cannot be rendered.
    if "A sentence that breaks the renderer." in text:
        raise RecursionError("maximum recursion depth exceeded")
    return render_body(text)

render_pages.render_body = failing
cli(sys.argv[1:])
"""


@pytest.mark.parametrize("workers, said", [
    # Made by a worker process: the event's file and line, not a traceback.
    ("2", "events/2017/2017-07-a-plan.md:10: page: the worker process making its page failed: "
          "RecursionError: maximum recursion depth exceeded; the build stopped"),
    # Made in the build's own process: mkdocs names the page.
    ("1", "Error building page 'events/2017-07-a-plan.md': maximum recursion depth exceeded"),
])
def test_a_page_that_cannot_be_rendered_stops_the_build_and_leaves_the_site_folder(
        tmp_path, workers, said):
    """An event page's parts fail to render (an engine bug, made here on purpose), in a
    worker process or in the build's own: the build stops saying where, and the site
    folder is as it was."""
    body = "\nA sentence that breaks the renderer.\n"
    events = write_events(tmp_path / "events", {"2017/2017-07-a-plan.md": VALID + body,
                                                "2016/2016-a-law.md": VALID.replace(
                                                    "2017-07", "2016") + "\nFine.\n"})
    site = _old_site(tmp_path)
    before = _snapshot(site)
    env = {**os.environ, "TIMELINE_EVENTS_DIR": str(events), "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": BUILD_EPOCH, "TIMELINE_BUILD_WORKERS": workers}
    env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run([sys.executable, "-c", _BUILD_WITH_A_FAILING_WORKER, "build",
                           "--strict", "-f", str(inherited_config(tmp_path)), "-d", str(site)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1
    assert said in output
    assert _snapshot(site) == before
    assert _no_leftovers(tmp_path) == []
