"""Pages from templates: a site overrides the engine's page templates from its theme's
custom_dir, and whatever a template prints is escaped.

The site build is real (mkdocs on a config that inherits this repository's
mkdocs.yml, with a custom_dir of its own); the rest renders pages in-process.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt

import pytest
from conftest import FIXTURES, REPO, build_site, copy_events, inherited_config, write_events

from policy_timeline.build import Build
from policy_timeline.render import pages as render_pages
from policy_timeline.render import templates
from policy_timeline.source.settings import SiteSettings
from policy_timeline.source.validate import validate_project
from policy_timeline.timeline.index import build_index

PACKAGE_EVENT = templates.PACKAGE_DIR / templates.NAMESPACE / "event.html"
SUMMARY_LINE = '<p class="pt-summary">{{ event.summary }}</p>\n'
# What the overridden event page adds, after the summary: a line with the event's title.
NOTE = '<p class="site-note">Our own event page: {{ event.title }}</p>\n'


def _override_event_page(custom_dir, note=NOTE):
    """custom_dir/policy-timeline/event.html: the package's, with ``note`` after the summary."""
    original = PACKAGE_EVENT.read_text(encoding="utf-8")
    assert SUMMARY_LINE in original
    folder = custom_dir / templates.NAMESPACE
    folder.mkdir(parents=True)
    (folder / "event.html").write_text(
        original.replace(SUMMARY_LINE, SUMMARY_LINE + note), encoding="utf-8"
    )
    return custom_dir


@pytest.mark.site
def test_a_site_overrides_the_event_page_from_its_theme_custom_dir(tmp_path):
    custom_dir = _override_event_page(tmp_path / "overrides")
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    site = build_site(events, tmp_path / "site",
                      config=inherited_config(tmp_path, custom_dir=custom_dir))

    page = (site / "events" / "2009-wuxi-sensing-plan" / "index.html").read_text(encoding="utf-8")
    summary = page.index('<p class="pt-summary">')
    note = page.index('<p class="site-note">Our own event page: ')
    assert summary < note < page.index('id="sources"')
    # Each event page gets it, with its own title; the pages of the other templates do not.
    for path in (site / "events").glob("*/index.html"):
        assert '<p class="site-note">' in path.read_text(encoding="utf-8"), path
    assert '<p class="site-note">' not in (site / "tags" / "index.html").read_text(encoding="utf-8")
    assert "site-note" not in (site / "actors" / "miit" / "index.html").read_text(encoding="utf-8")
    # The engine's templates are templates to the theme too: never copied into the site.
    assert not (site / templates.NAMESPACE).exists()


HOSTILE = """---
title: "<script>alert('title')</script> & \\"quotes\\""
date: 2017-07
lane: central
kind: plan
summary: "A summary with <script>alert(1)</script> in it."
actors: ["<img src=x onerror=alert(2)>"]
sources:
  - {title: "<script>source</script>", url: "https://example.org/plan"}
---
A body with <script>alert(3)</script> in it.
"""


def _hostile_build(tmp_path, template_dirs):
    events = write_events(tmp_path / "events", {"2017/2017-07-hostile-plan.md": HOSTILE})
    project, problems = validate_project(events)
    assert not problems, problems
    return Build(project=project, index=build_index(project), today=_dt.date(2026, 1, 1),
                 site=SiteSettings(template_dirs=template_dirs))


def test_an_overridden_template_prints_a_script_in_event_text_as_text(tmp_path):
    note = ('<p class="site-note" title="{{ event.title }}">{{ event.title }} / '
            '{{ event.summary }} / {{ event.actors[0] }}</p>\n')
    custom_dir = _override_event_page(tmp_path / "overrides", note)
    build = _hostile_build(tmp_path, (custom_dir,))
    event = build.index.events[0]
    html = render_pages.event_page(build, event).joined()

    line = next(line for line in html.splitlines() if 'class="site-note"' in line)
    title = "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; &amp; &quot;quotes&quot;"
    assert line == (
        f'<p class="site-note" title="{title}">{title} / '
        "A summary with &lt;script&gt;alert(1)&lt;/script&gt; in it. / "
        "&lt;img src=x onerror=alert(2)&gt;</p>"
    )
    assert "<script" not in html and "<img" not in html
    # Everything else on the page is what the package's template makes.
    without = render_pages.event_page(_hostile_build(tmp_path / "b", ()), event).joined()
    assert html.replace(line + "\n", "") == without


def test_a_site_template_folder_comes_before_the_package(tmp_path):
    custom_dir = tmp_path / "overrides"
    (custom_dir / templates.NAMESPACE / "partials").mkdir(parents=True)
    (custom_dir / templates.NAMESPACE / "partials" / "changed.html").write_text(
        '<p class="pt-changed">Changed on {{ date }}</p>', encoding="utf-8")
    build = _hostile_build(tmp_path, (custom_dir,))
    html = render_pages.event_page(build, build.index.events[0]).joined()
    assert '<p class="pt-changed">Changed on 1 January 2026</p>' in html
    # Without the folder, the package's own.
    plain = _hostile_build(tmp_path / "b", ())
    assert "Page built <time" in render_pages.event_page(plain, plain.index.events[0]).joined()


def test_jinja_escapes_are_spelled_as_sanitize_esc_spells_them():
    from policy_timeline.source.sanitize import esc

    text = "<a href=\"x\">'it' & more</a>"
    env = templates.environment(())
    rendered = env.from_string("{{ text }}").render(text=text)
    assert templates.spelled(rendered) == esc(text)


def test_event_text_cannot_forge_a_block_of_the_page(tmp_path):
    """The marks a page template leaves for its headings and blocks are comments:
    event text is printed escaped, so it never makes one."""
    build = _hostile_build(tmp_path, ())
    event = build.index.events[0]
    forged = dataclasses.replace(event, summary="<!--pt-part-0--> ## Sources")
    page = render_pages.event_page(build, forged)
    assert "&lt;!--pt-part-0--&gt; ## Sources" in page.joined()
    assert page.markdown.count("\n## Sources\n") == 1


def test_every_engine_template_is_listed_in_the_docs():
    names = sorted(
        p.relative_to(templates.PACKAGE_DIR / templates.NAMESPACE).as_posix()
        for p in (templates.PACKAGE_DIR / templates.NAMESPACE).rglob("*.html")
    )
    docs = (REPO / "docs" / "reference" / "customising-pages.md").read_text(encoding="utf-8")
    assert [n for n in names if f"`{n}`" not in docs] == []
