"""A home page as light as the embed, and the embed's colours and filters, in real
Chromium against built sites (issue #23): one inline drawing, the list of every event a
link away (without JavaScript too); /embed/ in the reader's colour scheme unless its
address says otherwise; the builder's open, folded or hidden filters in the snippet and
honoured by the embed. The home page's weight and timings are the bench's (make bench)."""

from __future__ import annotations

import pytest
from conftest import new_page

pytestmark = [pytest.mark.browser, pytest.mark.site]

INTERACTIVE = ".pt-view[data-state=interactive]"
SNIPPET_READY = "(document.querySelector('.pt-snippet') || {value: ''}).value.includes('<iframe')"

# The colour a reader sees behind the chart: the first ancestor of the stage (itself
# included) that paints a background, as [r, g, b].
BEHIND_CHART = """() => {
    for (let el = document.querySelector('.pt-stage'); el; el = el.parentElement) {
        const m = getComputedStyle(el).backgroundColor.match(/[\\d.]+/g).map(Number);
        if (m.length < 4 || m[3] > 0) return m.slice(0, 3);
    }
    return [255, 255, 255];
}"""
# The colour of the drawing's first lane name: light on a dark background.
LANE_NAME = """() => getComputedStyle(document.querySelector('.pt-svg .pt-lane-name')).fill
    .match(/[\\d.]+/g).slice(0, 3).map(Number)"""


def luminance(rgb: list[float]) -> float:
    """0 (black) to 1 (white), as the eye weighs red, green and blue."""
    r, g, b = rgb
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def test_the_home_page_inlines_one_drawing_and_the_list_is_a_link_away(browser, generated_site_url):
    # Without JavaScript: the drawing shows, and the link leads to every event.
    with new_page(
        browser, java_script_enabled=False, viewport={"width": 1280, "height": 900}
    ) as page:
        page.goto(generated_site_url + "/")
        assert page.locator("svg.pt-svg").count() == 1
        box = page.locator("svg.pt-svg").bounding_box()
        assert box["height"] > 300 and box["width"] > 900
        # 1,000 events: no list in the page; the link says how many it leads to.
        assert page.locator(".pt-twin-list").count() == 0
        link = page.locator(".pt-list-link a")
        assert link.text_content() == "All 1000 events of the timeline, as a list"
        link.click()
        page.wait_for_url(generated_site_url + "/events/")
        rows = page.locator("#pt-events-table tbody tr")
        assert rows.count() == 1000
        assert rows.locator("a[href$='/']").count() >= 1000


@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_a_small_timeline_keeps_its_list_in_the_page_and_one_drawing(
    browser, timeline_site_url, timeline_build, width, height
):
    viewport = {"width": width, "height": height}
    with new_page(browser, java_script_enabled=False, viewport=viewport) as page:
        page.goto(timeline_site_url + "/")
        assert page.locator("svg.pt-svg").count() == 1
        assert page.locator("svg.pt-svg").is_visible()
        total = len(timeline_build.project.events)
        page.locator(".pt-twin summary").click()
        assert page.locator(".pt-twin-list li:visible").count() == total
        assert page.locator(".pt-list-link a").get_attribute("href") == "events/"
    with new_page(browser, viewport=viewport) as page:
        page.goto(timeline_site_url + "/")
        # The chart that takes over draws the level of the reader's width.
        page.locator(".pt-stage").hover()
        page.wait_for_selector(INTERACTIVE)
        level = page.evaluate("policyTimeline.views()[0].level")
        want = page.evaluate("""() => { const v = policyTimeline.views()[0];
            const days = (new Date(v.range[1]) - new Date(v.range[0])) / 864e5;
            return policyTimeline.levelFor(v.data, v.plotPx() / days); }""")
        assert level == want


@pytest.mark.parametrize(
    "scheme,address,dark",
    [
        ("dark", "", True),
        ("dark", "#theme=light", False),
        ("light", "", False),
        ("light", "?theme=dark", True),
    ],
)
def test_the_embed_follows_the_readers_scheme_unless_its_address_says(
    browser, timeline_site_url, scheme, address, dark
):
    with new_page(browser, color_scheme=scheme) as page:
        page.goto(f"{timeline_site_url}/embed/{address}")
        before = page.evaluate(BEHIND_CHART)
        name = page.evaluate(LANE_NAME)
        assert (luminance(before) < 0.25) is dark, before
        assert (luminance(name) > 0.6) is dark, name
        # The chart that takes over draws in the same scheme, and the address keeps it.
        page.locator(".pt-stage").hover()
        page.wait_for_selector(INTERACTIVE)
        assert (luminance(page.evaluate(BEHIND_CHART)) < 0.25) is dark
        assert page.evaluate("policyTimeline.views()[0].themeColours().dark") is dark
        if address:
            assert "theme=" in page.evaluate("location.hash")


