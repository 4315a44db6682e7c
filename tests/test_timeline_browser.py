"""The timeline in real Chromium, against built sites served on 127.0.0.1: the SVG painted
at build time, the Plotly chart that replaces it, the reader's controls, the card, the
keyboard, the toolbar, phones, and nothing drawn over anything else.

Sites: tests/fixtures/events/timeline (periods, a future period, targets, a
year-precision plan, two events on one date in one lane, a hostile title), the
shipped events, and 1,000 generated ones."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import new_page

from policy_timeline.source.dates import format_span
from policy_timeline.timeline import figure_data, plotly_figure

pytestmark = [pytest.mark.browser, pytest.mark.site]

INTERACTIVE = ".pt-view[data-state=interactive]"
HOSTILE_TITLE = '<b>x</b> & "quoted" </script>'

# Boxes of what a view draws, in page pixels: texts (labels, lane names, ticks,
# cluster badges), point markers and period bars, each with the event it
# belongs to (-1 for none). Labels are clipped to the plot, as drawn.
BOXES = """(mode) => {
    const view = document.querySelector('.pt-view');
    const out = {texts: [], markers: [], bars: []};
    const rect = (el) => { const r = el.getBoundingClientRect();
                           return [r.left, r.top, r.right, r.bottom]; };
    const clip = (b, c) => [Math.max(b[0], c[0]), Math.max(b[1], c[1]),
                            Math.min(b[2], c[2]), Math.min(b[3], c[3])];
    const real = (b) => b[2] - b[0] > 0.5 && b[3] - b[1] > 0.5;
    if (mode === 'svg') {
        const svg = [...view.querySelectorAll('.pt-svg')].find(
            (s) => getComputedStyle(s).display !== 'none');
        // The plot spans the SVG's width (no side margins); what runs past it is clipped.
        const plot = rect(svg);
        for (const a of svg.querySelectorAll('a')) {
            const i = Number(a.dataset.i);
            const t = a.querySelector('text');
            if (t) { const b = clip(rect(t), plot); if (real(b)) out.texts.push({box: b, owner: i}); }
            const use = a.querySelector('use');
            if (use) {
                // The <use> box is the 24 px tap target; the marker is the 11 px in its middle.
                const b = rect(use), cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
                out.markers.push({box: [cx - 6, cy - 6, cx + 6, cy + 6], owner: i});
            }
            const bar = a.querySelector('rect');
            if (bar) out.bars.push({box: rect(bar), owner: i});
        }
        for (const t of svg.querySelectorAll('.pt-lane-name, .pt-tick, .pt-cluster'))
            out.texts.push({box: rect(t), owner: -1});
        return out;
    }
    const gd = view.querySelector('.pt-plot');
    const plot = rect(gd.querySelector('.nsewdrag'));
    const traces = gd.querySelectorAll('.scatterlayer .trace');
    const labelsTrace = traces[0], pointsTrace = traces[1];
    [[labelsTrace, 1], [pointsTrace, 2]].forEach(([trace, k]) => {
        const ids = gd.data[k].customdata;
        trace.querySelectorAll('.textpoint').forEach((g, j) => {
            const t = g.querySelector('text');
            if (!t || !t.textContent) return;
            const b = clip(rect(t), plot);
            if (real(b)) out.texts.push({box: b, owner: ids[j]});
        });
    });
    const pointIds = gd.data[2].customdata;
    pointsTrace.querySelectorAll('.points .point').forEach((p, j) =>
        out.markers.push({box: rect(p), owner: pointIds[j]}));
    const barIds = gd.data[0].customdata;
    gd.querySelectorAll('.barlayer .point').forEach((p, j) =>
        out.bars.push({box: rect(p), owner: barIds[j]}));
    for (const t of gd.querySelectorAll('.annotation-text, .xtick text'))
        out.texts.push({box: rect(t), owner: -1});
    return out;
}"""


def area(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def overlaps(boxes) -> list[str]:
    """What the issue forbids: texts over texts, texts over markers or other events'
    bars, and a marker more than half covered by another."""
    found = []
    texts, markers, bars = boxes["texts"], boxes["markers"], boxes["bars"]
    for n, a in enumerate(texts):
        for b in texts[n + 1:]:
            if area(a["box"], b["box"]) > 1:
                found.append(f"text of {a['owner']} meets text of {b['owner']}")
        for m in markers:
            if area(a["box"], m["box"]) > 1:
                found.append(f"text of {a['owner']} covers the marker of {m['owner']}")
        for bar in bars:
            if bar["owner"] != a["owner"] and area(a["box"], bar["box"]) > 1:
                found.append(f"text of {a['owner']} covers the bar of {bar['owner']}")
    for n, a in enumerate(markers):
        size = (a["box"][2] - a["box"][0]) * (a["box"][3] - a["box"][1])
        for b in markers[n + 1:]:
            if area(a["box"], b["box"]) > size / 2:
                found.append(f"marker of {a['owner']} half covered by {b['owner']}")
    return found


def drawn_ids(page) -> list[str]:
    """Event ids of every marker and bar Plotly drew."""
    return page.evaluate("""() => {
        const gd = document.querySelector('.pt-view .pt-plot');
        const ids = window.policyTimeline.views()[0].data.events.id;
        return [...gd.data[0].customdata, ...gd.data[2].customdata].map(i => ids[i]).sort();
    }""")


def svg_ids(page) -> list[str]:
    return page.evaluate("""() => {
        const svg = [...document.querySelectorAll('.pt-view .pt-svg')].find(
            (s) => getComputedStyle(s).display !== 'none');
        return [...svg.querySelectorAll('a')].map(
            a => a.getAttribute('xlink:href').split('/').slice(-2)[0]).sort();
    }""")


def hydrate(page):
    page.locator(".pt-stage").first.hover()
    page.wait_for_selector(INTERACTIVE)


def point_position(page, event_id):
    """The centre of an event's marker or bar as drawn, in viewport coordinates."""
    box = page.evaluate("""(id) => {
        const view = window.policyTimeline.views()[0];
        const i = view.data.events.id.indexOf(id);
        const gd = view.gd;
        for (const [k, layer] of [[2, '.scatterlayer .trace:nth-child(2) .points .point'],
                                  [0, '.barlayer .point']]) {
            const j = gd.data[k].customdata.indexOf(i);
            if (j < 0) continue;
            const el = gd.querySelectorAll(layer)[j];
            // A third of the way down the screen: clear of the card held at its bottom.
            window.scrollBy(0, el.getBoundingClientRect().top - innerHeight / 3);
            const r = el.getBoundingClientRect();
            return {x: r.left + r.width / 2, y: r.top + r.height / 2};
        }
        return null;
    }""", event_id)
    assert box is not None, f"{event_id} is not drawn"
    return box["x"], box["y"]


