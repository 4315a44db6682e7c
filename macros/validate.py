"""The validator: every problem of every file in one run, each located and actionable.

``validate_project(events_dir) -> (Project or None, problems)`` is what the
site build, the exports and ``python -m macros validate`` all call. Checks
follow the declarations in ``macros.model`` (the same ones the JSON Schema is
made from); each problem is ``path:LINE: field: what is wrong, what was
expected``. Nothing is written to disk.

Cost is linear in the number of events: each file is read once, and the
checks that span files (unique ids, ``related`` targets) use dicts and sets.
"""
from __future__ import annotations

import difflib
import math
import os
import re
import sys
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import chars, model, names, urls
from .dates import DateError, PartialDate
from .errors import Problem, count_line, github_annotation
from .load import (
    MAP, MAX_DATA_BYTES, MAX_EVENT_BYTES, REFUSED, SCALAR, SEQ, Node, body_problems, compose,
    line_break_problems, not_a_file, read_text, split_front_matter,
)
from .model import (
    BibEntry, BibRef, Choice, DateText, Event, EventRef, Figure, Flag, Integer, Kind, Lane,
    ListOf, MapOf, Measure, Number, Project, Record, Source, Tag, Term, Text, Url, Vocabulary,
    YearSpan,
)

__all__ = ["Problem", "validate_project", "run_validate", "load_vocabulary", "load_bibliography",
           "event_files", "did_you_mean"]

VOCABULARY_FILE = "vocabulary.yml"
BIBLIOGRAPHY_FILE = "bibliography.yml"
DATA_FILES = (VOCABULARY_FILE, BIBLIOGRAPHY_FILE)
# Files that are in the events folder but are not events: notes for contributors.
NOT_EVENTS = ("README.md",)
TEMPLATE_MARKERS = ("{{", "{%", "{#")

_ID_RE = re.compile(model.ID_PATTERN)
# Ids of vocabulary entries and bibliography keys that would name a section's index page,
# a section, or a property every JavaScript object has.
RESERVED_KEYS = tuple(dict.fromkeys((*names.RESERVED_PAGES, *model.SCRIPT_RESERVED,
                                     *(f.name for f in model.VOCABULARY_RECORD.fields))))
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")
_ID_DATE_PREFIX = re.compile(r"^([0-9]{4}(?:-[0-9]{2}){0,2})-")
_INVALID = object()
_TEXT_BASED = (Term, Choice, Url, EventRef, BibRef)
_UNKNOWN_KEYS: dict = {}   # the bibliography exists but cannot be read
_ANY_TEXT = Text()
_YAML_READS = {"bool": "true/false", "int": "a number", "float": "a number",
               "timestamp": "a date", "null": "no value"}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
_YEAR_SPAN = re.compile(r"([0-9]{4})-([0-9]{4})")
_PERIOD_FORM = "the first and the last year joined by a hyphen, e.g. 2015-2016"
_FLOAT_MAX = sys.float_info.max    # numbers are floats in the charts, the exports and JSON


def _join(field: str, key: str) -> str:
    return f"{field}.{key}" if field else key


def did_you_mean(word: str, candidates) -> str:
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not matches and word.lower() != word:
        matches = [c for c in candidates if c == word.lower()]
    return f'; did you mean "{matches[0]}"?' if matches else ""


def _one_of(candidates: list[str], limit: int | None = 12) -> str:
    if not candidates:
        return "one of them, but none is defined yet"
    if limit is not None and len(candidates) > limit:
        return f"one of the {len(candidates)} listed"
    return "one of: " + ", ".join(candidates)


def _clip(text: str, limit: int = 60) -> str:
    """Contributor text quoted in a message, cut short so the message stays one readable line."""
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _found(node: Node) -> str:
    """What a wrongly shaped value is, in a contributor's words."""
    if node.kind == SEQ:
        return "a list"
    if node.kind == MAP:
        return "key: value fields"
    if node.tag == "null" and not node.value.strip():
        return "nothing"
    return f'"{_clip(node.value)}"'


def _clause(doc: str) -> str:
    """A field's doc as the end of a sentence: "the event's title"."""
    doc = doc.rstrip(".")
    if len(doc) > 1 and doc[0].isupper() and doc[1].islower():
        doc = doc[0].lower() + doc[1:]
    return doc


def _required(doc: str) -> str:
    return f"required: {_clause(doc)}" if doc else "required"


