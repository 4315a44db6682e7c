"""The spec-driven checks: one file's YAML nodes against the declarations in ``model``.

A :class:`Checker` walks a file's tree (``yaml_nodes.Node``, every node with its
line) along a declaration (``model.Record``, ``ListOf``, ``Text``...) and
returns the Python value it read, or :data:`INVALID` once it has reported
why not. Every problem is ``path:LINE: field: what is wrong, what was
expected``; a check never stops at the first. The :class:`CheckContext`
carries what the checks of an event need from the vocabulary and the
bibliography.
"""

from __future__ import annotations

import difflib
import enum
import math
import re
import sys
from collections.abc import Callable, Collection
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, Final, Literal

import yaml

from policy_timeline import urls
from policy_timeline.source import chars, model, names
from policy_timeline.source.dates import DateError, PartialDate
from policy_timeline.source.errors import Problem
from policy_timeline.source.model import (
    BibRef,
    Choice,
    DateText,
    EventRef,
    Flag,
    Integer,
    ListOf,
    MapOf,
    Measure,
    Number,
    Record,
    Spec,
    Term,
    Text,
    Url,
    YearSpan,
)
from policy_timeline.source.yaml_nodes import MAP, REFUSED, SCALAR, SEQ, Node

# Ids of vocabulary entries and bibliography keys that would name a section's index page,
# a section, or a property every JavaScript object has.
TEMPLATE_MARKERS = ("{{", "{%", "{#")
ID_RE = re.compile(model.ID_PATTERN)
RESERVED_KEYS = tuple(
    dict.fromkeys(
        (
            *names.RESERVED_PAGES,
            *model.SCRIPT_RESERVED,
            *(f.name for f in model.VOCABULARY_RECORD.fields),
        )
    )
)


class _Invalid(enum.Enum):
    INVALID = "invalid"


# What a check returns once it has reported why the value is wrong.
INVALID: Final = _Invalid.INVALID
Invalid = Literal[_Invalid.INVALID]
_TEXT_BASED = (Term, Choice, Url, EventRef, BibRef)
UNKNOWN_KEYS: dict[str, None] = {}  # the bibliography exists but cannot be read
_ANY_TEXT = Text()
_YAML_READS = {
    "bool": "true/false",
    "int": "a number",
    "float": "a number",
    "timestamp": "a date",
    "null": "no value",
}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
_YEAR_SPAN = re.compile(r"([0-9]{4})-([0-9]{4})")
_PERIOD_FORM = "the first and the last year joined by a hyphen, e.g. 2015-2016"
_FLOAT_MAX = sys.float_info.max  # numbers are floats in the charts, the exports and JSON


def join_field(field: str, key: str) -> str:
    return f"{field}.{key}" if field else key


def did_you_mean(word: str, candidates: Collection[str]) -> str:
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not matches and word.lower() != word:
        matches = [c for c in candidates if c == word.lower()]
    return f'; did you mean "{matches[0]}"?' if matches else ""


def one_of(candidates: list[str], limit: int | None = 12) -> str:
    if not candidates:
        return "one of them, but none is defined yet"
    if limit is not None and len(candidates) > limit:
        return f"one of the {len(candidates)} listed"
    return "one of: " + ", ".join(candidates)


def clip(text: str, limit: int = 60) -> str:
    """Contributor text quoted in a message, cut short so the message stays one readable line."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _found(node: Node) -> str:
    """What a wrongly shaped value is, in a contributor's words."""
    if node.kind == SEQ:
        return "a list"
    if node.kind == MAP:
        return "key: value fields"
    if node.tag == "null" and not node.value.strip():
        return "nothing"
    return f'"{clip(node.value)}"'


def _clause(doc: str) -> str:
    """A field's doc as the end of a sentence: "the event's title"."""
    doc = doc.rstrip(".")
    if len(doc) > 1 and doc[0].isupper() and doc[1].islower():
        doc = doc[0].lower() + doc[1:]
    return doc


def _required(doc: str) -> str:
    return f"required: {_clause(doc)}" if doc else "required"


