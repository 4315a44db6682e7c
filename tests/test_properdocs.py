"""The site builds under ProperDocs, MkDocs 1.x's maintained fork, to the same pages.

Material for MkDocs reaches end of life on 5 May 2027, and MkDocs itself is
unmaintained; ProperDocs continues MkDocs 1.x. The engine must not depend on
which of the two runs it (ARCHITECTURE.md, "What the engine needs from a host").
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import BUILD_EPOCH, FIXTURES, REPO, build_site, copy_events

pytestmark = pytest.mark.site

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path):
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    ours = build_site(events, tmp_path / "mkdocs")
    env = {**os.environ, "TIMELINE_EVENTS_DIR": str(events), "SOURCE_DATE_EPOCH": BUILD_EPOCH,
           "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "--quiet",
         "-f", str(REPO / "mkdocs.yml"), "--site-dir", str(tmp_path / "properdocs")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    theirs = tmp_path / "properdocs"
    files = sorted(p.relative_to(ours) for p in ours.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(theirs) for p in theirs.rglob("*") if p.is_file())
    assert len(files) > 100
    differ = []
    for rel in files:
        a, b = (ours / rel).read_bytes(), (theirs / rel).read_bytes()
        if rel.suffix == ".gz":   # the sitemap's archive holds a timestamp of its own
            continue
        # Only the generator's name may differ ("mkdocs-1.6.1" or "mkdocs-ProperDocs 1.6.7").
        if GENERATOR.sub(b"", a) != GENERATOR.sub(b"", b):
            differ.append(str(rel))
    assert differ == []
    assert b"ProperDocs" in (theirs / "index.html").read_bytes()