class _Checker:
    """Checks one file's YAML nodes against the declarations in ``macros.model``."""

    def __init__(self, path: str, context: "_Context"):
        self.path = path
        self.context = context
        self.problems: list[Problem] = []
        self.event_refs: list[tuple[int, str, str]] = []   # (line, field, id) of `related`

    def report(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, field, message))

    def check(self, node: Node, spec, field: str):
        """The Python value of ``node`` read as ``spec``, or ``_INVALID`` after reporting why."""
        if node.tag == REFUSED:
            return _INVALID
        kind = type(spec)
        if kind in _TEXT_BASED:
            # A vocabulary term, an option, a URL or an id is text first.
            text = self._check_text(node, _ANY_TEXT, field)
            if text is _INVALID:
                return text
            return _CHECKS[kind](self, node, spec, field, text)
        return _CHECKS[kind](self, node, spec, field)

    # --- scalars -------------------------------------------------------------

    def _not_scalar(self, node: Node, field: str, expected: str) -> bool:
        if node.kind == SCALAR:
            return False
        self.report(node.line, field, f"found {_found(node)}; expected {expected}")
        return True

    def _string(self, node: Node, field: str, expected: str = "text"):
        """The text of a scalar YAML keeps as a string, with a hint to quote YAML's coercions."""
        if self._not_scalar(node, field, expected):
            return _INVALID
        if node.tag in _YAML_READS:
            raw = node.value
            if node.tag == "null" and not raw.strip():
                self.report(node.line, field, f"is empty; expected {expected}")
            else:
                quoted = raw.replace('"', '\\"')
                self.report(node.line, field, f"{_clip(raw)} is read by YAML as "
                            f"{_YAML_READS[node.tag]}, not text; quote it: \"{_clip(quoted)}\"")
            return _INVALID
        return node.value

    def _check_text(self, node: Node, spec: Text, field: str):
        value = self._string(node, field)
        if value is _INVALID:
            return value
        if not value.strip():
            self.report(node.line, field, "is empty; expected text")
            return _INVALID
        if value.lstrip().startswith(model.PLACEHOLDER_PREFIX):
            self.report(node.line, field, f'still holds the placeholder '
                        f'"{_clip(value.strip(), 80)}"; replace it with the real text')
            return _INVALID
        if spec.max_length is not None and len(value) > spec.max_length:
            self.report(node.line, field, f"is {len(value)} characters long; expected at most "
                        f"{spec.max_length} (one or two sentences; longer text goes in the body)")
            return _INVALID
        found = chars.CONTROL.search(value) or chars.INVISIBLE.search(value)
        if found:
            char = found.group()
            self.report(node.line, field, f"holds {chars.name(char)}, {chars.kind(char)}, at "
                        f"character {found.start() + 1}; remove it")
            return _INVALID
        if node.written is not None:
            decoded = [m for m in TEMPLATE_MARKERS if m in value and m not in node.written]
            if decoded:
                self.report(node.line, field, f'its escapes decode to "{decoded[0]}", which looks '
                            "like a template tag, and event text is never a template; write "
                            f'the two characters apart ("{decoded[0][0]} {decoded[0][1]}")')
                return _INVALID
        if spec.pattern is not None and not re.fullmatch(spec.pattern, value):
            self.report(node.line, field, f'"{_clip(value)}" is not in the expected form; '
                        f"expected something like {spec.example}")
            return _INVALID
        return value

    def _check_date(self, node: Node, spec: DateText, field: str):
        if self._not_scalar(node, field, f"a date: {_DATE_FORMS}"):
            return _INVALID
        raw = node.value.strip()
        # An unquoted 2009 (int) or 2017-07-20 (timestamp) is read back as written.
        if node.tag not in ("str", "int", "timestamp"):
            self.report(node.line, field,
                        f"{_clip(raw) or 'nothing'} is not a date; expected {_DATE_FORMS}")
            return _INVALID
        if node.tag == "timestamp" and len(raw) > 10:
            self.report(node.line, field, f"{_clip(raw)} is a date with a time of day; expected "
                        f"{_DATE_FORMS}, without a time")
            return _INVALID
        if len(raw) > 40:
            self.report(node.line, field, f'"{_clip(raw)}" is not a date; expected {_DATE_FORMS}')
            return _INVALID
        try:
            return PartialDate.parse(raw)
        except DateError as exc:
            self.report(node.line, field, str(exc))
            return _INVALID

    def _member(self, node: Node, field: str, value: str, candidates, what: str, where: str,
                limit: int | None = 12):
        if candidates is None or value in candidates:
            return value
        names = list(candidates)
        suggestion = did_you_mean(value, names)
        self.report(node.line, field, f'"{_clip(value)}" is not {what}'
                    f"{suggestion or '. Expected ' + _one_of(names, limit)}{where}")
        return _INVALID

    def _check_term(self, node: Node, spec: Term, field: str, value: str):
        terms = self.context.terms.get(spec.section) if self.context.terms else None
        return self._member(node, field, value, terms,
                            f"one of the {spec.section} of the vocabulary",
                            f" (see {self.context.vocabulary_path})")

    def _check_choice(self, node: Node, spec: Choice, field: str, value: str):
        # A fixed list: every option is named, however many.
        return self._member(node, field, value, spec.options, "allowed here", "", limit=None)

    def _check_flag(self, node: Node, spec: Flag, field: str):
        if self._not_scalar(node, field, "true or false"):
            return _INVALID
        raw = node.value.strip()
        if node.tag == "bool" and raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        if node.tag == "str":
            self.report(node.line, field,
                        f'"{_clip(raw)}" is text; expected true or false, without quotes')
            return _INVALID
        hint = " (yes, no, on and off are ambiguous in YAML)" if node.tag == "bool" else ""
        self.report(node.line, field, f"{_clip(raw) or 'nothing'} is not a flag; expected true or "
                    f"false{hint}")
        return _INVALID

    def _number(self, node: Node, field: str, expected: str):
        if self._not_scalar(node, field, expected):
            return _INVALID
        raw = node.value.strip()
        if node.tag in ("int", "float"):
            constructor = (_CONSTRUCTOR.construct_yaml_int if node.tag == "int"
                           else _CONSTRUCTOR.construct_yaml_float)
            try:
                value = constructor(yaml.ScalarNode(node.tag, raw))
            except ValueError:  # more digits than Python turns into an int
                value = math.inf
            if isinstance(value, float) and not math.isfinite(value):
                self.report(node.line, field,
                            f"{_clip(raw)} is not a finite number; expected {expected}")
                return _INVALID
            if isinstance(value, int) and not -_FLOAT_MAX <= value <= _FLOAT_MAX:
                self.report(node.line, field, f"{_clip(raw)} is {len(raw.lstrip('+-'))} digits "
                            f"long, more than a number here can hold; expected {expected}, at most "
                            f"{_FLOAT_MAX:.17g} either side of 0")
                return _INVALID
            return value
        if node.tag == "str":
            self.report(node.line, field,
                        f'"{_clip(raw)}" is text; expected {expected}, without quotes')
        else:
            self.report(node.line, field,
                        f"{_clip(raw) or 'nothing'} is not a number; expected {expected}")
        return _INVALID

    def _check_year_span(self, node: Node, spec: YearSpan, field: str):
        if self._not_scalar(node, field, _PERIOD_FORM):
            return _INVALID
        raw = node.value.strip()
        match = _YEAR_SPAN.fullmatch(raw)
        if not match:
            self.report(node.line, field, f"{_clip(raw) or 'nothing'} is not a period; "
                        f"expected {_PERIOD_FORM}")
            return _INVALID
        first, last = int(match[1]), int(match[2])
        if last == first:
            self.report(node.line, field, f"{raw} is a single year; expected year: {first} "
                        "instead of a period")
            return _INVALID
        if last < first:
            self.report(node.line, field, f"{raw} ends before it starts; expected the first "
                        f"year, then the last: {last}-{first}")
            return _INVALID
        return (first, last)

    def _check_number(self, node: Node, spec: Number, field: str):
        return self._number(node, field, "a number such as 12.5")

    def _check_integer(self, node: Node, spec: Integer, field: str):
        expected = "a whole number" + (f" from {spec.minimum} to {spec.maximum}"
                                       if spec.minimum is not None and spec.maximum is not None
                                       else "")
        value = self._number(node, field, expected)
        if value is _INVALID:
            return value
        if (not isinstance(value, int)
                or (spec.minimum is not None and value < spec.minimum)
                or (spec.maximum is not None and value > spec.maximum)):
            self.report(node.line, field, f"{_clip(node.value.strip())} is not {expected}")
            return _INVALID
        return value

    def _check_url(self, node: Node, spec: Url, field: str, value: str):
        try:
            parts = urlsplit(value)
            ok = parts.scheme in ("http", "https") and bool(parts.netloc)
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        except ValueError:
            ok = False
        if not ok or _SPACE_OR_CONTROL.search(value):
            self.report(node.line, field, f'"{_clip(value)}" is not an http(s) URL; expected a '
                        "full address starting with https:// or http://")
            return _INVALID
        if "@" in parts.netloc or "\\" in value:
            what = ('a user name before "@"' if "@" in parts.netloc else 'a backslash ("\\")')
            self.report(node.line, field, f'"{_clip(value)}" has {what}, so it shows one host and '
                        "leads to another; expected a plain address such as "
                        "https://www.gov.cn/zhengce/")
            return _INVALID
        return value

    def _check_event_ref(self, node: Node, spec: EventRef, field: str, value: str):
        if not _ID_RE.fullmatch(value):
            self.report(node.line, field, f'"{_clip(value)}" is not an event id; expected the '
                        "file name of an event without .md, e.g. "
                        "2017-07-new-generation-ai-development-plan")
            return _INVALID
        self.event_refs.append((node.line, field, value))
        return value

    def _check_bib_ref(self, node: Node, spec: BibRef, field: str, value: str):
        keys = self.context.bibliography_keys
        if keys is _UNKNOWN_KEYS:
            return value
        if keys is None:
            self.report(node.line, field, f'"{_clip(value)}" cannot be looked up: there is no '
                        f"{self.context.bibliography_path}; add the entry there, or cite the "
                        "source with title and url instead of ref")
            return _INVALID
        return self._member(node, field, value, keys, "a key of the bibliography",
                            f" (see {self.context.bibliography_path})")

    # --- collections ---------------------------------------------------------

    def _check_list(self, node: Node, spec: ListOf, field: str):
        if node.kind != SEQ:
            example = "[a, b] or one \"- item\" line per item"
            self.report(node.line, field, f"found {_found(node)}; expected a list: {example}")
            return _INVALID
        if len(node.value) < spec.min_items:
            self.report(node.line, field, f"the list is empty; expected at least {spec.min_items}")
            return _INVALID
        if spec.max_items is not None and len(node.value) > spec.max_items:
            self.report(node.line, field, f"lists {len(node.value):,} items; at most "
                        f"{spec.max_items} are allowed (each one gets a page or a link)")
            return _INVALID
        values, seen, ok = [], {}, True
        for i, item in enumerate(node.value):
            value = self.check(item, spec.item, f"{field}[{i}]")
            if value is _INVALID:
                ok = False
            elif isinstance(value, str):
                if value in seen:
                    self.report(item.line, f"{field}[{i}]", f'"{_clip(value)}" is listed twice '
                                f"(first on line {seen[value]}); expected each once")
                    ok = False
                seen[value] = seen.get(value, item.line)
            values.append(value)
        return values if ok else _INVALID

    def _check_record(self, node: Node, spec: Record, field: str, missing_line: int | None = None,
                      partial: bool = False):
        """The checked fields; with ``partial``, the valid ones even when others are not."""
        if node.kind != MAP:
            names = ", ".join(f.name for f in spec.fields)
            self.report(node.line, field or "front matter",
                        f"found {_found(node)}; expected fields as key: value lines ({names})")
            return _INVALID
        before = len(self.problems)
        values = {}
        for key, child in node.value.items():
            field_spec = spec.field(key)
            if field_spec is None and key in dict(spec.retired):
                self.report(node.key_lines[key], _join(field, key),
                            f"is no longer a field here; {dict(spec.retired)[key]}")
                continue
            if field_spec is None:
                names = [f.name for f in spec.fields]
                self.report(node.key_lines[key], _join(field, key),
                            f"unknown field{did_you_mean(key, names) or '.'} "
                            f"Expected one of: {', '.join(names)}")
                continue
            value = self.check(child, field_spec.type, _join(field, key))
            if value is not _INVALID:
                values[key] = value
        line = node.line if missing_line is None else missing_line
        for field_spec in spec.fields:
            if field_spec.required and field_spec.name not in node.value:
                self.report(line, _join(field, field_spec.name),
                            f"missing; {_required(field_spec.doc)}")
        for groups in spec.all_choices():
            self._check_alternatives(node, spec, groups, field, line)
        return values if partial or len(self.problems) == before else _INVALID

    def _check_alternatives(self, node: Node, spec: Record, groups, field: str,
                            line: int) -> None:
        used = [group for group in groups if any(k in node.value for k in group)]
        forms = " or ".join(" and ".join(group) for group in groups)
        if not used:
            self.report(line, field, f"expected {forms}")
            return
        chosen = used[0]
        for group in used[1:]:
            for key in group:
                if key in node.value:
                    self.report(node.key_lines[key], _join(field, key),
                                f"not allowed together with {' and '.join(chosen)}; "
                                f"expected {forms}, not both")
        for key in chosen:
            if key not in node.value:
                doc = spec.field(key).doc
                self.report(line, _join(field, key),
                            f"missing; with {' and '.join(k for k in chosen if k in node.value)}, "
                            f"expected {key} too ({_clause(doc)})")

    def _check_map(self, node: Node, spec: MapOf, field: str):
        if node.kind != MAP:
            self.report(node.line, field or "file",
                        f"found {_found(node)}; expected entries as id: fields")
            return _INVALID
        if len(node.value) < spec.min_items:
            self.report(node.line, field, f"is empty; expected at least {spec.min_items} entry")
            return _INVALID
        if spec.max_items is not None and len(node.value) > spec.max_items:
            self.report(node.line, field or "file", f"has {len(node.value):,} entries; at most "
                        f"{spec.max_items:,} are allowed (each one gets a page)")
            return _INVALID
        before = len(self.problems)
        values = {}
        for key, child in node.value.items():
            if not re.fullmatch(spec.key_pattern, key):
                self.report(node.key_lines[key], _join(field, key), f'"{_clip(key)}" is not a '
                            "valid id; expected lowercase letters and digits joined by hyphens, "
                            "e.g. local-plans")
                continue
            if key in RESERVED_KEYS:
                self.report(node.key_lines[key], _join(field, key), f'"{key}" is reserved: it '
                            "names a page or a section of the site, or a property the site's "
                            "scripts read; expected another id")
                continue
            value = self.check(child, spec.value, _join(field, key))
            if value is not _INVALID:
                values[key] = value
        return values if len(self.problems) == before else _INVALID


