"""The JSON Schema: made from the validator's declarations, held in step with the committed file."""
from __future__ import annotations

import dataclasses
import json
import re

import pytest
from conftest import FIXTURES, REPO, run_cli

from policy_timeline.source import formats
from policy_timeline.source.data_files import load_bibliography, load_vocabulary
from policy_timeline.source.schema import SCHEMA_DIALECT, event_schema, schema_json, schema_path

pytestmark = pytest.mark.content

SCHEMA_PATH = schema_path(REPO / "events")

TEST_VOCABULARY = FIXTURES / "bad" / "events"


@pytest.fixture(scope="module")
def schema() -> dict:
    vocabulary, problems = load_vocabulary(TEST_VOCABULARY)
    assert problems == []
    return event_schema(vocabulary)


def test_committed_schema_matches_the_repository_vocabulary_and_bibliography():
    vocabulary, problems = load_vocabulary(REPO / "events")
    bibliography, bib_problems = load_bibliography(REPO / "events")
    assert problems == bib_problems == []
    assert SCHEMA_PATH == REPO / "schema" / "event.schema.json"
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_json(vocabulary, bibliography), (
        "schema/event.schema.json is out of date: run `policy-timeline schema` and commit it")


def test_the_schema_lists_the_bibliographys_keys_for_ref():
    vocabulary, _ = load_vocabulary(REPO / "events")
    bibliography, _ = load_bibliography(REPO / "events")
    assert len(bibliography) >= 3
    committed = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    source = committed["properties"]["sources"]["items"]["properties"]["ref"]
    assert source["enum"] == sorted(bibliography)
    # Without a bibliography, ref is checked for the form of a key.
    bare = event_schema(vocabulary)["properties"]["sources"]["items"]["properties"]["ref"]
    assert "enum" not in bare and bare["pattern"] == formats.BIB_KEY_PATTERN


