"""The generated pages: built for real from tests/fixtures/events/site, and the core's
output compared with a checked-in golden file without mkdocs."""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import FIXTURES, REPO, build_site, copy_events, differing_files, write_events
from conftest import visible_text as text

from policy_timeline import urls
from policy_timeline.build import Build
from policy_timeline.render import pages as render_pages
from policy_timeline.source.dates import format_span
from policy_timeline.source.validate import validate_project
from policy_timeline.timeline.index import build_index

SITE_EVENTS = FIXTURES / "events" / "site"
GOLDEN = REPO / "tests" / "golden"
TODAY = dt.date(2026, 1, 1)
PLAN = "2017-07-new-generation-ai-development-plan"
SITE_NAME = "China's AI policy timeline"


@pytest.fixture(scope="module")
def core_build(tmp_path_factory) -> Build:
    # A copy outside the repository: no git history, so the pages' dates are the
    # build's (TODAY), whatever commit the fixture was last changed in.
    events = copy_events(SITE_EVENTS, tmp_path_factory.mktemp("core") / "events")
    project, problems = validate_project(events)
    assert not problems, problems
    return Build(project=project, index=build_index(project), today=TODAY)


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    start = html.index('<article class="md-content__inner md-typeset">')
    return html[start: html.index("</article>", start)]


def section(html: str, heading_id: str) -> str:
    """One ``## Heading`` section of a generated page, up to the next heading or nav."""
    start = html.index(f'<h2 id="{heading_id}"')
    end = min(i for i in (html.find("<h2", start + 1), html.find('<nav class="pt-prevnext"', start),
                          html.find("</article>", start)) if i != -1)
    return html[start:end]


def hrefs(fragment: str) -> list[str]:
    """Links to other pages (not the headings' own permalinks)."""
    return [h for h in re.findall(r'href="([^"]*)"', fragment) if not h.startswith("#")]


# --- the pages exist ---------------------------------------------------------------------

@pytest.mark.site
def test_every_event_actor_tag_year_place_and_source_has_a_page(fixture_site, core_build):
    index = core_build.index
    expected = [urls.event_path(e.id) for e in index.events]
    expected += [urls.path("actors", k) for k in index.actors]
    expected += [urls.tag_path(k) for k in index.tags]
    expected += [urls.path("years", k) for k in index.years]
    expected += [urls.path("places", k) for k in index.places]
    expected += [urls.source_path(k) for k in index.sources]
    expected += [urls.section_path(s) for s in urls.SECTIONS]
    assert len(expected) == len(set(expected)) > 50
    missing = [url for url in expected if not (fixture_site / url / "index.html").is_file()]
    assert missing == []
    # And the pages a reader would guess from the events.
    for url in ("events/2009-wuxi-sensing-plan/", "actors/miit/", "tags/local-plans/",
                "years/2018/", "places/wuxi/", "sources/naughton-2020/",
                "sources/web-gov-cn-fixture-wuxi-2009-htm/", "sources/uncited-2019/"):
        assert (fixture_site / url / "index.html").is_file(), url


@pytest.mark.site
def test_every_placeholder_is_filled_in(fixture_site):
    left = [path.relative_to(fixture_site).as_posix() for path in sorted(fixture_site.rglob("*.html"))
            if "<!--pt-" in path.read_text(encoding="utf-8")]
    assert left == []


@pytest.mark.site
@pytest.mark.parametrize("name", ["site", "hostile"])
def test_the_build_shortcuts_change_no_byte_of_the_site(name, request, tmp_path):
    """Generated pages skip mkdocs' full Markdown pass (mkdocs/speed/pages.py, PrebuiltPage) and
    pages outside the nav share one rendering of the nav, the header (with its title put
    in) and the theme's configuration per folder (mkdocs/speed/pages.py, theme_once_per_folder),
    the search reads copies of tagged blocks and views of generated pages
    (mkdocs/speed/search.py): the site is byte for byte the one mkdocs builds page by page without them,
    hostile titles included."""
    built = request.getfixturevalue("fixture_site" if name == "site" else "hostile_site")
    plain = build_site(copy_events(FIXTURES / "events" / name, tmp_path / "events"),
                       tmp_path / "site", extra_env={"TIMELINE_BUILD_SHORTCUTS": "off"})
    assert differing_files(built, plain) == []
    if name == "site":
        # The nav of a page outside it marks no item active, and of one in it, its own.
        assert "md-nav__link--active" not in read(built, "actors/miit")
        assert '<a href="./" class="md-nav__link md-nav__link--active">' in read(built, "events")


