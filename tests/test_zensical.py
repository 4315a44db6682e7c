"""The same site built by Zensical, which runs no mkdocs plugin, through the files host
(policy_timeline/files_host): the same pages, every page's main content the same as
mkdocs builds it (theme chrome aside), and the timeline working in Chromium."""

from __future__ import annotations

import html as html_module
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jinja2
import pytest
from conftest import (
    BUILD_EPOCH,
    FIXTURES,
    REPO,
    copy_events,
    inherited_config,
    serve,
    visible_text,
)
from markdown import Markdown

from policy_timeline.files_host import blocks, theme_words
from policy_timeline.files_host.links import for_source_file, page_address
from policy_timeline.render import catalogue
from policy_timeline.render.generated import Tagged, Unsearched, generated_page

ZENSICAL = shutil.which("zensical", path=str(Path(sys.executable).parent)) or "zensical"
EMBED_SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads"


# --- links in raw HTML, as Zensical reads them --------------------------------------------


@pytest.mark.parametrize("src_uri, html, expected", [
    # An event page: its address is events/a/, its file's folder events/.
    ("events/a.md", '<a href="../../actors/x/">', '<a href="../actors/x/">'),
    ("events/a.md", '<img src="../../assets/i.png">', '<img src="../assets/i.png">'),
    ("events/a.md", '<a href="../b/#f">', '<a href="b/#f">'),
    ("events/a.md", '<a href="../../events/?q=1">', '<a href="../events/?q=1">'),
    # What Zensical does not rewrite stays as it is.
    ("events/a.md", '<a xlink:href="../../y/">', '<a xlink:href="../../y/">'),
    ("events/a.md", '<p data-href="../../y/">', '<p data-href="../../y/">'),
    ("events/a.md", '<noscript><a href="../../y/">y</a></noscript>',
     '<noscript><a href="../../y/">y</a></noscript>'),
    ("events/a.md", '<a href="https://example.org/x">', '<a href="https://example.org/x">'),
    ("events/a.md", '<a href="#top">', '<a href="#top">'),
    ("events/a.md", '<a href="/abs/">', '<a href="/abs/">'),
    # The folder itself is named, since "./" would be read as the page.
    ("embed/builder.md", '<a href="../">', '<a href="../embed/">'),
    # Pages whose address is their file's folder keep their links.
    ("events/index.md", '<a href="../actors/x/">', '<a href="../actors/x/">'),
    ("index.md", '<a href="events/x/">', '<a href="events/x/">'),
    ("about.md", '<a href="../events/x/">', '<a href="events/x/">'),
])
def test_links_are_made_relative_to_the_source_files_folder(src_uri, html, expected):
    assert for_source_file(html, src_uri) == expected


def test_page_addresses_are_directory_urls():
    assert [page_address(u) for u in ("events/a.md", "events/index.md", "index.md", "a.md")] == [
        "events/a/", "events/", "", "a/"]


# --- the generated pages' HTML, kept out of the Markdown Zensical reads ---------------------

EXTENSIONS = ["toc", "md_in_html", "attr_list"]


def _page(cell: str = "1 &lt; 2"):
    return generated_page("", [
        "# Plan &amp; target",
        '<p class="pt-summary"><a href="../../actors/x/">X</a> &lt;script&gt;</p>',
        Unsearched('<ol class="pt-event-list"><li><a href="../b/">B</a></li></ol>'),
        "## Sources",
        Tagged(f"<table><tr><td>{cell}</td></tr></table>"),
    ])