class Checker:
    """Checks one file's YAML nodes against the declarations in ``policy_timeline.source.model``."""

    def __init__(self, path: str, context: CheckContext) -> None:
        self.path = path
        self.context = context
        self.problems: list[Problem] = []
        self.event_refs: list[tuple[int, str, str]] = []  # (line, field, id) of `related`

    def report(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, field, message))

    def check(self, node: Node, spec: Spec, field: str) -> Any:
        """The Python value of ``node`` read as ``spec``, or ``INVALID`` after reporting why."""
        if node.tag == REFUSED:
            return INVALID
        kind = type(spec)
        if kind in _TEXT_BASED:
            # A vocabulary term, an option, a URL or an id is text first.
            text = self._check_text(node, _ANY_TEXT, field)
            if text is INVALID:
                return text
            return _CHECKS[kind](self, node, spec, field, text)
        return _CHECKS[kind](self, node, spec, field)

    # --- scalars -------------------------------------------------------------

    def _not_scalar(self, node: Node, field: str, expected: str) -> bool:
        if node.kind == SCALAR:
            return False
        self.report(node.line, field, f"found {_found(node)}; expected {expected}")
        return True

    def _string(self, node: Node, field: str, expected: str = "text") -> str | Invalid:
        """The text of a scalar YAML keeps as a string, with a hint to quote YAML's coercions."""
        if self._not_scalar(node, field, expected):
            return INVALID
        if node.tag in _YAML_READS:
            raw = node.value
            if node.tag == "null" and not raw.strip():
                self.report(node.line, field, f"is empty; expected {expected}")
            else:
                quoted = raw.replace('"', '\\"')
                self.report(
                    node.line,
                    field,
                    f"{clip(raw)} is read by YAML as "
                    f'{_YAML_READS[node.tag]}, not text; quote it: "{clip(quoted)}"',
                )
            return INVALID
        return node.value

    def _check_text(self, node: Node, spec: Text, field: str) -> str | Invalid:
        value = self._string(node, field)
        if value is INVALID:
            return value
        if not value.strip():
            self.report(node.line, field, "is empty; expected text")
            return INVALID
        if value.lstrip().startswith(model.PLACEHOLDER_PREFIX):
            self.report(
                node.line,
                field,
                f"still holds the placeholder "
                f'"{clip(value.strip(), 80)}"; replace it with the real text',
            )
            return INVALID
        if spec.max_length is not None and len(value) > spec.max_length:
            self.report(
                node.line,
                field,
                f"is {len(value)} characters long; expected at most "
                f"{spec.max_length} (one or two sentences; longer text goes in the body)",
            )
            return INVALID
        found = chars.CONTROL.search(value) or chars.INVISIBLE.search(value)
        if found:
            char = found.group()
            self.report(
                node.line,
                field,
                f"holds {chars.name(char)}, {chars.kind(char)}, at "
                f"character {found.start() + 1}; remove it",
            )
            return INVALID
        if node.written is not None:
            decoded = [m for m in TEMPLATE_MARKERS if m in value and m not in node.written]
            if decoded:
                self.report(
                    node.line,
                    field,
                    f'its escapes decode to "{decoded[0]}", which looks '
                    "like a template tag, and event text is never a template; write "
                    f'the two characters apart ("{decoded[0][0]} {decoded[0][1]}")',
                )
                return INVALID
        if spec.pattern is not None and not re.fullmatch(spec.pattern, value):
            self.report(
                node.line,
                field,
                f'"{clip(value)}" is not in the expected form; '
                f"expected something like {spec.example}",
            )
            return INVALID
        return value

    def _check_date(self, node: Node, spec: DateText, field: str) -> PartialDate | Invalid:
        if self._not_scalar(node, field, f"a date: {_DATE_FORMS}"):
            return INVALID
        raw = node.value.strip()
        # An unquoted 2009 (int) or 2017-07-20 (timestamp) is read back as written.
        if node.tag not in ("str", "int", "timestamp"):
            self.report(
                node.line, field, f"{clip(raw) or 'nothing'} is not a date; expected {_DATE_FORMS}"
            )
            return INVALID
        if node.tag == "timestamp" and len(raw) > 10:
            self.report(
                node.line,
                field,
                f"{clip(raw)} is a date with a time of day; expected {_DATE_FORMS}, without a time",
            )
            return INVALID
        if len(raw) > 40:
            self.report(node.line, field, f'"{clip(raw)}" is not a date; expected {_DATE_FORMS}')
            return INVALID
        try:
            return PartialDate.parse(raw)
        except DateError as exc:
            self.report(node.line, field, str(exc))
            return INVALID

    def _member(
        self,
        node: Node,
        field: str,
        value: str,
        candidates: Collection[str] | None,
        what: str,
        where: str,
        limit: int | None = 12,
    ) -> str | Invalid:
        if candidates is None or value in candidates:
            return value
        names = list(candidates)
        suggestion = did_you_mean(value, names)
        self.report(
            node.line,
            field,
            f'"{clip(value)}" is not {what}'
            f"{suggestion or '. Expected ' + one_of(names, limit)}{where}",
        )
        return INVALID

    def _check_term(self, node: Node, spec: Term, field: str, value: str) -> str | Invalid:
        terms = self.context.terms.get(spec.section) if self.context.terms else None
        return self._member(
            node,
            field,
            value,
            terms,
            f"one of the {spec.section} of the vocabulary",
            f" (see {self.context.vocabulary_path})",
        )

    def _check_choice(self, node: Node, spec: Choice, field: str, value: str) -> str | Invalid:
        # A fixed list: every option is named, however many.
        return self._member(node, field, value, spec.options, "allowed here", "", limit=None)

    def _check_flag(self, node: Node, spec: Flag, field: str) -> bool | Invalid:
        if self._not_scalar(node, field, "true or false"):
            return INVALID
        raw = node.value.strip()
        if node.tag == "bool" and raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        if node.tag == "str":
            self.report(
                node.line, field, f'"{clip(raw)}" is text; expected true or false, without quotes'
            )
            return INVALID
        hint = " (yes, no, on and off are ambiguous in YAML)" if node.tag == "bool" else ""
        self.report(
            node.line,
            field,
            f"{clip(raw) or 'nothing'} is not a flag; expected true or false{hint}",
        )
        return INVALID

    def _number(self, node: Node, field: str, expected: str) -> int | float | Invalid:
        if self._not_scalar(node, field, expected):
            return INVALID
        raw = node.value.strip()
        if node.tag in ("int", "float"):
            constructor = (
                _CONSTRUCTOR.construct_yaml_int
                if node.tag == "int"
                else _CONSTRUCTOR.construct_yaml_float
            )
            try:
                value = constructor(yaml.ScalarNode(node.tag, raw))
            except ValueError:  # more digits than Python turns into an int
                value = math.inf
            if isinstance(value, float) and not math.isfinite(value):
                self.report(
                    node.line, field, f"{clip(raw)} is not a finite number; expected {expected}"
                )
                return INVALID
            if isinstance(value, int) and not -_FLOAT_MAX <= value <= _FLOAT_MAX:
                self.report(
                    node.line,
                    field,
                    f"{clip(raw)} is {len(raw.lstrip('+-'))} digits "
                    f"long, more than a number here can hold; expected {expected}, at most "
                    f"{_FLOAT_MAX:.17g} either side of 0",
                )
                return INVALID
            return value
        if node.tag == "str":
            self.report(
                node.line, field, f'"{clip(raw)}" is text; expected {expected}, without quotes'
            )
        else:
            self.report(
                node.line, field, f"{clip(raw) or 'nothing'} is not a number; expected {expected}"
            )
        return INVALID

    def _check_year_span(self, node: Node, spec: YearSpan, field: str) -> tuple[int, int] | Invalid:
        if self._not_scalar(node, field, _PERIOD_FORM):
            return INVALID
        raw = node.value.strip()
        match = _YEAR_SPAN.fullmatch(raw)
        if not match:
            self.report(
                node.line,
                field,
                f"{clip(raw) or 'nothing'} is not a period; expected {_PERIOD_FORM}",
            )
            return INVALID
        first, last = int(match[1]), int(match[2])
        if last == first:
            self.report(
                node.line,
                field,
                f"{raw} is a single year; expected year: {first} instead of a period",
            )
            return INVALID
        if last < first:
            self.report(
                node.line,
                field,
                f"{raw} ends before it starts; expected the first "
                f"year, then the last: {last}-{first}",
            )
            return INVALID
        return (first, last)

    def _check_number(self, node: Node, spec: Number, field: str) -> int | float | Invalid:
        return self._number(node, field, "a number such as 12.5")

    def _check_integer(self, node: Node, spec: Integer, field: str) -> int | Invalid:
        expected = "a whole number" + (
            f" from {spec.minimum} to {spec.maximum}"
            if spec.minimum is not None and spec.maximum is not None
            else ""
        )
        value = self._number(node, field, expected)
        if value is INVALID:
            return value
        if (
            not isinstance(value, int)
            or (spec.minimum is not None and value < spec.minimum)
            or (spec.maximum is not None and value > spec.maximum)
        ):
            self.report(node.line, field, f"{clip(node.value.strip())} is not {expected}")
            return INVALID
        return value

    def _check_url(self, node: Node, spec: Url, field: str, value: str) -> str | Invalid:
        problem = urls.url_problem(value)
        if problem is not None:
            self.report(node.line, field, f'"{clip(value)}" {problem}')
            return INVALID
        return value

    def _check_event_ref(self, node: Node, spec: EventRef, field: str, value: str) -> str | Invalid:
        if not ID_RE.fullmatch(value):
            self.report(
                node.line,
                field,
                f'"{clip(value)}" is not an event id; expected the '
                "file name of an event without .md, e.g. "
                "2017-07-new-generation-ai-development-plan",
            )
            return INVALID
        self.event_refs.append((node.line, field, value))
        return value

    def _check_bib_ref(self, node: Node, spec: BibRef, field: str, value: str) -> str | Invalid:
        keys = self.context.bibliography_keys
        if keys is UNKNOWN_KEYS:
            return value
        if keys is None:
            self.report(
                node.line,
                field,
                f'"{clip(value)}" cannot be looked up: there is no '
                f"{self.context.bibliography_path}; add the entry there, or cite the "
                "source with title and url instead of ref",
            )
            return INVALID
        return self._member(
            node,
            field,
            value,
            keys,
            "a key of the bibliography",
            f" (see {self.context.bibliography_path})",
        )

    # --- collections ---------------------------------------------------------

    def _check_list(self, node: Node, spec: ListOf, field: str) -> list[Any] | Invalid:
        if node.kind != SEQ:
            example = '[a, b] or one "- item" line per item'
            self.report(node.line, field, f"found {_found(node)}; expected a list: {example}")
            return INVALID
        if len(node.value) < spec.min_items:
            self.report(node.line, field, f"the list is empty; expected at least {spec.min_items}")
            return INVALID
        if spec.max_items is not None and len(node.value) > spec.max_items:
            self.report(
                node.line,
                field,
                f"lists {len(node.value):,} items; at most "
                f"{spec.max_items} are allowed (each one gets a page or a link)",
            )
            return INVALID
        values: list[Any] = []
        seen: dict[str, int] = {}  # text -> the line it is first on
        ok = True
        for i, item in enumerate(node.value):
            value = self.check(item, spec.item, f"{field}[{i}]")
            if value is INVALID:
                ok = False
            elif isinstance(value, str):
                if value in seen:
                    self.report(
                        item.line,
                        f"{field}[{i}]",
                        f'"{clip(value)}" is listed twice '
                        f"(first on line {seen[value]}); expected each once",
                    )
                    ok = False
                seen[value] = seen.get(value, item.line)
            values.append(value)
        return values if ok else INVALID

    def _check_record(
        self,
        node: Node,
        spec: Record,
        field: str,
        missing_line: int | None = None,
        partial: bool = False,
    ) -> dict[str, Any] | Invalid:
        """The checked fields; with ``partial``, the valid ones even when others are not."""
        if node.kind != MAP:
            listed = ", ".join(f.name for f in spec.fields)
            self.report(
                node.line,
                field or "front matter",
                f"found {_found(node)}; expected fields as key: value lines ({listed})",
            )
            return INVALID
        before = len(self.problems)
        values: dict[str, Any] = {}
        for key, child in node.value.items():
            field_spec = spec.field(key)
            if field_spec is None and key in dict(spec.retired):
                self.report(
                    node.key_lines[key],
                    join_field(field, key),
                    f"is no longer a field here; {dict(spec.retired)[key]}",
                )
                continue
            if field_spec is None:
                names = [f.name for f in spec.fields]
                self.report(
                    node.key_lines[key],
                    join_field(field, key),
                    f"unknown field{did_you_mean(key, names) or '.'} "
                    f"Expected one of: {', '.join(names)}",
                )
                continue
            value = self.check(child, field_spec.type, join_field(field, key))
            if value is not INVALID:
                values[key] = value
        line = node.line if missing_line is None else missing_line
        for field_spec in spec.fields:
            if field_spec.required and field_spec.name not in node.value:
                self.report(
                    line,
                    join_field(field, field_spec.name),
                    f"missing; {_required(field_spec.doc)}",
                )
        for groups in spec.all_choices():
            self._check_alternatives(node, spec, groups, field, line)
        return values if partial or len(self.problems) == before else INVALID

    def _check_alternatives(
        self,
        node: Node,
        spec: Record,
        groups: tuple[tuple[str, ...], ...],
        field: str,
        line: int,
    ) -> None:
        used = [group for group in groups if any(k in node.value for k in group)]
        forms = " or ".join(" and ".join(group) for group in groups)
        if not used:
            self.report(line, field, f"expected {forms}")
            return
        chosen = used[0]
        for group in used[1:]:
            for key in group:
                if key in node.value:
                    self.report(
                        node.key_lines[key],
                        join_field(field, key),
                        f"not allowed together with {' and '.join(chosen)}; "
                        f"expected {forms}, not both",
                    )
        for key in chosen:
            if key not in node.value:
                field_spec = spec.field(key)
                assert field_spec is not None  # a record's choices name its own fields
                doc = field_spec.doc
                self.report(
                    line,
                    join_field(field, key),
                    f"missing; with {' and '.join(k for k in chosen if k in node.value)}, "
                    f"expected {key} too ({_clause(doc)})",
                )

    def _check_map(self, node: Node, spec: MapOf, field: str) -> dict[str, Any] | Invalid:
        if node.kind != MAP:
            self.report(
                node.line, field or "file", f"found {_found(node)}; expected entries as id: fields"
            )
            return INVALID
        if len(node.value) < spec.min_items:
            self.report(node.line, field, f"is empty; expected at least {spec.min_items} entry")
            return INVALID
        if spec.max_items is not None and len(node.value) > spec.max_items:
            self.report(
                node.line,
                field or "file",
                f"has {len(node.value):,} entries; at most "
                f"{spec.max_items:,} are allowed (each one gets a page)",
            )
            return INVALID
        before = len(self.problems)
        values: dict[str, Any] = {}
        for key, child in node.value.items():
            if not re.fullmatch(spec.key_pattern, key):
                self.report(
                    node.key_lines[key],
                    join_field(field, key),
                    f'"{clip(key)}" is not a '
                    "valid id; expected lowercase letters and digits joined by hyphens, "
                    "e.g. local-plans",
                )
                continue
            if key in RESERVED_KEYS:
                self.report(
                    node.key_lines[key],
                    join_field(field, key),
                    f'"{key}" is reserved: it '
                    "names a page or a section of the site, or a property the site's "
                    "scripts read; expected another id",
                )
                continue
            value = self.check(child, spec.value, join_field(field, key))
            if value is not INVALID:
                values[key] = value
        return values if len(self.problems) == before else INVALID


