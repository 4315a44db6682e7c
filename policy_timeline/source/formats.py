"""The file formats, declared once: what a contributor may write, with types.

``policy_timeline.source.validate`` checks files against these declarations and ``policy_timeline.source.schema`` turns the event one into
the published JSON Schema, so the two cannot drift apart. Field names match
the dataclasses of ``model``, which the validator fills from the checked values.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from policy_timeline.source import language_tags
from policy_timeline.source.model import DEFAULT_YEARS, FIGURE_TYPES
from policy_timeline.source.symbols import NAMES as SYMBOL_NAMES

ID_PATTERN = r"^[0-9]{4}(-[0-9]{2}){0,2}-[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
BIB_KEY_PATTERN = r"^[a-z0-9]+([-_.][a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
PLACEHOLDER_PREFIX = "TODO"  # what `new` writes where a contributor must fill in text
SUMMARY_MAX = 280
# Each actor, place, tag and source has a page: an event lists a handful, never thousands.
MAX_LISTED = 25
MAX_RELATED = 50
# Titles in other languages: each is on the event's page and a column of events.csv.
MAX_TITLES = 25
# Every bibliography entry has a page, cited or not.
MAX_BIBLIOGRAPHY = 10_000
# Names the JavaScript of the site would read as an object's own machinery.
SCRIPT_RESERVED = (
    "constructor",
    "__proto__",
    "prototype",
    "hasOwnProperty",
    "toString",
    "valueOf",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "__defineGetter__",
    "__defineSetter__",
    "__lookupGetter__",
    "__lookupSetter__",
)


@dataclass(frozen=True)
class Text:
    """A non-empty string, not a leftover placeholder; optionally at most ``max_length`` long,
    matching ``pattern`` (``example`` shows what matches) and on ``one_line``."""

    max_length: int | None = None
    pattern: str | None = None
    example: str | None = None
    one_line: bool = False


@dataclass(frozen=True)
class DateText:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` on the calendar (see ``policy_timeline.source.dates``)."""


@dataclass(frozen=True)
class Term:
    """One id of a vocabulary section: ``lanes``, ``kinds``, ``tags`` or ``measures``."""

    section: str


@dataclass(frozen=True)
class YearSpan:
    """Two years joined by a hyphen, the first before the last: ``2015-2016``."""


@dataclass(frozen=True)
class Flag:
    """``true`` or ``false``."""


@dataclass(frozen=True)
class Number:
    """An int or a float; never a bool or a quoted number."""


@dataclass(frozen=True)
class Integer:
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Choice:
    options: tuple[str, ...]


@dataclass(frozen=True)
class Url:
    """An absolute http or https URL."""


@dataclass(frozen=True)
class EventRef:
    """The id of another event in the same events folder."""


@dataclass(frozen=True)
class BibRef:
    """A key of the bibliography."""


@dataclass(frozen=True)
class ListOf:
    item: Spec
    min_items: int = 0
    max_items: int | None = None


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: Spec
    required: bool = False
    doc: str = ""
    # Still read, with a warning, until the next minor release; not offered in messages.
    deprecated: bool = False


