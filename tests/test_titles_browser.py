"""Titles in other languages as a reader sees them in Chromium: the timeline's card lists
each with its language and direction, and an Arabic title runs right to left."""
from __future__ import annotations

import pytest
from conftest import FIXTURES, build_site, copy_events, serve

pytestmark = [pytest.mark.browser, pytest.mark.site]

EVENT_ID = "2016-04-three-languages"
EVENT = """---
title: A plan with titles in three languages
titles:
  es: "Plan <b>de</b> IA"
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
def site_url(tmp_path_factory):
    events = copy_events(FIXTURES / "events" / "site", tmp_path_factory.mktemp("tb") / "events")
    (events / f"{EVENT_ID}.md").write_text(EVENT, encoding="utf-8")
    site = tmp_path_factory.mktemp("tbsite")
    with serve(site) as url:
        build_site(events, site, extra_env={"SITE_URL": url + "/"})
        yield url


def test_the_card_shows_each_title_with_its_language_and_direction(page, site_url):
    page.goto(f"{site_url}/embed/?event={EVENT_ID}")
    card = page.locator(".pt-card")
    card.wait_for(state="visible")
    titles = card.locator(".pt-card-titles .pt-title-alt")
    assert titles.evaluate_all(
        "els => els.map(e => [e.lang, e.dir, e.textContent, getComputedStyle(e).direction])") == [
        ["es", "ltr", "Plan <b>de</b> IA", "ltr"],
        ["ar", "rtl", "خطة الذكاء الاصطناعي", "rtl"],
        ["zh-Hant", "ltr", "人工智慧計劃", "ltr"],
    ]
    assert page.console_errors == []


def test_the_event_page_shows_the_arabic_title_right_to_left(page, site_url):
    page.goto(f"{site_url}/events/{EVENT_ID}/")
    title = page.locator('.pt-title-alt[lang="ar"]')
    assert title.text_content() == "خطة الذكاء الاصطناعي"
    assert title.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert page.locator('.pt-title-alt[lang="es"]').text_content() == "Plan <b>de</b> IA"
    assert page.console_errors == []
