"""axe-core in Chromium: no serious or critical violations on the fixture site's pages,
in the light and the dark colour scheme."""
from __future__ import annotations

import pytest
from conftest import REPO, new_page

pytestmark = [pytest.mark.browser, pytest.mark.site]

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
PAGES = [
    "",                                                   # home, with the timeline
    "events/2017-07-new-generation-ai-development-plan/",
    "actors/miit/",
    "sources/zeng-2020/",
    "events/",
    "years/2016/",
    "reference/event-format/",                            # highlighted code
]


def blocking_violations(page) -> list[str]:
    # Colours at rest: the theme eases colours in over a quarter second, and axe
    # measuring mid-way on a busy machine saw contrast no reader ever sees.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; "
                               "animation: none !important; }")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']}: "
            + "; ".join(str(node["target"]) for node in v["nodes"][:5])
            for v in result["violations"] if v["impact"] in BLOCKING]


def open_page(page, url: str):
    page.goto(url)
    page.wait_for_load_state("load")
    if page.locator(".pt-view").count():
        # The interactive chart, once it has taken the SVG's place, with its controls.
        page.wait_for_selector(".pt-view[data-state=interactive]")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violations(browser, fixture_site_url, path, scheme):
    with new_page(browser, color_scheme=scheme) as page:
        open_page(page, f"{fixture_site_url}/{path}")
        assert blocking_violations(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_search_dialog_has_a_name_and_no_violations(browser, fixture_site_url, scheme):
    with new_page(browser, color_scheme=scheme) as page:
        open_page(page, f"{fixture_site_url}/actors/miit/")
        page.locator(".md-search__input").click()
        # The search worker loads its index first; a query typed before that is dropped.
        page.wait_for_function("""() => !document.querySelector('.md-search-result__meta')
            .textContent.includes('Initializing')""")
        page.locator(".md-search__input").press_sequentially("plan")
        results = page.locator(".md-search-result__item")
        results.first.wait_for()
        assert page.locator(".md-search[role=dialog]").get_attribute("aria-label") == "Search"
        assert blocking_violations(page) == []
        # A result under the pointer and one picked with the keyboard are tinted:
        # their text must still read at 4.5:1 (CI once failed on exactly this).
        results.nth(1).hover()
        page.keyboard.press("ArrowDown")
        page.locator(".md-search-result__more > summary").first.hover()
        assert page.locator(".md-search-result__link:focus").count() == 1
        assert blocking_violations(page) == []


def test_axe_reports_a_violation_it_is_shown(browser, fixture_site_url):
    """The checks above would pass if axe never ran: show it catches a planted fault."""
    with new_page(browser) as page:
        open_page(page, f"{fixture_site_url}/actors/miit/")
        page.evaluate("""() => {
            const p = document.createElement('p');
            p.textContent = 'faint text';
            p.style.cssText = 'color:#eeeeee;background:#ffffff';
            document.querySelector('article').appendChild(p);
        }""")
        assert any(v.startswith("color-contrast (serious)") for v in blocking_violations(page))


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_timeline_with_its_controls_and_a_card_has_no_violations(browser, timeline_site_url,
                                                                     scheme, width):
    with new_page(browser, color_scheme=scheme, viewport={"width": width, "height": 900}) as page:
        page.goto(f"{timeline_site_url}/#event=2017-07-new-generation-ai-development-plan")
        page.wait_for_selector(".pt-view[data-state=interactive]")
        page.locator(".pt-card").wait_for(state="visible")
        filters = page.locator(".pt-filters")
        if not filters.evaluate("d => d.open"):
            page.locator(".pt-filters > summary").click()
        page.locator(".pt-tags > summary").click()
        assert page.locator(".pt-controls input[name=q]").is_visible()
        assert blocking_violations(page) == []