def click_event(page, event_id):
    """Point at an event, wait for its hover (Plotly clicks what it last hovered), click."""
    x, y = point_position(page, event_id)
    page.mouse.move(x, y)
    page.locator(".hoverlayer .hovertext").wait_for()
    page.mouse.click(x, y)


def assert_clean(page):
    assert page.console_errors == []
    assert page.offsite_requests == []


def fragment(page) -> dict:
    """The view the page wrote into its address (the fragment: ?q= is the theme's search)."""
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).fragment).items()}


HASH_PARAM = ("([k, v]) => new URLSearchParams(location.hash.slice(1)).get(k) === v")


# --- the first paint ----------------------------------------------------------------------

AT_LOAD = """window.addEventListener('load', () => {
    const svg = [...document.querySelectorAll('.pt-svg')].find(
        s => getComputedStyle(s).display !== 'none');
    window.__atLoad = {
        svgHeight: svg ? svg.getBoundingClientRect().height : 0,
        requested: performance.getEntriesByType('resource').map(e => e.name),
    };
});"""


def test_the_svg_is_painted_before_plotly_is_asked_for_and_the_chart_takes_its_place(
        browser, timeline_site_url, timeline_build):
    # A phone's width whose level is the SVG's, the narrowest (svg.first_view): there
    # the chart keeps it and nothing jumps. (Wider, it draws its own width's level.)
    with new_page(browser, viewport={"width": 320, "height": 720}) as page:
        page.add_init_script(AT_LOAD)
        page.goto(timeline_site_url + "/")
        page.wait_for_function("window.__atLoad")
        at_load = page.evaluate("window.__atLoad")
        # At the load event: the SVG is on screen, and plotly.js not even requested.
        assert at_load["svgHeight"] > 200
        assert not [u for u in at_load["requested"] if "plotly" in u or "timeline.json" in u]
        page.wait_for_selector(INTERACTIVE)
        requested = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
        assert [u for u in requested if u.endswith("plotly-basic-4.1.1.min.js")]
        # The same events, at the same height: nothing jumps.
        drawn = drawn_ids(page)
        assert drawn == sorted(e.id for e in timeline_build.project.events)
        # (The stage holds the years kept at its top as well, the same before and after.)
        assert abs(page.locator(".pt-plot").bounding_box()["height"] - at_load["svgHeight"]) < 1
        assert page.locator(".pt-static").is_hidden()