_CHECKS = {
    Text: _Checker._check_text, DateText: _Checker._check_date, Term: _Checker._check_term,
    Flag: _Checker._check_flag, Number: _Checker._check_number,
    Integer: _Checker._check_integer, Choice: _Checker._check_choice, Url: _Checker._check_url,
    EventRef: _Checker._check_event_ref, BibRef: _Checker._check_bib_ref,
    ListOf: _Checker._check_list, Record: _Checker._check_record, MapOf: _Checker._check_map,
    YearSpan: _Checker._check_year_span,
}


@dataclass
class _Context:
    """What the checks of event files need from the vocabulary and the bibliography."""
    vocabulary_path: str
    bibliography_path: str
    terms: dict[str, list[str]] | None = None     # section -> ids, even from a broken vocabulary
    bibliography_keys: dict[str, None] | None = None
    measures: dict[str, Measure] | None = None    # from a valid vocabulary only
    years: tuple[int, int] | None = model.DEFAULT_YEARS   # None: unknown (a broken span)
    # Names that get pages, where each is written: section -> [names.Use], in file order.
    name_uses: dict[str, list] = dataclass_field(
        default_factory=lambda: {"tags": [], "actors": [], "places": [], "sources": []})


def _display(events_dir: Path, rel: str) -> str:
    return os.path.join(str(events_dir), rel)


