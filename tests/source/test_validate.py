"""The validator on bad input: every kind of mistake, located by file, line and field.

``tests/fixtures/bad/events`` holds one file per kind of bad event file, beside
a vocabulary and bibliography of its own. It is validated once; each test
then checks one file's problems exactly.
"""
from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, build_site, run_cli

from policy_timeline.source.dates import PartialDate
from policy_timeline.source.errors import Problem, github_annotation
from policy_timeline.source.model import Figure, Source
from policy_timeline.source.validate import validate_project

BAD = FIXTURES / "bad"
BAD_EVENTS = BAD / "events"
REQUIRED = ("date", "lane", "kind", "summary", "sources")
LINE_FORMAT = re.compile(
    r"^(?P<path>[^\n]+?):(?P<line>[0-9]+): (?P<field>[^\n]*?): (?P<message>.+)$")

# file -> [(line, field, words the message must contain...)]: exactly these problems.
EXPECTED: dict[str, list[tuple]] = {
    "2017-yaml-syntax.md": [(7, "yaml", "YAML syntax error", "from line 6", "quote")],
    "2017-no-front-matter.md": [(1, "front matter", "must start with a line ---")],
    "2017-unclosed-front-matter.md": [(1, "front matter", "not closed", "---")],
    "2017-front-matter-list.md": [(2, "front matter", "found a list", "key: value")],
    "2017-front-matter-empty.md": [(1, "front matter", "is empty",
                                    "title, date, lane, kind, summary, sources")],
    "2017-empty.md": [(1, "file", "empty")],
    "2017-not-utf8.md": [(2, "file", "byte 14", "not UTF-8")],
    "2017-bom.md": [(1, "file", "byte-order mark", "UTF-8")],
    "2017-binary.md": [(2, "file", "not UTF-8")],
    "2017-control-character.md": [(2, "yaml", "#x0001", "control characters")],
    "2017-deep-nesting.md": [(2, "yaml", "nested more than")],
    "2017-duplicate-key.md": [(7, "title", "duplicate key", "first on line 2", "keep only one")],
    "2017-anchor-alias.md": [(2, "title", "anchors (&name)", "not allowed"),
                             (6, "summary", "aliases (*name)", "not allowed")],
    "2017-yaml-tag.md": [(2, "title", "YAML tags", "!!python/object/apply:os.system")],
    "2017-complex-key.md": [(2, "front matter", "a key must be a plain name")]
    + [(1, field, "missing") for field in REQUIRED],
    "2017-unknown-field.md": [(6, "summry", "unknown field", 'did you mean "summary"?'),
                              (7, "colour", "unknown field", "title, titles, date, end"),
                              (1, "summary", "missing", "280 characters")],
    "2017-missing-fields.md": [(1, field, "missing", "required") for field in REQUIRED],
    "2017-yaml-coercions.md": [
        (2, "title", "yes is read by YAML as true/false", 'quote it: "yes"'),
        (3, "titles.zh", "2017 is read by YAML as a number", 'quote it: "2017"'),
        (7, "summary", "true/false", 'quote it: "off"'),
        (8, "actors[0]", "true/false", 'quote it: "On"'),
        (8, "actors[1]", "a number", 'quote it: "12.5"'),
        (8, "actors[2]", "a date", 'quote it: "2019-03-01"'),
        (11, "sources[0].locator", "no value", 'quote it: "null"'),
    ],
    "2017-wrong-types.md": [(2, "title", "found a list", "expected text"),
                            (7, "tags", 'found "targets"', "expected a list"),
                            (8, "highlight", '"true" is text', "true or false, without quotes"),
                            (9, "places", "found key: value fields", "expected a list"),
                            (11, "sources", "found key: value fields", "expected a list")],
    "2017-empty-text.md": [(2, "title", "is empty", "expected text"),
                           (6, "summary", "is empty"), (7, "titles.zh", "is empty")],
    # The exact messages of these two are in tests/source/test_titles.py.
    "2017-titles.md": [(8, "titles.zh-hant", "wrong case"), (9, "titles.Chinese", "BCP 47"),
                       (10, "titles.es_ES", "es-ES"), (11, "titles.fr", "one line"),
                       (14, "titles.de", "is empty"), (15, "titles.ar", "found a list"),
                       (16, "titles.constructor", "not a language tag")],
    "2017-title-zh-twice.md": [(3, "title_zh", "also titles.zh")],
    "2017-placeholders.md": [(6, "summary", "placeholder", "TODO: one or two sentences", "replace"),
                             (8, "sources[0].title", "placeholder"),
                             (9, "sources[0].url", "placeholder")],
    "2017-date-not-on-calendar.md": [(3, "date", "day 30 is not on the calendar", "28 days")],
    "2017-month-13.md": [(3, "date", "month 13 is not on the calendar", "01-12")],
    "2017-date-no-leading-zeros.md": [(3, "date", "'2017-7-5' is not a date", "leading zeros")],
    "2017-date-with-time.md": [(3, "date", "time of day", "YYYY, YYYY-MM or YYYY-MM-DD"),
                               (4, "end", "'2017-07-21T09:00' is not a date", "no time")],
    "2017-date-malformed.md": [(3, "date", "'July 2017' is not a date", "YYYY-MM"),
                               (4, "end", "2017.5 is not a date")],
    "2017-07-end-before-date.md": [(4, "end", "2017-06-30 is before date 2017-07",
                                    "on or after date")],
    "2018-id-date-mismatch.md": [(3, "id", "starts with 2018", "date 2017-07",
                                  "2017-07 or 2017")],
    "2017-07-20-id-too-precise.md": [(3, "id", "starts with 2017-07-20", "2017-07 or 2017")],
    "2017-Capital_Id.md": [(1, "id", "not a valid id", "lowercase")],
    "a/2017-duplicate-id.md": [(1, "id", "also the id of", "b/2017-duplicate-id.md", "unique")],
    "b/2017-duplicate-id.md": [(1, "id", "also the id of", "a/2017-duplicate-id.md", "unique")],
    "2017-07-related.md": [(8, "related[0]", "this event itself"),
                           (9, "related[1]", 'no event has the id "2017-07-vaild"',
                            'did you mean "2017-07-valid"?'),
                           (11, "related[3]", '"not an id" is not an event id')],
    "2017-sources.md": [
        (8, "sources[0].ref", '"naughton-2021" is not a key of the bibliography',
         'did you mean "naughton-2020"?'),
        (10, "sources[1].url", "javascript:alert(1)", "not an http(s) URL"),
        (12, "sources[2].url", "data:text/html", "not an http(s) URL"),
        (14, "sources[3].url", "../secret.html", "not an http(s) URL"),
        (16, "sources[4].url", "not allowed together with ref"),
        (17, "sources[5].url", "missing", "with title, expected url too"),
        (18, "sources[6]", "expected ref or title and url"),
    ],
    "2017-no-sources.md": [(7, "sources", "the list is empty", "at least 1")],
    "2017-not-in-vocabulary.md": [
        (4, "lane", '"centrl" is not one of the lanes', 'did you mean "central"?',
         "vocabulary.yml"),
        (5, "kind", '"policy" is not one of the kinds', "plan, law, target, statement"),
        (7, "tags[1]", '"finance" is not one of the tags', 'did you mean "financing"?'),
        (7, "tags[2]", '"targets" is listed twice', "first on line 7"),
    ],
    "2017-summary-too-long.md": [(6, "summary", "341 characters", "at most 280")],
    "2017-template.md": [(2, "title", '"{{" at column 20', "never a template"),
                         (6, "summary", '"{%" at column 21'),
                         (10, "body", '"{#" at column 13'),
                         (13, "body", '"{%" at column 1')],
    "2030-figures.md": [
        (10, "figures[0].value", '"1000" is text', "without quotes"),
        (11, "figures[1].value", "true is not a number"),
        (11, "figures[1].year", "2030.5 is not a whole number"),
        (11, "figures[1].type", '"goal" is not allowed', "target, forecast, estimate, actual"),
        (12, "figures[2].value", ".inf is not a finite number"),
        (12, "figures[2].year", '"2030" is text'),
        (13, "figures[3].measure", "missing"), (13, "figures[3].type", "missing"),
        (13, "figures[3]", "expected year or period"),
        (14, "highlight", "yes is not a flag", "true or false"),
    ],
    # The exact messages of these two are in test_figure_problems_are_said_exactly.
    "2019-figure-forms.md": [
        (10, "figures[0].measure", 'did you mean "output"?'),
        (11, "figures[1].low", "not allowed together with value"),
        (11, "figures[1].high", "not allowed together with value"),
        (12, "figures[2].period", "ends before it starts"),
        (13, "figures[3].period", "a single year"),
        (14, "figures[4].period", "not a period"),
        (15, "figures[5].period", "not allowed together with year"),
        (16, "figures[6]", "expected year or period"),
        (16, "figures[6].high", "missing"),
        (17, "figures[7].label", "no longer a field"),
        (17, "figures[7].unit", "no longer a field"),
    ],
    "2019-figure-ranges.md": [
        (10, "figures[0].low", "above high"),
        (11, "figures[1].low", "equal to high"),
        (12, "figures[2].year", "not after the event's date"),
        (13, "figures[3].period", "not after the event's date"),
    ],
    "2017-crlf.md": [(8, "sources[0].ref", '"naughton-2021"')],
    "2017-notes.markdown": [(1, "file", "is not read", "rename it to 2017-notes.md")],
    "2017-upper.MD": [(1, "file", "is not read", "rename it to 2017-upper.md")],
    "vocabulary.yaml": [(1, "file", "is not read", 'did you mean "vocabulary.yml"?')],
}
# Valid, or not events at all (README.md, names starting with _): no problem each.
NOT_REPORTED = ("2017-07-valid.md", "2017-folder.md/2017-inside-folder.md", "README.md",
                "_draft.md", "vocabulary.yml", "bibliography.yml")


