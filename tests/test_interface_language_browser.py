"""The interface in the site's language in real Chromium: what the timeline's scripts
write once the reader interacts (the count, the card, what a screen reader is told, the
filters' count) comes from the view's data-messages, so a site in Chinese says it in
Chinese, with the site's own wording where it gave one.

Site: tests/fixtures/events/zh (three events written in Chinese), theme.language: zh
(tests/zh_site.py)."""

from __future__ import annotations

import pytest
import zh_site as zh
from conftest import serve

pytestmark = [pytest.mark.browser, pytest.mark.site]

INTERACTIVE = ".pt-view[data-state=interactive]"


@pytest.fixture(scope="module")
def zh_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("zh-browser")
    # No site_url: the theme would fetch the sitemap from that address.
    proc = zh.build(folder, dict([zh.OVERRIDE]), site_url=None)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with serve(folder / "site") as url:
        yield url


def _said(page) -> str:
    """What the page's main part shows, as the reader sees it (innerText: nothing hidden;
    the theme's header and footer are the theme's words)."""
    return page.evaluate("(document.querySelector('main') || document.body).innerText")


def test_the_timeline_speaks_the_sites_language_once_it_is_interactive(page, zh_url):
    page.goto(zh_url + "/")
    page.locator(".pt-stage").first.hover()
    page.wait_for_selector(INTERACTIVE)
    page.locator(".pt-stage").first.focus()
    page.keyboard.press("ArrowRight")
    live = page.locator(".pt-live")
    page.wait_for_function("document.querySelector('.pt-live').textContent !== ''")
    assert live.text_content() == "已选择：2017年7月，新一代人工智能发展规划（第 1 个，共 3 个）"
    card = page.locator(".pt-card")
    card.wait_for(state="visible")
    assert card.locator(".pt-card-when").text_content() == "2017年7月 · 中央政府 · 规划"
    assert card.locator(".pt-card-sources").text_content() == "2 个来源。"
    assert card.locator(".pt-card-position").text_content() == "第 1 个，共 3 个"
    assert card.locator(".pt-card-link").text_content() == "打开事件页面"
    page.keyboard.press("End")
    page.wait_for_function(
        "t => document.querySelector('.pt-card-title').textContent === t", arg="核心产业目标"
    )
    assert card.locator(".pt-card-when").text_content() == "2040年 · 中央政府 · 目标 · 目标"
    assert zh.english_in(_said(page)) == {}

    assert page.console_errors == []


def test_the_views_count_and_filters_speak_the_sites_language(page, zh_url):
    page.goto(zh_url + "/")
    page.locator(".pt-stage").first.hover()
    page.wait_for_selector(INTERACTIVE)
    page.locator('.pt-lanes input[value="local"]').uncheck()
    page.wait_for_function(
        "document.querySelector('.pt-count').textContent === '显示 2 / 3 个事件'"
    )
    assert page.locator(".pt-active-count").text_content() == "（已选 1 项）"
    assert page.locator(".pt-reset").text_content() == zh.OVERRIDE[1]
    assert zh.english_in(_said(page)) == {}
    assert page.console_errors == []


def test_the_embed_speaks_the_sites_language(page, zh_url):
    page.goto(zh_url + "/embed/")
    page.locator(".pt-stage").first.hover()
    page.wait_for_selector(INTERACTIVE)
    assert page.locator(".pt-count").text_content() == "显示 3 / 3 个事件"
    assert page.title() == f"时间线 · {zh.SITE_NAME}"
    assert zh.english_in(_said(page)) == {}
    assert page.console_errors == []