def test_the_svg_links_the_events_of_the_first_view(browser, timeline_site_url, timeline_build):
    with new_page(browser) as page:
        page.route("**/plotly-basic-*", lambda route: route.abort())
        page.goto(timeline_site_url + "/")
        page.wait_for_selector(".pt-view[data-state=failed]")
        first, after = timeline_build.layout.default_range
        in_view = [e.id for e in timeline_build.project.events
                   if e.is_period or first <= e.date.midpoint < after]
        assert svg_ids(page) == sorted(in_view)


def test_plotly_loads_by_itself_once_the_page_is_idle(page, timeline_site_url):
    page.goto(timeline_site_url + "/")
    page.wait_for_selector(INTERACTIVE, timeout=15_000)
    assert_clean(page)


# --- nothing over anything ---------------------------------------------------------------

@pytest.mark.content
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("site", ["default_site_url", "generated_site_url"])
def test_nothing_the_timeline_draws_overlaps(browser, request, site, width):
    url = request.getfixturevalue(site)
    with new_page(browser, viewport={"width": width, "height": 900}) as page:
        # First the SVG alone (plotly.js refused), then the chart.
        page.route("**/plotly-basic-*", lambda route: route.abort())
        page.goto(url + "/")
        page.wait_for_selector(".pt-view[data-state=failed]", timeout=15_000)
        static = page.evaluate(BOXES, "svg")
        assert len(static["markers"]) > 10
        assert overlaps(static) == []
        page.unroute("**/plotly-basic-*")
        page.goto(url + "/")
        hydrate(page)
        drawn = page.evaluate(BOXES, "plotly")
        # The SVG draws the narrowest width's level, which serves every width; the chart
        # draws the level of this width: as many events and labels at least.
        assert len(drawn["markers"]) >= len(static["markers"])
        labels = {t["owner"] for t in drawn["texts"] if t["owner"] >= 0}
        assert len(labels) >= len({t["owner"] for t in static["texts"] if t["owner"] >= 0})
        assert overlaps(drawn) == []
        # No sideways scrolling, at any width.
        assert page.evaluate("document.documentElement.scrollWidth") <= width


# --- the reader's controls, and the URL ----------------------------------------------------

def expected(build, **view) -> list[str]:
    fig = plotly_figure.timeline_figure(build, **view)
    ids = [e.id for e in build.layout.events]
    return sorted(ids[i] for trace in (fig["data"][0], fig["data"][2])
                  for i in trace["customdata"])