def _path(folder: Path, rel: str) -> str:
    return str(folder / rel)


@pytest.fixture(scope="module")
def bad_problems() -> list[Problem]:
    project, problems = validate_project(BAD_EVENTS)
    assert project is None
    return problems


def _assert_problems(problems: list[Problem], path: str, expected: list[tuple]) -> None:
    found = sorted((p.line, p.field) for p in problems if p.path == path)
    assert found == sorted((line, field) for line, field, *_ in expected), \
        "\n".join(str(p) for p in problems if p.path == path)
    for line, field, *words in expected:
        message = next(p.message for p in problems
                       if (p.path, p.line, p.field) == (path, line, field))
        for word in words:
            assert word in message, f"{path}:{line}: {field}: {message!r} lacks {word!r}"


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_bad_event_file_is_located(bad_problems, rel):
    _assert_problems(bad_problems, _path(BAD_EVENTS, rel), EXPECTED[rel])


def test_nothing_else_is_reported(bad_problems):
    reported = {p.path for p in bad_problems}
    assert reported == {_path(BAD_EVENTS, rel) for rel in EXPECTED}
    for rel in NOT_REPORTED:
        assert (BAD_EVENTS / rel).exists()
        assert _path(BAD_EVENTS, rel) not in reported


def test_one_run_reports_every_file_then_a_count(tmp_path):
    proc = run_cli("validate", str(BAD_EVENTS))
    assert proc.returncode == 1
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    total = sum(len(v) for v in EXPECTED.values())
    assert len(lines) == total + 1
    # 46 event files, 3 misnamed ones, the vocabulary and the bibliography.
    assert lines[-1] == f"{total} errors in {len(EXPECTED)} files (51 files checked)"
    for line in lines[:-1]:
        match = LINE_FORMAT.match(line)
        assert match, line
        assert match["path"].startswith(str(BAD_EVENTS))
    assert f"{BAD_EVENTS}/2017-duplicate-key.md:7: title: duplicate key 'title'" in proc.stdout
    assert f"{BAD_EVENTS}/2017-sources.md:10: sources[1].url: " in proc.stdout