def test_a_generated_page_reaches_markdown_as_its_headings_and_the_plugins_html(tmp_path):
    """Zensical reads headings and placeholders; the extension puts back what the mkdocs
    plugin would, escaped text as it was, links written for Zensical (links.py)."""
    page = _page()
    markdown, name, data = blocks.split(page, "events/a.md")
    assert markdown == (page.markdown + "\n<!--pt-files-" + name.removesuffix(".json")
                        + "-->\n")
    assert "<p" not in markdown and "<ol" not in markdown and "<table" not in markdown
    assert re.fullmatch(r"[0-9a-f]{32}\.json", name)
    (tmp_path / name).write_bytes(data)
    zensical_way = Markdown(extensions=[*EXTENSIONS, blocks.NAME],
                            extension_configs={blocks.NAME: {"folder": str(tmp_path)}})
    plugin_way = page.fill(Markdown(extensions=EXTENSIONS).convert(page.markdown))
    html = zensical_way.convert(markdown)
    # The same, but for the block the search leaves out, marked so for Zensical's search
    # (which takes the attribute out of the page it writes).
    left_out = '<ol class="pt-event-list"' + blocks.LEFT_OUT + ">"
    assert html == for_source_file(plugin_way, "events/a.md").replace(
        '<ol class="pt-event-list">', left_out)
    assert html.count("data-search-exclude") == 1 and left_out in html
    assert '<a href="../actors/x/">X</a> &lt;script&gt;' in html
    assert "<td>1 &lt; 2</td>" in html and "pt-files" not in html
    # Read back whole, as the page once was written.
    assert blocks.joined(markdown, tmp_path) == for_source_file(page.joined(), "events/a.md").replace(
        '<ol class="pt-event-list">', left_out)


@pytest.mark.parametrize("html, expected", [
    ('<ol class="a">\n<li><a href="b/">B</a><br></li>\n</ol>\n<nav><a href="c/">C</a></nav>',
     '<ol class="a" data-search-exclude="true">\n<li><a href="b/">B</a><br></li>\n</ol>\n'
     '<nav data-search-exclude="true"><a href="c/">C</a></nav>'),
    ('<svg viewBox="0 0 1 1"><path d="M0"/></svg><p>a &lt;b&gt;</p>',
     '<svg viewBox="0 0 1 1" data-search-exclude="true"><path d="M0"/></svg>'
     '<p data-search-exclude="true">a &lt;b&gt;</p>'),
    ('<hr><div><div>x</div></div>',
     '<hr data-search-exclude="true"><div data-search-exclude="true"><div>x</div></div>'),
])
def test_each_outermost_element_of_a_block_the_search_leaves_out_is_marked(html, expected):
    assert blocks.left_out_of_search(html) == expected


def test_a_page_whose_blocks_change_has_markdown_that_changes():
    """The file's name is its digest: an engine's cache and preview see the page change."""
    before, name, _ = blocks.split(_page(), "events/a.md")
    after, other, _ = blocks.split(_page("1 &lt; 3"), "events/a.md")
    assert before != after and name != other
    assert blocks.split(_page(), "events/a.md")[0] == before


def test_a_missing_blocks_file_stops_the_build_and_says_what_to_run(tmp_path):
    markdown, name, _ = blocks.split(_page(), "events/a.md")
    md = Markdown(extensions=[*EXTENSIONS, blocks.NAME],
                  extension_configs={blocks.NAME: {"folder": str(tmp_path)}})
    with pytest.raises(RuntimeError) as raised:
        md.convert(markdown)
    assert str(raised.value).startswith(f"{tmp_path / name}: the HTML of a generated page "
                                        "cannot be read (")
    assert str(raised.value).endswith("): run `policy-timeline generate` again")


def test_a_hand_written_page_is_left_as_markdown_made_it(tmp_path):
    md = Markdown(extensions=[*EXTENSIONS, blocks.NAME],
                  extension_configs={blocks.NAME: {"folder": str(tmp_path)}})
    text = "# Hand\n\nText with <!--pt-block-0--> a comment.\n"
    assert md.convert(text) == Markdown(extensions=EXTENSIONS).convert(text)


_PARSED = """
import json, sys
from zensical.config import parse_config
def read(path):
    config = parse_config(path)
    return config["markdown_extensions"], {k: repr(v) for k, v in config["mdx_configs"].items()}
print(json.dumps([read(sys.argv[1]), read(sys.argv[2])]))
"""