_CHECKS: dict[type, Callable[..., Any]] = {
    Text: Checker._check_text,
    DateText: Checker._check_date,
    Term: Checker._check_term,
    Flag: Checker._check_flag,
    Number: Checker._check_number,
    Integer: Checker._check_integer,
    Choice: Checker._check_choice,
    Url: Checker._check_url,
    EventRef: Checker._check_event_ref,
    BibRef: Checker._check_bib_ref,
    ListOf: Checker._check_list,
    Record: Checker._check_record,
    MapOf: Checker._check_map,
    YearSpan: Checker._check_year_span,
}


@dataclass
class CheckContext:
    """What the checks of event files need from the vocabulary and the bibliography."""

    vocabulary_path: str
    bibliography_path: str
    # section -> ids, even from a broken vocabulary (None: a required section is unreadable)
    terms: dict[str, list[str] | None] | None = None
    bibliography_keys: dict[str, None] | None = None
    measures: dict[str, Measure] | None = None  # from a valid vocabulary only
    years: tuple[int, int] | None = model.DEFAULT_YEARS  # None: unknown (a broken span)
    # Names that get pages, where each is written: section -> [names.Use], in file order.
    name_uses: dict[str, list[names.Use]] = dataclass_field(
        default_factory=lambda: {"tags": [], "actors": [], "places": [], "sources": []}
    )