def test_paths_are_the_folder_as_given_joined_with_the_file(tmp_path):
    shutil.copytree(BAD_EVENTS, tmp_path / "events")
    proc = run_cli("validate", "events", cwd=tmp_path)
    assert "\nevents/a/2017-duplicate-id.md:1: id: " in proc.stdout
    assert "\nevents/2017-yaml-syntax.md:7: yaml: " in proc.stdout
    proc = run_cli("validate", cwd=tmp_path, env={"TIMELINE_EVENTS_DIR": "events"})
    assert "\nevents/2017-yaml-syntax.md:7: yaml: " in proc.stdout


def _folder(tmp_path: Path, files: dict[str, str | bytes], bibliography: bool = True) -> Path:
    """An events folder with the bad fixtures' own vocabulary (and bibliography) and ``files``."""
    folder = tmp_path / "events"
    folder.mkdir()
    shutil.copy(BAD_EVENTS / "vocabulary.yml", folder)
    if bibliography:
        shutil.copy(BAD_EVENTS / "bibliography.yml", folder)
    for rel, content in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


VALID_EVENT = """---
title: A valid event
date: 2017-07
lane: central
kind: plan
summary: Valid.
sources:
  - ref: naughton-2020
---
"""


FIGURE_MESSAGES = {
    "2019-figure-forms.md": [
        '10: figures[0].measure: "outptu" is not one of the measures of the vocabulary; did you '
        'mean "output"? (see {folder}/vocabulary.yml)',
        "11: figures[1].high: not allowed together with value; expected value or low and high, "
        "not both",
        "11: figures[1].low: not allowed together with value; expected value or low and high, "
        "not both",
        "12: figures[2].period: 2016-2015 ends before it starts; expected the first year, then "
        "the last: 2015-2016",
        "13: figures[3].period: 2015-2015 is a single year; expected year: 2015 instead of a "
        "period",
        "14: figures[4].period: 2015 to 2016 is not a period; expected the first and the last "
        "year joined by a hyphen, e.g. 2015-2016",
        "15: figures[5].period: not allowed together with year; expected year or period, not "
        "both",
        "16: figures[6]: expected year or period",
        "16: figures[6].high: missing; with low, expected high too (for a range: its high end, "
        "above low)",
        "17: figures[7].label: is no longer a field here; expected measure: instead, a measure "
        "of the vocabulary (which has the label); series tells figures of one measure apart",
        "17: figures[7].unit: is no longer a field here; expected the unit in the figure's "
        "measure, in the vocabulary's measures:",
    ],
    "2019-figure-ranges.md": [
        "10: figures[0].low: 160 is above high 40; expected low below high (for one number, "
        "write value)",
        "11: figures[1].low: 7 is equal to high 7; expected low below high (for one number, "
        "write value)",
        "12: figures[2].year: 2019 is not after the event's date 2019; a forecast is stated "
        "before the year it is about, so expected a year after 2019 (a figure stated in or after "
        "its year is an estimate)",
        "13: figures[3].period: 2018-2020 is not after the event's date 2019; a forecast is "
        "stated before the year it is about, so expected a year after 2019 (a figure stated in "
        "or after its year is an estimate)",
    ],
}


