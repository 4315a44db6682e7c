"""The validated model every later stage reads: events, vocabulary, bibliography.

Objects here are only ever built from input that passed validation
(``policy_timeline.source.validate``), so renderers and exporters can trust their types.
"""

from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from policy_timeline.source.dates import PartialDate
from policy_timeline.source.symbols import NAMES as SYMBOL_NAMES

# --- vocabulary -------------------------------------------------------------


@dataclass(frozen=True)
class Lane:
    id: str
    label: str
    order: int
    colour: str


@dataclass(frozen=True)
class Kind:
    id: str
    label: str
    symbol: str  # a Plotly marker symbol name, e.g. "circle", "diamond"


@dataclass(frozen=True)
class Tag:
    id: str
    label: str


@dataclass(frozen=True)
class Measure:
    """What a figure measures: every figure of one measure is in its unit, on one chart."""

    id: str
    label: str
    unit: str
    counts: str  # what it counts, in a sentence: the start of its chart's caption
    scope: str | None = None  # what it covers and leaves out


@dataclass(frozen=True)
class Vocabulary:
    lanes: dict[str, Lane]  # in display order
    kinds: dict[str, Kind]
    tags: dict[str, Tag]
    measures: dict[str, Measure] = field(default_factory=dict)  # in the file's order
    years: tuple[int, int] = (1900, 2100)  # the first and last year an event may be in

    def lanes_in_order(self) -> list[Lane]:
        return sorted(self.lanes.values(), key=lambda lane: (lane.order, lane.id))


# --- bibliography ------------------------------------------------------------


@dataclass(frozen=True)
class BibEntry:
    key: str
    title: str
    authors: tuple[str, ...] = ()
    venue: str | None = None  # journal, blog, or publisher
    date: str | None = None  # as given: "2020", "2018-12-06"
    url: str | None = None


# --- events ------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One citation: a bibliography ``ref`` or an inline ``title`` + ``url``."""

    ref: str | None = None
    title: str | None = None
    url: str | None = None
    locator: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class Figure:
    """One number an event states: a single ``value`` or a range (``low``, ``high``), for
    one ``year`` or a ``period`` of years (first, last).

    ``label`` and ``unit`` are the measure's, copied from the vocabulary when the
    event is read, so that every renderer shows them without looking them up.
    """

    measure: str
    type: str  # one of FIGURE_TYPES
    value: float | None = None
    low: float | None = None
    high: float | None = None
    year: int | None = None
    period: tuple[int, int] | None = None
    series: str | None = None  # which of the measure's series, e.g. one province's
    label: str = ""
    unit: str = ""

    @property
    def is_range(self) -> bool:
        return self.value is None

    @property
    def first_year(self) -> int:
        if self.period:
            return self.period[0]
        assert self.year is not None  # a year or a period: FIGURE_RECORD.choices
        return self.year

    @property
    def last_year(self) -> int:
        if self.period:
            return self.period[1]
        assert self.year is not None  # a year or a period: FIGURE_RECORD.choices
        return self.year

    @property
    def years(self) -> str:
        """``2020``, or ``2015–2016`` for a period."""
        return f"{self.period[0]}\u2013{self.period[1]}" if self.period else str(self.year)


# target: promised for the year; forecast: stated before the year it is about;
# estimate: stated during or after the year it is about (the validator refuses a forecast
# stated in or after its year; the charts say which of the two an estimate is); actual: counted.
FIGURE_TYPES = ("target", "forecast", "estimate", "actual")


@dataclass
class Event:
    id: str
    path: str  # as reported in errors, e.g. "events/2017/2017-07-x.md"
    title: str
    date: PartialDate
    lane: str
    kind: str
    summary: str
    sources: list[Source]
    end: PartialDate | None = None
    title_zh: str | None = None
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    highlight: bool = False
    figures: list[Figure] = field(default_factory=list)
    body: str = ""  # Markdown, unrendered and unsanitised

    @property
    def years(self) -> range:
        """Every year the event is in: a period is in each year it spans (each has a page)."""
        return range(self.date.year, (self.end or self.date).year + 1)

    @property
    def is_period(self) -> bool:
        return self.end is not None and self.end != self.date

    def is_target(self, today: _dt.date) -> bool:
        """A target is drawn apart from what happened: kind ``target`` or dated after today."""
        return self.kind == "target" or self.date.first_day > today

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], str]:
        return (self.date.sort_key, self.id)


