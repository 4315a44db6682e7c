"""The validated model every later stage reads: events, vocabulary, bibliography.

Objects here are only ever built from input that passed validation
(``macros.validate``), so renderers and exporters can trust their types.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .dates import PartialDate


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
class Vocabulary:
    lanes: dict[str, Lane]   # in display order
    kinds: dict[str, Kind]
    tags: dict[str, Tag]

    def lanes_in_order(self) -> list[Lane]:
        return sorted(self.lanes.values(), key=lambda lane: (lane.order, lane.id))


# --- bibliography ------------------------------------------------------------

@dataclass(frozen=True)
class BibEntry:
    key: str
    title: str
    authors: tuple[str, ...] = ()
    venue: str | None = None      # journal, blog, or publisher
    date: str | None = None       # as given: "2020", "2018-12-06"
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
    label: str
    value: float
    unit: str
    year: int
    type: str  # "target" | "estimate" | "actual"


FIGURE_TYPES = ("target", "estimate", "actual")


@dataclass
class Event:
    id: str
    path: str                  # as reported in errors, e.g. "events/2017/2017-07-x.md"
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
    body: str = ""             # Markdown, unrendered and unsanitised

    @property
    def is_period(self) -> bool:
        return self.end is not None and self.end != self.date

    def is_target(self, today) -> bool:
        """A target is drawn apart from what happened: kind ``target`` or dated after today."""
        return self.kind == "target" or self.date.first_day > today

    @property
    def sort_key(self) -> tuple:
        return (self.date.sort_key, self.id)


@dataclass
class Project:
    """Everything one build reads, validated: the input of ``index`` and the renderers."""
    events_dir: Path
    events: list[Event]          # in chronological order (Event.sort_key)
    vocabulary: Vocabulary
    bibliography: dict[str, BibEntry]
