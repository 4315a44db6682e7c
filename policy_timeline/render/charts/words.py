"""The charts' words, plain text in the site's language (``catalogues/<lang>/charts.yml``):
what the figures (Plotly's text) and the blocks (escaped by the templates) both say."""

from __future__ import annotations

from policy_timeline.render.catalogue import Messages
from policy_timeline.render.charts.counts import Stated, year_runs
from policy_timeline.render.templates import and_list
from policy_timeline.source.amounts import format_number


def years_text(messages: Messages, years: list[int]) -> str:
    """2020, 2021 and 2025 -> "2020–2021 and 2025"."""
    runs = [str(a) if a == b else f"{a}\u2013{b}" for a, b in year_runs(years)]
    return and_list(runs, messages=messages)


def when_stated(messages: Messages, stated: Stated) -> str:
    """ "during 2019", "after 2019" (``Stated.when``)."""
    return messages.t(f"charts.stated.{stated.when}", years=stated.figure.years)


class _Whole(int):
    """A whole number that prints as numbers are written (12,500)."""

    def __str__(self) -> str:
        return format_number(self)


def plural_number(messages: Messages, key: str, n: float, **values: object) -> str:
    """``key``'s plural for ``n``, written as numbers are (12,500 or 1.5): a number that is
    not whole takes the form "other"."""
    if float(n).is_integer():
        return messages.plural(key, _Whole(n), **values)
    return messages.t(f"{key}.other", **values, n=format_number(n))


def plans(messages: Messages, n: float) -> str:
    """ "1 plan", "11 plans"."""
    return plural_number(messages, "charts.plans.count", n)