@pytest.mark.site
def test_event_parts_made_by_worker_processes_change_no_byte_of_the_site(fixture_site, tmp_path):
    """A big build makes the event pages' parts, bodies included, in forked workers
    while it makes the rest (pending.py); the fixture is below workers.AUTO_MIN_EVENTS,
    so two are asked for here."""
    log: list[str] = []
    parallel = build_site(copy_events(FIXTURES / "events" / "site", tmp_path / "events"),
                          tmp_path / "site", extra_env={"TIMELINE_BUILD_WORKERS": "2"}, log=log)
    assert any(line.endswith("(event pages' parts by 2 worker processes)") for line in log), log
    assert differing_files(fixture_site, parallel) == []


@pytest.mark.site
def test_generated_pages_take_their_title_from_the_h1(fixture_site):
    html = read(fixture_site, f"events/{PLAN}")
    assert f"<title>New Generation AI Development Plan - {SITE_NAME.replace(chr(39), '&#39;')}</title>" in html
    assert text(re.search(r"<h1[^>]*>.*?</h1>", html, re.S).group()).rstrip("¶").strip() \
        == "New Generation AI Development Plan"
    assert re.search(r'<meta name="description" content="The State Council sets out a three-step', html)


# --- event pages ---------------------------------------------------------------------------

@pytest.mark.site
def test_event_page_shows_every_part_of_the_event(fixture_site):
    page = article(read(fixture_site, f"events/{PLAN}"))
    assert '<p class="pt-title-alt" lang="zh" dir="ltr">新一代人工智能发展规划</p>' in page
    facts = text(page[page.index('<dl class="pt-facts">'): page.index("</dl>")])
    assert facts.startswith("Date July 2017 Lane Central government Kind Plan")
    assert "Actors State Council" in facts and "Places Beijing" in facts
    assert "Tags Artificial intelligence, Targets" in facts
    assert '<a href="../../actors/state-council/">State Council</a>' in page
    assert '<a href="../../places/beijing/">Beijing</a>' in page
    assert '<a href="../../tags/targets/">Targets</a>' in page
    assert "The State Council sets out a three-step national AI plan" in page
    # The body, rendered from Markdown.
    assert "<strong>three steps</strong>" in page and "<li>lead the world by 2030.</li>" in page
    assert ('<a href="https://example.org/new-america-translation" '
            'rel="noopener noreferrer nofollow">translation by New America</a>') in page
    # Figures as a table.
    figures = section(page, "figures")
    assert text(figures).split("Type ", 1)[1] == (
        "Core AI industry 150 billion yuan 2020 Target "
        "Core AI industry 400 billion yuan 2025 Target "
        "Core AI industry 1,000 billion yuan 2030 Target")


@pytest.mark.site
def test_citations_are_formatted_and_link_to_their_source_pages(fixture_site):
    sources = section(article(read(fixture_site, f"events/{PLAN}")), "sources")
    first, second = re.findall(r"<li.*?</li>", sources, re.S)
    assert text(first) == (
        "Graham Webster, Rogier Creemers, Paul Triolo and Elsa Kania (1 August 2017). "
        "Full Translation: China's 'New Generation Artificial Intelligence Development Plan'. "
        "New America. Section I. By 2030, China's AI theories, technologies, and applications "
        "should achieve world-leading levels")
    assert hrefs(first) == ["../../sources/webster-2017/"]
    assert '<q class="pt-quote">' in first
    assert text(second).startswith("State Council notice on the plan. Read at gov.cn")
    # A web page only this event cites has no page of its own: the citation links it.
    assert hrefs(second) == ["https://www.gov.cn/fixture/ai-plan-2017.htm"]
    assert not (fixture_site / "sources" / "web-gov-cn-fixture-ai-plan-2017-htm").exists()
    listed = read(fixture_site, "sources")
    assert ('<cite>State Council notice on the plan</cite>. <a class="pt-external" '
            'href="https://www.gov.cn/fixture/ai-plan-2017.htm"' in listed)
    assert f'Cited by <a href="../events/{PLAN}/">' in listed
    assert 'rel="noopener noreferrer"' in second
    # A bibliography entry with a url links out from the event page too.
    wuxi = section(article(read(fixture_site, "events/2009-wuxi-sensing-plan")), "sources")
    assert "https://example.org/zeng-2020" in hrefs(wuxi)
    assert "Jinghan Zeng (December 2020). China's Artificial Intelligence Innovation: " \
           "A Top-Down National Command Approach? Global Policy. section “Local Initiatives”." \
           in text(wuxi)


