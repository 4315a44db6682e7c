"""Titles in other languages in a built site: each with its lang (and dir for a script
written right to left) on the event page, in the site search's index, in the exports and
the timeline's data; title_zh still read, told in the build's log.

One build of tests/fixtures/events/site plus an event with titles in three languages.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import FIXTURES, build_site, copy_events

from policy_timeline import urls

pytestmark = pytest.mark.site

RTL = "2016-04-three-languages"
PLAN = "2017-07-new-generation-ai-development-plan"
LEGACY = "2015-05-19-made-in-china-2025"
EVENT = """---
title: A plan with titles in three languages
titles:
  es: "Plan <b>de</b> \\"IA\\" & más"
  ar: خطة الذكاء الاصطناعي
  zh-Hant: 人工智慧計劃
date: 2016-04
lane: central
kind: plan
summary: An event with titles in Spanish, Arabic and Chinese in traditional script.
sources:
  - ref: naughton-2020
---
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[str]]:
    events = copy_events(FIXTURES / "events" / "site", tmp_path_factory.mktemp("titles") / "events")
    (events / f"{RTL}.md").write_text(EVENT, encoding="utf-8")
    log: list[str] = []
    site = build_site(events, tmp_path_factory.mktemp("titles-site") / "site", log=log)
    return site, log


def _page(site: Path, event_id: str) -> str:
    return (site / urls.event_path(event_id) / "index.html").read_text(encoding="utf-8")


def test_each_title_has_its_lang_and_direction_in_the_files_order(built):
    site, _ = built
    page = _page(site, RTL)
    lines = [
        '<p class="pt-title-alt" lang="es" dir="ltr">Plan &lt;b&gt;de&lt;/b&gt; &quot;IA&quot; &amp; '
        "más</p>",
        '<p class="pt-title-alt" lang="ar" dir="rtl">خطة الذكاء الاصطناعي</p>',
        '<p class="pt-title-alt" lang="zh-Hant" dir="ltr">人工智慧計劃</p>',
    ]
    at = [page.find(line) for line in lines]
    assert all(i > 0 for i in at) and at == sorted(at), page
    assert page.find(lines[-1]) < page.find('<p class="pt-summary">')
    assert 'class="pt-title-zh"' not in page


def test_title_zh_is_rendered_as_a_zh_title_and_told_in_the_log(built):
    site, log = built
    assert '<p class="pt-title-alt" lang="zh" dir="ltr">中国制造2025</p>' in _page(site, LEGACY)
    told = [line for line in log if "title_zh: is deprecated" in line]
    assert len(told) == 1 and told[0].endswith(
        f"{LEGACY}.md:3: title_zh: is deprecated and read as titles: {{zh: ...}} until the next "
        "minor release; run `policy-timeline migrate` to rewrite it"), log


def test_the_site_search_indexes_the_titles(built):
    site, _ = built
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    # Chinese may be split into words by zero-width spaces (the search's segmentation).
    text = {doc["location"]: doc["text"].replace("\u200b", "") for doc in docs
            if doc["location"].startswith("events/")}
    assert "新一代人工智能发展规划" in text[urls.event_path(PLAN)]
    assert "中国制造2025" in text[urls.event_path(LEGACY)]
    assert "خطة الذكاء الاصطناعي" in text[urls.event_path(RTL)]


def test_the_exports_carry_every_title(built):
    site, _ = built
    rows = list(csv.DictReader(io.StringIO((site / "data" / "events.csv").read_text("utf-8"))))
    header = list(rows[0])
    assert header[header.index("title"):header.index("date")] == [
        "title", "title_ar", "title_es", "title_zh", "title_zh-Hant"]
    by_id = {row["id"]: row for row in rows}
    assert (by_id[RTL]["title_ar"], by_id[RTL]["title_zh"]) == ("خطة الذكاء الاصطناعي", "")
    assert by_id[LEGACY]["title_zh"] == "中国制造2025"
    events = {e["id"]: e for e in json.loads((site / "data" / "events.json").read_bytes())["events"]}
    assert list(events[RTL]["titles"].items()) == [
        ("es", 'Plan <b>de</b> "IA" & más'), ("ar", "خطة الذكاء الاصطناعي"),
        ("zh-Hant", "人工智慧計劃")]
    assert "title_zh" not in events[PLAN]
    data = json.loads((site / "assets" / "timeline" / "timeline.json").read_bytes())
    at = data["events"]["id"].index(RTL)
    assert data["events"]["titles"][at] == [
        ["es", 'Plan <b>de</b> "IA" & más', "ltr"], ["ar", "خطة الذكاء الاصطناعي", "rtl"],
        ["zh-Hant", "人工智慧計劃", "ltr"]]