def test_schema_command_writes_the_schema_of_a_vocabulary(tmp_path):
    out = tmp_path / "schema.json"
    proc = run_cli("schema", "--events-dir", str(TEST_VOCABULARY), "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == f"wrote {out}\n"
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["properties"]["lane"]["enum"] == ["international", "central", "local", "market"]
    again = run_cli("schema", "--events-dir", str(TEST_VOCABULARY), "--out", str(out))
    assert again.stdout == f"{out} is up to date\n"


def test_schema_command_refuses_a_broken_vocabulary(tmp_path):
    out = tmp_path / "schema.json"
    broken = FIXTURES / "bad" / "vocabulary"
    proc = run_cli("schema", "--events-dir", str(broken), "--out", str(out))
    assert proc.returncode == 1
    assert "vocabulary.yml:2: lanes.central.colour:" in proc.stdout
    assert not out.exists()


def test_schema_is_draft_2020_12_of_a_closed_object(schema):
    assert schema["$schema"] == SCHEMA_DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    # Deprecated fields are still read, with a warning; the schema leaves them out.
    assert list(schema["properties"]) == [f.name for f in formats.EVENT_RECORD.fields
                                          if not f.deprecated]
    assert "title_zh" not in schema["properties"]
    assert schema["required"] == ["title", "date", "lane", "kind", "summary", "sources"]


def test_vocabulary_becomes_enums(schema):
    props = schema["properties"]
    assert props["lane"]["enum"] == ["international", "central", "local", "market"]
    assert props["kind"]["enum"] == ["plan", "law", "target", "statement"]
    assert props["tags"]["items"]["enum"] == ["targets", "financing", "local-plans"]
    assert props["tags"]["uniqueItems"] is True


def test_summary_sources_and_figures(schema):
    props = schema["properties"]
    assert props["summary"]["maxLength"] == 280 and props["summary"]["minLength"] == 1
    assert props["summary"]["not"] == {"pattern": "^\\s*TODO"}
    sources = props["sources"]
    assert sources["minItems"] == 1
    source = sources["items"]
    assert source["additionalProperties"] is False
    assert set(source["properties"]) == {"ref", "title", "url", "locator", "quote"}
    assert source["oneOf"] == [
        {"required": ["ref"], "not": {"anyOf": [{"required": ["title"]}, {"required": ["url"]}]}},
        {"required": ["title", "url"], "not": {"anyOf": [{"required": ["ref"]}]}},
    ]
    figure = props["figures"]["items"]
    assert figure["required"] == ["measure", "type"]
    assert figure["properties"]["measure"]["enum"] == ["output", "plans"]
    assert figure["properties"]["value"]["type"] == "number"
    assert figure["properties"]["low"]["type"] == figure["properties"]["high"]["type"] == "number"
    assert figure["properties"]["year"]["type"] == "integer"
    assert figure["properties"]["period"]["pattern"] == "^[0-9]{4}-[0-9]{4}$"
    assert figure["properties"]["type"]["enum"] == ["target", "forecast", "estimate", "actual"]
    # Two choices, each made once: value or a range; a year or a period.
    assert figure["allOf"] == [
        {"oneOf": [{"required": ["value"], "not": {"anyOf": [{"required": ["high"]},
                                                             {"required": ["low"]}]}},
                   {"required": ["low", "high"], "not": {"anyOf": [{"required": ["value"]}]}}]},
        {"oneOf": [{"required": ["year"], "not": {"anyOf": [{"required": ["period"]}]}},
                   {"required": ["period"], "not": {"anyOf": [{"required": ["year"]}]}}]},
    ]
    assert props["highlight"]["type"] == "boolean"


@pytest.mark.parametrize("text, ok", [
    ("2009", True), ("2017-07", True), ("2017-07-20", True), ("2017-12-31", True),
    ("2017-7-5", False), ("2017-13", False), ("2017-00", False), ("2017-07-32", False),
    ("2017-07-20T10:00", False), ("17-07", False), ("July 2017", False),
    # The calendar, as the validator reads it: each month's days, 29 February in leap years.
    ("2019-02-30", False), ("2019-02-29", False), ("2020-02-29", True), ("2000-02-29", True),
    ("1900-02-29", False), ("2019-04-31", False), ("2019-04-30", True), ("2019-01-31", True),
    # The years of the timeline: 1900 to 2100 without `years` in the vocabulary.
    ("1899-12-31", False), ("1900", True), ("2100-12", True), ("2101", False), ("9999", False),
])
def test_date_pattern(schema, text, ok):
    from jsonschema import Draft202012Validator

    date = schema["properties"]["date"]
    assert Draft202012Validator(date).is_valid(text) is ok
    assert schema["properties"]["end"]["anyOf"] == date["anyOf"]
    assert {"type": "integer", "minimum": 1900, "maximum": 2100} in date["anyOf"]
    assert Draft202012Validator(date).is_valid(1899) is False


def test_the_years_are_the_vocabularys(tmp_path):
    from jsonschema import Draft202012Validator

    vocabulary, _ = load_vocabulary(TEST_VOCABULARY)
    for first, last in ((1949, 2049), (2006, 2006), (1, 9999), (1990, 2050)):
        date = event_schema(dataclasses.replace(vocabulary, years=(first, last)))[
            "properties"]["date"]
        validator = Draft202012Validator(date)
        held = [year for year in range(1, 10000) if validator.is_valid(f"{year:04d}-06")]
        assert held == list(range(first, last + 1)), (first, last)
        assert validator.is_valid(first) and not validator.is_valid(last + 1)


@pytest.mark.parametrize("text, ok, one_line_ok", [
    ("A title", True, True), ("", False, False), ("   ", False, False), ("\t\n ", False, False),
    ("Two\nlines", True, False), ("  one line  ", True, True), ("x", True, True),
])
def test_blank_text_and_titles_on_several_lines(schema, text, ok, one_line_ok):
    from jsonschema import Draft202012Validator

    properties = schema["properties"]
    for field in ("title", "summary"):
        assert Draft202012Validator(properties[field]).is_valid(text) is ok, field
    assert Draft202012Validator(properties["actors"]).is_valid([text]) is ok
    # A title in another language is one line, as the validator wants it.
    assert Draft202012Validator(properties["titles"]).is_valid({"zh": text}) is one_line_ok


@pytest.mark.parametrize("url, ok", [
    ("https://example.org/a?b=1", True), ("http://example.org", True),
    ("javascript:alert(1)", False), ("data:text/html,x", False), ("../relative.html", False),
    ("https://", False), ("https://exa mple.org", False),
])
def test_url_pattern(schema, url, ok):
    pattern = schema["properties"]["sources"]["items"]["properties"]["url"]["pattern"]
    assert bool(re.match(pattern, url)) is ok


def test_schema_is_deterministic(schema):
    vocabulary, _ = load_vocabulary(TEST_VOCABULARY)
    assert schema_json(vocabulary) == schema_json(vocabulary)
    assert schema_json(vocabulary).endswith("}\n")
    assert json.loads(schema_json(vocabulary)) == schema


# --- what an editor sees: the schema applied by a real JSON Schema validator ---------

def _front_matter_as_an_editor_reads_it(path):
    """The front matter as YAML 1.2 editors read it: an unquoted 2017-07-20 stays text."""
    import datetime as dt

    import frontmatter

    data = frontmatter.load(path).metadata
    for key in ("date", "end"):
        if isinstance(data.get(key), dt.date):
            data[key] = data[key].isoformat()
    return data


def test_every_shipped_event_passes_the_published_schema():
    from jsonschema import Draft202012Validator

    published = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(published)
    validator = Draft202012Validator(published)
    checked = 0
    for path in sorted((REPO / "events").rglob("*.md")):
        errors = [e.message for e in validator.iter_errors(_front_matter_as_an_editor_reads_it(path))]
        assert errors == [], f"{path}: {errors}"
        checked += 1
    assert checked >= 45


@pytest.mark.parametrize("fixture", ["9999-far-date.md", "1899-early-period.md"])
def test_the_schema_flags_a_date_outside_the_years(schema, fixture):
    from jsonschema import Draft202012Validator

    data = _front_matter_as_an_editor_reads_it(FIXTURES / "bad" / "hostile" / fixture)
    errors = list(Draft202012Validator(schema).iter_errors(data))
    assert {e.path[0] for e in errors if e.path} >= {"date"}, [e.message for e in errors]


@pytest.mark.parametrize("fixture, complaint", [
    ("2017-unknown-field.md", "Additional properties are not allowed"),
    ("2017-missing-fields.md", "is a required property"),
    ("2017-not-in-vocabulary.md", "is not one of"),
    ("2017-summary-too-long.md", "is too long"),
    ("2017-placeholders.md", "should not be valid"),
    ("2019-figure-forms.md", "is not one of"),                     # an unknown measure
    ("2019-figure-forms.md", "is not valid under any of the given schemas"),  # value and range
    ("2017-empty-text.md", "does not match"),  # a blank summary
])
def test_the_schema_flags_in_the_editor_what_the_validator_refuses(schema, fixture, complaint):
    from jsonschema import Draft202012Validator

    messages = [e.message for e in Draft202012Validator(schema).iter_errors(
        _front_matter_as_an_editor_reads_it(TEST_VOCABULARY / fixture))]
    assert any(complaint in m for m in messages), messages
