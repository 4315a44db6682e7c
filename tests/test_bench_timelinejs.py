"""The benchmark's peer and its events: TimelineJS3's own viewer drawing our
timelinejs.json in real Chromium, served on 127.0.0.1 only; and generated events
that cite web pages of their own. No timing is asserted beyond being measured."""
from __future__ import annotations

import collections
import gzip
import json
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_cli

sys.path.insert(0, str(REPO / "bench"))
import timelinejs
from generate import generate

N_OWN = 400


@pytest.fixture(scope="module")
def shipped_timelinejs(tmp_path_factory) -> Path:
    return timelinejs.export_timelinejs(REPO / "events", tmp_path_factory.mktemp("tljs"))


@pytest.mark.site
@pytest.mark.content
@pytest.mark.browser
def test_timelinejs_draws_our_export_from_127_0_0_1_only(shipped_timelinejs, browser):
    events = json.loads(shipped_timelinejs.read_text(encoding="utf-8"))["events"]
    result = timelinejs.timelinejs_loads(shipped_timelinejs, loads=1,
                                         browser_type=browser.browser_type)
    print(f"\n{timelinejs.report('shipped', result)}")
    assert result["offsite_requests"] == []
    assert result["failed_requests"] == [] and result["errors"] == []
    # TimelineJS's own viewer, drawing our file: its title slide (the site's name, which
    # the export reads from mkdocs.yml as the build does), a marker per event.
    assert result["headline"] == "China's AI policy timeline"
    assert result["events"] == len(events) > 40
    assert result["markers"] == len(events)
    package_js = (timelinejs.DIST / "js" / "timeline.js").read_bytes()
    weighed = {**result["first_load_files"], **result["later_files"]}
    assert weighed["timelinejs/js/timeline.js"] == len(gzip.compress(package_js, 6))
    assert weighed["timelinejs.json"] == len(gzip.compress(shipped_timelinejs.read_bytes(), 6))
    assert "timelinejs/css/timeline.css" in result["first_load_files"]
    assert 0 < result["first_load_gzip_bytes"] <= result["all_gzip_bytes"]
    assert 0 < result["drawn_gzip_bytes"] <= result["all_gzip_bytes"]
    assert result["all_gzip_bytes"] == sum(weighed.values())
    assert 0 < result["first_contentful_paint_s"] <= result["drawn_s"]
    # Drawn once its data is in, in the frame after TimelineJS says it is ready.
    assert 0 < result["data_received_s"] <= result["ready_s"] <= result["drawn_s"]


@pytest.mark.site
@pytest.mark.content
@pytest.mark.browser
def test_a_request_off_127_0_0_1_is_recorded_and_blocked(shipped_timelinejs, browser):
    """TimelineJS's default font set asks Google's font servers: the harness reports it,
    and Chromium resolves no host but 127.0.0.1, so it fails there."""
    result = timelinejs.timelinejs_loads(shipped_timelinejs, loads=1, options={"font": "default"},
                                         browser_type=browser.browser_type)
    assert result["offsite_requests"]
    assert all(url.startswith("https://fonts.gstatic.com/") for url in result["offsite_requests"])
    failed = " ".join(result["failed_requests"])
    assert all(url in failed for url in result["offsite_requests"])
    assert result["markers"] == result["events"]


@pytest.fixture(scope="module")
def own_pages_events(tmp_path_factory) -> Path:
    return generate(N_OWN, tmp_path_factory.mktemp("own") / "events", own_web_pages=True)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _web_citations(events_dir: Path) -> dict[str, list[str]]:
    """{event file: the URLs it cites inline (title + url, not a bibliography ref)}."""
    import frontmatter

    return {path.name: [s["url"] for s in frontmatter.load(path)["sources"] if "url" in s]
            for path in sorted(events_dir.rglob("*.md"))}


@pytest.mark.content
def test_own_web_pages_validate_and_each_event_cites_its_own(own_pages_events, tmp_path):
    proc = run_cli("validate", str(own_pages_events))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{N_OWN} events" in proc.stdout
    cited = _web_citations(own_pages_events)
    assert len(cited) == N_OWN
    events_citing = collections.Counter(url for urls in cited.values() for url in set(urls))
    for name, urls in cited.items():
        assert 1 <= len(urls) <= 3 and len(set(urls)) == len(urls), (name, urls)
        assert all(u.startswith("https://www.gov.cn/zhengce/content/") for u in urls), urls
    # Most events cite only addresses no other event cites.
    alone = [name for name, urls in cited.items() if all(events_citing[u] == 1 for u in urls)]
    assert len(alone) >= 0.85 * N_OWN
    shares = collections.Counter(events_citing.values())
    assert set(shares) == {1, 2}                 # now and then two events, never more
    assert shares[1] >= 0.9 * len(events_citing) and shares[2] >= 5
    assert len(events_citing) >= 1.8 * N_OWN     # two a piece, on average
    # The same N and seed give the same bytes.
    again = generate(N_OWN, tmp_path / "again", own_web_pages=True)
    assert _files(again) == _files(own_pages_events)


@pytest.mark.content
def test_without_the_option_events_cite_the_shared_pool(tmp_path):
    cited = _web_citations(generate(200, tmp_path / "events"))
    urls = [u for us in cited.values() for u in us]
    assert urls and all(u.startswith("https://example.org/source/") for u in urls)
    assert max(collections.Counter(urls).values()) > 2
