"""The benchmark's generator and harness on a tiny size. No timing is asserted here:
speed is what ``make bench`` prints, not what a test decides."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_cli

sys.path.insert(0, str(REPO / "bench"))
from generate import generate

N = 30


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> Path:
    return generate(N, tmp_path_factory.mktemp("bench") / "events")


def test_generated_events_validate(events):
    proc = run_cli("validate", str(events))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{N} events" in proc.stdout
    assert len(list(events.rglob("*.md"))) == N


def test_generated_events_are_realistic(events):
    import frontmatter

    posts = [frontmatter.load(p) for p in sorted(events.rglob("*.md"))]
    for post in posts:
        assert 2 <= len(post["actors"]) <= 4
        assert 2 <= len(post["tags"]) <= 5
        assert 1 <= len(post["sources"]) <= 3
        assert 100 <= len(post.content.split()) <= 220
    assert any(post.get("end") for post in posts)
    assert any(post.get("related") for post in posts)
    assert any("ref" in s and "locator" in s for post in posts for s in post["sources"])
    assert any("url" in s for post in posts for s in post["sources"])


def test_generator_is_deterministic(events, tmp_path):
    assert _files(generate(N, tmp_path / "again")) == _files(events)


def test_quick_run_writes_every_figure(tmp_path):
    results = tmp_path / "results"
    proc = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--sizes", "12",
         "--results-dir", str(results)],
        cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    record = json.loads((results / "latest.json").read_text(encoding="utf-8"))
    for key in ("build_s_12", "floor_s_12", "build_ratio_12", "peak_rss_mb_12",
                "floor_rss_mb_12", "validate_s_12", "validate_in_process_s_12", "timeline_s_12"):
        assert isinstance(record["metrics"][key], float), key
    assert {row["metric"] for row in record["targets"]} == {
        "build_ratio_1000", "build_ratio_5000", "scaling_5000_1000", "peak_rss_mb_5000",
        "validate_s_5000", "timeline_s_1000", "timeline_s_5000"}
    # Targets are about 1,000 and 5,000 events: a tiny run judges none of them.
    assert all(row["ok"] is None for row in record["targets"])
    runs = record["runs"]["12"]
    assert len(runs["ours"]) == len(runs["floor"]) == 1
    with open(results / "latest.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["metric", "value", "target", "ok"]
    assert {r[0] for r in rows[1:]} == set(record["metrics"])
    assert "build time, ours / floor" in proc.stdout
