"""Partial dates: a year, a month or a day, and never more precise than that.

An event dated ``2009`` is the year 2009, not 1 January 2009. Everything that
shows, sorts, plots or exports a date goes through :class:`PartialDate` so the
precision is kept end to end.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from functools import cached_property

YEAR, MONTH, DAY = "year", "month", "day"

# ASCII digits only ("\d" is any script's digit), and the whole string (no "$", which matches
# before a final newline).
_DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class DateError(ValueError):
    """A date that is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` on the calendar."""


@dataclass(frozen=True, order=True)
class PartialDate:
    # Its text and days are asked for again and again (every page that lists the event,
    # the layout at each level): each is worked out once (functools.cached_property keeps
    # it beside the fields, which alone make a date's equality, order and hash).
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read a front-matter date.

        YAML hands us an int for ``2009`` and a ``datetime.date`` for an
        unquoted ``2017-07-20``; both are read back as the text the
        contributor wrote. A ``datetime`` (a time of day) is refused.
        """
        if isinstance(value, bool):
            raise DateError(f"{value!r} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD")
        if isinstance(value, _dt.datetime):
            raise DateError("a date with a time of day; expected YYYY, YYYY-MM or YYYY-MM-DD")
        if isinstance(value, _dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int):
            text = str(value)
        elif isinstance(value, str):
            text = value.strip()
        else:
            raise DateError(
                f"{type(value).__name__} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"
            )
        match = _DATE_RE.fullmatch(text)
        if not match:
            raise DateError(
                f"{text!r} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD "
                "(with leading zeros, no time)"
            )
        year = int(match.group(1))
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        if year < 1:
            raise DateError(f"{text!r}: there is no year 0")
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"{text!r}: month {month} is not on the calendar (01-12)")
        if day is not None and month is not None:  # _DATE_RE: a day only after a month
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise DateError(
                    f"{text!r}: day {day} is not on the calendar "
                    f"({MONTH_NAMES[month - 1]} {year} has {last} days)"
                )
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        if self.day is not None:
            return DAY
        if self.month is not None:
            return MONTH
        return YEAR

    @cached_property
    def text(self) -> str:
        """The ISO form at the date's own precision: ``2009``, ``2017-07``, ``2017-07-20``."""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        return out

    def __str__(self) -> str:
        return self.text

    @property
    def display(self) -> str:
        """For readers: ``2009``, ``July 2017``, ``20 July 2017``."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTH_NAMES[self.month - 1]} {self.year}"
        return f"{self.day} {MONTH_NAMES[self.month - 1]} {self.year}"

    @cached_property
    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @cached_property
    def last_day(self) -> _dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return _dt.date(self.year, month, day)

    @cached_property
    def midpoint(self) -> _dt.date:
        """Where a point event sits on a time axis: the middle of what it covers."""
        first, last = self.first_day, self.last_day
        return first + (last - first) // 2

    @property
    def sort_key(self) -> tuple[int, int, int]:
        # A year sorts before its months, a month before its days.
        return (self.year, self.month or 0, self.day or 0)


def format_span(start: PartialDate, end: PartialDate | None) -> str:
    """A date or a period at its precision: ``2009``, ``2016–2020``, ``May 2016 – June 2017``."""
    if end is None or end == start:
        return start.display
    if start.precision == YEAR and end.precision == YEAR:
        return f"{start.year}\u2013{end.year}"
    return f"{start.display} \u2013 {end.display}"


def format_date(day: _dt.date) -> str:
    """A calendar date for readers: ``22 November 2026``."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def today() -> _dt.date:
    """The build's 'today', pinned by ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.UTC).date()
    return _dt.date.today()