@pytest.mark.parametrize("rel", sorted(FIGURE_MESSAGES))
def test_figure_problems_are_said_exactly(bad_problems, rel):
    """Each new figure check, word for word: an unknown measure (with a suggestion), a value
    and a range together, a range whose low is above its high, a forecast not stated before
    its year, and periods that are not periods."""
    path = _path(BAD_EVENTS, rel)
    said = [str(p) for p in bad_problems if p.path == path]
    assert said == [f"{path}:" + m.replace("{folder}", str(BAD_EVENTS))
                    for m in FIGURE_MESSAGES[rel]]


def test_a_figure_needs_a_measure_the_vocabulary_defines(tmp_path):
    folder = _folder(tmp_path, {"2017-07-x.md": VALID_EVENT.replace(
        "sources:", "figures:\n  - {measure: output, type: actual, value: 1, year: 2017}\nsources:")})
    vocabulary = (folder / "vocabulary.yml").read_text(encoding="utf-8")
    (folder / "vocabulary.yml").write_text(vocabulary.split("measures:")[0], encoding="utf-8")
    _, problems = validate_project(folder)
    assert [str(p) for p in problems] == [
        f'{folder}/2017-07-x.md:8: figures[0].measure: "output" is not one of the measures of '
        f"the vocabulary. Expected one of them, but none is defined yet (see "
        f"{folder}/vocabulary.yml)"]