def _map_keys(node: Node | None, key: str | None = None) -> list[str] | None:
    if node is not None and key is not None:
        node = node.value.get(key) if node.kind == MAP else None
    if node is None or node.kind != MAP:
        return None
    return list(node.value)


def _template_problems(path: str, text: str, field_of_line) -> list[Problem]:
    """``{{``, ``{%`` or ``{#`` anywhere: the first on each line."""
    if not any(marker in text for marker in TEMPLATE_MARKERS):
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        found = [(line.find(m), m) for m in TEMPLATE_MARKERS if m in line]
        if not found:
            continue
        column, marker = min(found)
        problems.append(Problem(path, number, field_of_line(number),
                                f'"{marker}" at column {column + 1} looks like a template tag, and '
                                "event text is never a template; remove it, or put a space "
                                f'between the two characters ("{marker[0]} {marker[1]}")'))
    return problems


# --- the vocabulary and the bibliography ---------------------------------------

def _check_data_file(path: Path, display: str, spec, context: _Context):
    """Read and check a whole-file YAML document; (root node, checked value or None, problems)."""
    text, read_problems = read_text(path, MAX_DATA_BYTES)
    root = None
    if text is not None:
        read_problems = line_break_problems(text)
    if text is not None and not read_problems:
        root, read_problems = compose(text, 1)
    problems = [Problem(display, p.line, p.field, p.message) for p in read_problems]
    if text is not None and root is None and not problems:
        problems.append(Problem(display, 1, "file", "has no entries; expected YAML entries"))
    if root is not None:
        checker = _Checker(display, context)
        value = (checker._check_record(root, spec, "", missing_line=1) if isinstance(spec, Record)
                 else checker.check(root, spec, ""))
        problems += checker.problems
    if text is not None:
        problems += _template_problems(display, text, lambda _: "file")
    return root, (None if problems or root is None else value), problems