@pytest.mark.parametrize("act, view, param", [
    ("page.uncheck('.pt-controls input[name=lanes][value=international]')",
     {"lanes": ["central", "local", "market"]}, ("lanes", "central,local,market")),
    ("page.uncheck('.pt-controls input[name=kinds][value=plan]')",
     {"kinds": ["law", "strategy", "target", "statement", "report", "market", "conference",
                "other"]}, ("kinds", "law,strategy,target,statement,report,market,conference,other")),
    ("page.locator('.pt-tags summary').click(); "
     "page.check('.pt-controls input[name=tags][value=capital-winter]')",
     {"tags": ["capital-winter"]}, ("tags", "capital-winter")),
    ("page.fill('.pt-controls input[name=q]', 'plan')", {"q": "plan"}, ("q", "plan")),
])
def test_each_control_filters_the_chart_and_writes_the_url(page, timeline_site_url,
                                                           timeline_build, act, view, param):
    page.goto(timeline_site_url + "/")
    hydrate(page)
    exec(act, {"page": page})
    page.wait_for_function(HASH_PARAM, arg=list(param))
    want = expected(timeline_build, **view)
    page.wait_for_function("n => document.querySelector('.pt-plot').data[0].customdata.length"
                           " + document.querySelector('.pt-plot').data[2].customdata.length === n",
                           arg=len(want))
    assert drawn_ids(page) == want
    count = page.locator(".pt-count").text_content()
    listed = page.locator(".pt-twin-list li:not([hidden])").count()
    assert count == f"Showing {listed} of {len(timeline_build.project.events)} events"
    # The URL brings the same view back.
    address = page.url
    page.goto(address)
    hydrate(page)
    assert drawn_ids(page) == want
    assert page.locator(".pt-count").text_content() == count
    assert_clean(page)


def test_the_year_range_moves_the_view_and_reset_brings_everything_back(page, timeline_site_url,
                                                                         timeline_build):
    page.goto(timeline_site_url + "/")
    hydrate(page)
    page.fill(".pt-controls input[name=from]", "2015")
    page.fill(".pt-controls input[name=to]", "2017")
    page.locator(".pt-controls input[name=to]").press("Enter")
    page.locator(".pt-controls input[name=to]").blur()
    page.wait_for_function(HASH_PARAM, arg=["to", "2017"])
    assert fragment(page) == {"from": "2015", "to": "2017"}
    rng = page.evaluate("document.querySelector('.pt-plot').layout.xaxis.range")
    assert [r[:10] for r in rng] == ["2015-01-01", "2018-01-01"]
    in_range = [e for e in timeline_build.project.events
                if e.date.first_day.year <= 2017 and (e.end or e.date).last_day.year >= 2015]
    assert page.locator(".pt-count").text_content() == (
        f"Showing {len(in_range)} of {len(timeline_build.project.events)} events")
    page.locator(".pt-reset").click()
    page.wait_for_function("location.hash === ''")
    assert page.locator(".pt-twin-list li:not([hidden])").count() == len(
        timeline_build.project.events)
    assert_clean(page)


def test_url_parameters_in_the_query_or_the_fragment_set_the_view_on_the_site(
        page, timeline_site_url, timeline_build):
    for address in ("/?lanes=local", "/#lanes=local"):
        page.goto(timeline_site_url + address)
        page.wait_for_selector(INTERACTIVE)
        assert drawn_ids(page) == expected(timeline_build, lanes=["local"])
        assert not page.locator(".pt-controls input[value=central]").is_checked()
    assert_clean(page)


def test_embed_this_view_follows_the_view(page, timeline_site_url):
    page.goto(timeline_site_url + "/?kinds=plan")
    page.wait_for_selector(INTERACTIVE)
    page.fill(".pt-controls input[name=q]", "shanghai")
    page.wait_for_function(HASH_PARAM, arg=["q", "shanghai"])
    href = page.locator(".pt-embed-link a").evaluate("a => a.href")
    assert href == timeline_site_url + "/embed/builder/#kinds=plan&q=shanghai"
    assert_clean(page)


# --- a selected event: the card, the keyboard ------------------------------------------------

