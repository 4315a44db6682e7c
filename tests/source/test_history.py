"""Git history is data (history.py): no commit date and no file name can crash a build
or date an event wrongly. The histories are made here, with real commits."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, build_site, copy_events

from policy_timeline.source.history import parse_log, read_history

PLAN = "2017-07-new-generation-ai-development-plan"
PLAN_FILE = f"2017/{PLAN}.md"
YEARS = (1900, 2100)


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True)


def head(repo: Path) -> str:
    return subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], check=True,
                          capture_output=True, text=True).stdout.strip()


@pytest.fixture
def events(tmp_path) -> Path:
    """The fixture events, committed on 2020-01-02."""
    folder = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "events", date="2020-01-02T10:00:00Z")
    return folder


def change(events: Path, rel: str, date: str, text: str = "\nA sentence more.\n") -> None:
    path = events / rel
    with path.open("a", encoding="utf-8") as file:
        file.write(text)
    git(events.parent, "add", "--", str(path))
    git(events.parent, "commit", "-q", "-m", "change", date=date)


@pytest.mark.parametrize("date, said", [
    ("@99999999999 +0000", "99999999999"),          # 16 November 5138
    ("@253402300800 +0000", "253402300800"),        # 1 January 10000
    ("@1 +0000", "1"),                              # 1970, before these years
])
def test_a_commit_dated_outside_the_years_dates_nothing_and_is_named_once(events, date, said):
    change(events, PLAN_FILE, date)
    commit = head(events.parent)
    history = read_history(events, (2000, 2100))
    assert history.warnings == (
        f"commit {commit[:12]} is dated outside the years 2000-2100 (git time {said}): "
        "its date is ignored",)
    plan = history.of(PLAN_FILE)
    assert (plan.added, plan.changed) == (dt.date(2020, 1, 2), dt.date(2020, 1, 2))


@pytest.mark.parametrize("name", [
    "\x01999999999999999999",          # was: OSError, value too large
    "\x014102444800",                  # was: every file of that commit dated 2100-01-01
    "a\nb.md",
    "\n:100644 100644 0 0 M",           # looks like a status field
    "0" * 40 + " 4102444800",          # looks like a commit record
    "tab\there \x7f.md",
])
def test_file_names_cannot_pass_for_commits_or_dates(events, name):
    (events / name).write_text("not an event\n", encoding="utf-8")
    git(events.parent, "add", "--", str(events / name))
    change(events, PLAN_FILE, "2021-03-04T10:00:00Z")
    history = read_history(events)
    assert history.warnings == ()
    added = history.of(name)
    assert (added.added, added.changed) == (dt.date(2021, 3, 4), dt.date(2021, 3, 4))
    plan = history.of(PLAN_FILE)
    assert (plan.added, plan.changed) == (dt.date(2020, 1, 2), dt.date(2021, 3, 4))
    assert {dates.changed for dates in history.files.values()} <= {
        dt.date(2020, 1, 2), dt.date(2021, 3, 4)}


def test_parse_log_reads_each_field_by_its_place():
    a, b = "a" * 40, "b" * 40
    log = (f"{a} 1700000000\0\n:100644 100644 1 2 M\0a b.md\0:000000 100644 0 3 A\0c.md\0"
           f"{b} 1600000000\0\n:000000 100644 0 1 A\0a b.md\0")
    dates, warnings = parse_log(log, YEARS)
    assert warnings == []
    assert dates["a b.md"].added == dt.date(2020, 9, 13)
    assert dates["a b.md"].changed == dt.date(2023, 11, 14)
    assert dates["c.md"].added == dates["c.md"].changed == dt.date(2023, 11, 14)


def test_output_git_never_writes_dates_nothing_and_crashes_nothing():
    dates, warnings = parse_log("\x01garbage\0\0\n:x\0", YEARS)
    assert (dates, warnings) == ({}, [])


@pytest.mark.site
def test_a_site_builds_from_a_history_with_a_commit_in_the_year_10000(events, tmp_path):
    """Once merged, such a commit stays in the history: every later build must still
    build, dating the event from the commits that can be dated."""
    change(events, PLAN_FILE, "@253402300800 +0000")
    log: list[str] = []
    site = build_site(events, tmp_path / "site", log=log)
    page = (site / "events" / PLAN / "index.html").read_text(encoding="utf-8")
    assert 'Last changed <time datetime="2020-01-02">2 January 2020</time>' in page
    said = [line for line in log if "git history: commit" in line]
    assert len(said) == 1 and "is dated outside the years" in said[0]