@pytest.mark.site
def test_related_links_appear_in_both_directions(fixture_site):
    plan = section(article(read(fixture_site, f"events/{PLAN}")), "related-events")
    # The plan lists no related events; four events list it.
    assert hrefs(plan) == ["../../events/2016-05-internet-plus-ai/",
                           "../../events/2017-12-guangdong-plan/",
                           "../../events/2020-ai-core-industry-target/",
                           "../../events/2030-ai-core-industry-target/"]
    for other in ("2016-05-internet-plus-ai", "2017-12-guangdong-plan"):
        back = section(article(read(fixture_site, f"events/{other}")), "related-events")
        assert f"../../events/{PLAN}/" in hrefs(back)
    wuxi = section(article(read(fixture_site, "events/2009-wuxi-sensing-plan")), "related-events")
    assert hrefs(wuxi) == ["../../events/2017-12-guangdong-plan/"]
    assert '<h2 id="related-events"' not in read(fixture_site, "events/2019-03-capital-winter")


@pytest.mark.site
def test_previous_and_next_event_in_time(fixture_site):
    page = article(read(fixture_site, f"events/{PLAN}"))
    nav = page[page.index('<nav class="pt-prevnext"'):]
    assert re.findall(r'href="([^"]*)" rel="(prev|next)"', nav) == [
        ("../../events/2016-05-internet-plus-ai/", "prev"),
        ("../../events/2017-10-international-conference/", "next")]
    first = article(read(fixture_site, "events/2009-wuxi-sensing-plan"))
    assert 'rel="prev"' not in first and 'rel="next"' in first


@pytest.mark.site
@pytest.mark.parametrize("event_id, shown, never", [
    ("2009-wuxi-sensing-plan", "2009", ["1 January 2009", "January 2009", "2009-01-01", "2009-01"]),
    (PLAN, "July 2017", ["1 July 2017", "2017-07-01", "31 July 2017"]),
    ("2015-05-19-made-in-china-2025", "19 May 2015", []),
    ("2016-thirteenth-five-year-plan", "2016–2020", ["1 January 2016", "2016-01-01",
                                                     "31 December 2020", "2020-12-31"]),
])
def test_dates_are_shown_at_their_precision(fixture_site, event_id, shown, never):
    html = read(fixture_site, f"events/{event_id}")
    page = article(html)
    assert "<dt>Date</dt><dd><time datetime=" in page
    assert re.search(r"<dt>Date</dt><dd><time[^>]*>([^<]*)</time>", page).group(1) == shown
    for wrong in never:
        assert wrong not in html, wrong


@pytest.mark.site
def test_targets_and_future_events_are_set_apart(fixture_site):
    for event_id in ("2030-ai-core-industry-target", "2020-ai-core-industry-target",
                     "2028-06-future-statement"):
        assert 'class="pt-target-note"' in read(fixture_site, f"events/{event_id}"), event_id
    for event_id in ("2019-03-capital-winter", PLAN):
        assert 'class="pt-target-note"' not in read(fixture_site, f"events/{event_id}"), event_id


# --- actor, tag, year, place and source pages ---------------------------------------------------

@pytest.mark.site
def test_group_pages_list_their_events_in_time_order(fixture_site):
    miit = article(read(fixture_site, "actors/miit"))
    assert text(re.search(r"<h1.*?</h1>", miit, re.S).group()).startswith("MIIT")
    assert hrefs(miit)[:3] == ["../../events/2015-05-19-made-in-china-2025/",
                                "../../events/2016-05-internet-plus-ai/",
                                "../../events/2018-01-18-standardization-white-paper/"]
    tag = article(read(fixture_site, "tags/local-plans"))
    assert "../../events/2009-wuxi-sensing-plan/" in hrefs(tag)
    assert hrefs(tag).index("../../events/2009-wuxi-sensing-plan/") < \
        hrefs(tag).index("../../events/2017-12-guangdong-plan/")
    place = article(read(fixture_site, "places/wuxi"))
    assert "../../events/2009-wuxi-sensing-plan/" in hrefs(place)


