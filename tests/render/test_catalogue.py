"""The interface in the site's language: message catalogues (render/catalogue.py).

Every catalogue has every key English has and no other, with English's placeholders;
language tags fall back to their base language, then to English; plurals follow each
language's rule; a site's ``messages:`` overrides one string, and a key no catalogue
has is a configuration error naming it. A real site built with ``theme.language: zh``
from events written in Chinese shows no English interface string on its home page,
an event page, /embed/, the embed builder and the other generated pages.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import zh_site as zh
from conftest import visible_text

from policy_timeline.files_host import blocks
from policy_timeline.files_host.project import SiteConfigError, read_project
from policy_timeline.mkdocs import preview
from policy_timeline.render import catalogue, templates
from policy_timeline.render.catalogue import Messages
from policy_timeline.source.dates import PartialDate
from policy_timeline.source.errors import Problem
from policy_timeline.source.settings import SiteSettings

ENGLISH = catalogue.catalogue("en")
OTHERS = [language for language in catalogue.LANGUAGES if language != "en"]


def _plural_group(key: str) -> str | None:
    """``timeline.more`` for ``timeline.more.one`` (a plural's form), else None."""
    head, _, form = key.rpartition(".")
    return head if form in catalogue.PLURAL_FORMS and f"{head}.other" in ENGLISH else None


# --- the catalogues ---------------------------------------------------------------------


@pytest.mark.parametrize("language", OTHERS)
def test_every_catalogue_has_every_key_english_has_and_no_other(language):
    own = catalogue.catalogue(language)
    # Chinese has no singular: its plurals have the form "other" only.
    expected = {
        key
        for key in ENGLISH
        if not (language == "zh" and key.endswith(".one") and _plural_group(key))
    }
    assert sorted(expected - set(own)) == [], f"missing from {language}/"
    assert sorted(set(own) - expected) == [], f"in {language}/ but not in en/"


@pytest.mark.parametrize("language", OTHERS)
def test_every_string_takes_the_placeholders_english_takes(language):
    own = catalogue.catalogue(language)
    wrong = []
    for key, text in own.items():
        wanted = catalogue.fields(ENGLISH[key])
        found = catalogue.fields(text)
        # A plural's form may leave the number out ("L’événement", "一个").
        if _plural_group(key):
            wanted, found = wanted - {"n"}, found - {"n"}
        if found != wanted:
            wrong.append(f"{key}: {sorted(found)}, English has {sorted(wanted)}")
    assert wrong == []


def test_every_catalogue_file_of_a_language_is_merged():
    # The areas are files of their own (pages, timeline, cite...), read as one catalogue.
    files = sorted(path.name for path in (catalogue.CATALOGUE_DIR / "en").glob("*.yml"))
    assert {"common.yml", "pages.yml", "timeline.yml", "cite.yml", "preview.yml"} <= set(files)
    assert "pages.event.figures" in ENGLISH and "timeline.showing" in ENGLISH


def test_a_key_given_by_two_files_of_a_language_is_an_error(tmp_path, monkeypatch):
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "a.yml").write_text("timeline:\n  showing: One\n", encoding="utf-8")
    (folder / "b.yml").write_text("timeline: {showing: Two}\n", encoding="utf-8")
    monkeypatch.setattr(catalogue, "CATALOGUE_DIR", tmp_path)
    catalogue.catalogue.cache_clear()
    try:
        with pytest.raises(catalogue.CatalogueError) as raised:
            catalogue.catalogue("en")
    finally:
        catalogue.catalogue.cache_clear()
    assert str(raised.value) == "en/b.yml: timeline.showing: given by another file of en/ too"


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        ("zh", "zh"),
        ("zh-Hans", "zh"),
        ("zh_CN", "zh"),
        ("ZH-hans-CN", "zh"),
        ("fr-CA", "fr"),
        ("de_AT", "de"),
        ("es-419", "es"),
        ("pt-BR", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_a_language_tag_reads_its_base_language_then_english(tag, language):
    assert catalogue.base_language(tag) == language
    assert Messages(tag or "").language == language


def test_plurals_follow_each_languages_rule():
    en, fr, de, zh = Messages("en"), Messages("fr"), Messages("de"), Messages("zh")
    assert en.plural("timeline.more", 1) == "1 more event: zoom in to see it"
    assert en.plural("timeline.more", 2) == "2 more events: zoom in to see them"
    assert en.plural("count.event", 0) == "0 events"
    # French counts 0 and 1 as one.
    assert fr.plural("count.event", 0) == "0 événement"
    assert fr.plural("count.event", 1) == "1 événement"
    assert fr.plural("count.event", 2) == "2 événements"
    assert de.plural("count.event", 1) == "1 Ereignis"
    assert zh.plural("count.event", 1) == "1 个事件"
    assert zh.plural("timeline.more", 1) == "还有 1 个事件：放大即可查看"


def test_dates_are_written_in_the_language():
    day, month, year = (PartialDate.parse(v) for v in ("2017-07-20", "2017-07", "2016"))
    assert Messages("en").span(day, None) == "20 July 2017"
    assert Messages("en").span(year, PartialDate.parse("2020")) == "2016–2020"
    assert Messages("en").span(month, PartialDate.parse("2018-06")) == "July 2017 – June 2018"
    assert Messages("zh").span(day, None) == "2017年7月20日"
    assert Messages("zh").span(year, PartialDate.parse("2020")) == "2016–2020年"
    assert Messages("de").span(day, None) == "20. Juli 2017"
    assert Messages("es").span(month, None) == "julio de 2017"
    assert Messages("fr").span(day, None) == "20 juillet 2017"


def test_placeholders_are_filled_by_name_and_braces_can_be_doubled():
    assert catalogue.fill("{a} of {b}", {"a": 1, "b": 2}) == "1 of 2"
    assert catalogue.fill("{{a}} {a}", {"a": "x"}) == "{a} x"
    # Attribute and index lookups are not placeholders: a site's text cannot reach objects.
    assert catalogue.fill("{a.__class__} {a[0]}", {"a": "x"}) == "{a.__class__} {a[0]}"


def test_a_string_is_escaped_where_a_template_prints_it():
    messages = Messages("en", {"pages.no_events": "<b>None</b> & nothing"})
    env = templates.environment(())
    try:
        templates.use_messages(env, messages)
        rendered = env.from_string('{{ t("pages.no_events") }}').render()
        link = env.from_string(
            '{{ t("pages.sources_index.cited_by", event=pt.link("../x/", "<T>")) }}'
        ).render()
    finally:
        templates.use_messages(env, catalogue.english())
    assert rendered == "&lt;b&gt;None&lt;/b&gt; &amp; nothing"
    assert link == 'Cited by <a href="../x/">&lt;T&gt;</a>.'


# --- a site's overrides -------------------------------------------------------------------


def test_an_override_replaces_one_string_of_the_sites_language():
    site = SiteSettings(language="zh-Hans", messages=(("timeline.controls.clear", "全部清除"),))
    messages = catalogue.site_messages(site)
    assert messages.t("timeline.controls.clear") == "全部清除"
    assert messages.t("timeline.controls.filters") == "筛选"


def test_override_problems_name_the_key_and_what_was_expected():
    problems = catalogue.override_problems(
        {
            "timeline.showin": "x",
            "timeline": {"showing": "{shown} of {all}"},
            # A plural's form says its number, {n}: no problem.
            "count.event.one": "{n} item",
        }
    )
    assert len(problems) == 2
    assert problems[0].startswith(
        "timeline.showin: no interface string has this key; expected a key of the English "
        "catalogue, policy_timeline/catalogues/en/*.yml (the nearest: timeline.showing"
    )
    assert problems[1] == (
        "timeline.showing: {all} is not a placeholder of this string; expected only: "
        "{shown}, {total}"
    )
    assert catalogue.override_problems({"sections": {"tags": 3}}) == [
        "sections.tags: 3 is not text; expected a string or a map of strings"
    ]


def test_the_files_host_refuses_an_unknown_key(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nplugins:\n  - policy-timeline:\n      messages:\n"
        "        timeline.nope: Hello\n",
        encoding="utf-8",
    )
    with pytest.raises(SiteConfigError) as raised:
        read_project(config)
    message = str(raised.value)
    assert message.startswith(f"{config}: plugins: policy-timeline: messages: timeline.nope: ")
    assert "no interface string has this key" in message


# --- a site built in Chinese ----------------------------------------------------------------


@pytest.fixture(scope="module")
def zh_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("zh")
    proc = zh.build(folder, dict([zh.OVERRIDE]))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return folder / "site"


PAGES = [
    "index.html",  # the home page: a timeline view
    "events/2017-07-plan/index.html",  # an event page (figures, sources, related, cite)
    "events/2017-12-local-plan/index.html",  # a period
    "events/2040-target/index.html",  # a target still to come
    "embed/index.html",
    "embed/builder/index.html",
    "events/index.html",
    "sources/index.html",
    "sources/wang-2018/index.html",
    "years/2017/index.html",
    "tags/ai/index.html",
    "actors/index.html",
    "places/index.html",
]


@pytest.mark.site
@pytest.mark.parametrize("path", PAGES)
def test_a_site_in_chinese_shows_no_english_interface_string(zh_site, path):
    text = zh.page_text((zh_site / path).read_text(encoding="utf-8"))
    assert zh.english_in(text) == {}, text


@pytest.mark.site
def test_a_site_in_chinese_says_its_words(zh_site):
    home = (zh_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in home
    assert "显示 3 / 3 个事件" in visible_text(home)
    # The site's own text for one string.
    assert f">{zh.OVERRIDE[1]}</button>" in home
    event = visible_text(
        (zh_site / "events" / "2017-07-plan" / "index.html").read_text(encoding="utf-8")
    )
    for said in ("引用此事件", "相关事件", "数据", "来源", "日期", "2017年7月", "目标值"):
        assert said in event
    period = (zh_site / "events" / "2017-12-local-plan" / "index.html").read_text(encoding="utf-8")
    assert "2017年12月20日 – 2018年6月" in visible_text(period)
    feed = (zh_site / "feed.xml").read_text(encoding="utf-8")
    assert 'xml:lang="zh"' in feed
    assert f"<title>{zh.SITE_NAME}：新事件</title>" in feed


@pytest.mark.site
def test_the_views_scripts_get_their_strings_in_the_language(zh_site):
    home = (zh_site / "index.html").read_text(encoding="utf-8")
    attribute = re.search(r'<div class="pt-view"[^>]* data-messages="([^"]*)"', home)
    assert attribute is not None
    said = json.loads(html.unescape(attribute.group(1)))
    assert said["timeline.showing"] == "显示 {shown} / {total} 个事件"
    assert said["timeline.more.other"] == "还有 {n} 个事件：放大即可查看"
    assert said["timeline.card.position"] == "第 {at} 个，共 {total} 个"


@pytest.mark.site
def test_a_site_with_an_unknown_message_key_is_not_built(tmp_path):
    proc = zh.build(tmp_path, {"timeline.shoing": "显示"})
    assert proc.returncode != 0
    said = proc.stdout + proc.stderr
    assert (
        "Config value 'plugins': Plugin 'policy-timeline' option 'messages': timeline.shoing: "
        "no interface string has this key; expected a key of the English catalogue, "
        "policy_timeline/catalogues/en/*.yml (the nearest: timeline.showing)"
    ) in said
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_files_host_writes_the_pages_in_the_sites_language(tmp_path):
    """``policy-timeline generate`` (Zensical's host) reads theme.language and messages:
    from the same mkdocs.yml."""
    events = zh.copy_events(zh.FIXTURES / "events" / "zh", tmp_path / "events")
    config = zh.write_config(tmp_path, dict([zh.OVERRIDE]))
    proc = subprocess.run(
        [sys.executable, "-m", "policy_timeline", "generate", "--config", str(config)],
        cwd=tmp_path,
        env={**os.environ, "TIMELINE_EVENTS_DIR": str(events), "SOURCE_DATE_EPOCH": zh.BUILD_EPOCH},
        capture_output=True,
        text=True,
        timeout=300,  # a hang guard (conftest)
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    docs, html = tmp_path / ".policy-timeline" / "docs", tmp_path / ".policy-timeline" / "blocks"
    event = blocks.joined((docs / "events" / "2017-07-plan.md").read_text(encoding="utf-8"), html)
    assert "## 引用此事件" in event
    assert zh.english_in(zh.page_text(event)) == {}
    embed = blocks.joined((docs / "embed" / "index.md").read_text(encoding="utf-8"), html)
    assert f">{zh.OVERRIDE[1]}</button>" in embed


def test_the_previews_error_page_is_in_the_sites_language():
    problem = Problem("events/x.md", 3, "date", "“2019-02-30” is not a date")
    page = preview.error_markdown([problem], Messages("zh"))
    assert page.startswith("# 事件文件有错误\n")
    assert "1 个错误：修正之前，此预览不显示其他内容" in page
    assert "events/x.md:3: date:" in page
    english = preview.error_markdown([problem, problem])
    assert "2 errors: this preview shows nothing else until they are fixed" in english