def test_file_over_100_kb_is_one_error_without_parsing(tmp_path):
    # Not UTF-8 and not front matter either: size alone decides, before any reading.
    folder = _folder(tmp_path, {"2017-huge.md": b"\xff{{" * 40_000})
    project, problems = validate_project(folder)
    assert project is None
    located = [(p.path, p.line, p.field) for p in problems]
    assert located == [(str(folder / "2017-huge.md"), 1, "file")]
    assert problems[0].message.startswith(
        "the file is 120,000 bytes; at most 102,400 bytes (100 KB) are allowed.")


DATA_FILE_EXPECTED = {
    ("vocabulary", "vocabulary.yml"): [
        (2, "lanes.central.order", '"first" is text', "whole number"),
        (2, "lanes.central.colour", '"red"', '"#0072B2"'),
        (3, "lanes.Bad_Lane", "not a valid id", "lowercase"),
        (4, "lanes.local.label", "is empty"),
        (4, "lanes.local.color", "unknown field", 'did you mean "colour"?'),
        (5, "kinds", "found a list", "id: fields"),
        (7, "tags.targets", 'found "Targets"', "label"),
        # The whole key is an id: "ai-core" and "ai-core\n" are not two measures.
        (9, "measures.ai-core\n", '"ai-core\n" is not a valid id'),
        (10, "measures.ai-core.unit", "missing", "the unit of all its figures"),
        (11, "measures.AI-Core", "not a valid id", "lowercase"),
    ],
    ("bibliography", "bibliography.yml"): [
        (6, "bad-url-2019.url", "ftp://example.org/paper.pdf", "not an http(s) URL"),
        (7, "bad-url-2019.date", "month 13"),
        (10, "authors-2018.authors", "expected a list"),
        (11, "authors-2018.venu", "unknown field", 'did you mean "venue"?'),
        (12, "no-title-2017.title", "missing", "title of the work"),
        (13, "Bad Key", "not a valid id"),
    ],
}


@pytest.mark.parametrize("folder_name, data_file", sorted(DATA_FILE_EXPECTED))
def test_vocabulary_and_bibliography_problems_are_located(folder_name, data_file):
    folder = BAD / folder_name
    project, problems = validate_project(folder)
    assert project is None
    _assert_problems(problems, _path(folder, data_file), DATA_FILE_EXPECTED[folder_name, data_file])
    # The folder's event is valid: only the data file is reported.
    assert {p.path for p in problems} == {_path(folder, data_file)}


def test_a_ref_without_a_bibliography_is_an_error():
    folder = BAD / "no-bibliography"
    _, problems = validate_project(folder)
    _assert_problems(problems, _path(folder, "2017-event.md"), [
        (8, "sources[0].ref", "no", "bibliography.yml", "title and url")])
    assert len(problems) == 1


def test_the_vocabulary_is_required():
    folder = BAD / "no-vocabulary"
    project, problems = validate_project(folder)
    assert project is None
    assert [str(p) for p in problems] == [
        f"{folder}/vocabulary.yml:1: file: not found; every events folder needs a vocabulary.yml "
        "with lanes and kinds (see the Event file format page)"]


