"""The embed in real Chromium: /embed/ inside a sandboxed iframe on a host page
of another origin, the snippet taken from the embed builder as a writer would."""
from __future__ import annotations

import datetime as dt
import gzip
import re

import pytest

from conftest import FIXTURES, serve
from macros import figure

pytestmark = pytest.mark.browser

HOST_TEMPLATE = FIXTURES / "embed" / "host.html"
SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"
DRAWN = ".pt-timeline[data-state=drawn]"
SNIPPET_READY = "(document.querySelector('.pt-snippet') || {value: ''}).value.includes('<iframe')"
WEIGHT_BUDGET = 450_000        # bytes, every file of the first load gzipped


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    """Another origin (another port) for the host pages."""
    folder = tmp_path_factory.mktemp("host")
    with serve(folder) as url:
        yield folder, url


def snippet_from_builder(page, site_url, query=""):
    page.goto(f"{site_url}/embed/builder/{query}")
    snippet = page.locator(".pt-snippet")
    page.wait_for_function(SNIPPET_READY)
    return snippet.input_value()


def open_host(page, site_url, host, query="", extra="", name="article"):
    """A host page carrying the builder's snippet; returns the embed's frame."""
    folder, host_url = host
    snippet = snippet_from_builder(page, site_url, query)
    if extra:
        snippet = re.sub(r'src="([^"]*)"', lambda m: f'src="{m.group(1)}{extra}"', snippet, 1)
    html = HOST_TEMPLATE.read_text(encoding="utf-8").replace("<!-- EMBED SNIPPET -->", snippet)
    (folder / f"{name}.html").write_text(html, encoding="utf-8")
    page.goto(f"{host_url}/{name}.html")
    frame = page.frame_locator("iframe")
    frame.locator(DRAWN).wait_for()
    return page.frames[1]


def visible_counts(frame):
    return frame.evaluate("""() => {
        const gd = document.querySelector('.pt-plot');
        return {markers: gd.querySelectorAll('.scatterlayer .point').length,
                bars: gd.querySelectorAll('.barlayer .point').length,
                listed: [...document.querySelectorAll('.pt-twin-list li')]
                        .filter(li => !li.hidden).length};
    }""")


def expected_counts(build, **view):
    fig = figure.timeline_figure(build, **view)
    # Points are counted by their customdata: the legend entries' traces have none.
    markers = sum(len(t["customdata"]) for t in fig["data"] if t["type"] == "scatter")
    bars = sum(len(t["customdata"]) for t in fig["data"] if t["type"] == "bar")
    return {"markers": markers, "bars": bars, "listed": markers + bars}


def assert_clean(page):
    assert page.console_errors == []
    assert page.offsite_requests == []


def test_the_snippet_embeds_a_sandboxed_lazy_iframe_that_draws(page, timeline_site_url, host,
                                                               timeline_build):
    frame = open_host(page, timeline_site_url, host)
    iframe = page.locator("iframe")
    assert iframe.get_attribute("sandbox") == SANDBOX
    assert iframe.get_attribute("loading") == "lazy"
    assert iframe.get_attribute("title")
    # Sandboxed without allow-same-origin: the embed runs in an opaque origin.
    assert frame.evaluate("window.origin") == "null"
    assert visible_counts(frame) == expected_counts(timeline_build)
    # No site chrome: no theme stylesheet, no header, no search.
    assert frame.evaluate("document.querySelectorAll('.md-header, .md-search').length") == 0
    attribution = frame.locator(".pt-attribution a")
    target = attribution.evaluate("a => a.target || document.querySelector('base').target")
    assert target == "_blank"
    assert attribution.evaluate("a => a.href") == timeline_site_url + "/"
    assert_clean(page)


def test_url_parameters_filter_the_markers(page, timeline_site_url, host, timeline_build):
    frame = open_host(page, timeline_site_url, host, "?lanes=central,local&kinds=plan,target")
    assert "lanes=central,local&amp;kinds=plan,target" in page.content()
    assert visible_counts(frame) == expected_counts(timeline_build, lanes=["central", "local"],
                                                    kinds=["plan", "target"])
    assert visible_counts(frame)["markers"] == 5
    assert_clean(page)


