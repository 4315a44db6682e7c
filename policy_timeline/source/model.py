"""The validated model every later stage reads: events, vocabulary, bibliography.

Objects here are only ever built from input that passed validation
(``policy_timeline.source.validate``), so renderers and exporters can trust their types.
The file formats they are read from are declared in ``policy_timeline.source.formats``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from policy_timeline.source import language_tags
from policy_timeline.source.dates import PartialDate
from policy_timeline.source.errors import Problem

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


# Events are dated within these years unless the vocabulary's `years` says otherwise.
DEFAULT_YEARS = (1900, 2100)

# target: promised for the year; forecast: stated before the year it is about;
# estimate: stated during or after the year it is about (the validator refuses a forecast
# stated in or after its year; the charts say which of the two an estimate is); actual: counted.
FIGURE_TYPES = ("target", "forecast", "estimate", "actual")


@dataclass(frozen=True)
class Title:
    """An event's title in another language: its BCP 47 tag, the text and the
    direction its script runs (``ltr`` or ``rtl``), for ``lang`` and ``dir``."""

    lang: str
    text: str
    dir: str


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
    # Titles in other languages, by BCP 47 tag, in the file's order.
    titles: dict[str, str] = field(default_factory=dict)
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    highlight: bool = False
    figures: list[Figure] = field(default_factory=list)
    body: str = ""  # Markdown, unrendered and unsanitised
    # What the file still writes in a deprecated form (title_zh): valid, told, not refused.
    warnings: list[Problem] = field(default_factory=list)

    @property
    def other_titles(self) -> list[Title]:
        """The titles in other languages, each with its language and direction."""
        return [Title(tag, text, language_tags.direction(tag)) for tag, text in self.titles.items()]

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

    @property
    def warnings(self) -> list[Problem]:
        """What the event files still write in a deprecated form, file by file."""
        return [warning for event in self.events for warning in event.warnings]


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
        titles=(
            {"zh": values["title_zh"], **values.get("titles", {})}
            if "title_zh" in values
            else dict(values.get("titles", {}))
        ),
        actors=values.get("actors", []),
        places=values.get("places", []),
        tags=values.get("tags", []),
        related=values.get("related", []),
        highlight=values.get("highlight", False),
        figures=[figure_from(f, measures) for f in values.get("figures", [])],
        body=body,
    )