@pytest.mark.parametrize("content, words", [
    (None, "is a folder, not a regular file, and is not read"),   # a folder named vocabulary.yml
    (b"lanes: \xff\n", "not UTF-8"),
    (b"", "no entries"),
    (b"lanes: [\n", "YAML syntax error"),
])
def test_unreadable_vocabulary_is_one_located_error(tmp_path, content, words):
    folder = _folder(tmp_path, {"2017-07-valid.md": VALID_EVENT})
    (folder / "vocabulary.yml").unlink()
    if content is None:
        (folder / "vocabulary.yml").mkdir()
    else:
        (folder / "vocabulary.yml").write_bytes(content)
    project, problems = validate_project(folder)
    assert project is None
    assert [p.path for p in problems] == [str(folder / "vocabulary.yml")]
    assert words in problems[0].message


def test_a_missing_events_folder_is_a_problem(tmp_path):
    proc = run_cli("validate", str(tmp_path / "nowhere"))
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{tmp_path / 'nowhere'}:1: events folder: not found")


def test_valid_events_become_the_model(tmp_path):
    folder = _folder(tmp_path, {
        "2009-year-as-number.md": VALID_EVENT.replace("date: 2017-07", "date: 2009"),
        "2017/2017-07-20-unquoted-day.md": VALID_EVENT.replace("date: 2017-07", "date: 2017-07-20"),
        # An id may be coarser than its date.
        "2017/2017-07-coarser-id.md": VALID_EVENT.replace("date: 2017-07", 'date: "2017-07-21"'),
        "2016-period.md": VALID_EVENT.replace("date: 2017-07", "date: 2016-05\nend: 2018")
        .replace("sources:\n  - ref: naughton-2020",
                 "sources:\n  - {title: A report, url: 'https://example.org/r?a=1&b=2', "
                 "locator: p. 3, quote: Quoted.}\nhighlight: true\nrelated: [2009-year-as-number]\n"
                 "tags: [financing, targets]\nfigures:\n  - {measure: output, value: 12.5, "
                 "year: 2018, type: actual}\n  - {measure: plans, type: forecast, low: 3, high: 4,"
                 " period: 2019-2020, series: Provinces}")
        + "Body *text*.\r\n",
    })
    project, problems = validate_project(folder)
    assert problems == []
    assert [e.id for e in project.events] == [
        "2009-year-as-number", "2016-period", "2017-07-20-unquoted-day", "2017-07-coarser-id"]
    year, period, day, coarser = project.events
    assert year.date == PartialDate(2009) and year.date.precision == "year"
    assert day.date == PartialDate(2017, 7, 20) and coarser.date == PartialDate(2017, 7, 21)
    assert day.path == str(folder / "2017" / "2017-07-20-unquoted-day.md")
    assert period.end == PartialDate(2018) and period.is_period
    assert period.sources == [Source(title="A report", url="https://example.org/r?a=1&b=2",
                                     locator="p. 3", quote="Quoted.")]
    assert period.figures == [
        Figure("output", "actual", value=12.5, year=2018, label="Output", unit="billion yuan"),
        Figure("plans", "forecast", low=3, high=4, period=(2019, 2020), series="Provinces",
               label="Plans", unit="plans")]
    assert period.figures[1].is_range and period.figures[1].years == "2019\u20132020"
    assert list(project.vocabulary.measures) == ["output", "plans"]
    assert project.vocabulary.measures["plans"].scope == "Provinces only."
    assert period.highlight is True and period.tags == ["financing", "targets"]
    assert period.related == ["2009-year-as-number"]
    assert period.body == "Body *text*."
    assert year.sources == [Source(ref="naughton-2020")] and year.highlight is False
    assert list(project.vocabulary.lanes) == ["international", "central", "local", "market"]
    assert project.bibliography["naughton-2020"].date == "2020"
    assert project.bibliography["webster-2017"].date == "2017-08-01"


def test_validation_writes_nothing(tmp_path):
    folder = tmp_path / "events"
    shutil.copytree(BAD_EVENTS, folder)

    def snapshot():
        return {str(p.relative_to(tmp_path)): (p.stat().st_mtime_ns, p.stat().st_size, p.is_dir())
                for p in sorted(tmp_path.rglob("*"))}

    before = snapshot()
    assert run_cli("validate", str(folder)).returncode == 1
    validate_project(folder)
    assert snapshot() == before