@pytest.mark.site
def test_year_pages_list_periods_in_force_and_link_neighbouring_years(fixture_site):
    page = article(read(fixture_site, "years/2018"))
    assert "a period is listed under every year it spans" in page
    assert "../../events/2016-thirteenth-five-year-plan/" in hrefs(page)
    assert "../../events/2018-01-18-standardization-white-paper/" in hrefs(page)
    assert '<a href="../../years/2017/" rel="prev">' in page
    assert '<a href="../../years/2019/" rel="next">' in page
    assert not (fixture_site / "years" / "2011").exists()
    years_index = article(read(fixture_site, "years"))
    assert "../years/2018/" in hrefs(years_index) and "../years/2011/" not in hrefs(years_index)


@pytest.mark.site
def test_source_pages_list_the_citing_events_with_locator_and_quote(fixture_site):
    page = article(read(fixture_site, "sources/zeng-2020"))
    assert text(page).startswith("China's Artificial Intelligence Innovation")
    assert "Jinghan Zeng (December 2020)." in text(page)
    assert '<a class="pt-external" href="https://example.org/zeng-2020" rel="noopener noreferrer">' in page
    assert "Cited by 4 events" in text(page)
    item = re.search(r"<li>.*?2009-wuxi-sensing-plan.*?</li>", page, re.S).group()
    assert "section “Local Initiatives”" in item
    assert "local governments started to support AI development as early as 2009" in item
    web = article(read(fixture_site, "sources/web-gov-cn-fixture-wuxi-2009-htm"))
    assert "../../events/2009-wuxi-sensing-plan/" in hrefs(web)
    assert "../../events/2017-12-guangdong-plan/" in hrefs(web)
    assert "No event cites this source yet." in read(fixture_site, "sources/uncited-2019")


@pytest.mark.site
def test_section_indexes_list_every_page_of_their_section(fixture_site, core_build):
    index = core_build.index
    for section_name, grouping in (("actors", index.actors), ("tags", index.tags),
                                   ("places", index.places), ("sources", index.sources)):
        listed = set(hrefs(article(read(fixture_site, section_name))))
        for key in grouping:
            assert f"../{section_name}/{key}/" in listed, (section_name, key)


# --- the events table ----------------------------------------------------------------------------

@pytest.mark.site
def test_events_table_is_complete_without_javascript(fixture_site, core_build):
    page = article(read(fixture_site, "events"))
    table = page[page.index('<table class="pt-events-table"'): page.index("</table>")]
    rows = re.findall(r"<tr data-lane.*?</tr>", table, re.S)
    assert len(rows) == len(core_build.project.events) == 13
    for row, event in zip(rows, core_build.index.events):
        cells = [text(c) for c in re.findall(r"<td.*?</td>", row, re.S)]
        vocabulary = core_build.project.vocabulary
        assert cells[:4] == [
            format_span(event.date, event.end), event.title,
            vocabulary.lanes[event.lane].label, vocabulary.kinds[event.kind].label]
        assert cells[4] == ", ".join(vocabulary.tags[t].label for t in event.tags)
        assert f'href="../events/{event.id}/"' in row
    # The filter needs JavaScript, so it is hidden until tables.js shows it.
    assert '<form class="pt-table-filter" data-table="pt-events-table" hidden>' in page


# --- the nav and the docs folder ----------------------------------------------------------------

@pytest.mark.site
def test_the_nav_lists_section_indexes_but_no_event_page(fixture_site):
    for url in ("", f"events/{PLAN}", "tags/targets"):
        html = read(fixture_site, url)
        nav = html[html.index('<nav class="md-nav md-nav--primary"'):
                   html.index('<div class="md-sidebar md-sidebar--secondary"')]
        base = "http://site.invalid/" + (url + "/" if url else "")
        targets = {urlsplit(urljoin(base, h)).path for h in hrefs(nav)}
        generated = [t for t in targets
                     if re.match(r"^/(events|actors|tags|years|places|sources)/[^/]+/$", t)]
        assert generated == [], url
        assert {"/events/", "/actors/", "/tags/", "/years/", "/sources/"} <= targets, url


def _docs_files() -> list[str]:
    # Paths only: other people may be editing docs/ while the tests run.
    docs = REPO / "docs"
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*"))