def _vocabulary_from(values: dict) -> Vocabulary:
    lanes = {k: Lane(k, v["label"], v["order"], v["colour"]) for k, v in values["lanes"].items()}
    lanes = dict(sorted(lanes.items(), key=lambda kv: (kv[1].order, kv[0])))
    kinds = {k: Kind(k, v["label"], v["symbol"]) for k, v in values["kinds"].items()}
    tags = {k: Tag(k, v["label"]) for k, v in values.get("tags", {}).items()}
    measures = {k: Measure(k, v["label"], v["unit"], v["counts"], v.get("scope"))
                for k, v in values.get("measures", {}).items()}
    return Vocabulary(lanes, kinds, tags, measures, _years(values))


def _years(values: dict) -> tuple[int, int]:
    years = values.get("years") or {}
    return (years.get("first", model.DEFAULT_YEARS[0]), years.get("last", model.DEFAULT_YEARS[1]))


def _bibliography_from(values: dict) -> dict[str, BibEntry]:
    return {key: BibEntry(key, v["title"], tuple(v.get("authors", ())), v.get("venue"),
                          v["date"].text if "date" in v else None, v.get("url"))
            for key, v in sorted(values.items())}


def _guarded(display: str, work, *args):
    """Run one file's checks; an unforeseen input becomes a problem, never a traceback."""
    try:
        return work(*args)
    except Exception as exc:  # noqa: BLE001 - the validator's promise is a message for every input
        return None, None, [Problem(display, 1, "file", f"the validator failed on this file "
                                    f"({type(exc).__name__}: {exc}); this is a bug in the "
                                    "validator: please report it with the file")]


def _load_data_file(events_dir: Path, name: str, spec, context: _Context | None):
    """(display path, root node, checked values or None, problems, context); root is
    None when the file is missing or unreadable, and then the problems say which."""
    events_dir = Path(events_dir)
    display = _display(events_dir, name)
    context = context or _new_context(events_dir)
    path = events_dir / name
    try:
        os.lstat(path)
    except FileNotFoundError:
        return display, None, None, [], context
    root, values, problems = _guarded(display, _check_data_file, path, display, spec, context)
    return display, root, values, problems, context


def load_vocabulary(events_dir: Path, context: _Context | None = None):
    """(Vocabulary or None, problems); also fills ``context.terms`` for the event checks."""
    display, root, values, problems, context = _load_data_file(
        events_dir, VOCABULARY_FILE, model.VOCABULARY_RECORD, context)
    if root is None and not problems:
        return None, [Problem(display, 1, "file", "not found; every events folder needs a "
                              "vocabulary.yml with lanes and kinds (see the Event file format "
                              "page)")]
    if root is not None and root.kind == MAP:
        # Even a broken vocabulary names its terms: events are checked against those.
        # An optional section left out (tags) has no terms; a required one is unknown.
        context.terms = {field.name: (_map_keys(root, field.name) if field.name in root.value
                                      else None if field.required else [])
                         for field in model.VOCABULARY_RECORD.fields
                         if isinstance(field.type, MapOf)}
        context.years = _years(values) if values is not None else _years_of(root)
        if context.years[0] > context.years[1]:
            problems.append(Problem(display, root.key_lines["years"], "years", f"first "
                                    f"({context.years[0]}) is after last ({context.years[1]}); "
                                    "expected first <= last"))
            context.years = None
    if values is not None:
        tags = root.value.get("tags")
        context.name_uses["tags"] += [
            names.Use(tag["label"], key, urls.same_name(tag["label"]), display,
                      tags.value[key].value["label"].line, f"tags.{key}.label")
            for key, tag in values.get("tags", {}).items()]
    return (_vocabulary_from(values) if values is not None else None), problems