def test_github_annotations(tmp_path):
    folder = _folder(tmp_path,
                     {"2017-07-percent.md": VALID_EVENT.replace("central", "50%, really")})
    plain = run_cli("validate", str(folder))
    assert "::error" not in plain.stdout
    proc = run_cli("validate", str(folder), env={"GITHUB_ACTIONS": "true"})
    assert proc.returncode == 1
    path = str(folder / "2017-07-percent.md")
    assert f"{path}:4: lane: \"50%, really\" is not one of the lanes" in proc.stdout
    assert (f"::error file={path},line=4,title=lane::\"50%25, really\" is not one of the lanes "
            "of the vocabulary. Expected one of: international, central, local, market (see "
            f"{folder}/vocabulary.yml)") in proc.stdout.splitlines()


def test_annotation_escapes_properties_and_data():
    problem = Problem("events/a,b:c.md", 3, "sources[0].url", "100% wrong\r\nreally")
    assert github_annotation(problem) == (
        "::error file=events/a%2Cb%3Ac.md,line=3,title=sources[0].url::"
        "100%25 wrong\\x0d\\x0areally")


def test_messages_quote_control_characters_and_survive_a_non_utf8_terminal(tmp_path):
    # A key is quoted as the field of its message: ESC, a line feed and a right-to-left
    # override in it are printed as escapes, so they cannot colour, split or reorder the line.
    folder = _folder(tmp_path, {"2017-07-x.md": VALID_EVENT.replace(
        "lane: central", 'lane: central\n"\\e[31mr\u00e9d\\n\u202e": 1')})
    proc = run_cli("validate", str(folder), env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert ':5: \\x1b[31mr\\xe9d\\x0a\\u202e: unknown field.' in proc.stdout


@pytest.mark.site
def test_building_the_site_fails_with_the_same_messages(tmp_path):
    folder = _folder(tmp_path, {
        "2017-07-valid.md": VALID_EVENT,
        "2017/2017-07-bad.md": VALID_EVENT.replace("kind: plan", "kind: plan\ntitle: Again"),
    })
    with pytest.raises(AssertionError) as failed:
        build_site(folder, tmp_path / "site")
    output = str(failed.value)
    assert (f"{folder}/2017/2017-07-bad.md:6: title: duplicate key 'title' (first on line 2); "
            "keep only one") in output
    assert "1 error(s) in event files" in output
    assert not (tmp_path / "site" / "index.html").exists()


def _mutations(rng: random.Random, text: str, count: int):
    alphabet = "-:[]{}&*!|>'\"#%@`,?\n\t \\\x00\x1b\u00e9\ufeff{{"
    for _ in range(count):
        chars = list(text)
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(chars) + 1)
            action = rng.random()
            if action < 0.4 and chars:
                del chars[min(at, len(chars) - 1)]
            elif action < 0.8:
                chars.insert(at, rng.choice(alphabet))
            else:
                chars[at:at] = chars[rng.randrange(len(chars)):][:rng.randint(1, 40)]
        yield "".join(chars)


def test_any_input_gets_messages_never_a_traceback(tmp_path):
    rng = random.Random(20170720)
    files: dict[str, str | bytes] = {}
    for i, text in enumerate(_mutations(rng, VALID_EVENT + "A body.\n", 300)):
        files[f"2017-07-mutant-{i:03d}.md"] = text
    for i in range(30):
        size = rng.randint(1, 400)
        files[f"2017-07-random-{i:03d}.md"] = bytes(rng.randrange(256) for _ in range(size))
    files["2017-07-deep.md"] = "---\ntitle: " + "[" * 50_000 + "\n---\n"
    wide = "".join(f"k{i}: {i}\n" for i in range(5000))
    files["2017-07-wide.md"] = "---\ntitle: x\n" + wide + "---\n"
    folder = _folder(tmp_path, files)
    proc = run_cli("validate", str(folder))
    assert proc.returncode == 1
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert "bug in the validator" not in proc.stdout
    for line in lines[:-1]:
        match = LINE_FORMAT.match(line)
        assert match and int(match["line"]) >= 1, line
    reported = {LINE_FORMAT.match(line)["path"] for line in lines[:-1]}
    assert str(folder / "2017-07-deep.md") in reported
    assert str(folder / "2017-07-wide.md") in reported
    assert all(str(folder / name) in reported for name in files if "random" in name)


