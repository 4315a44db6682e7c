"""Edit and history links, citations, last-changed dates, the feed, link previews, site_url.

The site tests build a real site from fixture events committed to a real git
repository in a temporary folder, with fixed commit dates, so every date on
the pages is known in advance.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import html as htmllib
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, build_site, copy_events

from policy_timeline.build import Build
from policy_timeline.render import cite, feed
from policy_timeline.render import pages as render_pages
from policy_timeline.source.history import read_history
from policy_timeline.source.settings import SiteSettings
from policy_timeline.source.validate import validate_project
from policy_timeline.timeline.index import build_index

SITE_URL = "https://timeline.example.org/china-ai/"
REPO_URL = "https://github.com/example/china-ai-timeline"
PLAN = "2017-07-new-generation-ai-development-plan"
PLAN_FILE = "2017/2017-07-new-generation-ai-development-plan.md"
WINTER = "2019-03-capital-winter"
ATOM = "{http://www.w3.org/2005/Atom}"


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True,
                          capture_output=True, text=True).stdout


def committed_events(root: Path) -> Path:
    """The fixture events in a repository's events/ folder: everything added on
    2020-01-02, then the capital winter event added on 2024-05-06 and the national
    plan changed on 2025-07-08."""
    events = copy_events(FIXTURES / "events" / "site", root / "events")
    winter = events / f"{WINTER}.md"
    winter_text = winter.read_text(encoding="utf-8")
    winter.unlink()
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "events", date="2020-01-02T10:00:00Z")
    winter.write_text(winter_text, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "capital winter", date="2024-05-06T10:00:00Z")
    plan = events / PLAN_FILE
    plan.write_text(plan.read_text(encoding="utf-8") + "\nA sentence more.\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "plan", date="2025-07-08T10:00:00Z")
    return events


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory) -> Path:
    events = committed_events(tmp_path_factory.mktemp("repo"))
    return build_site(events, tmp_path_factory.mktemp("repo-site") / "site",
                      extra_env={"SITE_URL": SITE_URL, "REPO_URL": REPO_URL})


def read_page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


# --- history ---------------------------------------------------------------------------

def test_one_git_log_gives_each_files_first_and_last_commit(tmp_path):
    events = committed_events(tmp_path)
    history = read_history(events)
    assert history.missing is None and history.prefix == "events/"
    plan = history.of(PLAN_FILE)
    assert (plan.added, plan.changed) == (dt.date(2020, 1, 2), dt.date(2025, 7, 8))
    winter = history.of(f"{WINTER}.md")
    assert (winter.added, winter.changed) == (dt.date(2024, 5, 6), dt.date(2024, 5, 6))


def test_without_a_usable_history_there_are_no_dates_and_a_reason(tmp_path):
    plain = copy_events(FIXTURES / "events" / "site", tmp_path / "plain")
    history = read_history(plain)
    assert history.files == {} and history.prefix is None
    assert history.missing.startswith("git: fatal: not a git repository")
    # A shallow clone would date every file to its one commit: no dates instead.
    source = tmp_path / "source"
    committed_events(source)
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{source}", str(shallow)],
                   check=True, capture_output=True)
    history = read_history(shallow / "events")
    assert history.files == {} and history.prefix == "events/"
    assert "shallow clone" in history.missing


# --- the event page --------------------------------------------------------------------

@pytest.mark.site
def test_an_event_page_says_when_it_changed_and_links_its_file_to_edit_and_its_history(repo_site):
    html = read_page(repo_site, f"events/{PLAN}")
    assert '<p class="pt-changed">Last changed <time datetime="2025-07-08">8 July 2025</time>' in html
    assert f'<a href="{REPO_URL}/edit/main/events/{PLAN_FILE}" rel="nofollow">Edit this event</a>' in html
    assert f'<a href="{REPO_URL}/commits/main/events/{PLAN_FILE}" rel="nofollow">History</a>' in html
    # The theme's edit button opens the event file too, not a generated page.
    button = re.search(r'<a href="([^"]+)" title="Edit this page" class="md-content__button', html)
    assert button.group(1) == f"{REPO_URL}/edit/main/events/{PLAN_FILE}"


@pytest.mark.site
def test_hand_written_pages_edit_their_file_and_other_generated_pages_have_no_edit_link(repo_site):
    about = read_page(repo_site, "about")
    assert f'href="{REPO_URL}/edit/main/docs/about.md" title="Edit this page"' in about
    for generated in ("tags/targets", "years/2017", "events"):
        assert 'title="Edit this page"' not in read_page(repo_site, generated), generated


def test_without_a_repo_url_there_are_neither_edit_nor_history_links(tmp_path):
    events = committed_events(tmp_path)
    project, problems = validate_project(events)
    assert problems == []
    bare = Build(project=project, index=build_index(project), today=dt.date(2026, 1, 1),
                 site=SiteSettings(name="T", url=SITE_URL))
    html = render_pages.event_page(bare, bare.index.by_id[PLAN]).joined()
    assert "Last changed" in html and "Edit this event" not in html and "History</a>" not in html
    assert cite.edit_links(bare, bare.index.by_id[PLAN]) is None


def cite_block(html: str, kind: str) -> str:
    return htmllib.unescape(re.search(rf'<code class="pt-cite-{kind}">(.*?)</code>', html, re.S).group(1))


@pytest.mark.site
def test_an_event_page_offers_a_citation_with_bibtex_and_csl_json(repo_site):
    html = read_page(repo_site, f"events/{PLAN}")
    address = f"{SITE_URL}events/{PLAN}/"
    assert (f'<p class="pt-cite-text">Policy Timeline contributors, “New Generation AI Development '
            f"Plan”, <cite>China&#x27;s AI policy timeline</cite>, last changed 8 July 2025, "
            f'<a href="{address}">{address}</a>.</p>') in html
    bib = cite_block(html, "bib")
    assert bib.startswith(f"@misc{{{PLAN},\n")
    for line in ("  author = {{Policy Timeline contributors}},",
                 "  title = {{New Generation AI Development Plan}},",
                 "  howpublished = {China's AI policy timeline},", "  year = {2025},",
                 "  month = jul,", "  date = {2025-07-08},", f"  url = {{{address}}},"):
        assert line in bib.splitlines(), line
    csl = json.loads(cite_block(html, "csl"))
    assert csl == [{
        "id": PLAN, "type": "webpage", "title": "New Generation AI Development Plan",
        "container-title": "China's AI policy timeline",
        "author": [{"literal": "Policy Timeline contributors"}],
        "issued": {"date-parts": [[2025, 7, 8]]}, "URL": address, "note": "Last changed 2025-07-08",
    }]
    # The buttons that save them are hidden until the page's script shows them.
    assert '<p class="pt-cite-downloads" hidden>Save as a file: ' in html
    assert f'data-pt-filename="{PLAN}.bib"' in html and f'data-pt-filename="{PLAN}.json"' in html


@pytest.mark.site
@pytest.mark.browser
def test_the_save_buttons_save_the_citation_as_files(page, fixture_site_url):
    page.goto(f"{fixture_site_url}/events/{PLAN}/")
    button = page.get_by_role("button", name="BibTeX")
    button.wait_for(state="visible")
    shown = page.locator(".pt-cite-bib").text_content()
    for name, suffix, text in (("BibTeX", ".bib", shown),
                               ("CSL-JSON", ".json", page.locator(".pt-cite-csl").text_content())):
        with page.expect_download() as info:
            page.get_by_role("button", name=name).click()
        download = info.value
        assert download.suggested_filename == PLAN + suffix
        assert Path(download.path()).read_text(encoding="utf-8") == text
    assert shown.startswith(f"@misc{{{PLAN},")
    json.loads(page.locator(".pt-cite-csl").text_content())


# --- BibTeX and CSL-JSON, read back by readers no one here wrote ---------------------------
#
# The readers: pybtex (strict), bibtexparser 2 and citeproc-py. What "the title equals the
# event's title" means for each is said in each test: BibTeX holds LaTeX, so its title is
# compared once decoded from LaTeX to text; CSL-JSON holds the text itself.

HOSTILE_TITLES = {
    "open-brace": "Plan { left open",
    "close-brace": "Plan } closed early",
    # The round-three attack: two braces that close the field, then an entry of one's own.
    "breakout": "}} @misc(injected, title={x}, url={http://evil}) x",
    "breakout-braces": "}} @misc{injected, title={x}, url={http://evil}} x",
    "backslash": "C:\\ and \\} and \\{ and a last \\",
    "at": "@misc{x, @ @string{y = {z}}",
    "percent": "100% % done",
    "hash": "#1 ## #",
    "tilde": "a ~ b~c",
    "caret": "x^2 ^^ ^",
    "ampersand": "R&D & more",
    "dollar": "$5 and $x$",
    "underscore": "snake_case __init__",
    "mixture": r"\}} @misc{y, title={z}} \input{/etc/passwd} 100% #1 & $x$ a_b ~ ^ @ {",
    # TeX makes one character of these pairs (– — “ ” ¿ ¡ « » „) unless they are kept apart.
    "ligatures": "a -- b --- c `` '' ?` !` << >> ,,",
}
# The site's name reaches the author and howpublished fields; " and " would split an author.
HOSTILE_SITE = SiteSettings(name="Law and Policy & {Co} ~ 100%_$x$ #1", url=SITE_URL)


def latex_decoder():
    """pylatexenc's LaTeX-to-text decoder (the one bibtexparser's LatexDecodingMiddleware
    uses), with three of LaTeX's own text commands as the LaTeX kernel defines them:
    pylatexenc has no \\textbraceleft or \\textbraceright, and of its two rules for
    \\textasciicircum, ^ and U+02C6, the second wins. Nothing else is added."""
    from pylatexenc.latex2text import (
        LatexNodes2Text,
        MacroTextSpec,
        get_default_latex_context_db,
    )

    db = get_default_latex_context_db()
    db.add_context_category("latex-kernel-text-commands", prepend=True, macros=[
        MacroTextSpec("textbraceleft", "{"),
        MacroTextSpec("textbraceright", "}"),
        MacroTextSpec("textasciicircum", "^"),
    ])
    return LatexNodes2Text(latex_context=db, keep_braced_groups=False)


def latex_to_text(latex: str) -> str:
    """A BibTeX field's LaTeX as the text TeX prints, by :func:`latex_decoder`."""
    return latex_decoder().latex_to_text(latex)