@pytest.mark.parametrize("listed", [None, ["admonition", {"toc": {"permalink": True}}]])
def test_zensical_reads_the_sites_markdown_extensions_and_the_blocks_one(tmp_path, listed):
    """Zensical adds the extensions of .policy-timeline.yml to the site's; a site that
    lists none keeps Zensical's defaults (a list of any would replace them)."""
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    config = {"site_name": "Site", "theme": {"name": "material"},
              "plugins": ["search", "policy-timeline"]}
    if listed is not None:
        config["markdown_extensions"] = listed
    (tmp_path / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")
    _run([sys.executable, "-m", "policy_timeline", "generate"], tmp_path, _env(events))
    out = _run([sys.executable, "-c", _PARSED, str(tmp_path / "mkdocs.yml"),
                str(tmp_path / ".policy-timeline.yml")], tmp_path, _env(events))
    (site, site_configs), (generated, generated_configs) = json.loads(out.splitlines()[-1])
    assert [name for name in generated if name != blocks.NAME] == site
    assert generated.count(blocks.NAME) == 1 and ("pymdownx.emoji" in site) == (listed is None)
    folder = str(tmp_path / ".policy-timeline" / "blocks")
    assert generated_configs == {**site_configs, blocks.NAME: repr({"folder": folder})}


# --- the same site, two engines -------------------------------------------------------


def _env(events: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "TIMELINE_EVENTS_DIR": str(events), "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": BUILD_EPOCH, **extra}
    env.pop("GITHUB_ACTIONS", None)
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout + proc.stderr


def build_both(root: Path, events: Path, **env: str) -> tuple[Path, Path]:
    """The site built by mkdocs (with the plugin) and by Zensical (files host)."""
    config = inherited_config(root)
    environ = _env(events, **env)
    mkdocs_site = root / "mkdocs-site"
    _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
          "-d", str(mkdocs_site)], root, environ)
    _run([sys.executable, "-m", "policy_timeline", "generate", "--config", str(config)],
         root, environ)
    _run([ZENSICAL, "build", "-f", ".policy-timeline.yml"], root, environ)
    return mkdocs_site, root / ".policy-timeline" / "site"


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("engines")
    events = copy_events(FIXTURES / "events" / "site", root / "events")
    return build_both(root, events)


