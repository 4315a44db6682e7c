"""The site search in Chromium, in Chinese: the query entered whole, as an input method
enters it (an input event, no key going up), finds the events that carry its words and
the plan by its whole Chinese title. The shipped site, with its own events."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from conftest import REPO, new_page

pytestmark = [pytest.mark.browser, pytest.mark.site, pytest.mark.content]

PLAN = "2017-07-new-generation-ai-development-plan"


def events_holding(text: str) -> set[str]:
    """The ids of the shipped events whose file holds ``text`` (an event's id is its
    file's name)."""
    return {path.stem for path in (REPO / "events").rglob("*.md")
            if text in path.read_text(encoding="utf-8")}


def search(page, query: str, how: str) -> list[str]:
    """The paths of the pages the search box lists for ``query``, best first."""
    box = page.locator(".md-search__input")
    box.click()
    # The search worker loads its index first.
    page.wait_for_function("""() => !document.querySelector('.md-search-result__meta')
        .textContent.includes('Initializing')""")
    if how == "fill":
        box.fill(query)
    else:
        page.keyboard.insert_text(query)
    page.locator(".md-search-result__item").first.wait_for()
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link",
        "links => links.map(link => link.href)")
    return [urlsplit(href).path for href in hrefs]


@pytest.mark.parametrize("how", ["fill", "insert_text"])
def test_a_chinese_word_finds_every_event_that_carries_it(browser, default_site_url, how):
    expected = events_holding("人工智能")
    assert PLAN in expected and len(expected) >= 3  # what the shipped events hold
    with new_page(browser) as page:
        page.goto(f"{default_site_url}/")
        found = {path.strip("/").removeprefix("events/") for path in search(page, "人工智能", how)
                 if path.startswith("/events/")}
    assert expected <= found, expected - found


@pytest.mark.parametrize("how", ["fill", "insert_text"])
def test_a_whole_chinese_title_finds_its_event_first(browser, default_site_url, how):
    with new_page(browser) as page:
        page.goto(f"{default_site_url}/")
        found = search(page, "新一代人工智能发展规划", how)
    assert found[0] == f"/events/{PLAN}/"