def test_the_embed_follows_the_scheme_as_it_changes(browser, timeline_site_url):
    with new_page(browser, color_scheme="light") as page:
        page.goto(f"{timeline_site_url}/embed/")
        page.locator(".pt-stage").hover()
        page.wait_for_selector(INTERACTIVE)
        assert luminance(page.evaluate(BEHIND_CHART)) > 0.75
        page.emulate_media(color_scheme="dark")
        page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
        assert luminance(page.evaluate(BEHIND_CHART)) < 0.25
        assert page.evaluate("policyTimeline.views()[0].themeColours().dark") is True


def preview(page, url):
    """The builder's preview once it shows ``url`` (the embed may add a fragment)."""
    for _ in range(300):
        frame = next((f for f in page.frames if f.url.startswith(url)), None)
        if frame is not None:
            frame.wait_for_selector(".pt-stage")
            return frame
        page.wait_for_timeout(100)
    raise AssertionError(f"the preview never showed {url}")


FILTERS = """() => { const f = document.querySelector('.pt-filters');
    return {open: f.open, shown: getComputedStyle(f).display !== 'none'}; }"""


def test_the_builders_filters_choice_is_in_the_snippet_and_the_embed_honours_it(
    page, timeline_site_url
):
    page.goto(timeline_site_url + "/embed/builder/")
    page.wait_for_function(SNIPPET_READY)
    # The fixture's chart is shorter than the snippet's frame: open by default.
    assert page.locator(".pt-builder input[name=filters]:checked").get_attribute("value") == "open"
    for choice, label, want in [
        ("folded", "Folded", {"open": False, "shown": True}),
        ("hidden", "Hidden", {"open": False, "shown": False}),
        ("open", "Open", {"open": True, "shown": True}),
    ]:
        page.locator(".pt-builder label", has_text=label).click()
        url = f"{timeline_site_url}/embed/?filters={choice}"
        assert f'src="{url}"' in page.locator(".pt-snippet").input_value()
        frame = preview(page, url)
        assert frame.evaluate(FILTERS) == want, choice
        # The embed's address keeps the choice once the view, drawn when the page is
        # idle, writes it back.
        frame.wait_for_selector(INTERACTIVE, state="attached")
        assert f"filters={choice}" in frame.evaluate("location.search + location.hash")
    assert page.console_errors == []


@pytest.mark.content
def test_a_frame_shorter_than_the_chart_folds_the_filters_by_default(browser, default_site_url):
    # The shipped chart is taller than the builder's 640 px frame: folded, in the builder's
    # choice and in the embed opened in such a frame without a choice.
    with new_page(browser, viewport={"width": 1280, "height": 900}) as page:
        page.goto(default_site_url + "/embed/builder/")
        page.wait_for_function(SNIPPET_READY)
        chosen = page.locator(".pt-builder input[name=filters]:checked").get_attribute("value")
        assert chosen == "folded"
        assert "filters=folded" in page.locator(".pt-snippet").input_value()
    with new_page(browser, viewport={"width": 800, "height": 640}) as page:
        page.goto(default_site_url + "/embed/")
        assert page.evaluate("document.querySelector('.pt-filters').open") is False
        assert page.locator(".pt-filters > summary").is_visible()
    with new_page(browser, viewport={"width": 800, "height": 3000}) as page:
        page.goto(default_site_url + "/embed/")
        assert page.evaluate("document.querySelector('.pt-filters').open") is True


@pytest.mark.content
def test_at_1280_by_900_open_filters_leave_the_chart_in_the_first_screen(browser, default_site_url):
    with new_page(browser, viewport={"width": 1280, "height": 900}) as page:
        page.goto(default_site_url + "/embed/?filters=open")
        assert page.evaluate("document.querySelector('.pt-filters').open") is True
        stage = page.locator(".pt-stage").bounding_box()
        # The chart starts in the upper third, and fills the rest of the screen.
        assert stage["y"] < 300 and stage["y"] + stage["height"] > 900, stage
        lanes = page.evaluate("""() => [...document.querySelectorAll('.pt-svg .pt-lane-name')]
            .filter(t => t.getBoundingClientRect().bottom <= innerHeight).length""")
        assert lanes >= 2


INDEX_LOADED = """() => performance.getEntriesByType('resource')
    .some(e => e.name.endsWith('/search/search_index.json') && e.responseEnd > 0)"""


def test_the_search_index_waits_for_the_page_and_still_serves_the_search(page, timeline_site_url):
    page.goto(timeline_site_url + "/")
    page.wait_for_function(INDEX_LOADED)
    started, loaded = page.evaluate("""() => [
        performance.getEntriesByType('resource')
            .find(e => e.name.endsWith('/search/search_index.json')).startTime,
        performance.getEntriesByType('navigation')[0].loadEventStart]""")
    assert started >= loaded > 0
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("Shanghai")
    page.wait_for_selector(".md-search-result__item")
    assert "Shanghai" in page.locator(".md-search-result__list").text_content()
    assert page.console_errors == []