@pytest.fixture(scope="module")
def plain_build(tmp_path_factory) -> Build:
    events = copy_events(FIXTURES / "events" / "site", tmp_path_factory.mktemp("cite") / "events")
    project, problems = validate_project(events)
    assert problems == []
    return Build(project=project, index=build_index(project), today=dt.date(2026, 1, 1),
                 site=HOSTILE_SITE)


def cited(build: Build, title: str) -> tuple[str, str, str]:
    """(BibTeX, CSL-JSON, address) of the plan retitled ``title``, changed on 3 December 2026."""
    event = dataclasses.replace(build.index.by_id[PLAN], title=title)
    when = cite.Dated(dt.date(2026, 12, 3), True)
    return (cite.bibtex(build, event, when), cite.csl_json(build, event, when),
            cite.event_address(build, event))


@pytest.fixture
def pybtex_strict():
    import pybtex.errors

    was = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    yield
    pybtex.errors.set_strict_mode(was)


@pytest.mark.parametrize("title", HOSTILE_TITLES.values(), ids=HOSTILE_TITLES.keys())
def test_pybtex_strict_reads_one_entry_with_the_exact_title(plain_build, pybtex_strict, title):
    """pybtex, strict (any syntax error raises), reads exactly one entry, the plan's, with its
    address. pybtex gives a field's LaTeX as written; decoded (:func:`latex_to_text`), the
    title is the event's title and howpublished the site's name, and the author is one person.
    pybtex's own text rendering (latexcodec) is the title too, for every title whose every
    character latexcodec can decode: it has no rule for { } ^ (as \\textbraceleft,
    \\textbraceright, \\textasciicircum) and leaves \\$ as it is."""
    from pybtex.database import parse_string
    from pybtex.richtext import Text

    bib, _, address = cited(plain_build, title)
    data = parse_string(bib, "bibtex")
    assert list(data.entries) == [PLAN]
    entry = data.entries[PLAN]
    assert latex_to_text(entry.fields["title"]) == title
    assert latex_to_text(entry.fields["howpublished"]) == HOSTILE_SITE.name
    assert entry.fields["url"] == address
    assert entry.fields["month"] == "December"  # the macro, expanded
    [author] = entry.persons["author"]
    assert latex_to_text(str(author)) == HOSTILE_SITE.citation_author
    if not set(title) & set("{}^$"):
        assert str(Text.from_latex(entry.fields["title"])) == title