def test_a_click_shows_the_card_and_its_link_opens_the_page(page, timeline_site_url):
    page.goto(timeline_site_url + "/")
    hydrate(page)
    click_event(page, "2017-07-new-generation-ai-development-plan")
    card = page.locator(".pt-card")
    card.wait_for(state="visible")
    assert card.locator(".pt-card-title").text_content() == "New Generation AI Development Plan"
    assert card.locator('.pt-card-titles .pt-title-alt[lang="zh"]').text_content() == "新一代人工智能发展规划"
    assert card.locator(".pt-card-when").text_content() == "July 2017 · Central government · Plan"
    assert card.locator(".pt-card-sources").text_content() == "1 source."
    assert card.locator(".pt-card-summary").text_content()
    assert fragment(page)["event"] == "2017-07-new-generation-ai-development-plan"
    card.locator(".pt-card-link").click()
    page.wait_for_url(timeline_site_url + "/events/2017-07-new-generation-ai-development-plan/")
    page.locator("h1", has_text="New Generation AI Development Plan").wait_for()
    assert_clean(page)


@pytest.mark.parametrize("event_id, title", [
    ("2014-shanghai-plan", "Shanghai robotics plan"),                  # a marker
    ("2016-05-internet-plus-ai", "Internet Plus AI three-year plan"),   # a period's bar
])
def test_a_second_click_on_the_event_opens_its_page(page, timeline_site_url, event_id, title):
    page.goto(timeline_site_url + "/")
    hydrate(page)
    click_event(page, event_id)
    page.locator(".pt-card").wait_for(state="visible")
    click_event(page, event_id)
    page.wait_for_url(f"{timeline_site_url}/events/{event_id}/")
    page.locator("h1", has_text=title).wait_for()
    assert_clean(page)


def test_keyboard_tab_to_the_chart_step_announce_and_open(page, timeline_site_url,
                                                          timeline_build):
    page.goto(timeline_site_url + "/")
    page.wait_for_load_state("load")
    # Tab through the controls and the toolbar until the chart itself has focus.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('pt-stage')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('role')") == "application"
    page.keyboard.press("ArrowRight")
    live = page.locator(".pt-live")
    first = timeline_build.project.events[0]
    page.wait_for_function("t => document.querySelector('.pt-live').textContent.includes(t)",
                           arg=first.title)
    when = format_span(first.date, first.end)
    assert live.text_content() == (f"Selected: {when}, {first.title} "
                                   f"(1 of {len(timeline_build.project.events)})")
    page.keyboard.press("ArrowRight")
    second = timeline_build.project.events[1]
    page.wait_for_function("t => document.querySelector('.pt-live').textContent.includes(t)",
                           arg=second.title)
    page.keyboard.press("End")
    last = timeline_build.project.events[-1]
    page.wait_for_function("t => document.querySelector('.pt-card-title').textContent === t",
                           arg=last.title)
    # The chart panned to keep the selection in view.
    rng = page.evaluate("document.querySelector('.pt-plot').layout.xaxis.range")
    assert rng[0][:10] <= last.date.midpoint.isoformat() <= rng[1][:10]
    page.keyboard.press("Home")
    page.wait_for_function("t => document.querySelector('.pt-card-title').textContent === t",
                           arg=first.title)
    page.keyboard.press("Escape")
    page.wait_for_function("document.querySelector('.pt-card').hidden")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{timeline_site_url}/events/{first.id}/")
    assert_clean(page)


# The selection's ring (Plotly draws it as a shape with the accent's 2.5 px line), the
# bottom of what covers the page's top (the site header, and the theme's "Back to top"
# button when it shows: scrolling up brings it) and the card's top, in viewport pixels.
SELECTION_IN_SIGHT = """() => {
    const ring = [...document.querySelectorAll('.pt-plot .shapelayer path')]
        .find((p) => p.style.strokeWidth === '2.5px');
    if (!ring) return null;
    const r = ring.getBoundingClientRect();
    const header = document.querySelector('.md-header').getBoundingClientRect();
    const back = document.querySelector('.md-top');
    const card = document.querySelector('.pt-card').getBoundingClientRect();
    const cover = Math.max(header.bottom,
                           back && !back.hidden ? back.getBoundingClientRect().bottom : 0);
    return {top: r.top, bottom: r.bottom, header: cover, card: card.top,
            title: document.querySelector('.pt-card-title').textContent};
}"""


