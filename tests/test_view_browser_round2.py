"""The timeline's second round, in real Chromium against built sites served on 127.0.0.1
(issue 23): the years always in sight, the card beside the events and never over them,
keyboard focus on the chart after a click, and one tap that selects and never opens.

At 1280×900 and 390×844, with the shipped events and with 1,000 generated ones."""

from __future__ import annotations

import json

import pytest
from conftest import new_page

pytestmark = [pytest.mark.browser, pytest.mark.site]

INTERACTIVE = ".pt-view[data-state=interactive]"
SIZES = [pytest.param((1280, 900), id="1280"), pytest.param((390, 844), id="390")]
SITES = [
    pytest.param("default_site_url", id="shipped", marks=pytest.mark.content),
    pytest.param("generated_site_url", id="1000"),
]

# The year labels held at the top of the chart that a reader sees: on screen, under the
# site's header, and the topmost thing at their centre (nothing covers them).
YEARS_IN_SIGHT = """() => {
    const header = document.querySelector('.md-header');
    const top = header ? header.getBoundingClientRect().bottom : 0;
    return [...document.querySelectorAll('.pt-held-years span')].filter((s) => {
        const r = s.getBoundingClientRect();
        if (r.width === 0 || r.top < top - 0.5 || r.bottom > innerHeight
            || r.left < 0 || r.right > innerWidth) return false;
        const at = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
        return at === s;
    }).map((s) => s.textContent);
}"""

# Every marker and bar Plotly drew that is on screen, under the header: event index, box.
MARKERS_IN_SIGHT = """() => {
    const view = window.policyTimeline.views()[0], gd = view.gd;
    const header = document.querySelector('.md-header');
    const top = header ? header.getBoundingClientRect().bottom : 0;
    const out = [];
    const layers = [[2, '.scatterlayer .trace:nth-child(2) .points .point'],
                    [0, '.barlayer .point']];
    for (const [k, sel] of layers) {
        const ids = gd.data[k].customdata;
        gd.querySelectorAll(sel).forEach((el, j) => {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.bottom <= top || r.top >= innerHeight) return;
            out.push({i: ids[j], box: [r.left, r.top, r.right, r.bottom]});
        });
    }
    return out;
}"""

CARD_BOX = """() => {
    const c = document.querySelector('.pt-card');
    if (c.hidden || !c.hasAttribute('data-placed')) return null;
    const r = c.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
}"""

# The centre of event i's marker (or bar) in viewport pixels, after scrolling it to `at`
# (a fraction of the screen's height), or null when it is not drawn.
MARKER_AT = """([i, at]) => {
    const gd = window.policyTimeline.views()[0].gd;
    for (const [k, sel] of [[2, '.scatterlayer .trace:nth-child(2) .points .point'],
                            [0, '.barlayer .point']]) {
        const j = gd.data[k].customdata.indexOf(i);
        if (j < 0) continue;
        const el = gd.querySelectorAll(sel)[j];
        window.scrollBy(0, el.getBoundingClientRect().top - innerHeight * at);
        const r = el.getBoundingClientRect();
        return {x: r.left + r.width / 2, y: r.top + r.height / 2};
    }
    return null;
}"""