@pytest.mark.site
def test_the_build_writes_nothing_into_docs(tmp_path):
    events = write_events(tmp_path / "events", {
        "2017-07-new-generation-ai-development-plan.md":
            (SITE_EVENTS / "2017" / "2017-07-new-generation-ai-development-plan.md").read_text(),
        "2009-wuxi-sensing-plan.md": (SITE_EVENTS / "2009-wuxi-sensing-plan.md").read_text(),
    }, bibliography=(SITE_EVENTS / "bibliography.yml").read_text())
    before = _docs_files()
    site = build_site(events, tmp_path / "site")
    assert (site / "events" / PLAN / "index.html").is_file()
    assert _docs_files() == before
    for section_name in urls.SECTIONS:
        assert not (REPO / "docs" / section_name).exists(), section_name


# --- site search ------------------------------------------------------------------------------

def search_entries(site: Path) -> dict[str, dict]:
    import json

    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return {doc["location"]: doc for doc in docs}


@pytest.mark.site
def test_search_indexes_each_event_once_not_on_every_page_that_lists_it(fixture_site, core_build):
    entries = search_entries(fixture_site)
    title = "Capital winter"
    found = sorted(loc for loc, doc in entries.items() if title in doc["title"] + doc["text"])
    # Its own page, the tag of the same name, and the figures table that charts
    # its number; not the events before and after it in time, nor its actor,
    # year or source pages, the events table or the home page's list.
    assert found == ["events/2019-03-capital-winter/", "tags/capital-winter/",
                     "targets-and-outcomes/#ai-financing"], found
    assert entries["tags/capital-winter/"]["text"] == (
        "<p>Events tagged “Capital winter”: 1 event, in time order.</p>")
    # Group pages are still found by their name and what they are.
    assert entries["actors/miit/"]["title"] == "MIIT"
    assert "Events in which MIIT acted" in entries["actors/miit/"]["text"]
    assert entries["sources/zeng-2020/"]["title"].startswith("China")
    # What an event page says about itself is searchable: summary, body, citations;
    # its date, lane, kind, actors, places and tags are found as pages of their own.
    plan = entries[f"events/{PLAN}/"]["text"]
    # The search plugin segments Chinese with jieba, which puts a zero-width space
    # between words (mkdocs.yml's separator splits on it).
    assert "three-step national AI plan" in plan
    assert "\u200b新一代\u200b人工智能\u200b发展\u200b规划\u200b" in plan
    assert "Central government" not in plan and "Year pages" not in plan
    assert "Section I." in entries[f"events/{PLAN}/#sources"]["text"]
    # A link that leaves the site says so to screen readers, not to the search.
    assert "Read at gov.cn" in entries[f"events/{PLAN}/#sources"]["text"]
    assert not [loc for loc, doc in entries.items() if "external site" in doc["text"]]
    assert 'Read at gov.cn<span class="pt-visually-hidden"> (external site)</span>' in read(
        fixture_site, f"events/{PLAN}")
    # The lists search leaves out are on the pages all the same.
    assert ('href="../../events/2019-03-capital-winter/" rel="prev"'
            in read(fixture_site, "events/2019-05-16-entity-list"))
    assert 'href="../../events/2019-03-capital-winter/"' in read(fixture_site, "actors/ai-start-ups")


# --- the core's output, without mkdocs ----------------------------------------------------------

def test_event_page_matches_the_golden_file(core_build):
    """The core's Markdown for one event page. After an intended change, rerun with
    UPDATE_GOLDEN=1 and review the diff of tests/golden/."""
    rendered = render_pages.event_page(core_build, core_build.index.by_id[PLAN]).joined()
    golden = GOLDEN / f"{PLAN}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def test_source_page_matches_the_golden_file(core_build):
    key = "web-gov-cn-fixture-wuxi-2009-htm"
    rendered = render_pages.source_page(core_build, key, core_build.index.sources[key]).joined()
    golden = GOLDEN / f"source-{key}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def test_same_input_gives_the_same_pages_whatever_the_event_order(core_build):
    project = core_build.project
    shuffled = type(project)(events_dir=project.events_dir, events=list(reversed(project.events)),
                             vocabulary=project.vocabulary, bibliography=project.bibliography)
    again = Build(project=shuffled, index=build_index(shuffled), today=TODAY)
    first, second = render_pages.render_all(core_build), render_pages.render_all(again)
    assert list(first) == list(second)
    # Whole pages: an event's body block is made when the page is filled.
    assert {uri: page.joined() for uri, page in first.items()} \
        == {uri: page.joined() for uri, page in second.items()}