def _years_of(root: Node) -> tuple[int, int] | None:
    """The span of a vocabulary that has errors: events are checked against it when it
    is readable, and against nothing when it is not."""
    node = root.value.get("years")
    if node is None:
        return model.DEFAULT_YEARS
    if node.kind != MAP:
        return None
    span = []
    for key in ("first", "last"):
        value = node.value.get(key)
        if value is None or value.kind != SCALAR or not re.fullmatch("[0-9]{1,4}", value.value):
            return None
        span.append(int(value.value))
    return span[0], span[1]


def load_bibliography(events_dir: Path, context: _Context | None = None):
    """(entries by key, problems); no file is no bibliography, which is allowed."""
    display, root, values, problems, context = _load_data_file(
        events_dir, BIBLIOGRAPHY_FILE, model.BIBLIOGRAPHY_MAP, context)
    if root is None and not problems:
        return {}, []
    keys = _map_keys(root)
    # An unreadable bibliography is reported once, not again at every ref.
    context.bibliography_keys = dict.fromkeys(keys) if keys is not None else _UNKNOWN_KEYS
    if values is not None:
        # Bibliography keys name source pages, as web addresses do: both must not collide.
        context.name_uses["sources"] += [
            names.Use(key, key, f"bibliography:{key}", display, root.key_lines[key], key)
            for key in values]
    return (_bibliography_from(values) if values is not None else {}), problems


def _new_context(events_dir: Path) -> _Context:
    return _Context(_display(events_dir, VOCABULARY_FILE), _display(events_dir, BIBLIOGRAPHY_FILE))


# --- event files -----------------------------------------------------------------

def event_files(events_dir: Path, refused: list[str] | None = None
                ) -> tuple[list[str], list[str]]:
    """(relative paths of event files, relative paths of misnamed files), sorted.

    Event files are the ``*.md`` files in any subfolder, except README.md and
    anything whose name starts with ``_`` or ``.`` (notes, drafts, editor
    files). Files that look like events or data under another name are
    returned separately so they are reported rather than silently skipped.
    Symbolic links, devices, pipes and anything else that is not a regular
    file or folder are never read or followed: their paths go to ``refused``.
    """
    events, misnamed = [], []
    refused = [] if refused is None else refused
    for folder, dirs, files in os.walk(events_dir):
        rel_folder = os.path.relpath(folder, events_dir)
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(("_", "."))):
            rel = name if rel_folder == "." else os.path.join(rel_folder, name)
            # os.walk lists a link to a folder among the folders, and does not follow it.
            (refused if os.path.islink(os.path.join(folder, name)) else kept).append(rel)
        dirs[:] = [os.path.basename(rel) for rel in kept]
        for name in sorted(files):
            if name.startswith(("_", ".")) or name in NOT_EVENTS:
                continue
            rel = name if rel_folder == "." else os.path.join(rel_folder, name)
            if rel not in DATA_FILES and _not_regular(os.path.join(folder, name)):
                refused.append(rel)
                continue
            lower = name.lower()
            if name.endswith(".md"):
                events.append(rel)
            elif lower.endswith((".md", ".markdown", ".mdown", ".mkd")):
                misnamed.append(rel)
            elif lower.endswith((".yml", ".yaml")) and rel not in DATA_FILES:
                misnamed.append(rel)
    events.sort()
    misnamed.sort()
    refused.sort()
    return events, misnamed


def _not_regular(path: str) -> str | None:
    try:
        return not_a_file(os.lstat(path).st_mode)
    except OSError:
        return None   # gone since listed: reading it will say so


def _misnamed_problem(events_dir: Path, rel: str) -> Problem:
    name = os.path.basename(rel)
    stem = name.rsplit(".", 1)[0]
    if name.lower().endswith((".yml", ".yaml")):
        hint = did_you_mean(name, [VOCABULARY_FILE, BIBLIOGRAPHY_FILE]).lstrip("; ")
        message = (f"is not read: only {VOCABULARY_FILE} and {BIBLIOGRAPHY_FILE} (at the top of "
                   f"the events folder) are data files{'; ' + hint if hint else ''}")
    else:
        message = f"is not read: event files end in .md; rename it to {stem}.md"
    return Problem(_display(events_dir, rel), 1, "file", message)


def _field_of_line(event_text, root: Node | None):
    """Which field a file line belongs to, for template markers: a top-level key or the body."""
    starts = sorted((line, key) for key, line in root.key_lines.items()) if (
        root is not None and root.kind == MAP) else []

    def field_of(number: int) -> str:
        if event_text is None:
            return "file"
        if number > event_text.closing_line:
            return "body"
        owner = "front matter"
        for line, key in starts:
            if line > number:
                break
            owner = key
        return owner

    return field_of


