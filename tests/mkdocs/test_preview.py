"""The live preview (mkdocs serve) with invalid events: errors in the browser, then recovery.

A real ``mkdocs serve`` of this repository's site on a free loopback port,
fed a copy of fixture events; the test saves a broken event file, reads
pages over HTTP until they show the validator's message, then fixes the file
and reads until the timeline is back. How long each took is printed (speed
is reported, not asserted).
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, copy_events

pytestmark = pytest.mark.site

EVENT = "2019-03-capital-winter.md"
EVENT_PAGE = "/events/2019-03-capital-winter/"
# The mistake the issue names: a misspelt field.
BROKEN_LINE = "summery: A typo for summary.\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def wait_for(url: str, check, limit: float = 30.0) -> tuple[float, str]:
    """Seconds until ``check(page)`` holds for the page at ``url``, and the page."""
    started = time.monotonic()
    last = ""
    while time.monotonic() - started < limit:
        try:
            status, last = fetch(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            status = 0
        if status == 200 and check(last):
            return time.monotonic() - started, last
        time.sleep(0.1)
    raise AssertionError(f"{url} did not change within {limit} s; last page:\n{last[:2000]}")


class Preview:
    def __init__(self, events: Path, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "TIMELINE_EVENTS_DIR": str(events), "NO_MKDOCS_2_WARNING": "1"}
        env.pop("GITHUB_ACTIONS", None)
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(REPO / "mkdocs.yml"),
             "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=REPO, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        )

    def stop(self) -> str:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        return self.log.read_text(encoding="utf-8")


def assert_errors_printed_last(log: str) -> None:
    """The validator's messages are the last thing a failed build printed: mkdocs'
    notices about pages out of the nav (one a generated page) come before them."""
    lines = log.splitlines()
    last = max(i for i, line in enumerate(lines) if "the preview shows them on every page" in line)
    first = max(i for i, line in enumerate(lines[:last]) if f"{EVENT}:" in line and "summery" in line)
    assert all(f"{EVENT}:" in line for line in lines[first:last]), lines[first:last]
    noise = ("Documentation built", "Serving on", "Watching paths", "Reloading browsers")
    after = [line for line in lines[last + 1:] if not any(n in line for n in noise)]
    assert after[: next((i for i, line in enumerate(after) if "Building documentation" in line
                         or "Detected file changes" in line), len(after))] == []


def has_timeline(page: str) -> bool:
    return 'class="pt-stage' in page and "The event files have errors" not in page


def shows_error(page: str) -> bool:
    return "The event files have errors" in page and "summery" in page


@pytest.fixture
def preview(tmp_path):
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    server = Preview(events, tmp_path / "serve.log")
    yield server, events
    server.stop()


def test_an_invalid_save_shows_the_errors_on_every_page_then_the_fix_brings_the_site_back(preview):
    server, events = preview
    wait_for(server.url + "/", has_timeline, limit=120)
    event_file = events / EVENT
    good = event_file.read_text(encoding="utf-8")
    event_file.write_text(good.replace("summary:", BROKEN_LINE + "summary:", 1), encoding="utf-8")

    shown, page = wait_for(server.url + "/", shows_error)
    print(f"errors shown {shown:.2f} s after the save")
    # The message in full: file, line, field, what was expected, escaped as text.
    line = 1 + good.split("summary:", 1)[0].count("\n")
    assert re.search(rf"{re.escape(EVENT)}:{line}: summery: ", page), page
    # Every page: a hand-written one, a generated one, an event's.
    for address in ("/about/", "/events/", EVENT_PAGE, "/tags/targets/"):
        status, other = fetch(server.url + address)
        assert status == 200 and shows_error(other), address
    assert_errors_printed_last(server.log.read_text(encoding="utf-8"))

    event_file.write_text(good, encoding="utf-8")
    recovered, page = wait_for(server.url + "/", has_timeline)
    print(f"timeline back {recovered:.2f} s after the fix")
    status, event_page = fetch(server.url + EVENT_PAGE)
    assert status == 200 and "The event files have errors" not in event_page


def test_a_preview_started_on_invalid_events_shows_them_and_recovers(tmp_path):
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    event_file = events / EVENT
    good = event_file.read_text(encoding="utf-8")
    event_file.write_text(good.replace("summary:", BROKEN_LINE + "summary:", 1), encoding="utf-8")
    server = Preview(events, tmp_path / "serve.log")
    try:
        wait_for(server.url + "/", shows_error, limit=120)
        # No good build yet: the event's page is still there, made from its file name.
        status, page = fetch(server.url + EVENT_PAGE)
        assert status == 200 and shows_error(page)
        event_file.write_text(good, encoding="utf-8")
        wait_for(server.url + "/", has_timeline)
    finally:
        log = server.stop()
    # The terminal says it too, once per failed build, and no mkdocs-macros chatter.
    assert f"{EVENT}:" in log and "summery" in log
    assert "the preview shows them on every page" in log
    assert "[macros]" not in log


def test_hostile_text_in_an_error_is_shown_as_text(tmp_path):
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    (events / "2019-09-bad.md").write_text(
        "---\ntitle: x\ndate: 2019-09\nlane: <script>alert(1)</script>\nkind: plan\n"
        "summary: s\nsources: [{title: t, url: 'https://example.org/'}]\n---\n",
        encoding="utf-8",
    )
    server = Preview(events, tmp_path / "serve.log")
    try:
        _, page = wait_for(server.url + "/", lambda p: "The event files have errors" in p, limit=120)
    finally:
        server.stop()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