def area(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def interactive(page, width):
    if width > 500:
        page.locator(".pt-stage").hover()
    else:
        page.locator(".pt-stage").dispatch_event("touchstart")
    page.wait_for_selector(INTERACTIVE)
    page.wait_for_function("!policyTimeline.views()[0].drawing")


def a_point(page, fraction: float) -> int:
    """An event drawn as a point marker, `fraction` of the way through the drawn ones."""
    return page.evaluate(
        """(f) => {
        const ids = window.policyTimeline.views()[0].gd.data[2].customdata;
        return ids[Math.floor((ids.length - 1) * f)];
    }""",
        fraction,
    )


def click_point(page, i: int, at: float):
    pos = page.evaluate(MARKER_AT, [i, at])
    assert pos is not None, i
    page.mouse.move(pos["x"], pos["y"])
    page.locator(".hoverlayer .hovertext").wait_for()
    page.mouse.click(pos["x"], pos["y"])


# --- years always in sight ------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("path", ["/", "/embed/"])
def test_a_year_is_in_sight_on_the_first_screen_and_at_the_last_lane(
    browser, request, site, size, path
):
    url = request.getfixturevalue(site)
    width, height = size
    with new_page(browser, viewport={"width": width, "height": height}) as page:
        page.goto(url + path)
        # The build's drawing, before the chart: the years are already held at its top.
        page.wait_for_function(f"({YEARS_IN_SIGHT})().length >= 2")
        years = page.evaluate(YEARS_IN_SIGHT)
        assert all(y.isdigit() and len(y) == 4 for y in years), years
        interactive(page, width)
        page.wait_for_function(f"({YEARS_IN_SIGHT})().length >= 2")
        # Down to the last lane, its name gone above the years: they are still in sight,
        # and so is the lane's name, under them.
        last = page.evaluate("""() => {
            const names = policyTimeline.views()[0].gd.querySelectorAll('.annotation');
            const name = names[names.length - 1];
            window.scrollBy(0, name.getBoundingClientRect().top - innerHeight / 3);
            window.scrollBy(0, innerHeight / 3 - 20);
            return name.textContent;
        }""")
        page.wait_for_function(f"({YEARS_IN_SIGHT})().length >= 2")
        # Its name: under the years when it went above them; itself, where the page
        # ends before it could (a short page).
        page.wait_for_function(
            """(name) => {
            const tag = document.querySelector('.pt-lane-now');
            const names = policyTimeline.views()[0].gd.querySelectorAll('.annotation');
            const own = names[names.length - 1].getBoundingClientRect();
            const under = tag.hidden ? document.querySelector('.pt-held') : tag;
            if (own.top >= under.getBoundingClientRect().bottom && own.bottom <= innerHeight)
                return true;
            return !tag.hidden && tag.textContent === name;
        }""",
            arg=last,
        )
        if page.evaluate("t => document.querySelector('.pt-lane-now').textContent === t", last):
            tag = page.locator(".pt-lane-now").bounding_box()
            strip = page.locator(".pt-held").bounding_box()
            assert tag["y"] >= strip["y"] + strip["height"] - 0.5
            assert tag["y"] + tag["height"] <= height
        else:
            assert (
                page.evaluate("document.documentElement.scrollHeight - scrollY - innerHeight") < 2
            )


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", ["/", "/embed/"])
def test_without_javascript_the_first_screen_has_years_over_the_chart(
    browser, generated_site_url, size, path
):
    # The build writes the drawing's years into the strip: they are there before any
    # script, at the x of the drawing's own axis labels under the chart.
    width, height = size
    with new_page(
        browser, viewport={"width": width, "height": height}, java_script_enabled=False
    ) as page:
        page.goto(generated_site_url + path)
        held = page.evaluate(
            """() => [...document.querySelectorAll('.pt-held-years span')].map((s) => {
            const r = s.getBoundingClientRect();
            return [s.textContent, (r.left + r.right) / 2, r.top, r.bottom]; })"""
        )
        ticks = page.evaluate(
            """() => [...document.querySelectorAll('.pt-svg .pt-tick')].map((t) => {
            const r = t.getBoundingClientRect(); return [t.textContent, (r.left + r.right) / 2]; })"""
        )
        assert [y for y, *_ in held] == [y for y, _ in ticks] and len(held) >= 2
        assert all(abs(a[1] - b[1]) < 1.5 for a, b in zip(held, ticks, strict=True))
        stage = page.locator(".pt-stage").bounding_box()
        assert all(stage["y"] - 0.5 <= top and bottom <= height for _, _, top, bottom in held)


@pytest.mark.parametrize("site", SITES)
def test_the_years_at_the_top_follow_zoom_and_pan(browser, request, site):
    url = request.getfixturevalue(site)
    with new_page(browser, viewport={"width": 1280, "height": 900}) as page:
        page.goto(url + "/")
        interactive(page, 1280)
        axis = """() => [...policyTimeline.views()[0].gd.querySelectorAll('.xtick text')]
            .filter((t) => t.getBoundingClientRect().width > 0).map((t) => t.textContent)"""
        held = "() => [...document.querySelectorAll('.pt-held-years span')].map(s => s.textContent)"
        before = page.evaluate(held)
        assert before == page.evaluate(axis)
        page.locator(".pt-toolbar [data-action=zoom-in]").click()
        page.wait_for_function(f"JSON.stringify(({held})()) !== {json.dumps(json.dumps(before))}")
        page.wait_for_function("!policyTimeline.views()[0].drawing")
        assert page.evaluate(held) == page.evaluate(axis)
        # Each held year sits over its own year on the axis below.
        pairs = page.evaluate("""() => {
            const ticks = [...policyTimeline.views()[0].gd.querySelectorAll('.xtick text')];
            return [...document.querySelectorAll('.pt-held-years span')].map((s) => {
                const t = ticks.find((t) => t.textContent === s.textContent);
                const a = s.getBoundingClientRect(), b = t.getBoundingClientRect();
                return [(a.left + a.right) / 2, (b.left + b.right) / 2];
            });
        }""")
        assert pairs and all(abs(a - b) < 1.5 for a, b in pairs), pairs
        # A drag: the held years move with the axis while it is dragged.
        box = page.locator(".pt-plot .nsewdrag").bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + 40
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x - 150, y, steps=5)
        moving = page.evaluate(held)
        page.mouse.up()
        page.wait_for_function("!policyTimeline.views()[0].drawing")
        assert page.evaluate(held) == page.evaluate(axis)
        assert moving  # years stayed in the strip during the drag