@pytest.mark.parametrize("title", HOSTILE_TITLES.values(), ids=HOSTILE_TITLES.keys())
def test_bibtexparser_reads_one_entry_with_the_exact_title(plain_build, title):
    """bibtexparser 2 reads the file as exactly one block, the plan's entry, and nothing it
    could not parse. With its LatexDecodingMiddleware, given :func:`latex_decoder`,
    the title is the event's title and author and howpublished are the site's."""
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware

    bib, _, address = cited(plain_build, title)
    raw = bibtexparser.parse_string(bib)
    assert raw.failed_blocks == [] and len(raw.blocks) == 1
    assert [e.key for e in raw.entries] == [PLAN]
    assert raw.entries[0]["url"] == address
    assert raw.entries[0].fields_dict["month"].value == "dec"  # a macro, not a string

    decoding = LatexDecodingMiddleware(decoder=latex_decoder())
    [entry] = bibtexparser.parse_string(bib, append_middleware=[decoding]).entries
    assert entry["title"] == title
    assert entry["author"] == HOSTILE_SITE.citation_author
    assert entry["howpublished"] == HOSTILE_SITE.name


@pytest.mark.parametrize("title", HOSTILE_TITLES.values(), ids=HOSTILE_TITLES.keys())
def test_citeproc_reads_one_item_with_the_exact_title(plain_build, title):
    """citeproc-py reads the CSL-JSON as exactly one item, the plan, whose title is the event's
    title character for character (JSON holds text, nothing to decode), and a bibliography
    in a style it ships (Harvard, plain text) shows the title and the site's name."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    _, csl, address = cited(plain_build, title)
    source = CiteProcJSON(json.loads(csl))
    assert list(source) == [PLAN]
    assert str(source[PLAN]["title"]) == title
    bibliography = CitationStylesBibliography(
        CitationStylesStyle("harvard-cite-them-right", validate=False), source, formatter.plain)
    bibliography.register(Citation([CitationItem(PLAN)]))
    [reference] = [str(item) for item in bibliography.bibliography()]
    assert title in reference and HOSTILE_SITE.name in reference and address in reference


def test_bibtex_writes_the_month_as_a_macro_and_names_the_site_where_styles_print_it(plain_build):
    """The month is BibTeX's macro (``dec``), which styles print as the month's name; the
    site's name is in howpublished, which the standard styles print for @misc (plain.bst's
    misc: author, title, howpublished, month and year, note; organization it ignores).
    pybtex's plain style, formatting to text, shows both."""
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin

    build = Build(project=plain_build.project, index=plain_build.index, today=plain_build.today,
                  site=SiteSettings(name="China's AI policy timeline", url=SITE_URL))
    bib, _, address = cited(build, "New Generation AI Development Plan")
    assert "  month = dec,\n" in bib
    assert "  howpublished = {China's AI policy timeline},\n" in bib
    style = find_plugin("pybtex.style.formatting", "plain")()
    [formatted] = style.format_bibliography(parse_string(bib, "bibtex"))
    assert formatted.text.render_as("text") == (
        "China's AI policy timeline contributors. New Generation AI Development Plan. "
        f"China's AI policy timeline, December 2026. Last changed 2026-12-03. URL: {address}.")