def test_parameters_in_the_fragment_and_tags(page, timeline_site_url, host, timeline_build):
    frame = open_host(page, timeline_site_url, host, extra="#tags=local-plans,governance",
                      name="frag")
    assert visible_counts(frame) == expected_counts(timeline_build,
                                                    tags=["local-plans", "governance"])
    assert visible_counts(frame)["listed"] == 4
    assert_clean(page)


def test_the_height_message_resizes_the_iframe_within_bounds(page, timeline_site_url, host):
    frame = open_host(page, timeline_site_url, host, "?lanes=local")
    iframe = page.locator("iframe")
    content = frame.evaluate("Math.ceil(document.body.getBoundingClientRect().height)")
    page.wait_for_function(
        "h => Math.abs(parseFloat(document.querySelector('iframe').style.height) - h) <= 2",
        arg=content)
    assert 200 < content < 2000
    # Opening the list makes the content taller; the iframe follows.
    frame.locator(".pt-twin summary").click()
    page.wait_for_function(
        "h => parseFloat(document.querySelector('iframe').style.height) > h + 20", arg=content)
    # The host clamps what it is told, and ignores messages from anything but the iframe.
    frame.evaluate("parent.postMessage({type: 'policy-timeline:height', height: 99999}, '*')")
    page.wait_for_function("document.querySelector('iframe').style.height === '2000px'")
    page.evaluate("window.postMessage({type: 'policy-timeline:height', height: 300}, '*')")
    page.wait_for_timeout(200)
    assert iframe.evaluate("f => f.style.height") == "2000px"
    assert_clean(page)


def test_a_click_opens_the_event_page_in_a_new_top_level_tab(page, timeline_site_url, host):
    frame = open_host(page, timeline_site_url, host)
    box = frame.evaluate("""() => {
        const gd = document.querySelector('.pt-plot');
        const seen = {scatter: 0, bar: 0};
        for (const t of gd.data) {
            const k = seen[t.type]++;
            const i = t.customdata.findIndex(cd => cd[0] === 'events/2014-shanghai-plan/');
            if (i < 0) continue;
            const r = gd.querySelectorAll('.scatterlayer .trace')[k]
                        .querySelectorAll('.point')[i].getBoundingClientRect();
            return {x: r.left + r.width / 2, y: r.top + r.height / 2};
        }
    }""")
    offset = page.locator("iframe").bounding_box()
    x, y = offset["x"] + box["x"], offset["y"] + box["y"]
    page.mouse.move(x, y)
    with page.expect_popup() as popup_info:
        page.mouse.click(x, y)
    popup = popup_info.value
    popup.wait_for_load_state("commit")
    assert popup.url == timeline_site_url + "/events/2014-shanghai-plan/"
    # noopener, and out of the sandbox: a normal page of the site's own origin.
    assert popup.evaluate("window.opener") is None
    assert popup.evaluate("window.origin") == timeline_site_url
    assert page.url.endswith("/article.html")
    assert_clean(page)


def test_legend_clicks_and_zooms_are_written_into_the_fragment(page, timeline_site_url, host):
    frame = open_host(page, timeline_site_url, host, "?lanes=central")
    # Plotly lays a transparent toggle over each legend entry: click where the reader would.
    frame.locator(".legendtext", has_text="Statement").click(force=True)
    frame.wait_for_function("/kinds=[a-z,]+/.test(location.hash)")
    kinds = re.search(r"kinds=([a-z,]+)", frame.evaluate("location.hash")).group(1).split(",")
    assert "statement" not in kinds and "plan" in kinds
    assert "lanes=central" in frame.evaluate("location.hash")   # the query's filter is kept
    # A zoom box dragged across the plot writes the range it shows.
    plot = frame.evaluate("""() => {
        const r = document.querySelector('.nsewdrag').getBoundingClientRect();
        return {x: r.left, y: r.top, w: r.width, h: r.height};
    }""")
    offset = page.locator("iframe").bounding_box()
    x0, y0 = offset["x"] + plot["x"] + plot["w"] * 0.3, offset["y"] + plot["y"] + plot["h"] / 2
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x0 + plot["w"] * 0.2, y0 + 5, steps=5)
    page.mouse.up()
    frame.wait_for_function(r"/from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d/.test(location.hash)")
    # The list follows the view.
    assert visible_counts(frame)["listed"] < 6
    assert_clean(page)