@dataclass
class Project:
    """Everything one build reads, validated: the input of ``index`` and the renderers."""

    events_dir: Path
    events: list[Event]  # in chronological order (Event.sort_key)
    vocabulary: Vocabulary
    bibliography: dict[str, BibEntry]


# --- the file formats, declared once -------------------------------------------
#
# What a contributor may write, with types. ``policy_timeline.source.validate`` checks files
# against these declarations and ``policy_timeline.source.schema`` turns the event one into
# the published JSON Schema, so the two cannot drift apart. Field names match
# the dataclasses above, which the validator fills from the checked values.

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
# Every bibliography entry has a page, cited or not.
MAX_BIBLIOGRAPHY = 10_000
# Events are dated within these years unless the vocabulary's `years` says otherwise.
DEFAULT_YEARS = (1900, 2100)
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
    """A non-empty string, not a leftover placeholder; optionally at most ``max_length`` long
    and matching ``pattern`` (``example`` shows what matches)."""

    max_length: int | None = None
    pattern: str | None = None
    example: str | None = None


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
        return ((self.alternatives,) if self.alternatives else ()) + self.choices

    def field(self, name: str) -> FieldSpec | None:
        return self._by_name.get(name)

    @functools.cached_property
    def _by_name(self) -> dict[str, FieldSpec]:
        return {f.name: f for f in self.fields}


@dataclass(frozen=True)
class MapOf:
    """A mapping from ids (matching ``key_pattern``) to values of one type."""

    value: Spec
    key_pattern: str = SLUG_PATTERN
    min_items: int = 0
    max_items: int | None = None


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
            'Which series of the measure, when it has several, e.g. "Shanghai".',
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
        FieldSpec("title_zh", Text(), False, "The title in Chinese."),
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


# --- the model, built from checked values ----------------------------------------------
#
# The validator hands these the values its checks returned, so they trust
# their types and fill the dataclasses above.


def vocabulary_from(values: dict) -> Vocabulary:
    lanes = {k: Lane(k, v["label"], v["order"], v["colour"]) for k, v in values["lanes"].items()}
    lanes = dict(sorted(lanes.items(), key=lambda kv: (kv[1].order, kv[0])))
    kinds = {k: Kind(k, v["label"], v["symbol"]) for k, v in values["kinds"].items()}
    tags = {k: Tag(k, v["label"]) for k, v in values.get("tags", {}).items()}
    measures = {
        k: Measure(k, v["label"], v["unit"], v["counts"], v.get("scope"))
        for k, v in values.get("measures", {}).items()
    }
    return Vocabulary(lanes, kinds, tags, measures, years_from(values))


def years_from(values: dict) -> tuple[int, int]:
    years = values.get("years") or {}
    return (years.get("first", DEFAULT_YEARS[0]), years.get("last", DEFAULT_YEARS[1]))


def bibliography_from(values: dict) -> dict[str, BibEntry]:
    return {
        key: BibEntry(
            key,
            v["title"],
            tuple(v.get("authors", ())),
            v.get("venue"),
            v["date"].text if "date" in v else None,
            v.get("url"),
        )
        for key, v in sorted(values.items())
    }


def figure_from(values: dict, measures: dict[str, Measure]) -> Figure:
    measure = measures.get(values["measure"])
    return Figure(
        **values, label=measure.label if measure else "", unit=measure.unit if measure else ""
    )


def event_from(
    event_id: str, display: str, values: dict, body: str, measures: dict[str, Measure]
) -> Event:
    return Event(
        id=event_id,
        path=display,
        title=values["title"],
        date=values["date"],
        end=values.get("end"),
        lane=values["lane"],
        kind=values["kind"],
        summary=values["summary"],
        sources=[Source(**s) for s in values["sources"]],
        title_zh=values.get("title_zh"),
        actors=values.get("actors", []),
        places=values.get("places", []),
        tags=values.get("tags", []),
        related=values.get("related", []),
        highlight=values.get("highlight", False),
        figures=[figure_from(f, measures) for f in values.get("figures", [])],
        body=body,
    )
