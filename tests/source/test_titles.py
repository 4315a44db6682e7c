"""An event's titles in other languages: ``titles``, a map by language tag (BCP 47), and
``title_zh``, its deprecated form, still read with a warning.

The bad fixtures ``2017-titles.md`` and ``2017-title-zh-twice.md`` are checked word for
word here; ``tests/fixtures/events/site`` keeps one file with ``title_zh``.
"""
from __future__ import annotations

import pytest
from conftest import FIXTURES, run_cli

from policy_timeline.source import language_tags
from policy_timeline.source.validate import validate_project

BAD_EVENTS = FIXTURES / "bad" / "events"
SITE_EVENTS = FIXTURES / "events" / "site"
LEGACY = SITE_EVENTS / "2015-05-19-made-in-china-2025.md"
TAG_FORM = ("is not a language tag; expected a BCP 47 tag: the language, then optionally its "
            "script, region and variant, e.g. zh, zh-Hant, pt-BR, es-419")

TITLE_MESSAGES = {
    "2017-titles.md": [
        '8: titles.zh-hant: "zh-hant" is a language tag in the wrong case; expected zh-Hant',
        f'9: titles.Chinese: "Chinese" {TAG_FORM}',
        '10: titles.es_ES: "es_ES" joins its parts with "_"; expected es-ES, joined with hyphens',
        "11: titles.fr: is on 2 lines; expected the title on one line",
        "14: titles.de: is empty; expected text",
        "15: titles.ar: found a list; expected text",
        f'16: titles.constructor: "constructor" {TAG_FORM}',
    ],
    "2017-title-zh-twice.md": [
        "3: title_zh: the Chinese title is also titles.zh (line 4); expected it once, as "
        "titles.zh: remove title_zh",
    ],
}


@pytest.fixture(scope="module")
def bad_problems():
    project, problems = validate_project(BAD_EVENTS)
    assert project is None
    return problems


@pytest.mark.parametrize("name", sorted(TITLE_MESSAGES))
def test_each_wrong_title_is_said_exactly(bad_problems, name):
    path = str(BAD_EVENTS / name)
    assert [str(p) for p in bad_problems if p.path == path] == [
        f"{path}:{m}" for m in TITLE_MESSAGES[name]]


@pytest.mark.parametrize("tag", ["zh", "es", "haw", "zh-Hant", "zh-Hant-TW", "pt-BR", "es-419",
                                 "de-CH-1996", "sl-rozaj", "sr-Latn", "az-Arab-IR"])
def test_well_formed_tags_are_accepted(tag):
    assert language_tags.problem(tag) is None
    assert language_tags.canonical(tag) == tag


@pytest.mark.parametrize("tag, canonical", [("ZH", "zh"), ("zh-hant-tw", "zh-Hant-TW"),
                                            ("PT-br", "pt-BR"), ("DE-ch-1996", "de-CH-1996")])
def test_a_tag_in_another_case_is_told_its_canonical_form(tag, canonical):
    assert language_tags.canonical(tag) == canonical
    assert language_tags.problem(tag) == (
        f'"{tag}" is a language tag in the wrong case; expected {canonical}')


@pytest.mark.parametrize("tag", ["", "z", "chinese", "zh-", "-zh", "zh--Hant", "zh-Hant-Hans",
                                 "x-private", "en-US-u-ca-gregory", "zh\n", "zh Hant",
                                 "toString", "a" * 10_000])
def test_what_is_not_a_tag_is_refused(tag):
    assert language_tags.canonical(tag) is None
    assert language_tags.problem(tag) is not None


@pytest.mark.parametrize("tag, direction", [
    ("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur-PK", "rtl"), ("az-Arab", "rtl"),
    ("ar-Latn", "ltr"), ("zh", "ltr"), ("es", "ltr"), ("pa-Arab-PK", "rtl"), ("yi", "rtl")])
def test_right_to_left_scripts_are_known_by_language_or_script(tag, direction):
    assert language_tags.direction(tag) == direction


def _folder(tmp_path, front: str):
    folder = tmp_path / "events"
    folder.mkdir()
    for name in ("vocabulary.yml", "bibliography.yml"):
        (folder / name).write_bytes((BAD_EVENTS / name).read_bytes())
    (folder / "2017-07-plan.md").write_text(
        f"---\ntitle: A plan\n{front}date: 2017-07\nlane: central\nkind: plan\n"
        "summary: S.\nsources:\n  - ref: naughton-2020\n---\n", encoding="utf-8")
    return folder


def test_titles_become_the_model_in_the_files_order_with_their_direction(tmp_path):
    folder = _folder(tmp_path, "titles:\n  zh-Hant: 計劃\n  ar: خطة\n  es: Plan\n")
    project, problems = validate_project(folder)
    assert problems == [] and project.warnings == []
    [event] = project.events
    assert event.titles == {"zh-Hant": "計劃", "ar": "خطة", "es": "Plan"}
    assert list(event.titles) == ["zh-Hant", "ar", "es"]
    assert [(t.lang, t.text, t.dir) for t in event.other_titles] == [
        ("zh-Hant", "計劃", "ltr"), ("ar", "خطة", "rtl"), ("es", "Plan", "ltr")]


def test_more_than_25_titles_are_refused(tmp_path):
    many = "".join(f"  {a}{b}: T\n" for a in "abc" for b in "abcdefghij")
    folder = _folder(tmp_path, f"titles:\n{many}")
    _, problems = validate_project(folder)
    assert [str(p) for p in problems] == [
        f"{folder}/2017-07-plan.md:4: titles: has 30 entries; at most 25 are allowed (each is "
        "shown on the event's page and is a column of events.csv)"]


def test_title_zh_is_still_read_as_titles_zh_with_a_warning():
    project, problems = validate_project(SITE_EVENTS)
    assert problems == []
    assert [str(w) for w in project.warnings] == [
        f"{LEGACY}:3: title_zh: is deprecated and read as titles: {{zh: ...}} until the next "
        "minor release; run `policy-timeline migrate` to rewrite it"]
    event = next(e for e in project.events if e.id == LEGACY.stem)
    assert event.titles == {"zh": "中国制造2025"}


def test_validate_prints_the_warning_and_succeeds():
    proc = run_cli("validate", str(SITE_EVENTS))
    assert proc.returncode == 0, proc.stdout
    lines = proc.stdout.splitlines()
    assert lines[0] == (
        f"{SITE_EVENTS}/{LEGACY.name}:3: title_zh: is deprecated and read as titles: {{zh: ...}} "
        "until the next minor release; run `policy-timeline migrate` to rewrite it (a warning: "
        "the file is still read)")
    assert lines[-1].endswith("checked, no errors (15 files checked)")
    annotated = run_cli("validate", str(SITE_EVENTS), env={"GITHUB_ACTIONS": "true"})
    [annotation] = [line for line in annotated.stdout.splitlines() if line.startswith("::")]
    assert annotation.startswith(f"::warning file={SITE_EVENTS}/{LEGACY.name},line=3,title=title_zh::")