@pytest.mark.content
@pytest.mark.parametrize("width,height", [(1280, 720), (390, 844)])
def test_stepping_through_a_tall_chart_keeps_the_selection_between_header_and_card(
        browser, default_site_url, width, height):
    # The shipped chart is taller than either screen, and the card holds its bottom:
    # each step scrolls the page, when it must, so the selection is not under either.
    with new_page(browser, viewport={"width": width, "height": height}) as page:
        page.goto(default_site_url + "/")
        page.locator(".pt-stage").hover()
        page.wait_for_selector(INTERACTIVE)
        page.locator(".pt-stage").focus()
        n = page.evaluate("document.querySelectorAll('.pt-twin-list li').length")
        scrolled = set()
        for step in range(n):
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "k => document.querySelector('.pt-card-position').textContent.startsWith(k + ' of')",
                arg=step + 1)
            # Drawn on its own (a step out of a cluster zooms in until it is), ringed,
            # once Plotly has drawn the step (the ring of the step before is gone).
            page.wait_for_function("!policyTimeline.views()[0].drawing && "
                                   f"({SELECTION_IN_SIGHT})() !== null")
            page.wait_for_timeout(400)  # the "Back to top" button's own transition
            seen = page.evaluate(SELECTION_IN_SIGHT)
            assert seen["top"] >= seen["header"] and seen["bottom"] <= seen["card"], (step, seen)
            scrolled.add(page.evaluate("Math.round(window.scrollY)"))
        # It did have to scroll, both ways round a tall chart (down to lower lanes, back up).
        assert len(scrolled) > 2


def test_previous_and_next_step_through_the_visible_events_in_date_order(page, timeline_site_url,
                                                                        timeline_build):
    page.goto(timeline_site_url + "/?lanes=local")
    page.wait_for_selector(INTERACTIVE)
    local = [e for e in timeline_build.project.events if e.lane == "local"]
    click_event(page, local[0].id)
    seen = []
    for _ in local:
        title = page.locator(".pt-card-title").text_content()
        seen.append(title)
        assert page.locator(".pt-card-position").text_content() == f"{len(seen)} of {len(local)}"
        if len(seen) < len(local):
            page.locator(".pt-card [data-action=next]").click()
            page.wait_for_function("t => document.querySelector('.pt-card-title').textContent !== t",
                                   arg=title)
    assert seen == [e.title for e in local]
    assert page.locator(".pt-card [data-action=next]").is_disabled()
    page.locator(".pt-card [data-action=prev]").click()
    page.wait_for_function("t => document.querySelector('.pt-card-title').textContent === t",
                           arg=local[-2].title)
    assert_clean(page)


def test_hover_shows_the_date_both_titles_the_lane_and_the_kind_escaped_once(
        page, timeline_site_url):
    page.goto(timeline_site_url + "/")
    hydrate(page)
    x, y = point_position(page, "2017-07-new-generation-ai-development-plan")
    page.mouse.move(x, y)
    hover = page.locator(".hoverlayer .hovertext")
    hover.wait_for()
    assert hover.text_content() == ("New Generation AI Development Plan新一代人工智能发展规划"
                                    "July 2017 · Central government, Plan")
    page.mouse.move(0, 0)
    x, y = point_position(page, "2017-07-hostile-statement")
    page.mouse.move(x, y)
    page.wait_for_function("t => (document.querySelector('.hoverlayer .hovertext') || {})"
                           ".textContent?.includes(t)", arg=HOSTILE_TITLE)
    assert page.locator(".hoverlayer img, .hoverlayer b b").count() == 0
    assert "&amp;" not in hover.text_content()
    assert_clean(page)