def test_every_generated_page_is_a_markdown_page_with_one_h1(core_build):
    files = render_pages.render_all(core_build)
    assert all(uri.endswith(".md") for uri in files)
    for uri, generated in files.items():
        markdown = generated.markdown
        body = markdown.split("---\n", 2)[-1].lstrip("\n") if markdown.startswith("---\n") else markdown
        assert body.startswith("# "), uri
        assert len(re.findall(r"^# ", markdown, re.M)) == 1, uri
        assert "render_macros" not in markdown.split("\n# ", 1)[0], uri


def test_markdown_reads_headings_and_placeholders_only(core_build):
    """The HTML of a generated page never goes through Markdown: mkdocs reads its
    headings and one placeholder line per block, and the hook fills them in."""
    generated = render_pages.event_page(core_build, core_build.index.by_id[PLAN])
    body_lines = [line for line in generated.markdown.split("---\n")[-1].splitlines() if line]
    assert all(re.fullmatch(r"#{1,2} .+|<!--pt-(block|tagged|unsearched)-[0-9]+-->", line)
               for line in body_lines), body_lines
    assert len(body_lines) - sum(line.startswith("#") for line in body_lines) == len(generated.blocks)
    html = "<h1>x</h1>\n" + "\n".join(line for line in body_lines if not line.startswith("#"))
    searchable = generated.fill(html, searchable_only=True)
    assert "<!--pt-block-" not in searchable and "<!--pt-tagged-" not in searchable
    # facts, related events, the citation, last changed, previous/next
    assert searchable.count("<!--pt-unsearched-") == 5
    for part in ('class="pt-facts"', 'class="pt-event-list"', 'class="pt-cite-text"', 'class="pt-changed"',
                 'class="pt-prevnext"'):
        assert part not in searchable
    for part in ('class="pt-title-alt"', 'class="pt-summary"', 'class="pt-body"', 'class="pt-sources"'):
        assert part in searchable
    whole = generated.fill(searchable)
    assert "<!--pt-" not in whole and 'class="pt-prevnext"' in whole and 'class="pt-facts"' in whole


# --- the events table in Chromium -----------------------------------------------------------------

def visible_titles(page) -> list[str]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('#pt-events-table tbody tr'))
        .filter(r => !r.hidden).map(r => r.cells[1].textContent.trim())""")


@pytest.mark.site
@pytest.mark.browser
def test_events_table_sorts_and_filters_after_instant_navigation(page, fixture_site_url, core_build):
    page.goto(fixture_site_url + "/about/")
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav__link", has_text="Events").first.click()
    page.wait_for_url(fixture_site_url + "/events/")
    form = page.locator("form.pt-table-filter")
    form.wait_for(state="visible")
    assert page.evaluate("window.__sameDocument") is True
    events = core_build.index.events
    assert visible_titles(page) == [e.title for e in events]
    assert form.locator("output").text_content() == f"Showing {len(events)} of {len(events)} events"

    form.locator("select[name=lane]").select_option("local")
    assert visible_titles(page) == ["Wuxi's sensing-network plan", "Guangdong's AI plan"]
    form.locator("select[name=lane]").select_option("")
    form.locator("select[name=kind]").select_option("target")
    assert visible_titles(page) == ["Core AI industry worth 150 billion yuan",
                                    "Core AI industry worth 1 trillion yuan"]
    form.locator("select[name=kind]").select_option("")
    form.locator("input[name=text]").fill("miit")  # matches nothing: actors are not columns
    assert visible_titles(page) == []
    form.locator("input[name=text]").fill("capital")
    assert visible_titles(page) == ["Capital winter"]
    assert form.locator("output").text_content() == f"Showing 1 of {len(events)} events"
    form.locator("input[name=text]").fill("")

    title_header = page.locator("#pt-events-table th", has_text="Title")
    title_header.locator("button").click()
    assert title_header.get_attribute("aria-sort") == "ascending"
    assert visible_titles(page) == sorted((e.title for e in events), key=str.casefold)
    title_header.locator("button").click()
    assert title_header.get_attribute("aria-sort") == "descending"
    assert visible_titles(page)[0] == "Wuxi's sensing-network plan"
    date_header = page.locator("#pt-events-table th", has_text="Date")
    date_header.locator("button").click()
    assert visible_titles(page) == [e.title for e in events]
    assert page.console_errors == []
    assert page.offsite_requests == []