@dataclass(frozen=True)
class Record:
    """A mapping of known fields. With ``alternatives``, exactly one group of
    fields is used, all of that group's fields are required, and the fields of
    the other groups are not allowed. ``choices`` are more such choices, each
    made on its own (a figure: value or low and high; year or period). ``retired``
    names fields of an older form, each with what to write instead."""

    fields: tuple[FieldSpec, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()
    choices: tuple[tuple[tuple[str, ...], ...], ...] = ()
    retired: tuple[tuple[str, str], ...] = ()

    def all_choices(self) -> tuple[tuple[tuple[str, ...], ...], ...]:
        return self._all_choices

    def field(self, name: str) -> FieldSpec | None:
        return self._by_name.get(name)

    # Worked out once a declaration, not once a record checked.
    @functools.cached_property
    def _all_choices(self) -> tuple[tuple[tuple[str, ...], ...], ...]:
        return ((self.alternatives,) if self.alternatives else ()) + self.choices

    @functools.cached_property
    def _by_name(self) -> dict[str, FieldSpec]:
        return {f.name: f for f in self.fields}

    @functools.cached_property
    def required_fields(self) -> tuple[FieldSpec, ...]:
        """The fields a record must have, in their order."""
        return tuple(f for f in self.fields if f.required)


@dataclass(frozen=True)
class MapOf:
    """A mapping from ids (matching ``key_pattern``) to values of one type. With
    ``key_problem``, keys are not ids: it says what is wrong with a key (None when
    nothing is), and ``max_reason`` why there is a ``max_items``."""

    value: Spec
    key_pattern: str = SLUG_PATTERN
    min_items: int = 0
    max_items: int | None = None
    key_problem: Callable[[str], str | None] | None = None
    max_reason: str = "each one gets a page"


# What a field, a list's item or a map's value is declared as.
Spec = (
    Text
    | DateText
    | Term
    | YearSpan
    | Flag
    | Number
    | Integer
    | Choice
    | Url
    | EventRef
    | BibRef
    | ListOf
    | Record
    | MapOf
)

_TEXT_LIST = ListOf(Text())

SOURCE_RECORD = Record(
    fields=(
        FieldSpec("ref", BibRef(), doc="A key of the bibliography (bibliography.yml)."),
        FieldSpec("title", Text(), doc="The source's title, when it is not in the bibliography."),
        FieldSpec("url", Url(), doc="Where to read it: an http or https address."),
        FieldSpec("locator", Text(), doc='Where in the source, e.g. "p. 12" or a section heading.'),
        FieldSpec("quote", Text(), doc="A short quotation supporting the event."),
    ),
    alternatives=(("ref",), ("title", "url")),
)

FIGURE_RECORD = Record(
    fields=(
        FieldSpec(
            "measure",
            Term("measures"),
            True,
            "What the figure measures: a measure of the vocabulary, e.g. ai-core-industry.",
        ),
        FieldSpec(
            "type",
            Choice(FIGURE_TYPES),
            True,
            "target, forecast (stated before its year), estimate (stated during or after its "
            "year) or actual.",
        ),
        FieldSpec("value", Number(), False, "The number, without quotes."),
        FieldSpec("low", Number(), False, "For a range: its low end."),
        FieldSpec("high", Number(), False, "For a range: its high end, above low."),
        FieldSpec("year", Integer(1, 9999), False, "The year the figure is for."),
        FieldSpec(
            "period",
            YearSpan(),
            False,
            "For a figure that covers several years: first-last, e.g. 2015-2016.",
        ),
        FieldSpec(
            "series",
            Text(),
            False,
            'Which series of the measure, when it has several, e.g. "Capital region".',
        ),
    ),
    choices=((("value",), ("low", "high")), (("year",), ("period",))),
    retired=(
        (
            "label",
            "expected measure: instead, a measure of the vocabulary (which has "
            "the label); series tells figures of one measure apart",
        ),
        ("unit", "expected the unit in the figure's measure, in the vocabulary's measures:"),
    ),
)

EVENT_RECORD = Record(
    fields=(
        FieldSpec("title", Text(), True, "The event's title."),
        FieldSpec(
            "titles",
            MapOf(
                Text(one_line=True),
                key_pattern=language_tags.TAG_PATTERN,
                max_items=MAX_TITLES,
                key_problem=language_tags.problem,
                max_reason="each is shown on the event's page and is a column of events.csv",
            ),
            False,
            "The title in other languages, one line each, by language tag (BCP 47): "
            f"{{zh: ..., es: ...}}; tags in their canonical case, e.g. {language_tags.EXAMPLES}.",
        ),
        FieldSpec(
            "title_zh",
            Text(),
            False,
            "Deprecated: the title in Chinese, read as titles: {zh: ...} until the next minor "
            "release; `policy-timeline migrate` rewrites it.",
            deprecated=True,
        ),
        FieldSpec(
            "date",
            DateText(),
            True,
            "YYYY, YYYY-MM or YYYY-MM-DD: only as precise as what is known.",
        ),
        FieldSpec("end", DateText(), False, "For a period: its end, same forms, not before date."),
        FieldSpec("lane", Term("lanes"), True, "The timeline row: a lane of the vocabulary."),
        FieldSpec("kind", Term("kinds"), True, "What the event is: a kind of the vocabulary."),
        FieldSpec(
            "summary",
            Text(max_length=SUMMARY_MAX),
            True,
            f"One or two sentences of plain text, at most {SUMMARY_MAX} characters.",
        ),
        FieldSpec(
            "sources",
            ListOf(SOURCE_RECORD, min_items=1, max_items=MAX_LISTED),
            True,
            "At least one: {ref: KEY} or {title: ..., url: ...}, "
            "each with optional locator and quote.",
        ),
        FieldSpec(
            "actors",
            ListOf(Text(), max_items=MAX_LISTED),
            False,
            "Who acted: people, bodies, firms.",
        ),
        FieldSpec("places", ListOf(Text(), max_items=MAX_LISTED), False, "Where."),
        FieldSpec(
            "tags", ListOf(Term("tags"), max_items=MAX_LISTED), False, "Tags of the vocabulary."
        ),
        FieldSpec(
            "related", ListOf(EventRef(), max_items=MAX_RELATED), False, "Ids of related events."
        ),
        FieldSpec(
            "highlight",
            Flag(),
            False,
            "true to keep the event's whole title on the timeline, before others.",
        ),
        FieldSpec(
            "figures",
            ListOf(FIGURE_RECORD),
            False,
            "Numbers the event states: targets, forecasts, estimates, actual outcomes.",
        ),
    )
)

REQUIRED_EVENT_FIELDS = tuple(f.name for f in EVENT_RECORD.fields if f.required)

VOCABULARY_RECORD = Record(
    fields=(
        FieldSpec(
            "lanes",
            MapOf(
                Record(
                    fields=(
                        FieldSpec("label", Text(), True, "What readers see."),
                        FieldSpec(
                            "order", Integer(), True, "Top to bottom on the timeline: 1, 2, 3..."
                        ),
                        FieldSpec(
                            "colour",
                            Text(pattern=COLOUR_PATTERN, example='"#0072B2"'),
                            True,
                            'A colour as "#RRGGBB".',
                        ),
                    )
                ),
                min_items=1,
            ),
            True,
            "The rows of the timeline: id: {label, order, colour}.",
        ),
        FieldSpec(
            "kinds",
            MapOf(
                Record(
                    fields=(
                        FieldSpec("label", Text(), True, "What readers see."),
                        FieldSpec(
                            "symbol",
                            Choice(SYMBOL_NAMES),
                            True,
                            "A filled Plotly marker symbol, e.g. circle.",
                        ),
                    )
                ),
                min_items=1,
            ),
            True,
            "What an event is: id: {label, symbol}.",
        ),
        FieldSpec(
            "tags",
            MapOf(Record(fields=(FieldSpec("label", Text(), True, "What readers see."),))),
            False,
            "The allowed tags: id: {label}.",
        ),
        FieldSpec(
            "measures",
            MapOf(
                Record(
                    fields=(
                        FieldSpec(
                            "label", Text(), True, "What readers see, e.g. AI core industry."
                        ),
                        FieldSpec(
                            "unit", Text(), True, "The unit of all its figures, e.g. billion yuan."
                        ),
                        FieldSpec(
                            "counts",
                            Text(),
                            True,
                            "What it counts, in a sentence: its chart's caption.",
                        ),
                        FieldSpec("scope", Text(), False, "What it covers and what it leaves out."),
                    )
                )
            ),
            False,
            "What figures measure: id: {label, unit, counts, scope}.",
        ),
        FieldSpec(
            "years",
            Record(
                fields=(
                    FieldSpec(
                        "first", Integer(1, 9999), True, "The first year an event may be dated in."
                    ),
                    FieldSpec(
                        "last", Integer(1, 9999), True, "The last year an event may be dated in."
                    ),
                )
            ),
            False,
            f"The span of the timeline: {{first: {DEFAULT_YEARS[0]}, last: "
            f"{DEFAULT_YEARS[1]}}} when left out.",
        ),
    )
)

BIBLIOGRAPHY_MAP = MapOf(
    Record(
        fields=(
            FieldSpec("title", Text(), True, "The title of the work."),
            FieldSpec("authors", _TEXT_LIST, False, "A list of names."),
            FieldSpec("venue", Text(), False, "The journal, blog or publisher."),
            FieldSpec("date", DateText(), False, "YYYY, YYYY-MM or YYYY-MM-DD."),
            FieldSpec("url", Url(), False, "An http or https address."),
        )
    ),
    key_pattern=BIB_KEY_PATTERN,
    max_items=MAX_BIBLIOGRAPHY,
)