# --- the toolbar, the wheel, touch ----------------------------------------------------------

def test_every_toolbar_button_works_offline_and_downloads_are_files(page, timeline_site_url,
                                                                    tmp_path):
    page.goto(timeline_site_url + "/")
    hydrate(page)

    def span():
        r = page.evaluate("document.querySelector('.pt-plot').layout.xaxis.range")
        return (__import__("datetime").date.fromisoformat(r[1][:10])
                - __import__("datetime").date.fromisoformat(r[0][:10])).days

    first = span()
    page.click("[data-action=zoom-in]")
    page.wait_for_function("n => { const r = document.querySelector('.pt-plot').layout.xaxis.range;"
                           " return (Date.parse(r[1]) - Date.parse(r[0])) / 864e5 < n; }", arg=first)
    assert abs(span() - first / 2) <= 2
    page.click("[data-action=zoom-out]")
    page.click("[data-action=zoom-out]")
    page.wait_for_function("n => { const r = document.querySelector('.pt-plot').layout.xaxis.range;"
                           " return (Date.parse(r[1]) - Date.parse(r[0])) / 864e5 > n; }", arg=first)
    page.click("[data-action=all]")
    page.wait_for_function("(new URLSearchParams(location.hash.slice(1)).get('to') || '') >= '2030'")
    page.click("[data-action=reset]")
    page.wait_for_function("location.hash === ''")
    assert span() == first
    for kind, magic in (("png", b"\x89PNG"), ("svg", b"<svg")):
        with page.expect_download() as info:
            page.click(f"[data-action={kind}]")
        path = tmp_path / f"timeline.{kind}"
        info.value.save_as(path)
        assert path.read_bytes()[:40].lstrip().startswith(magic)
        assert path.stat().st_size > 5000
    assert_clean(page)


def test_the_wheel_scrolls_the_page_unless_asked_to_zoom(page, timeline_site_url):
    page.set_viewport_size({"width": 1280, "height": 600})
    page.goto(timeline_site_url + "/")
    hydrate(page)
    rng = page.evaluate("document.querySelector('.pt-plot').layout.xaxis.range")
    page.evaluate("""() => window.scrollTo(0, document.querySelector('.pt-stage')
                      .getBoundingClientRect().top + scrollY - 100)""")
    box = page.locator(".pt-stage").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 50)
    before = page.evaluate("scrollY")
    page.mouse.wheel(0, 200)
    page.wait_for_function("y => scrollY > y", arg=before)
    assert page.evaluate("document.querySelector('.pt-plot').layout.xaxis.range") == rng
    # With Ctrl, the wheel zooms the chart and the page stays put.
    page.keyboard.down("Control")
    page.mouse.wheel(0, -300)
    page.keyboard.up("Control")
    page.wait_for_function("r => document.querySelector('.pt-plot').layout.xaxis.range[0] !== r",
                           arg=rng[0])
    assert_clean(page)