@pytest.mark.parametrize("years, line, field, words", [
    ("years: soon\n", 19, "years", "expected fields as key: value lines"),
    ("years:\n  first: 1800\n  last: soon\n", 21, "years.last", "expected a whole number"),
])
def test_a_span_that_cannot_be_read_is_reported_and_events_are_checked_against_none(
        tmp_path, years, line, field, words):
    # It was a traceback (found by mypy): the unreadable span was compared as a pair of years.
    old = VALID_EVENT.replace("date: 2017-07", "date: 1850")
    folder = _folder(tmp_path, {"2017-07-valid.md": VALID_EVENT, "1850-old.md": old})
    with (folder / "vocabulary.yml").open("a", encoding="utf-8") as vocabulary:
        vocabulary.write(years)
    _, problems = validate_project(folder)
    _assert_problems(problems, str(folder / "vocabulary.yml"), [(line, field, words)])
    assert [p.path for p in problems] == [str(folder / "vocabulary.yml")]


@pytest.mark.parametrize("name, content", [
    ("bibliography.yml", "naughton-2020: [\n"),
    ("bibliography.yml", "- a list, not entries\n"),
    ("vocabulary.yml", "kinds:\n  plan: {label: Plan, symbol: circle}\n"),   # no lanes
])
def test_a_broken_data_file_is_reported_once_not_at_every_event(tmp_path, name, content):
    folder = _folder(tmp_path, {f"2017-07-event-{i}.md": VALID_EVENT for i in range(3)})
    (folder / name).write_text(content, encoding="utf-8")
    _, problems = validate_project(folder)
    assert len(problems) == 1, "\n".join(map(str, problems))
    assert problems[0].path == str(folder / name)


_COMPARE_IN_WORKERS = """
import json, sys
from pathlib import Path
from policy_timeline.source.validate import check_events_folder
from policy_timeline.mkdocs.speed.workers import file_map, workers_for
out = []
for folder in sys.argv[1:]:
    alone = check_events_folder(Path(folder))
    shared = check_events_folder(Path(folder), map_files=file_map(2))
    out.append({"folder": folder, "forked": workers_for(2),
                "problems": len(alone.problems),
                "same_problems": [str(p) for p in alone.problems] == [str(p) for p in shared.problems],
                "same_events": (alone.project.events if alone.project else None)
                               == (shared.project.events if shared.project else None)})
print(json.dumps(out))
"""


@pytest.mark.content
def test_files_checked_in_worker_processes_give_the_same_messages_and_events():
    """A big folder's files are checked in forked workers (validate._checked_files), each
    against its own copy of the vocabulary; names used are gathered in file order. Every
    fixture folder, bad or good, and the shipped events, checked both ways. Run in a new
    process: workers are forked only from a process without threads."""
    folders = sorted(p for p in [*(FIXTURES / "bad").iterdir(), *(FIXTURES / "events").iterdir()]
                     if p.is_dir()) + [REPO / "events"]
    proc = subprocess.run([sys.executable, "-c", _COMPARE_IN_WORKERS, *map(str, folders)],
                          cwd=REPO, capture_output=True, text=True, timeout=600, check=True)
    results = json.loads(proc.stdout)
    assert len(results) == len(folders) >= 10
    assert all(r["forked"] == 2 for r in results)
    assert sum(r["problems"] for r in results) > 100
    assert [r["folder"] for r in results if not (r["same_problems"] and r["same_events"])] == []
