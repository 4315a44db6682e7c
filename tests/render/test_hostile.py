"""A hostile fixture (tests/fixtures/events/hostile) builds safely: everything a contributor
wrote shows as literal text, escaped exactly once, and nothing of it runs in Chromium."""
from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURES, new_page, serve, visible_text

from policy_timeline import urls
from policy_timeline.source.sanitize import render_body
from policy_timeline.source.validate import validate_project
from policy_timeline.timeline.index import build_index

HOSTILE = FIXTURES / "events" / "hostile"
SITE_NAME = "China's AI policy timeline"
PLAN = "2017-07-new-generation-ai-development-plan"
# An escape applied twice: "&lt;" escaped again shows as "&lt;" on screen.
DOUBLE_ESCAPED = re.compile(r"&amp;(lt|gt|quot|amp|apos|#\d+|#x[0-9a-fA-F]+);")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"}


@pytest.fixture(scope="module")
def project():
    project, problems = validate_project(HOSTILE)
    assert problems == [], "the hostile fixture must pass the validator"
    return project


@pytest.fixture(scope="module")
def index(project):
    return build_index(project)


def one_line(text: str) -> str:
    """Whitespace collapsed, as visible_text gives it (a line separator is whitespace too)."""
    return " ".join(text.split())


def html_files(site: Path):
    return sorted(site.rglob("*.html"))


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