def bibtex_balanced(field: str) -> bool:
    """Whether BibTeX reads the braces of a field's text as balanced: it counts every brace,
    a backslash before one or not."""
    depth = 0
    for char in field:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_bibtex_text_writes_every_special_character_as_a_balanced_command():
    hostile = r"A} @misc{x, title={pwned} \input{/etc/passwd} 100% #1 & $x$ a_b ~ ^ -- ``"
    escaped = cite.bibtex_text(hostile)
    assert bibtex_balanced(escaped)
    assert "\\input" not in escaped.replace("{\\textbackslash}input", "")
    assert escaped == (
        r"A{\textbraceright} @misc{\textbraceleft}x, title={\textbraceleft}pwned"
        r"{\textbraceright} {\textbackslash}input{\textbraceleft}/etc/passwd{\textbraceright} "
        r"100\% \#1 \& \$x\$ a\_b {\textasciitilde} {\textasciicircum} -{}- `{}`")
    assert not bibtex_balanced(r"A\}\} x")  # the check counts braces after a backslash


# --- the feed and link previews -----------------------------------------------------------

@pytest.mark.site
def test_the_feed_lists_the_newest_additions_first_and_the_head_links_it(repo_site):
    root = ET.parse(repo_site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert ids[0] == f"{SITE_URL}events/{WINTER}/"  # added last
    plan = entries[ids.index(f"{SITE_URL}events/{PLAN}/")]
    assert plan.find(f"{ATOM}published").text == "2020-01-02T00:00:00Z"
    assert plan.find(f"{ATOM}updated").text == "2025-07-08T00:00:00Z"
    assert root.find(f"{ATOM}updated").text == "2025-07-08T00:00:00Z"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == SITE_URL + "feed.xml"
    assert len(entries) == len(list((repo_site / "events").glob("*/index.html")))
    head = read_page(repo_site, "").split("</head>")[0]
    assert (f'<link rel="alternate" type="application/atom+xml" title="China&#39;s AI policy '
            f'timeline: new events" href="{SITE_URL}feed.xml">') in head


def test_feed_text_is_escaped_xml(tmp_path):
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    plan = events / PLAN_FILE
    text = plan.read_text(encoding="utf-8")
    plan.write_text(re.sub(r"^title: .*$", 'title: "Plan <script>x</script> & ]]> \\"q\\""', text,
                           count=1, flags=re.M), encoding="utf-8")
    project, problems = validate_project(events)
    assert problems == []
    build = Build(project=project, index=build_index(project), today=dt.date(2026, 1, 1),
                  site=SiteSettings(name="A & B", url=SITE_URL))
    root = ET.fromstring(feed.atom_feed(build))
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert 'July 2017: Plan <script>x</script> & ]]> "q"' in titles
    assert root.find(f"{ATOM}title").text == "A & B: new events"
    # Without a site_url there is no feed: Atom needs absolute addresses.
    assert feed.atom_feed(Build(project=project, index=build.index, today=build.today)) is None


@pytest.mark.site
def test_every_page_has_link_preview_tags(repo_site):
    event = read_page(repo_site, f"events/{PLAN}")
    og = dict(re.findall(r'<meta property="og:(\w+)" content="([^"]*)">', event))
    assert og["type"] == "article" and og["title"] == "New Generation AI Development Plan"
    assert og["site_name"] == "China&#39;s AI policy timeline"
    assert og["url"] == f"{SITE_URL}events/{PLAN}/"
    assert og["description"].startswith("The State Council sets out")
    home_html = read_page(repo_site, "")
    home = dict(re.findall(r'<meta property="og:(\w+)" content="([^"]*)">', home_html))
    title = re.search(r"<title>(.*?)</title>", home_html).group(1)
    assert home["type"] == "website" and title == home["title"] + " - China&#39;s AI policy timeline"
    assert home["description"].startswith("A timeline of China")  # the home page's own description


# --- site_url ------------------------------------------------------------------------------

def mkdocs_build(events: Path, site: Path, env: dict) -> subprocess.CompletedProcess:
    full = {**os.environ, "TIMELINE_EVENTS_DIR": str(events), "NO_MKDOCS_2_WARNING": "1", **env}
    for name in ("SITE_URL", "GITHUB_ACTIONS", *[k for k, v in env.items() if v is None]):
        if env.get(name) is None:
            full.pop(name, None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                           "-f", str(REPO / "mkdocs.yml"), "--site-dir", str(site)],
                          cwd=REPO, env=full, capture_output=True, text=True, timeout=600)


