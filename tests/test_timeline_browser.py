"""The timeline and the analysis charts in real Chromium, on a site built from
tests/fixtures/events/timeline (periods, a future period, targets, a year-precision
plan, two events on the same date in the same lane, a hostile title)."""
from __future__ import annotations

import pytest

from macros import figure

pytestmark = pytest.mark.browser

DRAWN = ".pt-timeline[data-state=drawn]"
HOSTILE_TITLE = '<b>x</b> & "quoted" </script>'


def drawn_ids(page, container=DRAWN):
    """Event ids of the points Plotly drew, by trace type, from the graph's own data."""
    return page.evaluate("""(sel) => {
        const gd = document.querySelector(sel + ' .pt-plot');
        const out = {scatter: [], bar: []};
        for (const t of gd.data) {
            for (const cd of t.customdata) out[t.type].push(cd[0].split('/')[1]);
        }
        return out;
    }""", container)


def dom_counts(page, container=DRAWN):
    return page.evaluate("""(sel) => {
        const gd = document.querySelector(sel + ' .pt-plot');
        return {markers: gd.querySelectorAll('.scatterlayer .point').length,
                bars: gd.querySelectorAll('.barlayer .point').length};
    }""", container)


def point_position(page, event_id):
    """The centre of an event's drawn marker or bar, in page coordinates."""
    box = page.evaluate("""(id) => {
        const gd = document.querySelector('.pt-timeline[data-state=drawn] .pt-plot');
        gd.scrollIntoView({block: 'center'});
        const seen = {scatter: 0, bar: 0};
        for (const t of gd.data) {
            const k = seen[t.type]++;
            const i = t.customdata.findIndex(cd => cd[0] === 'events/' + id + '/');
            if (i < 0) continue;
            const layer = t.type === 'scatter' ? '.scatterlayer' : '.barlayer';
            const el = gd.querySelectorAll(layer + ' .trace')[k].querySelectorAll('.point')[i];
            const r = el.getBoundingClientRect();
            return {x: r.left + r.width / 2, y: r.top + r.height / 2};
        }
        return null;
    }""", event_id)
    assert box is not None, f"{event_id} is not drawn"
    return box["x"], box["y"]


def assert_clean(page):
    assert page.console_errors == []
    assert page.offsite_requests == []


def test_home_timeline_draws_one_marker_per_point_and_one_bar_per_period(page, timeline_site_url,
                                                                         timeline_build):
    page.goto(timeline_site_url + "/")
    page.wait_for_selector(DRAWN)
    points = sorted(e.id for e in timeline_build.project.events if not e.is_period)
    periods = sorted(e.id for e in timeline_build.project.events if e.is_period)
    assert len(points) == 10 and len(periods) == 3
    ids = drawn_ids(page)
    assert sorted(ids["scatter"]) == points
    assert sorted(ids["bar"]) == periods
    assert dom_counts(page) == {"markers": len(points), "bars": len(periods)}
    # The twin list is there, and folds away once the chart is drawn.
    assert page.locator(".pt-twin-list li").count() == len(timeline_build.project.events)
    assert page.locator(".pt-twin[open]").count() == 0
    assert_clean(page)


@pytest.mark.parametrize("event_id, title", [
    ("2014-shanghai-plan", "Shanghai robotics plan"),             # a marker
    ("2016-05-internet-plus-ai", "Internet Plus AI three-year plan"),  # a period's bar
])
def test_clicking_a_point_opens_its_event_page(page, timeline_site_url, event_id, title):
    page.goto(timeline_site_url + "/")
    page.wait_for_selector(DRAWN)
    x, y = point_position(page, event_id)
    page.mouse.click(x, y)
    page.wait_for_url(f"{timeline_site_url}/events/{event_id}/")
    # Instant navigation changes the address first, then swaps the content in.
    page.locator("h1", has_text=title).wait_for()
    assert page.locator("h1").count() == 1
    assert_clean(page)


