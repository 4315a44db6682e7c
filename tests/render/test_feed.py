"""The Atom feed from its template (render/feed.py, templates/policy-timeline/feed.xml.html):
its exact bytes, event text escaped as XML reads it back, and a site's override of the
template used by a real build."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from conftest import FIXTURES, build_site, copy_events, inherited_config

from policy_timeline.build import Build
from policy_timeline.render import feed, templates
from policy_timeline.source.settings import SiteSettings
from policy_timeline.source.validate import validate_project
from policy_timeline.timeline.index import build_index

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://example.org/pt/"
PACKAGE_FEED = templates.PACKAGE_DIR / templates.NAMESPACE / feed.TEMPLATE

VOCABULARY = """\
lanes:
  central: {label: Central, order: 1, colour: "#1f77b4"}
kinds:
  plan: {label: Plan, symbol: circle}
tags:
  ai: {label: "AI \\"policy\\"\\tand\\nits 'makers' <b>&amp;"}
"""

EVENT = """\
---
title: "Plan <script>x</script> & \\"quoted\\" 'it'"
date: 2017-07
lane: central
kind: plan
summary: "A summary & <b>markup</b>, with \\"quotes\\" and 'apostrophes'."
tags: [ai]
sources:
  - {title: Notice, url: "https://example.org/plan"}
---
"""


def _events(folder):
    folder.mkdir(parents=True)
    (folder / "vocabulary.yml").write_text(VOCABULARY, encoding="utf-8")
    (folder / "2017-07-plan.md").write_text(EVENT, encoding="utf-8")
    return folder


def _build(events, template_dirs=(), **site) -> Build:
    project, problems = validate_project(events)
    assert problems == [], problems
    settings = SiteSettings(name="A & \"B\" 'C'", url=SITE_URL, template_dirs=template_dirs, **site)
    return Build(project=project, index=build_index(project), today=dt.date(2026, 1, 1),
                 site=settings)


def test_the_feed_is_the_templates_xml_byte_for_byte(tmp_path):
    """Text escaped as HTML is (quotes as &quot; and &#x27;), and in an attribute a tab
    and a line break as character references, which XML reads back as written."""
    built = feed.atom_feed(_build(_events(tmp_path / "events")))
    title = "Plan &lt;script&gt;x&lt;/script&gt; &amp; &quot;quoted&quot; &#x27;it&#x27;"
    label = ("AI &quot;policy&quot;&#9;and&#10;its &#x27;makers&#x27; "
             "&lt;b&gt;&amp;amp;")
    assert built == (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n'
        "  <title>A &amp; &quot;B&quot; &#x27;C&#x27;: new events</title>\n"
        f"  <id>{SITE_URL}</id>\n"
        f'  <link rel="self" type="application/atom+xml" href="{SITE_URL}feed.xml"/>\n'
        f'  <link rel="alternate" type="text/html" href="{SITE_URL}"/>\n'
        "  <updated>2026-01-01T00:00:00Z</updated>\n"
        "  <author><name>A &amp; &quot;B&quot; &#x27;C&#x27; contributors</name></author>\n"
        "  <entry>\n"
        f"    <title>July 2017: {title}</title>\n"
        f"    <id>{SITE_URL}events/2017-07-plan/</id>\n"
        f'    <link rel="alternate" type="text/html" href="{SITE_URL}events/2017-07-plan/"/>\n'
        "    <published>2026-01-01T00:00:00Z</published>\n"
        "    <updated>2026-01-01T00:00:00Z</updated>\n"
        "    <summary>A summary &amp; &lt;b&gt;markup&lt;/b&gt;, with &quot;quotes&quot; and "
        "&#x27;apostrophes&#x27;.</summary>\n"
        f'    <category term="ai" label="{label}"/>\n'
        "  </entry>\n"
        "</feed>\n"
    ).encode()
    # What XML reads back is the text as its authors wrote it.
    entry = ET.fromstring(built).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "July 2017: Plan <script>x</script> & \"quoted\" 'it'"
    assert entry.find(f"{ATOM}category").get("label") == "AI \"policy\"\tand\nits 'makers' <b>&amp;"


def test_the_hostile_fixture_reads_back_as_its_authors_wrote_it():
    events = FIXTURES / "events" / "hostile"
    build = _build(events, language="zh-Hans")
    root = ET.fromstring(feed.atom_feed(build))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hans"
    by_address = {e.find(f"{ATOM}id").text: e for e in root.findall(f"{ATOM}entry")}
    assert len(by_address) == len(build.project.events)
    for event in build.project.events:
        entry = by_address[f"{SITE_URL}events/{event.id}/"]
        # "2009年：" in Chinese, the site's language (zh-Hans reads zh's words)
        assert entry.find(f"{ATOM}title").text.endswith("：" + event.title)
        assert entry.find(f"{ATOM}summary").text == event.summary
        labels = [c.get("label") for c in entry.findall(f"{ATOM}category")]
        assert labels == [build.project.vocabulary.tags[t].label for t in event.tags]


# What an override adds to each entry: the event's lane and its title, in an attribute too.
ADDED = ('    <content type="text" src="{{ entry.address }}#{{ entry.event.title }}">'
         "{{ entry.event.lane }}: {{ entry.event.title }}</content>\n")
SUMMARY_LINE = "    <summary>{{ entry.summary }}</summary>\n"


def _override_feed(custom_dir):
    original = PACKAGE_FEED.read_text(encoding="utf-8")
    assert SUMMARY_LINE in original
    folder = custom_dir / templates.NAMESPACE
    folder.mkdir(parents=True)
    (folder / feed.TEMPLATE).write_text(original.replace(SUMMARY_LINE, SUMMARY_LINE + ADDED),
                                        encoding="utf-8")
    return custom_dir


def test_an_overridden_feed_prints_event_text_escaped_and_the_rest_as_the_package(tmp_path):
    events = _events(tmp_path / "events")
    custom_dir = _override_feed(tmp_path / "overrides")
    built = feed.atom_feed(_build(events, (custom_dir,))).decode("utf-8")
    title = "Plan &lt;script&gt;x&lt;/script&gt; &amp; &quot;quoted&quot; &#x27;it&#x27;"
    line = (f'    <content type="text" src="{SITE_URL}events/2017-07-plan/#{title}">'
            f"central: {title}</content>\n")
    assert line in built
    assert "<script>" not in built
    assert built.replace(line, "") == feed.atom_feed(_build(events)).decode("utf-8")


@pytest.mark.site
def test_a_site_overrides_the_feed_from_its_theme_custom_dir(tmp_path):
    custom_dir = _override_feed(tmp_path / "overrides")
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    site = build_site(events, tmp_path / "site", extra_env={"SITE_URL": SITE_URL},
                      config=inherited_config(tmp_path, custom_dir=custom_dir))

    root = ET.parse(site / "feed.xml").getroot()
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(list(events.rglob("*.md")))
    for entry in entries:
        content = entry.find(f"{ATOM}content")
        title = entry.find(f"{ATOM}title").text.split(": ", 1)[1]
        assert content.text.split(": ", 1)[1] == title
        assert content.get("src") == entry.find(f"{ATOM}id").text + "#" + title
    # The templates are the theme's too: neither the package's nor the site's is copied
    # into the site (a name not ending .html would be, as a static file).
    assert not (site / templates.NAMESPACE).exists()