@pytest.mark.site
@pytest.mark.parametrize("site_url, problem", [
    (None, "site_url is not set"),
    ("http://127.0.0.1:8000/", 'site_url "http://127.0.0.1:8000/" points at the machine that built the site'),
    ("http://localhost/", 'site_url "http://localhost/" points at the machine that built the site'),
])
def test_a_deploy_build_refuses_a_missing_or_local_site_url(tmp_path, site_url, problem):
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    site = tmp_path / "site"
    proc = mkdocs_build(events, site, {"TIMELINE_DEPLOY": "1", "SITE_URL": site_url})
    assert proc.returncode == 1
    assert problem + ": a published site's canonical links" in proc.stdout + proc.stderr
    assert not site.exists()


@pytest.mark.site
def test_a_local_build_without_site_url_points_nowhere_near_localhost(tmp_path):
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    site = tmp_path / "site"
    proc = mkdocs_build(events, site, {"SITE_URL": None})
    assert proc.returncode == 0, proc.stderr
    loopback = re.compile(r'(href|src|content)="https?://(127\.|localhost|\[::1\])')
    for path in site.rglob("*.html"):
        assert not loopback.search(path.read_text(encoding="utf-8")), path
    assert "<loc>" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert '<link rel="canonical"' not in (site / "index.html").read_text(encoding="utf-8")
    assert not (site / "feed.xml").exists()
