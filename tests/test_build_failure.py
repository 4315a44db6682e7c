"""A build stopped by invalid events leaves an existing site folder as it was.

mkdocs 1.6 empties the site folder right after on_pre_build; the hook
validates in on_pre_build, so a failed `mkdocs build --strict -d SITE` never
reaches the cleaning.
"""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import BUILD_EPOCH, REPO, build_site, write_events

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
