"""``mkdocs serve`` in a site ``init`` made: after an invalid save, the validator's messages
are the last thing printed (mkdocs' notices about the nav come before them), and the page
shows them. A real ``mkdocs serve`` on a free loopback port; the waits are hang guards."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import run_cli

pytestmark = pytest.mark.site

NOISE = ("Documentation built", "Serving on", "Watching paths", "Reloading browsers",
         "Reloading page", "Browser connected", "Building documentation",
         "Detected file changes", "Cleaning site directory")


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, check, guard: float = 120.0) -> str:
    started, last = time.monotonic(), ""
    while time.monotonic() - started < guard:  # a hang guard, not a limit on speed
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
                if check(last):
                    return last
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} never passed the check; last page:\n{last[:2000]}")


def test_after_an_invalid_save_the_messages_are_the_last_thing_printed(tmp_path):
    site = tmp_path / "site"
    assert run_cli("init", str(site), "--title", "EU AI Act").returncode == 0
    event = site / "events" / "2024" / "2024-03-an-example-plan.md"
    log = tmp_path / "serve.log"
    port = _port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    for name in ("TIMELINE_EVENTS_DIR", "GITHUB_ACTIONS"):
        env.pop(name, None)
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr",
                                 f"127.0.0.1:{port}"], cwd=site, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_for(url, lambda page: 'class="pt-stage' in page)
        event.write_text(event.read_text(encoding="utf-8").replace("summary:", "summery:", 1),
                         encoding="utf-8")
        page = _wait_for(url, lambda page: "summery" in page)
        assert "summery" in page
        # The rebuild is done once the page shows the messages; let the log catch up.
        started = time.monotonic()
        while "the preview shows" not in log.read_text(encoding="utf-8"):
            assert time.monotonic() - started < 60, log.read_text(encoding="utf-8")
            time.sleep(0.2)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    lines = [line for line in log.read_text(encoding="utf-8").splitlines()
             if line.strip() and not any(noise in line for noise in NOISE)]
    path = Path("events") / "2024" / event.name
    last = max(i for i, line in enumerate(lines) if "the preview shows" in line)
    assert lines[last + 1:] == []
    messages = [line for line in lines[:last] if f"{path}:" in line or str(event) in line]
    assert messages and "summery" in messages[-1]
    # Right before the count: the messages, nothing of the nav between them.
    assert lines[last - len(messages):last] == messages
