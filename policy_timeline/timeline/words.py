"""What the timeline's drawings say, in the site's language.

The SVG and the data of the Plotly chart write a few words of the interface (an
event's date in its hover text, a "+N" badge's "N more events: zoom in").
They take them from ``words``, which the renderer that draws gives them: the
site's message catalogue (``render.catalogue.Messages`` is one), so that this
layer needs nothing from the one above it. Without it they write English.
"""

from __future__ import annotations

from typing import Protocol

from policy_timeline.source.dates import PartialDate, format_span


class Words(Protocol):
    def t(self, key: str, **values: object) -> str: ...

    def plural(self, key: str, n: int, **values: object) -> str: ...

    def span(self, start: PartialDate, end: PartialDate | None) -> str: ...


def span(words: Words | None, start: PartialDate, end: PartialDate | None) -> str:
    """A date or a period (``2009``, ``May 2016 – June 2017``), in the site's language."""
    return words.span(start, end) if words is not None else format_span(start, end)


def year_span(words: Words | None, first: int, last: int) -> str:
    """The years a "+N" badge covers: ``2016`` or ``2016–2018``."""
    if words is None:
        return str(first) if first == last else f"{first}\u2013{last}"
    if first == last:
        return words.t("dates.year", year=first)
    return words.t("dates.span_years", start=first, end=last)


def more_events(words: Words | None, n: int, when: str | None = None) -> str:
    """A "+N" badge's hover: ``3 more events, 2016–2018: zoom in to see them``."""
    if words is None:
        noun, them = ("event", "it") if n == 1 else ("events", "them")
        return f"{n} more {noun}" + (f", {when}" if when else "") + f": zoom in to see {them}"
    if when is None:
        return words.plural("timeline.more", n)
    return words.plural("timeline.cluster", n, when=when)
