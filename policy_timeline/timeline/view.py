"""A view of the timeline: the lanes, kinds, tags, years and words it shows.

The names are the URL parameters of every timeline (``lanes``, ``kinds``,
``tags``, ``from``, ``to``, ``q``); ``timeline.js`` reads the same names from
the address and applies them as :meth:`TimelineFilter.shows` and
:meth:`TimelineFilter.matches` do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from policy_timeline.source.dates import PartialDate
from policy_timeline.source.model import Event, Vocabulary

# Lanes, kinds or tags as a page names them: one id, or a list of ids (None: all).
Names = str | Iterable[str] | None


class FilterError(ValueError):
    """A timeline filter names something the vocabulary does not have."""


@dataclass(frozen=True)
class TimelineFilter:
    """A view of the timeline: which events it shows, and the time it spans.

    The same names as the URL parameters of every timeline (``lanes``,
    ``kinds``, ``tags``, ``from``, ``to``, ``q``); ``timeline.js`` applies
    them the same way as :meth:`matches`.
    """

    lanes: tuple[str, ...] = ()  # empty: all
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    start: PartialDate | None = None
    end: PartialDate | None = None
    q: str = ""

    @classmethod
    def parse(
        cls,
        vocabulary: Vocabulary,
        *,
        lanes: Names = None,
        kinds: Names = None,
        tags: Names = None,
        start: object = None,
        end: object = None,
        q: object = None,
    ) -> TimelineFilter:
        """Check macro arguments against the vocabulary; a typo fails the build, loudly.

        ``start`` and ``end`` are dates as an event's are written (``2009``, ``"2017-07"``);
        ``q`` is words to search for."""

        def ids(values: Names, known: list[str], what: str) -> tuple[str, ...]:
            values = [values] if isinstance(values, str) else list(values or ())
            unknown = [v for v in values if v not in known]
            if unknown:
                raise FilterError(
                    f"timeline: unknown {what} {unknown}; events/vocabulary.yml has {sorted(known)}"
                )
            # Vocabulary order, so equal filters give equal output.
            return tuple(k for k in known if k in values)

        def date(value: object) -> PartialDate | None:
            return None if value is None else PartialDate.parse(value)

        lane_ids = [lane.id for lane in vocabulary.lanes_in_order()]
        result = cls(
            ids(lanes, lane_ids, "lanes"),
            ids(kinds, list(vocabulary.kinds), "kinds"),
            ids(tags, list(vocabulary.tags), "tags"),
            date(start),
            date(end),
            " ".join(str(q or "").split()),
        )
        if result.start and result.end and result.start.first_day > result.end.last_day:
            raise FilterError(f"timeline: start {result.start} is after end {result.end}")
        return result

    @property
    def is_empty(self) -> bool:
        return self == TimelineFilter()

    def shows(self, event: Event) -> bool:
        """Drawn in the view: of its lanes, kinds and tags, and found by its search.

        The time range is not a filter of what is drawn: it is where the view
        looks (zooming and panning change it), and rows would jump as it moved.
        """
        if self.lanes and event.lane not in self.lanes:
            return False
        if self.kinds and event.kind not in self.kinds:
            return False
        if self.tags and not set(self.tags) & set(event.tags):
            return False
        return not self.q or all(word in search_text(event) for word in self.q.casefold().split())

    def matches(self, event: Event) -> bool:
        """Counted and listed in the view: drawn, and within its time range."""
        if self.start and (event.end or event.date).last_day < self.start.first_day:
            return False
        if self.end and event.date.first_day > self.end.last_day:
            return False
        return self.shows(event)

    def params(self) -> list[tuple[str, str]]:
        """As URL parameters (every timeline, the embed and its builder read these names)."""
        out = [
            (name, ",".join(values))
            for name, values in (("lanes", self.lanes), ("kinds", self.kinds), ("tags", self.tags))
            if values
        ]
        out += [(name, d.text) for name, d in (("from", self.start), ("to", self.end)) if d]
        if self.q:
            out.append(("q", self.q))
        return out


def search_text(event: Event) -> str:
    """What the search box looks in: the title, the titles in other languages and the
    summary."""
    return " ".join(filter(None, (event.title, *event.titles.values(), event.summary))).casefold()