def test_the_event_parameter_selects_and_centres_it(page, timeline_site_url, host):
    frame = open_host(page, timeline_site_url, host, extra="?event=2014-shanghai-plan&theme=dark",
                      name="centred")
    centre = frame.evaluate("""() => {
        const r = document.querySelector('.pt-plot').layout.xaxis.range.map(Date.parse);
        return new Date((r[0] + r[1]) / 2).toISOString().slice(0, 10);
    }""")
    assert abs(dt.date.fromisoformat(centre) - dt.date(2014, 7, 2)) <= dt.timedelta(days=2)
    selected = frame.locator(".pt-twin-list li[aria-current=true]")
    assert selected.get_attribute("data-id") == "2014-shanghai-plan"
    assert frame.evaluate("document.documentElement.dataset.theme") == "dark"
    assert frame.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(30, 32, 41)"
    assert_clean(page)


def test_without_javascript_the_embed_is_the_list(browser, timeline_site_url, timeline_build):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(timeline_site_url + "/embed/")
    items = page.locator(".pt-twin[open] .pt-twin-list li")
    assert items.count() == len(timeline_build.project.events)
    assert page.locator(".pt-fallback").is_visible()
    context.close()


def test_embed_first_load_weight(page, default_site):
    """Every file /embed/ requests on its first load, gzipped, on the site as shipped."""
    sizes = {}

    def record(response):
        if response.request.method == "GET" and response.status == 200:
            sizes[response.url] = len(gzip.compress(response.body(), compresslevel=6))

    page.on("response", record)
    with serve(default_site) as url:
        page.goto(url + "/embed/")
        page.wait_for_selector(DRAWN)
        page.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    report = ", ".join(f"{u.rsplit('/', 1)[-1] or 'embed/'} {n}" for u, n in sorted(sizes.items()))
    print(f"\nembed first load: {total} bytes gzipped ({report})")
    assert any(u.endswith("plotly-basic-4.1.1.min.js") for u in sizes)
    assert not [u for u in sizes if "stylesheets/main" in u or "bundle." in u]  # no theme
    assert total <= WEIGHT_BUDGET, report
    assert_clean(page)


def test_embed_this_view_carries_the_filters_into_the_builder(browser, timeline_site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(timeline_site_url + "/local-before-central/")
    page.wait_for_selector(DRAWN)
    page.locator(".pt-embed-link a").click()
    page.wait_for_url(timeline_site_url + "/embed/builder/?lanes=central,local&kinds=plan")
    page.wait_for_function(SNIPPET_READY)
    checked = page.eval_on_selector_all(".pt-builder input:checked",
                                        "els => els.map(e => e.name + '=' + e.value)")
    assert checked == ["lanes=central", "lanes=local", "kinds=plan", "theme=light"]
    # A new choice reaches the preview, the snippet and the builder's own address.
    page.locator(".pt-builder input[name=from]").fill("2012")
    page.locator("label", has_text="Dark").click()
    want = timeline_site_url + "/embed/?lanes=central,local&kinds=plan&from=2012&theme=dark"
    page.wait_for_function("u => document.querySelector('.pt-preview').src === u", arg=want)
    snippet = page.locator(".pt-snippet").input_value()
    assert want.replace("&", "&amp;") in snippet
    assert 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"' in snippet
    assert 'loading="lazy"' in snippet and "event.source" in snippet
    assert page.url.endswith("/embed/builder/?lanes=central,local&kinds=plan&from=2012&theme=dark")
    page.locator(".pt-copy").click()
    page.wait_for_function("document.querySelector('.pt-copy-status').textContent === 'Copied.'")
    assert page.evaluate("navigator.clipboard.readText()") == snippet
    # The preview itself draws, sandboxed like the snippet's iframe.
    preview = page.frame_locator(".pt-preview")
    preview.locator(DRAWN).wait_for()
    assert errors == []
    context.close()