# --- the card beside the events --------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("where", [0.25, 0.75], ids=["high", "low"])
def test_the_card_covers_no_marker_that_was_in_sight(browser, request, site, size, where):
    url = request.getfixturevalue(site)
    width, height = size
    with new_page(browser, viewport={"width": width, "height": height}) as page:
        page.goto(url + "/")
        interactive(page, width)
        for fraction in (0.2, 0.5, 0.8):
            i = a_point(page, fraction)
            page.evaluate(MARKER_AT, [i, where])
            page.wait_for_timeout(100)
            before = {m["i"] for m in page.evaluate(MARKERS_IN_SIGHT)}
            assert i in before
            click_point(page, i, where)
            page.wait_for_function(f"({CARD_BOX})() !== null")
            page.wait_for_function("!policyTimeline.views()[0].drawing")
            page.wait_for_timeout(300)
            card = page.evaluate(CARD_BOX)
            after = page.evaluate(MARKERS_IN_SIGHT)
            covered = [m["i"] for m in after if m["i"] in before and area(m["box"], card) > 0]
            assert covered == [], (fraction, covered)
            # The selection itself is in sight, above its card.
            mine = [m for m in after if m["i"] == i]
            assert mine and mine[0]["box"][3] <= card[1], (mine, card)
            page.keyboard.press("Escape")
            page.wait_for_function("document.querySelector('.pt-card').hidden")


# --- focus on the chart after a click ------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("site", SITES)
def test_a_click_on_a_marker_then_right_announces_the_next_event(browser, request, site, size):
    url = request.getfixturevalue(site)
    width, height = size
    with new_page(browser, viewport={"width": width, "height": height}) as page:
        page.goto(url + "/")
        interactive(page, width)
        i = a_point(page, 0.4)
        click_point(page, i, 0.4)
        page.locator(".pt-card").wait_for(state="visible")
        assert page.evaluate("document.activeElement === document.querySelector('.pt-stage')")
        expected = page.evaluate(
            """(i) => {
            const v = policyTimeline.views()[0], seq = v.sequence(), ev = v.data.events;
            const k = seq.indexOf(i) + 1, n = seq[k];
            return 'Selected: ' + ev.when[n] + ', ' + ev.title[n] + ' (' + (k + 1) + ' of ' +
                   seq.length + ')';
        }""",
            i,
        )
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "t => document.querySelector('.pt-live').textContent === t", arg=expected
        )
        page.keyboard.press("Home")
        page.wait_for_function(
            "document.querySelector('.pt-card-position').textContent.startsWith('1 of')"
        )