def _pages(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html"))


_ATTRIBUTE = re.compile(r'(?<=[\s<])(href|src)="([^"]*)"')


def _absolute(html: str, page: str) -> str:
    """Every relative href and src resolved against the page's address."""
    def resolve(m: re.Match[str]) -> str:
        link = m.group(2)
        if not link or re.match(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)", link):
            return m.group(0)
        cut = min((i for i in (link.find("?"), link.find("#")) if i >= 0), default=len(link))
        path, rest = link[:cut], link[cut:]
        target = posixpath.normpath(posixpath.join("/" + page, path))
        if path.endswith("/") or path in ("", ".", ".."):
            target = target.rstrip("/") + "/"
        return f'{m.group(1)}="{target}{rest}"'
    return _ATTRIBUTE.sub(resolve, html)


def main_content(site: Path, page: str) -> str:
    """A page's content from its first heading to the end of the article, its links
    resolved, without the search's exclusion marks (Zensical has no such plugin)."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<article class="md-content__inner[^"]*">.*?(<h1.*?)</article>', html,
                      re.DOTALL)
    assert found, page
    content = re.sub(r' data-search-exclude(="true")?', "", found.group(1))
    return "\n".join(line.strip() for line in _absolute(content, page).splitlines()
                     if line.strip())


@pytest.mark.site
def test_both_engines_make_the_same_pages(both):
    mkdocs_site, zensical_site = both
    pages = _pages(mkdocs_site)
    assert len(pages) > 40 and "events/" in pages and "embed/builder/" in pages
    assert _pages(zensical_site) == pages


@pytest.mark.site
def test_every_page_has_the_same_main_content_on_both_engines(both):
    """Event, actor, tag, year, place and source pages, their indexes, and the
    hand-written pages with the timeline and the charts (through the macros, which
    prepare their own build under Zensical)."""
    mkdocs_site, zensical_site = both
    pages = [p for p in _pages(mkdocs_site) if p != "embed/"]   # a page with no theme
    events = [p for p in pages if p.startswith("events/") and p != "events/"]
    assert len(events) >= 9
    differ = [p for p in pages
              if main_content(mkdocs_site, p) != main_content(zensical_site, p)]
    assert differ == []
    home = main_content(zensical_site, "")
    assert 'class="pt-view"' in home and "/events/2017-07-new-generation-ai-development-plan/" in home


@pytest.mark.site
def test_the_embed_page_is_the_same_timeline_on_both_engines(both):
    mkdocs_site, zensical_site = both
    def view(site: Path) -> str:
        html = (site / "embed" / "index.html").read_text(encoding="utf-8")
        return _absolute(re.search(r'<div class="pt-view".*</div>', html, re.DOTALL).group(0),
                         "embed/")
    assert view(zensical_site) == view(mkdocs_site)


def test_generate_writes_nothing_into_the_docs_folder_and_writes_only_what_changed(tmp_path):
    before = sorted(p.relative_to(REPO / "docs") for p in (REPO / "docs").rglob("*"))
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    config = inherited_config(tmp_path)
    command = [sys.executable, "-m", "policy_timeline", "generate", "--config", str(config)]
    first = _run(command, tmp_path, _env(events))
    again = _run(command, tmp_path, _env(events))
    assert re.search(r"generated \d+ pages and \d+ files into .*: [1-9]\d* written, 0 removed",
                     first)
    assert re.search(r": 0 written, 0 removed", again)
    # What Zensical reads of an event page is its headings; its HTML is in blocks/.
    page = (tmp_path / ".policy-timeline" / "docs" / "events" /
            "2019-05-16-entity-list.md").read_text(encoding="utf-8")
    assert re.findall(r"^#+ .*$", page, re.MULTILINE)
    assert re.sub(r"^(#+ .*|<!--pt-[a-z]+-[0-9a-f]+-->)?$", "", page.split("---\n")[-1],
                  flags=re.MULTILINE).strip() == ""
    named = re.search(r"<!--pt-files-([0-9a-f]{32})-->", page).group(1)
    assert (tmp_path / ".policy-timeline" / "blocks" / f"{named}.json").is_file()
    assert f"folder: {json.dumps(str(tmp_path / '.policy-timeline' / 'blocks'))}" in (
        tmp_path / ".policy-timeline.yml").read_text(encoding="utf-8")
    (events / "2019-05-16-entity-list.md").unlink()
    gone = _run(command, tmp_path, _env(events))
    assert not (tmp_path / ".policy-timeline" / "docs" / "events" /
                "2019-05-16-entity-list.md").exists()
    assert re.search(r"[1-9]\d* removed", gone)
    assert sorted(p.relative_to(REPO / "docs") for p in (REPO / "docs").rglob("*")) == before
    assert (tmp_path / ".policy-timeline" / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_generate_never_writes_through_a_planted_link(tmp_path):
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / ".policy-timeline").mkdir()
    (tmp_path / ".policy-timeline" / "docs").symlink_to(outside)
    config = inherited_config(tmp_path)
    _run([sys.executable, "-m", "policy_timeline", "generate", "--config", str(config)],
         tmp_path, _env(events))
    assert list(outside.iterdir()) == []
    assert not (tmp_path / ".policy-timeline" / "docs").is_symlink()


def test_invalid_events_are_reported_and_nothing_is_generated(tmp_path):
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    plan = events / "2017" / "2017-07-new-generation-ai-development-plan.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("lane: central", "lane: nowhere"),
                    encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "policy_timeline", "generate", "--config",
                           str(inherited_config(tmp_path))], cwd=tmp_path, env=_env(events),
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1
    assert 'lane: "nowhere" is not one of the lanes of the vocabulary' in proc.stdout
    assert "1 error(s) in event files; nothing was generated" in proc.stdout
    assert not (tmp_path / ".policy-timeline").exists()


# --- the Zensical build in Chromium ---------------------------------------------------------


@pytest.fixture(scope="module")
def zensical_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("zensical")
    events = copy_events(FIXTURES / "events" / "timeline", root / "events")
    site = root / ".policy-timeline" / "site"
    site.mkdir(parents=True)
    with serve(site) as url:
        build_both(root, events, SITE_URL=url + "/")
        yield url


INTERACTIVE = ".pt-view[data-state=interactive]"


def _assert_clean(page):
    assert page.console_errors == []
    assert page.offsite_requests == []


@pytest.mark.site
@pytest.mark.browser
def test_on_zensical_the_timeline_filters_selects_and_steps(page, zensical_url):
    page.goto(zensical_url + "/")
    stage = page.locator(".pt-stage").first
    stage.hover()
    page.wait_for_selector(INTERACTIVE)
    count = page.locator(".pt-count").first
    shown = count.text_content()
    # A filter: the count changes and the address carries the view.
    page.locator(".pt-controls input[name=lanes][value=central]").first.uncheck()
    page.wait_for_function("t => document.querySelector('.pt-count').textContent !== t",
                           arg=shown)
    assert "central" not in parse_qs(urlsplit(page.url).fragment).get("lanes", [""])[0]
    page.locator(".pt-controls input[name=lanes][value=central]").first.check()
    page.wait_for_function("t => document.querySelector('.pt-count').textContent === t",
                           arg=shown)
    # The keyboard: into the chart, a step, the card and its announcement.
    stage.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.pt-live').textContent.startsWith('Selected: ')")
    card = page.locator(".pt-card")
    card.wait_for(state="visible")
    title = card.locator(".pt-card-title").text_content()
    assert title and title in page.locator(".pt-live").text_content()
    # Enter opens the selected event's page, which Zensical built.
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(zensical_url) + r"/events/[^/]+/$"))
    # Zensical's instant navigation changes the address before it swaps the content
    # in: wait for the event page's heading (its permalink sign stripped), not the
    # home page's, which is still there for a moment.
    page.wait_for_function(
        """t => { const h = document.querySelector("h1");
                  return h && h.textContent.replace(/¶\\s*$/, "").trim() === t; }""",
        arg=title)
    _assert_clean(page)


@pytest.mark.site
@pytest.mark.browser
def test_on_zensical_the_embed_draws_in_a_sandboxed_iframe(page, zensical_url, tmp_path):
    page.goto(zensical_url + "/embed/builder/")
    page.wait_for_function("document.querySelector('.pt-snippet') && "
                           "document.querySelector('.pt-snippet').value.includes('<iframe')")
    snippet = page.locator(".pt-snippet").input_value()
    assert f'sandbox="{EMBED_SANDBOX}"' in snippet
    host = (FIXTURES / "embed" / "host.html").read_text(encoding="utf-8")
    (tmp_path / "article.html").write_text(host.replace("<!-- EMBED SNIPPET -->", snippet),
                                           encoding="utf-8")
    with serve(tmp_path) as host_url:
        page.goto(host_url + "/article.html")
        frame = page.frame_locator("iframe")
        frame.locator(".pt-stage").hover()
        frame.locator(INTERACTIVE).wait_for()
        assert page.frames[1].evaluate("window.origin") == "null"
        drawn = page.frames[1].evaluate(
            "window.policyTimeline.views()[0].gd.data[2].customdata.length")
        assert drawn > 0
    _assert_clean(page)


# --- the theme's own words, in the site's language, without the plugin ----------------------

# A site's name and one message of its own that hold markup and both engines' template syntax.
HOSTILE_NAME = "Tom's \"AI\" <b>policy</b> {{ 7*7 }} {% if true %}x{% endif %} {# c #} \\u0041"
HOSTILE_FROM = "<i>来自</i> {site} {{不是占位符}} %} &amp; \""


@pytest.mark.parametrize("text, expected", [
    ("From {site}", ["From ", ""]),
    ("{site}: new events", ["", ": new events"]),
    ("Timeline", ["Timeline"]),
    ("{site} / {site}", ["", " / ", ""]),
    ("{{site}} {site} }}{{", ["{site} ", " }{"]),
    ("{other} {site}", ["{other} ", ""]),
])
def test_a_message_is_split_at_its_site_placeholder(text, expected):
    assert theme_words.parts(text) == expected


def test_the_words_are_literals_both_template_engines_read_back_as_text():
    """Rendered by Jinja2 here (Zensical's MiniJinja reads the same partial in the site
    build below): every string comes back as it was, none of it read as syntax."""
    strings = {"timeline.embed_title": HOSTILE_NAME + " {site}\n\t\\",
               "timeline.embed_from": HOSTILE_FROM, "feed.title": "%}{%- endraw %}'\"{site}"}
    partial = theme_words.words_template(catalogue.Messages("en", strings))
    literal = r'"(?:[^"\\{}%#<>&\'\x00-\x1f]|\\u[0-9a-f]{4})*"'
    assert partial.startswith(theme_words.HEADER)
    for line in partial[len(theme_words.HEADER):].splitlines():
        assert re.fullmatch(r"\{%- set \w+ = \[" + literal + "(, " + literal + r")*\] %\}", line)
    env = jinja2.Environment(loader=jinja2.DictLoader({"w.html": partial}))
    words = env.from_string('{% import "w.html" as w %}'
                            '{{ [w.embed_title, w.embed_from, w.feed_title] | tojson }}').render()
    assert json.loads(words) == [theme_words.parts(text) for text in strings.values()]


def test_the_package_ships_the_english_words():
    shipped = REPO / "policy_timeline" / "templates" / theme_words.PARTIAL
    assert shipped.read_text(encoding="utf-8") == theme_words.words_template(catalogue.english())


def _words_site(root: Path) -> tuple[Path, Path]:
    """A site in Chinese (tests/fixtures/events/zh) with a hostile name and its own
    attribution, built by mkdocs (the plugin) and by Zensical (the files host)."""
    events = copy_events(FIXTURES / "events" / "zh", root / "events")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# 时间线\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("\n".join([
        f"site_name: {json.dumps(HOSTILE_NAME)}",
        "site_url: https://example.org/zh/",
        "theme: {name: material, language: zh, font: false}",
        "plugins:",
        "  - search",
        "  - policy-timeline:",
        "      messages:",
        f"        timeline.embed_from: {json.dumps(HOSTILE_FROM)}",
    ]) + "\n", encoding="utf-8")
    environ = _env(events)
    mkdocs_site = root / "mkdocs-site"
    _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(mkdocs_site)],
         root, environ)
    _run([sys.executable, "-m", "policy_timeline", "generate"], root, environ)
    _run([ZENSICAL, "build", "-f", ".policy-timeline.yml"], root, environ)
    return mkdocs_site, root / ".policy-timeline" / "site"


def _attribute(html: str, pattern: str) -> str:
    found = re.findall(pattern, html)
    assert len(found) == 1, (pattern, found)
    assert "<" not in found[0] and '"' not in found[0]
    return html_module.unescape(found[0])


@pytest.mark.site
def test_the_theme_words_are_the_sites_on_both_engines_and_its_name_is_text(tmp_path):
    zh = catalogue.Messages("zh")
    title = zh.t("timeline.embed_title", site=HOSTILE_NAME)
    feed = zh.t("feed.title", site=HOSTILE_NAME)
    assert title.startswith("时间线") and "新事件" in feed
    for site in _words_site(tmp_path):
        embed = (site / "embed" / "index.html").read_text(encoding="utf-8")
        assert _attribute(embed, r"<title>(.*?)</title>") == title
        assert _attribute(embed, r'<meta property="og:title" content="([^"]*)"') == title
        footer = re.search(r'<footer class="pt-attribution">(.*?)</footer>', embed, re.S)
        assert footer, site
        links = re.findall(r"<a [^>]*>(.*?)</a>", footer.group(1))
        assert [html_module.unescape(text) for text in links] == [HOSTILE_NAME]
        assert visible_text(footer.group(1)) == " ".join(
            catalogue.fill(HOSTILE_FROM, {"site": HOSTILE_NAME}).split())
        assert "<b>" not in embed and "<i>" not in embed and "49" not in footer.group(1)
        home = (site / "index.html").read_text(encoding="utf-8")
        assert _attribute(
            home, r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)"') == feed