class _Dangers(HTMLParser):
    """Elements and attributes through which markup could run script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and value:
                scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                icon = tag == "link" and "icon" in (attributes.get("rel") or "").split()
                if scheme.startswith(("javascript:", "vbscript:")) or (
                        scheme.startswith("data:") and not icon):
                    self.found.append(f'<{tag} {name}="{value}">')
        if tag == "script":
            self._script = ""
        if tag in ("iframe", "object", "embed", "base") and attributes.get("src", "x").startswith(
                ("javascript:", "data:")):
            self.found.append(f"<{tag}>")

    def handle_data(self, data):
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if "__pwned" in self._script or "alert(" in self._script:
                self.found.append(f"<script>{self._script[:60]}")
            self._script = None


def dangers(path: Path) -> list[str]:
    parser = _Dangers()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


def h1_text(html: str) -> str:
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    return visible_text(re.sub(r'<a class="headerlink".*?</a>', "", h1))


def title_text(html: str) -> str:
    return htmllib.unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))


def header_text(html: str) -> str:
    topic = re.search(r'data-md-component="header-topic">\s*<span class="md-ellipsis">(.*?)</span>',
                      html, re.S).group(1)
    return visible_text(topic)


def meta_description(html: str) -> str:
    return htmllib.unescape(re.search(r'<meta name="description" content="([^"]*)">', html).group(1))


# --- the built files -------------------------------------------------------------------

@pytest.mark.site
def test_nothing_in_any_page_can_run_contributor_script(hostile_site):
    found = {p.relative_to(hostile_site).as_posix(): dangers(p) for p in html_files(hostile_site)}
    assert len(found) > 20
    assert {page: d for page, d in found.items() if d} == {}


def test_the_scanner_sees_script_that_would_run(tmp_path):
    """The scan above would also pass if it saw nothing: show it sees each kind."""
    page = tmp_path / "p.html"
    page.write_text('<script>window.__pwned=1</script><img src=x onerror="a()">'
                    '<a href=" jav\tascript:x">a</a><iframe src="data:text/html,x"></iframe>'
                    '<link rel="icon" href="data:,">', encoding="utf-8")
    assert len(dangers(page)) == 5


@pytest.mark.site
def test_no_text_is_escaped_twice_in_any_page_or_index(hostile_site):
    checked = html_files(hostile_site) + [hostile_site / "search" / "search_index.json",
                                          *sorted((hostile_site / "assets" / "timeline").glob("*.json"))]
    twice = {p.relative_to(hostile_site).as_posix(): DOUBLE_ESCAPED.findall(p.read_text("utf-8"))
             for p in checked}
    assert {p: t for p, t in twice.items() if t} == {}


@pytest.mark.site
def test_event_pages_show_title_summary_and_fields_literally(hostile_site, project, index):
    for event in project.events:
        html = read(hostile_site, urls.event_path(event.id))
        assert h1_text(html) == event.title
        assert title_text(html) == f"{event.title} - {SITE_NAME}"
        assert header_text(html) == event.title
        assert meta_description(html) == one_line(event.summary)
        page = visible_text(html)
        assert one_line(event.summary) in page
        for text in (*event.titles.values(), *event.actors, *event.places):
            if text:
                assert text in page, text
        for source in event.sources:
            for text in (source.locator, source.quote, source.title):
                if text:
                    assert text in page, text
        for figure in event.figures:
            assert figure.label in page and figure.unit in page


@pytest.mark.site
def test_vocabulary_and_bibliography_text_shows_literally(hostile_site, project):
    page = visible_text(read(hostile_site, urls.event_path(PLAN)))
    vocabulary = project.vocabulary
    assert vocabulary.lanes["central"].label in page
    assert vocabulary.kinds["plan"].label in page
    assert vocabulary.tags["xss"].label in page
    entry = project.bibliography["evil-2020"]
    assert entry.title in page and entry.venue in page
    assert " and ".join(entry.authors) in page


@pytest.mark.site
@pytest.mark.parametrize("section", ["actors", "tags", "places", "sources"])
def test_group_pages_show_their_label_literally(hostile_site, index, section):
    grouping = getattr(index, section)
    for key, group in grouping.items():
        html = read(hostile_site, urls.path(section, key))
        assert h1_text(html) == group.label, key
        assert title_text(html) == f"{group.label} - {SITE_NAME}", key
        assert header_text(html) == group.label, key


@pytest.mark.site
def test_markdown_syntax_in_a_title_stays_literal(hostile_site, project):
    event = next(e for e in project.events if e.id == "2030-target")
    html = read(hostile_site, urls.event_path(event.id))
    assert h1_text(html) == event.title
    h1 = re.search(r"<h1[^>]*>.*?</h1>", html, re.S).group()
    assert "<em>" not in h1 and '<a href="https://example.org"' not in h1
    assert not re.search(r"<h1[^>]*\sonclick", h1)


@pytest.mark.site
def test_body_keeps_formatting_and_loses_scripts_handlers_and_unsafe_links(hostile_site):
    html = read(hostile_site, urls.event_path(PLAN))
    body = html[html.index('<div class="pt-body">'): html.index('<h2 id="figures"')]
    assert "<script" not in body and "<svg" not in body and "<iframe" not in body
    assert "<style" not in body and "<form" not in body and "<img" not in body
    assert not re.search(r"\son\w+=", body)
    assert re.findall(r'href="([^"]*)"', body) == ["https://example.org/safe"]
    assert 'rel="noopener noreferrer nofollow"' in body
    for text in ("markdown javascript link", "markdown data link", "relative link",
                 "javascript link", "encoded javascript link", "data link", "a safe link"):
        assert text in visible_text(body), text
    assert "<code>&lt;/script&gt;</code>" in body
    assert "Quotes &amp; \"ampersands\" 'survive' as text" in body


@pytest.mark.site
def test_text_cannot_forge_the_placeholders_of_generated_pages(hostile_site, project):
    """A generated page's HTML blocks stand in for comment placeholders until the
    hook fills them in; placeholders written in a title, summary or body stay text
    (or, as HTML comments in a body, are removed) and pull in no block."""
    event = next(e for e in project.events if e.id == "2009-local-plan")
    html = read(hostile_site, urls.event_path(event.id))
    assert "<!--pt-" not in html
    assert html.count('<dl class="pt-facts">') == 1 and html.count('<nav class="pt-prevnext"') == 1
    page = visible_text(html)
    assert h1_text(html) == event.title and "<!--pt-block-0-->" in page
    assert "<!--pt-unsearched-1-->" in page and "<!--pt-block-1-->" in page
    body = html[html.index('<div class="pt-body">'): html.index('<h2 id="sources"')]
    assert "<!--" not in body and "pt-block-0" not in body


def test_render_body_allows_only_http_https_and_mailto_links():
    out = render_body("[a](https://e.org/x) [b](http://e.org) [c](mailto:a@e.org) "
                      "[d](javascript:x) [e](data:text/html,x) [f](/local) [g](#frag) "
                      "[h](ftp://e.org) [i](JaVaScRiPt:x)")
    assert re.findall(r'href="([^"]*)"', out) == ["https://e.org/x", "http://e.org", "mailto:a@e.org"]
    assert out.count("<a ") == 9


@pytest.mark.site
def test_the_search_index_holds_titles_escaped_once(hostile_site, project):
    index_text = (hostile_site / "search" / "search_index.json").read_text(encoding="utf-8")
    import json
    docs = json.loads(index_text)["docs"]
    titles = {d["location"]: d["title"] for d in docs}
    for event in project.events:
        title = titles[urls.event_path(event.id)]
        # The search UI shows titles as HTML: one decoding must give the literal title.
        assert htmllib.unescape(title) == event.title
        assert "<" not in title
    for doc in docs:
        assert not re.search(r"<(script|img|svg|iframe|style|form|body)\b", doc["text"]), doc["location"]


# --- in Chromium -------------------------------------------------------------------------

PWNED_PROBE = """
window.__pwned = 0;
window.__dialogs = 0;
"""

BROWSER_PAGES = [
    "",
    "events/",
    f"events/{PLAN}/",
    "events/2009-local-plan/",
    "events/2030-target/",
    "actors/script-window-pwned-1-script/",
    "actors/smith-sons-ltd/",
    "tags/xss/",
    "places/svg-onload-window-pwned-1/",
    "years/2017/",
    "sources/evil-2020/",
    "sources/",
    "local-before-central/",
]


@pytest.mark.site
@pytest.mark.browser
def test_nothing_from_the_hostile_fixture_executes_in_chromium(browser, hostile_site, index):
    # The hostile web source has a page of its own if two events cite it; cited
    # once, its title is on the event's page and in the sources index.
    source_key = index.source_key(index.by_id[PLAN].sources[1])
    pages = BROWSER_PAGES + ([f"sources/{source_key}/"] if source_key else [])
    with new_page(browser) as page, serve(hostile_site) as base:
        page.context.add_init_script(PWNED_PROBE)
        dialogs, errors = [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        for url in pages:
            page.goto(f"{base}/{url}")
            page.wait_for_load_state("load")
            if page.locator(".pt-view").count():
                page.wait_for_selector(".pt-view[data-state=interactive]")
            if page.locator(".pt-chart").count():
                page.wait_for_selector(".pt-chart[data-state=drawn]")
            # Give handlers a chance: hover what the content holds.
            for element in page.locator("article a:visible, article b:visible, "
                                        "article span:visible").all()[:40]:
                element.hover(force=True, timeout=2000)
            page.wait_for_timeout(50)
            assert page.evaluate("window.__pwned") == 0, url
            assert page.locator("article script, article img, article iframe").count() == 0, url
            # Escaped once: what shows is the literal text, never an entity.
            shown = page.title() + page.locator("article").first.inner_text()
            assert "&lt;" not in shown and "&amp;" not in shown and "&quot;" not in shown, url
        assert dialogs == []
        assert errors == []


@pytest.mark.site
@pytest.mark.browser
def test_chromium_shows_the_hostile_title_as_literal_text(browser, hostile_site, project):
    event = next(e for e in project.events if e.id == PLAN)
    with new_page(browser) as page, serve(hostile_site) as base:
        page.goto(f"{base}/events/{PLAN}/")
        assert page.title() == f"{event.title} - {SITE_NAME}"
        assert page.locator("article h1").first.evaluate("h => h.firstChild.textContent") == event.title
        assert page.locator(".pt-summary").text_content() == event.summary
        assert page.locator('.pt-title-alt[lang="zh"]').text_content() == event.titles["zh"]
        assert page.locator('[data-md-component="header-topic"] .md-ellipsis').text_content() \
            .strip() == event.title
        assert page.locator('meta[name="description"]').get_attribute("content") == event.summary