def test_timeline_after_instant_navigation_draws_and_clicks_through(page, timeline_site_url):
    page.goto(timeline_site_url + "/targets-and-outcomes/")
    page.wait_for_selector(".pt-chart[data-state=drawn]")
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav__link", has_text="Home").first.click()
    page.wait_for_url(timeline_site_url + "/")
    page.wait_for_selector(DRAWN)
    # Instant navigation swapped the content without reloading the document.
    assert page.evaluate("window.__sameDocument") is True
    # The chart of the page we left was purged, not leaked.
    assert page.evaluate("document.querySelectorAll('.js-plotly-plot').length") == 1
    x, y = point_position(page, "2015-05-19-made-in-china-2025")
    page.mouse.click(x, y)
    page.wait_for_url(timeline_site_url + "/events/2015-05-19-made-in-china-2025/")
    page.locator("h1", has_text="Made in China 2025").wait_for()
    assert page.evaluate("window.__sameDocument") is True
    assert_clean(page)


def test_hover_shows_the_escaped_title_literally(page, timeline_site_url):
    page.goto(timeline_site_url + "/")
    page.wait_for_selector(DRAWN)
    x, y = point_position(page, "2017-07-hostile-statement")
    page.mouse.move(x, y)
    hover = page.locator(".hoverlayer .hovertext")
    hover.wait_for()
    text = hover.text_content()
    assert HOSTILE_TITLE in text
    assert "July 2017" in text
    assert "<img src=x onerror=alert(1)> & more" in text
    assert "&amp;" not in text and "&lt;" not in text      # escaped once, not twice
    assert page.locator(".hoverlayer img").count() == 0
    assert_clean(page)


def test_filtered_timeline_matches_the_python_filter(page, timeline_site_url, timeline_build):
    page.goto(timeline_site_url + "/local-before-central/")
    page.wait_for_selector(DRAWN)
    expected = figure.timeline_figure(timeline_build, lanes=["central", "local"], kinds=["plan"])
    want = {"scatter": [], "bar": []}
    for trace in expected["data"]:
        want[trace["type"]] += [cd[0].split("/")[1] for cd in trace["customdata"]]
    got = drawn_ids(page)
    assert {k: sorted(v) for k, v in got.items()} == {k: sorted(v) for k, v in want.items()}
    assert dom_counts(page) == {"markers": len(want["scatter"]), "bars": len(want["bar"])}
    ticks = page.evaluate("document.querySelector('%s .pt-plot').layout.yaxis.ticktext" % DRAWN)
    assert ticks == expected["layout"]["yaxis"]["ticktext"]
    assert page.locator(".pt-twin-list li").count() == len(want["scatter"]) + len(want["bar"])
    link = page.locator(".pt-embed-link a")
    builder = timeline_site_url + "/embed/builder/?lanes=central,local&kinds=plan"
    assert link.evaluate("a => a.href") == builder
    assert_clean(page)


def test_analysis_charts_draw_every_figure_and_link_to_events(page, timeline_site_url,
                                                              timeline_build):
    page.goto(timeline_site_url + "/targets-and-outcomes/")
    page.wait_for_function(
        "[...document.querySelectorAll('.pt-chart')].every(e => e.dataset.state === 'drawn')")
    events = timeline_build.project.events
    billions = [f for e in events for f in e.figures if f.unit == "billion yuan"]
    chart = page.locator(".pt-chart[data-chart=billion-yuan] .scatterlayer .point")
    assert chart.count() == len(billions) == 5
    rows = page.locator("table:has(caption:text('Figures in billion yuan')) tbody tr")
    assert rows.count() == len(billions)
    page.goto(timeline_site_url + "/local-before-central/")
    page.wait_for_selector(".pt-chart[data-state=drawn]")
    finding = page.locator(".pt-finding").inner_text()
    assert "8 years before" in finding     # 2009 local plans, July 2017 national plan
    assert_clean(page)


def test_plotly_loads_only_on_pages_with_a_timeline(page, timeline_site_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(timeline_site_url + "/about/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "plotly" in u or "timeline.json" in u]
    page.goto(timeline_site_url + "/")
    page.wait_for_selector(DRAWN)
    assert [u for u in requested if u.endswith("plotly-basic-4.1.1.min.js")]
    assert_clean(page)