# --- one tap selects, never opens -----------------------------------------------------------

TAP_TARGET = """(f) => {
    // A point marker `f` of the way through the drawn ones, or the next with no other
    // marker within 24 px (where two nearly meet, either may take a tap) and clear of
    // the plot's edges, scrolled to mid-screen.
    const gd = window.policyTimeline.views()[0].gd;
    const ids = gd.data[2].customdata;
    const els = [...gd.querySelectorAll('.scatterlayer .trace:nth-child(2) .points .point')];
    const centre = (el) => { const r = el.getBoundingClientRect();
                             return [r.left + r.width / 2, r.top + r.height / 2]; };
    const all = els.map(centre);
    let k = Math.floor((ids.length - 1) * f);
    const plot = gd.querySelector('.nsewdrag').getBoundingClientRect();
    const alone = (k) => all[k][0] > plot.left + 12 && all[k][0] < plot.right - 12 &&
        all.every((c, m) => m === k || Math.hypot(c[0] - all[k][0], c[1] - all[k][1]) >= 24);
    let n = 0;
    while (n < ids.length && !alone((k + n) % ids.length)) n++;
    if (n === ids.length) return null;
    k = (k + n) % ids.length;
    window.scrollBy(0, all[k][1] - innerHeight / 2);
    const [x, y] = centre(els[k]);
    return {i: ids[k], x: x, y: y,
            title: window.policyTimeline.views()[0].data.events.title[ids[k]]};
}"""


@pytest.mark.parametrize("site", SITES)
def test_a_tap_on_a_marker_shows_its_card_and_never_opens_the_page(browser, request, site):
    url = request.getfixturevalue(site)
    with new_page(
        browser, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    ) as page:
        # plotly.js held back until the first tap is made: it falls on the build's drawing.
        held = []
        page.route("**/plotly-basic-*.js", lambda route: held.append(route))
        page.goto(url + "/")
        svg_tap = page.evaluate(
            """() => {
            const svg = [...document.querySelectorAll('.pt-svg')].find(
                (s) => getComputedStyle(s).display !== 'none');
            const a = svg.querySelectorAll('a[data-i]')[5], use = a.querySelector('use, rect');
            window.scrollBy(0, use.getBoundingClientRect().top - innerHeight / 2);
            const r = use.getBoundingClientRect();
            return {x: r.left + r.width / 2, y: r.top + r.height / 2, i: Number(a.dataset.i)};
        }"""
        )
        page.touchscreen.tap(svg_tap["x"], svg_tap["y"])
        while not held:  # the tap asks for the chart, if the idle browser had not yet
            page.wait_for_timeout(50)
        assert len(held) == 1 and page.url.split("#")[0] == url + "/"
        held[0].continue_()
        # The chart comes, and the card of the event tapped with it.
        page.wait_for_selector(INTERACTIVE)
        page.locator(".pt-card[data-placed]").wait_for(state="visible")
        assert page.evaluate("policyTimeline.views()[0].selected") == svg_tap["i"]
        page.wait_for_timeout(600)
        assert page.url.split("#")[0] == url + "/"
        for fraction in (0.1, 0.3, 0.5, 0.7, 0.9):
            target = page.evaluate(TAP_TARGET, fraction)
            assert target is not None, fraction
            page.touchscreen.tap(target["x"], target["y"])
            page.wait_for_timeout(100)
            assert page.url.split("#")[0] == url + "/", fraction
            page.wait_for_function(
                "t => document.querySelector('.pt-card-title').textContent === t",
                arg=target["title"],
            )
            page.wait_for_timeout(600)  # a second click of the same tap would have come
            assert page.url.split("#")[0] == url + "/", fraction
            assert page.locator(".pt-card").is_visible()
        # A second, separate tap on the selected event opens its page.
        target = page.evaluate(TAP_TARGET, 0.9)
        page.touchscreen.tap(target["x"], target["y"])
        page.wait_for_url(lambda u: "/events/" in u)