def _check_id(checker: _Checker, stem: str, root: Node, date: PartialDate | None) -> None:
    if not _ID_RE.fullmatch(stem):
        checker.report(1, "id", f'the file name "{stem}.md" is not a valid id; expected the date '
                       "then lowercase words joined by hyphens, e.g. 2017-07-20-short-title.md")
        return
    if date is None:
        return
    prefix = _ID_DATE_PREFIX.match(stem).group(1)
    allowed = [date.text[:4]] + ([date.text[:7]] if date.month else []) + (
        [date.text] if date.day else [])
    if prefix not in allowed:
        checker.report(root.key_lines["date"], "id", f"the file name starts with {prefix}, which "
                       f"does not match date {date.text}; expected it to start with "
                       f"{' or '.join(reversed(allowed))}, e.g. "
                       f"{allowed[-1]}-{stem[len(prefix) + 1:]}.md")


def _check_event_file(path: Path, display: str, context: _Context):
    """(Event or None, the checker with its problems and related refs, problems)."""
    checker = _Checker(display, context)
    text, read_problems = read_text(path, MAX_EVENT_BYTES)
    if text is None:
        return None, checker, [Problem(display, p.line, p.field, p.message) for p in read_problems]
    event_text, split_problems = split_front_matter(text)
    root = None
    for problem in split_problems:
        checker.report(problem.line, problem.field, problem.message)
    if event_text is not None:
        body_line = event_text.closing_line + 1
        for problem in body_problems(event_text.raw_body, body_line):
            checker.report(problem.line, problem.field, problem.message)
        # YAML would read a key after one of these unseen, at a line off by one.
        yaml_problems = line_break_problems(event_text.front_matter, event_text.front_matter_line)
        if not yaml_problems:
            root, yaml_problems = compose(event_text.front_matter, event_text.front_matter_line)
        for problem in yaml_problems:
            checker.report(problem.line, problem.field, problem.message)
        if root is None and not yaml_problems:
            checker.report(1, "front matter", "is empty; expected the fields "
                           + ", ".join(model.REQUIRED_EVENT_FIELDS))
    values = {}
    if root is not None:
        values = checker._check_record(root, model.EVENT_RECORD, "", missing_line=1, partial=True)
    if root is not None and values is not _INVALID:
        _check_id(checker, path.stem, root, values.get("date"))
        if "date" in values and "end" in values:
            _check_end(checker, root, values["date"], values["end"])
        if "figures" in values:
            _check_figures(checker, root.value["figures"], values["figures"], values.get("date"))
        _check_span(checker, root, values, context.years)
    if root is not None and values is not _INVALID:
        _name_uses(context, display, root, values)
    checker.problems += _template_problems(display, text, _field_of_line(event_text, root))
    if checker.problems:
        return None, checker, checker.problems
    return (_event_from(path.stem, display, values, event_text.body, context.measures or {}),
            checker, [])


def _name_uses(context: _Context, display: str, root: Node, values: dict) -> None:
    """Where this event writes actors, places and web sources, for names.problems."""
    for section, key_of in (("actors", urls.actor_key), ("places", urls.place_key)):
        for i, name in enumerate(values.get(section, ())):
            context.name_uses[section].append(names.Use(
                name, key_of(name), urls.same_name(name), display,
                root.value[section].value[i].line, f"{section}[{i}]"))
    for i, source in enumerate(values.get("sources", ())):
        if source.get("url") and not source.get("ref"):
            url = source["url"]
            context.name_uses["sources"].append(names.Use(
                url, urls.web_source_key(url), urls.web_address(url), display,
                root.value["sources"].value[i].value["url"].line, f"sources[{i}].url"))


def _check_span(checker: _Checker, root: Node, values: dict, years) -> None:
    """Dates within the vocabulary's years (each year an event is in has a page)."""
    if years is None:
        return
    for key in ("date", "end"):
        date = values.get(key)
        if date is not None and not years[0] <= date.year <= years[1]:
            checker.report(root.key_lines[key], key, f"{date.text} is outside the years of this "
                           f"timeline, {years[0]} to {years[1]}; expected a date in them (the "
                           f"span is years: {{first, last}} in {checker.context.vocabulary_path})")


def _check_end(checker: _Checker, root: Node, date: PartialDate, end: PartialDate) -> None:
    if end.last_day < date.first_day:
        checker.report(root.key_lines["end"], "end", f"{end.text} is before date {date.text}; "
                       "expected end on or after date")


def _check_figures(checker: _Checker, node: Node, figures: list[dict],
                   date: PartialDate | None) -> None:
    """What one field cannot tell: a range that runs backwards; a forecast not
    stated before the year it is about."""
    for i, (item, figure) in enumerate(zip(node.value, figures)):
        field = f"figures[{i}]"
        if "low" in figure and "high" in figure and figure["low"] >= figure["high"]:
            low, high = item.value["low"].value.strip(), item.value["high"].value.strip()
            relation = "equal to" if figure["low"] == figure["high"] else "above"
            checker.report(item.key_lines["low"], f"{field}.low", f"{low} is {relation} high "
                           f"{high}; expected low below high (for one number, write value)")
        if figure["type"] == "forecast" and date is not None:
            key = "year" if "year" in figure else "period"
            first = figure["year"] if key == "year" else figure["period"][0]
            if first <= date.year:
                checker.report(item.key_lines[key], f"{field}.{key}",
                               f"{item.value[key].value.strip()} is not after the event's date "
                               f"{date.text}; a forecast is stated before the year it is about, "
                               f"so expected a year after {date.year} (a figure stated in or "
                               "after its year is an estimate)")