def test_a_phone_gets_folded_filters_lane_names_above_rows_and_big_targets(browser,
                                                                           timeline_site_url):
    with new_page(browser, viewport={"width": 390, "height": 844}, has_touch=True,
                  is_mobile=True) as page:
        page.goto(timeline_site_url + "/")
        page.wait_for_load_state("load")
        assert page.locator(".pt-filters").evaluate("d => d.open") is False
        page.locator(".pt-filters > summary").click()
        assert page.locator(".pt-controls input[name=q]").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # Every control is at least 24 px tall.
        small = page.evaluate("""() => [...document.querySelectorAll(
            '.pt-view button, .pt-view summary, .pt-view .pt-check, .pt-view input[type=search]')]
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 24)
            .map(e => e.outerHTML.slice(0, 80))""")
        assert small == []
        # Lane names sit above their rows, at the left of the chart.
        names = page.evaluate("""() => {
            const svg = [...document.querySelectorAll('.pt-svg')].find(
                s => getComputedStyle(s).display !== 'none');
            return [...svg.querySelectorAll('.pt-lane-name')].map(t => {
                const r = t.getBoundingClientRect(); return [r.left, r.bottom]; });
        }""")
        plot_left = page.locator(".pt-stage").bounding_box()["x"]
        assert len(names) == 4 and all(left - plot_left < 30 for left, _ in names)
        page.locator(".pt-stage").tap()
        page.wait_for_selector(INTERACTIVE)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_cluster_badge_zooms_into_its_events(page, generated_site_url):
    page.goto(generated_site_url + "/")
    hydrate(page)
    before = len(drawn_ids(page))
    # The badges are the last trace, each a "+N" over a pill drawn as a shape, as in the SVG.
    badges = page.evaluate("""path => {
        const gd = document.querySelector('.pt-plot'), trace = gd.data[3];
        return {name: trace.name, text: trace.text, pills: gd.layout.shapes.filter(
            s => s.type === 'path' && s.xsizemode === 'pixel' && s.path === path).length};
    }""", figure_data.BADGE_PATH)
    assert badges["name"] == "clusters" and badges["text"]
    assert all(re.fullmatch(r"\+\d+", t) for t in badges["text"])
    assert badges["pills"] == len(badges["text"])
    # The chart takes clicks on its drag layer, over the traces: a reader's click there.
    box = page.locator(".pt-plot .scatterlayer .trace").nth(2).locator("text").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = page.locator(".pt-plot .hoverlayer .hovertext")
    hover.wait_for()
    assert "more events: zoom in to see them" in hover.text_content()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("n => document.querySelector('.pt-plot').data[2].customdata.length"
                           " + document.querySelector('.pt-plot').data[0].customdata.length !== n",
                           arg=before)
    assert "from" in fragment(page)
    assert_clean(page)


def test_the_timeline_works_after_instant_navigation(page, timeline_site_url):
    page.goto(timeline_site_url + "/about/")
    page.wait_for_load_state("load")
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav__link", has_text="Home").first.click()
    page.wait_for_url(timeline_site_url + "/")
    hydrate(page)
    assert page.evaluate("window.__sameDocument") is True
    click_event(page, "2015-05-19-made-in-china-2025")
    page.locator(".pt-card").wait_for(state="visible")
    page.locator(".pt-card-link").click()
    page.wait_for_url(timeline_site_url + "/events/2015-05-19-made-in-china-2025/")
    page.locator("h1", has_text="Made in China 2025").wait_for()
    assert page.evaluate("window.__sameDocument") is True
    assert_clean(page)


def test_analysis_charts_draw_every_figure_and_link_to_events(page, timeline_site_url,
                                                              timeline_build):
    page.goto(timeline_site_url + "/targets-and-outcomes/")
    page.wait_for_function(
        "[...document.querySelectorAll('.pt-chart')].every(e => e.dataset.state === 'drawn')")
    events = timeline_build.project.events
    financing = [f for e in events for f in e.figures if f.measure == "ai-financing"]
    chart = page.locator(".pt-chart[data-chart=ai-financing] .scatterlayer .point")
    assert chart.count() == len(financing) == 2
    rows = page.locator("table:has(caption:text('AI financing, in billion yuan')) tbody tr")
    assert rows.count() == len(financing)
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
    assert_clean(page)


def test_without_javascript_the_svg_links_and_the_list_remain(browser, timeline_site_url,
                                                              timeline_build):
    with new_page(browser, java_script_enabled=False) as page:
        page.goto(timeline_site_url + "/")
        assert page.locator(".pt-filters").is_hidden()
        svg = page.locator(".pt-svg:visible")
        assert svg.count() == 1 and svg.bounding_box()["height"] > 200
        links = page.locator(".pt-svg:visible a")
        assert links.count() >= len(timeline_build.project.events) - 1
        page.locator(".pt-twin summary").click()
        assert page.locator(".pt-twin-list li").count() == len(timeline_build.project.events)
        first = re.sub(r"^\.\./", "", links.first.get_attribute("xlink:href") or "")
        assert first.startswith("events/")
