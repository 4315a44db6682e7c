"""The JSON Schema (draft 2020-12) of an event's front matter.

Made from the declarations in ``policy_timeline.source.formats`` that the validator checks, and
from the vocabulary (lanes, kinds and tags become enums) and the
bibliography (its keys are the values ``ref`` may take), so a tool that
reads JSON Schema flags what the validator would.
The schema says the calendar (``2019-02-30`` is refused, 29 February only in a leap
year), the vocabulary's span of years and text that is blank or, for a title, on
several lines. The validator stays the authority: it also knows the other events'
ids, the file's name and what one field says of another (``end`` not before
``date``), which a schema cannot (docs/reference/event-format.md lists them).
Deprecated fields are left out, so an editor flags them.

``schema/event.schema.json`` is this schema for the repository's vocabulary;
``policy-timeline schema`` rewrites it and a test keeps the two equal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from policy_timeline import urls
from policy_timeline.source import formats
from policy_timeline.source.formats import (
    BibRef,
    Choice,
    DateText,
    EventRef,
    Flag,
    Integer,
    ListOf,
    MapOf,
    Number,
    Record,
    Spec,
    Term,
    Text,
    Url,
    YearSpan,
)
from policy_timeline.source.model import Vocabulary

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE = Path("schema") / "event.schema.json"
# The validator refuses text that still starts with the placeholder `new` writes.
_NOT_PLACEHOLDER = {"not": {"pattern": "^\\s*" + re.escape(formats.PLACEHOLDER_PREFIX)}}
# Text with something but spaces in it; on one line once stripped (a title).
_NOT_BLANK = r"\S"
_ONE_LINE = r"^\s*\S(?:[^\n]*\S)?\s*$"
# The calendar: each month's days, 29 February in leap years only (every 4th year, not
# centuries but every 4th century).
_DAYS = (
    r"(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8])"
)
_LEAP_DAY = (
    r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29"
)
CALENDAR_PATTERN = rf"^(?:[0-9]{{4}}(?:-(?:0[1-9]|1[0-2])|-(?:{_DAYS}))?|{_LEAP_DAY})$"


def year_pattern(first: int, last: int) -> str:
    """A pattern of the four-digit years ``first`` to ``last``: whole decades and centuries
    as digit ranges (``19[0-9][0-9]|20[0-9][0-9]|2100`` for 1900 to 2100)."""
    decades: list[tuple[str, str]] = []  # (the year's first three digits, its last digit's range)
    for year in range(max(first, 0), min(last, 9999) + 1):
        head, digit = f"{year:04d}"[:3], f"{year:04d}"[3]
        if decades and decades[-1][0] == head:
            decades[-1] = (head, decades[-1][1][0] + digit)
        else:
            decades.append((head, digit))
    parts: list[str] = []
    whole: list[str] = []  # whole decades of the century being gathered
    for head, digits in decades:
        if digits == "09" and whole and whole[-1][:2] == head[:2]:
            whole.append(head)
            continue
        parts += _decades(whole)
        whole = [head] if digits == "09" else []
        if digits != "09":
            parts.append(head + _digits(digits[0], digits[-1]))
    parts += _decades(whole)
    return "|".join(parts)


def _digits(low: str, high: str) -> str:
    return low if low == high else f"[{low}-{high}]"


def _decades(heads: list[str]) -> list[str]:
    if not heads:
        return []
    return [heads[0][:2] + _digits(heads[0][2], heads[-1][2]) + "[0-9]"]


def _date_schema(vocabulary: Vocabulary) -> dict:
    """A date on the calendar, within the vocabulary's years; YAML reads an unquoted 2009
    as a number, which the validator accepts as the year."""
    first, last = vocabulary.years
    return {
        "anyOf": [
            {
                "type": "string",
                "allOf": [
                    {"pattern": CALENDAR_PATTERN},
                    {"pattern": f"^(?:{year_pattern(first, last)})(?:-|$)"},
                ],
            },
            {"type": "integer", "minimum": first, "maximum": last},
        ]
    }


def _text_schema(spec: Text) -> dict:
    out: dict = {"type": "string", "minLength": 1}
    if spec.max_length is not None:
        out["maxLength"] = spec.max_length
    # A pattern of its own says more than "not blank".
    patterns = [spec.pattern] if spec.pattern is not None else []
    if spec.one_line:
        patterns.append(_ONE_LINE)
    elif not patterns:
        patterns.append(_NOT_BLANK)
    if len(patterns) == 1:
        out["pattern"] = patterns[0]
    else:
        out["allOf"] = [{"pattern": p} for p in patterns]
    return {**out, **_NOT_PLACEHOLDER}


def _terms(vocabulary: Vocabulary, section: str) -> list[str]:
    if section == "lanes":
        return [lane.id for lane in vocabulary.lanes_in_order()]
    return list(getattr(vocabulary, section))


def _type_schema(spec: Spec, vocabulary: Vocabulary, keys: tuple[str, ...]) -> dict:
    if isinstance(spec, Text):
        return _text_schema(spec)
    if isinstance(spec, DateText):
        return _date_schema(vocabulary)
    if isinstance(spec, Term):
        return {"type": "string", "enum": _terms(vocabulary, spec.section)}
    if isinstance(spec, Choice):
        return {"type": "string", "enum": list(spec.options)}
    if isinstance(spec, Flag):
        return {"type": "boolean"}
    if isinstance(spec, Number):
        return {"type": "number"}
    if isinstance(spec, Integer):
        out: dict = {"type": "integer"}
        if spec.minimum is not None:
            out["minimum"] = spec.minimum
        if spec.maximum is not None:
            out["maximum"] = spec.maximum
        return out
    if isinstance(spec, Url):
        return {"type": "string", "pattern": urls.URL_PATTERN}
    if isinstance(spec, YearSpan):
        # The validator also checks that the last year is after the first.
        return {"type": "string", "pattern": "^[0-9]{4}-[0-9]{4}$"}
    if isinstance(spec, EventRef):
        return {"type": "string", "pattern": formats.ID_PATTERN}
    if isinstance(spec, BibRef):
        # The bibliography's keys, so an editor completes them; none without one.
        if keys:
            return {"type": "string", "enum": list(keys)}
        return {"type": "string", "pattern": formats.BIB_KEY_PATTERN}
    if isinstance(spec, ListOf):
        out = {"type": "array", "items": _type_schema(spec.item, vocabulary, keys)}
        if spec.min_items:
            out["minItems"] = spec.min_items
        if spec.max_items is not None:
            out["maxItems"] = spec.max_items
        if not isinstance(spec.item, (Record, MapOf, ListOf)):
            out["uniqueItems"] = True
        return out
    if isinstance(spec, Record):
        return _record_schema(spec, vocabulary, keys)
    if isinstance(spec, MapOf):
        out = {
            "type": "object",
            "propertyNames": {"pattern": spec.key_pattern},
            "additionalProperties": _type_schema(spec.value, vocabulary, keys),
        }
        if spec.min_items:
            out["minProperties"] = spec.min_items
        if spec.max_items is not None:
            out["maxProperties"] = spec.max_items
        return out
    raise TypeError(f"no JSON Schema for {spec!r}")


def _record_schema(record: Record, vocabulary: Vocabulary, keys: tuple[str, ...]) -> dict:
    properties = {}
    for field in record.fields:
        if getattr(field, "deprecated", False):
            continue  # still read, with a warning; an editor flags it
        prop = _type_schema(field.type, vocabulary, keys)
        if field.doc:
            prop = {"description": field.doc, **prop}
        properties[field.name] = prop
    out = {"type": "object", "properties": properties, "additionalProperties": False}
    required = [f.name for f in record.fields if f.required]
    if required:
        out["required"] = required
    choices = [[_alternative(group, groups) for group in groups] for groups in record.all_choices()]
    if len(choices) == 1:
        out["oneOf"] = choices[0]
    elif choices:
        out["allOf"] = [{"oneOf": one_of} for one_of in choices]
    return out


def _alternative(group: tuple[str, ...], alternatives: tuple[tuple[str, ...], ...]) -> dict:
    others = sorted({key for other in alternatives if other != group for key in other})
    return {"required": list(group), "not": {"anyOf": [{"required": [key]} for key in others]}}


def event_schema(vocabulary: Vocabulary, bibliography_keys: Iterable[str] = ()) -> dict:
    """The front matter of an event file, for this vocabulary and bibliography."""
    keys = tuple(sorted(bibliography_keys))
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "Policy Timeline event",
        "description": "The front matter of one event file (events/<id>.md). The file name is "
        "the id: the date, then a lowercase slug. Checked in full by "
        "`policy-timeline validate`.",
        **_record_schema(formats.EVENT_RECORD, vocabulary, keys),
    }


def schema_json(vocabulary: Vocabulary, bibliography_keys: Iterable[str] = ()) -> str:
    """The schema as committed and published: stable key order, one trailing newline."""
    schema = event_schema(vocabulary, bibliography_keys)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def schema_path(events_dir: Path) -> Path:
    """Where a site keeps its schema: ``schema/event.schema.json`` beside its events folder."""
    return Path(events_dir).resolve().parent / SCHEMA_FILE


def write_schema(vocabulary: Vocabulary, out: Path, bibliography_keys: Iterable[str] = ()) -> bool:
    """Write the schema of ``vocabulary`` and the bibliography's keys to ``out``; False
    when it was up to date."""
    out = Path(out)
    text = schema_json(vocabulary, bibliography_keys)
    if out.is_file() and out.read_text(encoding="utf-8") == text:
        return False
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return True