def _figure_from(values: dict, measures: dict[str, Measure]) -> Figure:
    measure = measures.get(values["measure"])
    return Figure(**values, label=measure.label if measure else "",
                  unit=measure.unit if measure else "")


def _event_from(event_id: str, display: str, values: dict, body: str,
                measures: dict[str, Measure]) -> Event:
    return Event(
        id=event_id, path=display, title=values["title"], date=values["date"],
        end=values.get("end"), lane=values["lane"], kind=values["kind"],
        summary=values["summary"], sources=[Source(**s) for s in values["sources"]],
        title_zh=values.get("title_zh"), actors=values.get("actors", []),
        places=values.get("places", []), tags=values.get("tags", []),
        related=values.get("related", []), highlight=values.get("highlight", False),
        figures=[_figure_from(f, measures) for f in values.get("figures", [])], body=body,
    )


def _cross_file_problems(stems: dict[str, list[str]], refs) -> list[Problem]:
    """Ids unique across subfolders; ``related`` pointing at an existing other event."""
    problems = []
    for event_id, paths in stems.items():
        if len(paths) > 1:
            for path in paths:
                others = ", ".join(p for p in paths if p != path)
                problems.append(Problem(path, 1, "id", f'"{event_id}" is also the id of {others}; '
                                        "expected ids unique across all subfolders: rename one"))
    by_year: dict[str, list[str]] = {}
    for event_id in stems:
        by_year.setdefault(event_id[:4], []).append(event_id)
    for path, own_id, line, field, ref in refs:
        if ref == own_id:
            problems.append(Problem(path, line, field, f'"{ref}" is this event itself; '
                                    "expected the id of another event"))
        elif ref not in stems:
            # Ids start with their year: suggest from that year only, not from every event.
            suggestion = did_you_mean(ref, by_year.get(ref[:4], [])) or "."
            problems.append(Problem(path, line, field, f'no event has the id "{ref}"{suggestion} '
                                    "Expected the file name of an event, without .md"))
    return problems


@dataclass
class ValidationResult:
    project: Project | None
    problems: list[Problem]
    event_files: int
    files_checked: int


def check_events_folder(events_dir: Path) -> ValidationResult:
    """Every check on every file; the project only if there is no problem at all."""
    events_dir = Path(events_dir)
    if not events_dir.is_dir():
        missing = Problem(str(events_dir), 1, "events folder",
                          "not found; expected a folder of event files")
        return ValidationResult(None, [missing], 0, 0)
    context = _new_context(events_dir)
    vocabulary, problems = load_vocabulary(events_dir, context)
    context.measures = vocabulary.measures if vocabulary is not None else None
    bibliography, bib_problems = load_bibliography(events_dir, context)
    problems += bib_problems
    files_checked = sum(os.path.lexists(events_dir / name) for name in DATA_FILES)
    refused: list[str] = []
    rels, misnamed = event_files(events_dir, refused)
    problems += [_misnamed_problem(events_dir, rel) for rel in misnamed]
    problems += [Problem(_display(events_dir, rel), 1, "file",
                         _not_regular(str(events_dir / rel)) or "is not a regular file")
                 for rel in refused]
    events: list[Event] = []
    stems: dict[str, list[str]] = {}
    refs = []
    for rel in rels:
        display = _display(events_dir, rel)
        path = events_dir / rel
        stems.setdefault(path.stem, []).append(display)
        event, checker, file_problems = _guarded(display, _check_event_file, path, display, context)
        problems += file_problems
        if event is not None:
            events.append(event)
        if checker is not None:
            refs += [(display, path.stem, line, field, ref)
                     for line, field, ref in checker.event_refs]
    problems += _cross_file_problems(stems, refs)
    for section, what in (("tags", "tag"), ("actors", "actor"), ("places", "place"),
                          ("sources", "source")):
        problems += names.problems(context.name_uses[section], what, section)
    problems.sort()
    files_checked += len(rels) + len(misnamed) + len(refused)
    if problems or vocabulary is None:
        return ValidationResult(None, problems, len(rels), files_checked)
    events.sort(key=lambda e: e.sort_key)
    return ValidationResult(Project(events_dir, events, vocabulary, bibliography), problems,
                            len(rels), files_checked)


def validate_project(events_dir: Path) -> tuple[Project | None, list[Problem]]:
    """(Project, []) when every file is valid, else (None, every problem of every file)."""
    result = check_events_folder(events_dir)
    return result.project, result.problems


def run_validate(events_dir: Path) -> int:
    """``python -m macros validate``: print each problem and a count; 1 on any problem."""
    result = check_events_folder(events_dir)
    out = sys.stdout
    for problem in result.problems:
        print(problem, file=out)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in result.problems:
            print(github_annotation(problem), file=out)
    print(count_line(result.problems, result.event_files, result.files_checked), file=out)
    return 1 if result.problems else 0
