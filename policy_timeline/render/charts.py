"""The analysis pages' charts: one chart per measure of the events' figures, and plans
per year by lane.

Each chart's data is written once per build (``chart_files``) as a JSON file
of ``{"charts": {key: plotly figure}}``; a page's macro writes a container
naming its file and key, a caption that says what the chart shows, and the
table of the same numbers beneath it.

Two rules keep a chart's figures meaning one thing: a chart draws one measure
(never two on one axis), and a figure is drawn as what it is: a target hollow
at its deadline, a forecast as a range labelled with when it was made, an
estimate or an actual figure solid, a figure for several years across them.
Lines join only figures of one series and one type.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from policy_timeline import urls
from policy_timeline.render.timeline_block import plot_container
from policy_timeline.source.amounts import figure_amount, format_number
from policy_timeline.source.model import (
    FIGURE_TYPES,
    Event,
    Figure,
    Lane,
    Measure,
    Project,
    Vocabulary,
)
from policy_timeline.source.sanitize import esc
from policy_timeline.source.settings import AnalysisSettings
from policy_timeline.timeline.plotly_json import figure_json, plotly_text

if TYPE_CHECKING:
    from policy_timeline.build import Build

PLANS_CHART = "plans"

CHART_HEIGHT = 360
GRID = "rgba(127, 127, 127, 0.3)"  # reads on the light and the dark scheme alike
# What a mark means, for the captions: the same glyphs as the chart's markers.
MARKS = {"target": "\u25cb", "forecast": "\u2503", "estimate": "\u25c6", "actual": "\u25cf"}
TYPE_WORDS = {
    "target": "hollow circles are targets, at their deadline",
    "forecast": "vertical bars are forecasts, from their low to their high end, labelled with "
    "the year they were made",
    "estimate": "diamonds are estimates, each labelled with when it was stated: during the "
    "year it is about or after it",
    "actual": "filled circles are actual figures",
}
SYMBOLS = {  # a forecast's range has a cap at each end; a period a tick at each end
    "target": "circle-open",
    "forecast": "line-ew",
    "estimate": "diamond",
    "actual": "circle",
}
PERIOD_SYMBOL = "line-ns"
PERIOD_MARK = "\u2508"
OUTCOME_TYPES = ("estimate", "actual")
PROMISE_TYPES = ("target", "forecast")


def _chart_layout(y_title: str, first: int, last: int, **extra: object) -> dict:
    span = last - first
    return {
        "height": CHART_HEIGHT,
        "margin": {"l": 10, "r": 20, "t": 20, "b": 30},
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        "showlegend": False,
        # Whole years only: a tick at 2018.5 would read "2018" twice.
        "xaxis": {
            "tickformat": "d",
            "dtick": max(1, math.ceil(span / 8)),
            "range": [first - 0.6, last + 0.6],
            "zeroline": False,
        },
        "yaxis": {
            "title": {"text": y_title},
            "automargin": True,
            "rangemode": "tozero",
            "gridcolor": GRID,
        },
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        **extra,
    }


def _chart_container(page_url: str, uri: str, key: str) -> str:
    # No role="img": Plotly's chart has buttons and links inside, which an
    # image may not; the table beneath is the accessible form of the numbers.
    return plot_container(page_url, "pt-chart", uri, [("chart", key)])


def _event_links(page_url: str, events: list[Event]) -> str:
    return "; ".join(
        f'<a href="{esc(urls.relative(page_url, urls.event_path(event.id)))}">'
        f"{esc(event.title)}</a>"
        for event in events
    )


def _years_text(years: list[int]) -> str:
    """2020, 2021 and 2025 -> "2020–2021 and 2025"."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}\u2013{r[-1]}" for r in runs]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# --- the events' figures, by measure --------------------------------------------


@dataclass
class Stated:
    """One distinct figure and every event that states it (a plan and the target event
    it set both carry the same target: it is drawn and listed once)."""

    figure: Figure
    events: list[Event]

    @property
    def lane(self) -> str:
        return self.events[0].lane

    @property
    def series(self) -> str:
        return self.figure.series or self.figure.label

    @property
    def made(self) -> int:
        """The year it was stated: the first event's."""
        return self.events[0].date.year


def _figure_key(fig: Figure) -> tuple:
    return (
        fig.first_year,
        fig.last_year,
        FIGURE_TYPES.index(fig.type),
        fig.series or "",
        fig.value if fig.value is not None else fig.low,
        fig.high or 0,
    )


def figures_by_measure(project: Project) -> dict[str, list[Stated]]:
    """{measure id: its distinct figures in year order}, measures in the vocabulary's order."""
    found: dict[str, dict[tuple, Stated]] = defaultdict(dict)
    for event in project.events:  # chronological, so each figure's first event is the earliest
        for fig in event.figures:
            key = (
                fig.measure,
                fig.series,
                fig.type,
                fig.value,
                fig.low,
                fig.high,
                fig.year,
                fig.period,
            )
            found[fig.measure].setdefault(key, Stated(fig, [])).events.append(event)
    return {
        measure: sorted(found[measure].values(), key=lambda s: _figure_key(s.figure))
        for measure in project.vocabulary.measures
        if measure in found
    }


def when_stated(stated: Stated) -> str:
    """Whether an estimate was stated during the year (or years) it is about or after it, from
    the date of the first event that states it: "during 2019", "after 2019"."""
    fig = stated.figure
    year = stated.events[0].date.year
    if year < fig.first_year:  # a forecast in all but name; the caption says so
        return f"before {fig.years}"
    return f"{'during' if year <= fig.last_year else 'after'} {fig.years}"


def _hover(stated: Stated, measure: Measure) -> str:
    fig = stated.figure
    made = f", made in {stated.made}" if fig.type == "forecast" else ""
    if fig.type == "estimate":
        made = f", stated {when_stated(stated)} ({stated.events[0].date.display})"
    titles = "; ".join(plotly_text(event.title) for event in stated.events)
    return (
        f"<b>{plotly_text(stated.series)}</b><br>{fig.type} for {fig.years}{made}: "
        f"{plotly_text(figure_amount(fig))} {plotly_text(measure.unit)}<br>from: {titles}"
    )


def _label(stated: Stated) -> str:
    """The text drawn beside a mark: the number, and for a forecast when it was made."""
    fig = stated.figure
    text = figure_amount(fig)
    if fig.period:
        text += f" ({fig.years})"
    if fig.type == "forecast":
        text += f", made in {stated.made}"
    elif fig.type == "estimate":
        text += f", stated {when_stated(stated)}"
    return plotly_text(text)


def _segment(stated: Stated) -> tuple[list, list]:
    """The ends of a range (vertical) or a period (across its years)."""
    fig = stated.figure
    if fig.is_range:
        return [fig.first_year, fig.first_year], [fig.low, fig.high]
    return [fig.first_year, fig.last_year], [fig.value, fig.value]


def _measure_traces(
    items: list[Stated], measure: Measure, colours: dict[str, str], last_year: int
) -> list[dict]:
    """One trace per (series, type, lane) for single-year values; one per range or period."""
    traces = []
    groups: dict[tuple, list[Stated]] = defaultdict(list)
    # A range's label is on its right: a single value in the same year is labelled on the left.
    ranged = {s.figure.first_year for s in items if s.figure.is_range}
    for stated in items:
        fig = stated.figure
        if fig.is_range or fig.period:
            traces.append(_segment_trace(stated, measure, colours))
        else:
            groups[(stated.series, fig.type, stated.lane)].append(stated)
    for (series, kind, lane), group in groups.items():
        # Only actual figures and estimates of one series are joined: a line between
        # targets, or between a target and an outcome, would read as a trend.
        joined = kind in OUTCOME_TYPES and len(group) > 1
        traces.append(
            {
                "type": "scatter",
                "mode": ("lines+" if joined else "") + "markers+text",
                "name": plotly_text(series),
                "x": [s.figure.year for s in group],
                "y": [s.figure.value for s in group],
                "text": [_label(s) for s in group],
                "textposition": [
                    "middle left"
                    if s.figure.first_year >= last_year or s.figure.first_year in ranged
                    else "middle right"
                    for s in group
                ],
                "cliponaxis": False,
                "line": {"color": colours[lane], "width": 2},
                "marker": {
                    "symbol": SYMBOLS[kind],
                    "size": 11,
                    "color": colours[lane],
                    "line": {"width": 2, "color": colours[lane]},
                },
                "customdata": [[urls.event_path(s.events[0].id)] for s in group],
                "hovertext": [_hover(s, measure) for s in group],
                "hoverinfo": "text",
                "meta": kind,
            }
        )
    return traces


def _segment_trace(stated: Stated, measure: Measure, colours: dict[str, str]) -> dict:
    fig = stated.figure
    colour = colours[stated.lane]
    # A range is a solid bar between two caps; a period, whatever its type, a dotted
    # span between two ticks.
    symbol, dash = (SYMBOLS[fig.type], "solid") if fig.is_range else (PERIOD_SYMBOL, "dot")
    x, y = _segment(stated)
    return {
        "type": "scatter",
        "mode": "lines+markers+text",
        "name": plotly_text(stated.series),
        "x": x,
        "y": y,
        # The label at the high end of a range, at the start of a period.
        "text": ["", _label(stated)] if fig.is_range else [_label(stated), ""],
        "textposition": "middle right" if fig.is_range else "top right",
        "cliponaxis": False,
        "line": {"dash": dash, "color": colour, "width": 4 if fig.is_range else 2},
        "marker": {
            "symbol": symbol,
            "size": 16 if fig.is_range else 14,
            "color": colour,
            "line": {"width": 2, "color": colour},
        },
        "customdata": [[urls.event_path(stated.events[0].id)]] * 2,
        "hovertext": [_hover(stated, measure)] * 2,
        "hoverinfo": "text",
        "meta": fig.type,
    }


def measure_chart(items: list[Stated], measure: Measure, vocabulary: Vocabulary) -> dict:
    """The Plotly figure of one measure: every figure of it, none of any other."""
    colours = {lane.id: lane.colour for lane in vocabulary.lanes.values()}
    first = min(s.figure.first_year for s in items)
    last = max(s.figure.last_year for s in items)
    data = _measure_traces(items, measure, colours, last)
    return {"data": data, "layout": _chart_layout(plotly_text(measure.unit), first, last)}


def figures_charts(project: Project) -> dict:
    """A chart for each measure with more than one figure; one figure is a table row."""
    measures = project.vocabulary.measures
    return {
        "charts": {
            measure: measure_chart(items, measures[measure], project.vocabulary)
            for measure, items in figures_by_measure(project).items()
            if len(items) > 1
        }
    }


def outcome_note(items: list[Stated], measure: Measure, today: _dt.date) -> str:
    """Says plainly for which promised years no outcome is known ("" when none is promised)."""
    promised = {
        year
        for s in items
        if s.figure.type in PROMISE_TYPES
        for year in range(s.figure.first_year, s.figure.last_year + 1)
    }
    if not promised:
        return ""
    known = {
        year
        for s in items
        if s.figure.type in OUTCOME_TYPES
        for year in range(s.figure.first_year, s.figure.last_year + 1)
    }
    due = sorted(y for y in promised if y <= today.year)
    unknown = [y for y in due if y not in known]
    coming = sorted(y for y in promised if y > today.year)
    parts = []
    if unknown:
        parts.append(
            f"No known outcome for {_years_text(unknown)}: no source here gives an "
            f"estimate made after the fact or an actual figure for "
            f"{'that year' if len(unknown) == 1 else 'those years'}."
        )
    answered = [y for y in due if y in known]
    if answered:
        parts.append(f"An estimate or actual figure exists for {_years_text(answered)}.")
    if coming:
        parts.append(f"{_years_text(coming)} {'is' if len(coming) == 1 else 'are'} still to come.")
    return f'<p class="pt-outcome"><strong>Outcome.</strong> {" ".join(parts)}</p>'


def _swatch(colour: str, mark: str = "\u25a0") -> str:
    return f'<span class="pt-mark" style="color:{esc(colour)}" aria-hidden="true">{mark}</span>'


def _series_list(items: list[Stated], vocabulary: Vocabulary) -> str:
    """The caption's key: each series with its mark, in its colour, and its numbers."""
    entries: dict[tuple, list[Stated]] = defaultdict(list)
    for stated in items:
        entries[
            (stated.figure.type, stated.series, stated.lane, stated.figure.period is not None)
        ].append(stated)
    parts = []
    for (kind, series, lane, period), group in entries.items():
        numbers = ", ".join(
            f"{figure_amount(s.figure)} ({f'{kind}, ' if period else ''}{s.figure.years}"
            + (f", stated {when_stated(s)}" if kind == "estimate" else "")
            + ")"
            for s in group
        )
        mark = PERIOD_MARK if period else MARKS[kind]
        parts.append(
            f"{_swatch(vocabulary.lanes[lane].colour, mark)} {esc(series)}: {esc(numbers)}"
        )
    return "; ".join(parts)


def _caption(
    items: list[Stated],
    measure: Measure,
    vocabulary: Vocabulary,
    today: _dt.date,
    charted: bool,
) -> str:
    parts = [
        f"<p><strong>What it counts.</strong> {esc(measure.counts)} Unit: {esc(measure.unit)}.</p>"
    ]
    if measure.scope:
        parts.append(f"<p><strong>Scope.</strong> {esc(measure.scope)}</p>")
    if charted:
        kinds = [k for k in FIGURE_TYPES if any(s.figure.type == k for s in items)]
        lanes = [
            lane for lane in vocabulary.lanes_in_order() if any(s.lane == lane.id for s in items)
        ]
        marks = "; ".join(TYPE_WORDS[k] for k in kinds)
        periods = (
            " A dotted line between two ticks, across several years, is one figure "
            "for all of them together, never a figure for each year."
            if any(s.figure.period for s in items)
            else ""
        )
        colours = ", ".join(f"{_swatch(lane.colour)} {esc(lane.label)}" for lane in lanes)
        parts.append(
            f"<p><strong>Marks.</strong> {marks[0].upper()}{marks[1:]}.{periods} "
            f"Colours are the lanes of the events that state them, as on the "
            f"timeline: {colours}.</p>"
        )
        parts.append(f"<p><strong>Series.</strong> {_series_list(items, vocabulary)}.</p>")
    parts.append(outcome_note(items, measure, today))
    return "".join(parts)


def _figures_table(items: list[Stated], measure: Measure, page_url: str) -> str:
    rows = "".join(
        f"<tr><td>{s.figure.years}</td><td>{esc(s.series)}</td><td>{s.figure.type}</td>"
        f'<td class="pt-number">{esc(figure_amount(s.figure))}</td>'
        f"<td>{_event_links(page_url, s.events)}</td></tr>"
        for s in items
    )
    return (
        f"<table><caption>{esc(measure.label)}, in {esc(measure.unit)}</caption><thead><tr>"
        '<th scope="col">Year</th><th scope="col">Series</th><th scope="col">Type</th>'
        f'<th scope="col">Value ({esc(measure.unit)})</th><th scope="col">Stated by</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def targets_and_outcomes_html(build: Build, page_url: str) -> str:
    """Per measure: a heading, the caption, the chart (when there is more than one figure)
    and a table of the same numbers with links to the events that state them."""
    project = build.project
    vocabulary = project.vocabulary
    parts = []
    for measure_id, items in figures_by_measure(project).items():
        measure = vocabulary.measures[measure_id]
        charted = len(items) > 1
        chart = _chart_container(page_url, urls.FIGURES_URI, measure_id) if charted else ""
        parts.append(
            f'<h2 id="{esc(measure_id)}">{esc(measure.label)}</h2>\n\n'
            f'<figure class="pt-measure">{chart}<figcaption>'
            f"{_caption(items, measure, vocabulary, build.today, charted)}"
            f"</figcaption></figure>" + _figures_table(items, measure, page_url)
        )
    if not parts:
        return "<p>No event has figures yet.</p>"
    return "\n\n".join(parts)


# --- plans per year, by lane -----------------------------------------------------


@dataclass
class Cell:
    """One lane's plans in one year."""

    count: float | None  # None: the lane is counted from figures and none is for this year
    events: list[Event] = field(default_factory=list)  # that give the count, or plans recorded


@dataclass
class PlansPerYear:
    lanes: list[Lane]  # in order
    years: list[int]
    cells: dict[tuple[str, int], Cell]
    from_figures: set[str]  # lanes counted from the plan measure's figures
    totals: list[tuple[str, Stated]]  # (lane, a figure for several years): not drawn
    # Lanes no source counts, where another lane's sources give counts (plan_measure):
    # not counted in any year, never drawn as zero and never counted from events.
    not_counted: set[str] = field(default_factory=set)

    def count(self, lane: str, year: int) -> float | None:
        return self.cells[lane, year].count


def _is_plan(event: Event, settings: AnalysisSettings, vocabulary: Vocabulary) -> bool:
    return (
        settings.plan_kind in vocabulary.kinds
        and event.kind == settings.plan_kind
        and (settings.plan_tag is None or settings.plan_tag in event.tags)
    )


def plans_per_year(project: Project, settings: AnalysisSettings) -> PlansPerYear:
    """Plans per year by lane: from the plan measure's counts in a lane whose sources give
    counts. Where some lane is counted so, a lane whose sources give no count is not counted
    in any year (None, not 0): a count of events is not a count of plans. Only where no source
    counts plans at all is each event of the plan kind carrying the plan tag one plan, as
    the caption says.

    A figure for several years (a two-year total) is never drawn as one year; in a lane
    counted from figures, a year without a count is not counted (None, not 0).
    """
    vocabulary = project.vocabulary
    counted: dict[str, dict[int, Stated]] = defaultdict(dict)
    totals: list[tuple[str, Stated]] = []
    if settings.plan_measure in vocabulary.measures:
        for stated in figures_by_measure(project).get(settings.plan_measure, []):
            if stated.figure.type not in OUTCOME_TYPES or stated.figure.is_range:
                continue
            if stated.figure.period:
                totals.append((stated.lane, stated))
            else:  # the first count a lane gives for a year stands
                counted[stated.lane].setdefault(stated.figure.first_year, stated)
    plans: dict[str, dict[int, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for event in project.events:
        if _is_plan(event, settings, vocabulary):
            plans[event.lane][event.date.year].append(event)
    years = {y for by_year in counted.values() for y in by_year}
    years |= {y for by_year in plans.values() for y in by_year}
    years |= {year for _, s in totals for year in (s.figure.first_year, s.figure.last_year)}
    from_figures = set(counted) | {lane for lane, _ in totals}
    # Counted from sources: some lane's sources give counts (figures of plan_measure).
    by_sources = bool(from_figures)
    lanes = [
        lane for lane in vocabulary.lanes_in_order() if lane.id in from_figures or lane.id in plans
    ]
    span = list(range(min(years), max(years) + 1)) if years else []
    cells: dict[tuple[str, int], Cell] = {}
    for lane in lanes:
        for year in span:
            recorded = plans[lane.id].get(year, [])
            if lane.id in from_figures:
                given = counted[lane.id].get(year)
                cells[lane.id, year] = (
                    Cell(given.figure.value, given.events) if given else Cell(None, recorded)
                )
            elif by_sources:
                cells[lane.id, year] = Cell(None, recorded)
            else:
                cells[lane.id, year] = Cell(len(recorded), recorded)
    not_counted = {lane.id for lane in lanes if by_sources and lane.id not in from_figures}
    return PlansPerYear(lanes, span, cells, from_figures, totals, not_counted)


def _plural(n: float, word: str) -> str:
    return f"{format_number(n)} {word}{'' if n == 1 else 's'}"


NOT_COUNTED = "not counted"
BARGAP = 0.2  # the gap between years' groups of bars, as a share of a year


def _slot(plans: PlansPerYear, lane_id: str) -> float:
    """Where a lane's bar sits in its year's group (barmode "group"), from the year's middle."""
    index = [lane.id for lane in plans.lanes].index(lane_id)
    width = (1 - BARGAP) / len(plans.lanes)
    return round(-(1 - BARGAP) / 2 + (index + 0.5) * width, 4)


def plans_chart(plans: PlansPerYear, paged: Collection[int] = frozenset()) -> dict:
    """Bars of plans per year by lane. Where no source gives a number, no bar: the words
    "not counted" stand in the bar's place, and an open circle on the axis marks a year
    with plans on this timeline. A bar links the event that gives its count, or the year's
    page when the year has one (``paged``)."""
    data: list[dict] = []
    annotations: list[dict] = []
    for lane in plans.lanes:
        by_figures = lane.id in plans.from_figures
        values = [plans.count(lane.id, year) for year in plans.years]
        label = plotly_text(lane.label)
        hover = []
        for year, n in zip(plans.years, values):
            if n is None:
                hover.append(f"{year}: {NOT_COUNTED}, {label}: no source gives a number")
            else:
                source = "the sources' count" if by_figures else "plans on this timeline"
                hover.append(f"{year}: {_plural(n, 'plan')}, {label} ({source})")
        data.append(
            {
                "type": "bar",
                "name": label + (f": {NOT_COUNTED}" if lane.id in plans.not_counted else ""),
                "x": plans.years,
                "y": values,
                "marker": {"color": lane.colour},
                "customdata": [
                    [
                        urls.event_path(plans.cells[lane.id, year].events[0].id)
                        if by_figures and plans.cells[lane.id, year].count is not None
                        else urls.year_path(year)
                        if year in paged
                        else None
                    ]
                    for year in plans.years
                ],
                "hovertext": hover,
                "hoverinfo": "text",
            }
        )
        slot = _slot(plans, lane.id)
        for year in plans.years:
            if plans.count(lane.id, year) is None:
                # In the bar's place, upright, above the open circle if there is one.
                annotations.append(
                    {
                        "x": round(year + slot, 4),
                        "y": 0,
                        "xref": "x",
                        "yref": "y",
                        "text": NOT_COUNTED,
                        "textangle": -90,
                        "yanchor": "bottom",
                        "yshift": 10 if plans.cells[lane.id, year].events else 2,
                        "showarrow": False,
                        "font": {"size": 10, "color": lane.colour},
                        "hovertext": f"{year}: {NOT_COUNTED}, {label}",
                    }
                )
        uncounted = [
            year
            for year in plans.years
            if plans.count(lane.id, year) is None and plans.cells[lane.id, year].events
        ]
        if uncounted:
            data.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "name": "Plans recorded, not counted",
                    "x": [round(year + slot, 4) for year in uncounted],
                    "y": [0] * len(uncounted),
                    "cliponaxis": False,
                    "showlegend": False,
                    "marker": {
                        "symbol": "circle-open",
                        "size": 12,
                        "color": lane.colour,
                        "line": {"width": 2, "color": lane.colour},
                    },
                    "customdata": [
                        [urls.event_path(plans.cells[lane.id, y].events[0].id)] for y in uncounted
                    ],
                    "hovertext": [
                        f"{year}: plans on this timeline, {NOT_COUNTED}: "
                        + "; ".join(plotly_text(e.title) for e in plans.cells[lane.id, year].events)
                        for year in uncounted
                    ],
                    "hoverinfo": "text",
                }
            )
    first, last = (plans.years[0], plans.years[-1]) if plans.years else (0, 0)
    layout = _chart_layout("Plans", first, last, barmode="group", bargap=BARGAP, showlegend=True)
    layout["annotations"] = annotations
    layout["xaxis"]["dtick"] = 1 if last - first <= 12 else layout["xaxis"]["dtick"]
    layout["legend"] = {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"}
    layout["margin"]["t"] = 30
    # Whole numbers only: there is no 0.2 of a plan.
    most = max((c.count for c in plans.cells.values() if c.count is not None), default=1)
    dtick = max(1, math.ceil(most / 5))
    layout["yaxis"]["dtick"] = dtick
    # Up to the tick above the tallest bar, so the axis names a number above every bar.
    layout["yaxis"]["range"] = [0, math.ceil(most / dtick) * dtick + (0 if most % dtick else dtick)]
    return {"data": data, "layout": layout}


def by_year_charts(project: Project, settings: AnalysisSettings) -> dict:
    plans = plans_per_year(project, settings)
    paged = {year for event in project.events for year in event.years}
    return {"charts": {PLANS_CHART: plans_chart(plans, paged)} if plans.years else {}}


def _lag_sentence(project: Project, settings: AnalysisSettings, page_url: str) -> str:
    vocabulary = project.vocabulary
    national = next((e for e in project.events if e.id == settings.national_plan), None)
    if national is None or settings.local_lane not in vocabulary.lanes:
        return ""

    def link(event: Event) -> str:
        href = urls.relative(page_url, urls.event_path(event.id))
        return f'<a href="{esc(href)}">{esc(event.title)}</a> ({esc(event.date.display)})'

    # project.events is chronological, so the first match is the earliest.
    first_local = next(
        (
            e
            for e in project.events
            if e.lane == settings.local_lane and _is_plan(e, settings, vocabulary)
        ),
        None,
    )
    lane_label = esc(vocabulary.lanes[settings.local_lane].label)
    what = esc(
        vocabulary.kinds[settings.plan_kind].label.lower()
        if settings.plan_kind in vocabulary.kinds
        else "plan"
    )
    if settings.plan_tag in vocabulary.tags:
        what += f" tagged “{esc(vocabulary.tags[settings.plan_tag].label)}”"
    if first_local is None:
        return (
            f'<p class="pt-finding">No {what} is recorded in the lane “{lane_label}”; '
            f"the national one is {link(national)}.</p>"
        )
    gap = national.date.year - first_local.date.year
    years = f"{abs(gap)} year{'' if abs(gap) == 1 else 's'}"
    when = f"{years} before" if gap > 0 else f"{years} after" if gap < 0 else "in the same year as"
    return (
        f'<p class="pt-finding">The first {what} in the lane “{lane_label}”, '
        f'{link(first_local)}, came <strong class="pt-gap">{when}</strong> the national '
        f"plan, {link(national)}.</p>"
    )


def _tag_words(settings: AnalysisSettings, vocabulary: Vocabulary) -> str:
    if settings.plan_tag in vocabulary.tags:
        return f" tagged “{esc(vocabulary.tags[settings.plan_tag].label)}”"
    return ""


def _plans_caption(plans: PlansPerYear, project: Project, settings: AnalysisSettings) -> str:
    vocabulary = project.vocabulary
    parts = []
    for lane in plans.lanes:
        if lane.id in plans.from_figures:
            # A lane is counted from figures only when plan_measure is a measure.
            assert settings.plan_measure is not None
            measure = vocabulary.measures[settings.plan_measure]
            parts.append(
                f"<p><strong>{esc(lane.label)}.</strong> {esc(measure.counts)} "
                "A year without a count says “not counted”: it is not drawn as zero. An "
                "open circle on the axis marks a year with plans on this timeline but no "
                f"number.{' ' + esc(measure.scope) if measure.scope else ''}</p>"
            )
        elif lane.id in plans.not_counted:
            assert settings.plan_kind is not None
            parts.append(
                f"<p><strong>{esc(lane.label)}: not counted.</strong> No source gives a "
                "number of these plans for any year, so no bar is drawn, not even zero: a "
                "count of the events on this timeline is not a count of plans. An open "
                f"circle on the axis marks a year with an event of kind "
                f"“{esc(vocabulary.kinds[settings.plan_kind].label)}”{_tag_words(settings, vocabulary)} "
                "on this timeline.</p>"
            )
        else:
            # A lane is counted from events only when they are plans: plan_kind is a kind.
            assert settings.plan_kind is not None
            kind = esc(vocabulary.kinds[settings.plan_kind].label)
            tag = _tag_words(settings, vocabulary)
            parts.append(
                f"<p><strong>{esc(lane.label)}.</strong> No source counts these "
                f"plans: each event of kind “{kind}”{tag} on this timeline counts "
                "as one.</p>"
            )
    for lane_id, stated in plans.totals:
        fig = stated.figure
        assert fig.value is not None  # a total is a count, never a range (plans_per_year)
        yearly = [plans.count(lane_id, y) for y in range(fig.first_year, fig.last_year + 1)]
        given = [n for n in yearly if n is not None]
        if len(given) == len(yearly) and sum(given) == fig.value:
            check = f"the sum of the yearly counts ({' + '.join(format_number(n) for n in given)})"
        else:
            check = "not the sum of yearly counts, which the sources do not all give"
        parts.append(
            f"<p><strong>{esc(vocabulary.lanes[lane_id].label)}, {fig.years}.</strong> "
            f"The total of {_plural(fig.value, 'plan')} for {fig.years} is not drawn "
            f"as a single year: it is {check}.</p>"
        )
    return "".join(parts)


def _plans_table(plans: PlansPerYear, project: Project, page_url: str) -> str:
    def cell(lane: Lane, year: int) -> str:
        c = plans.cells[lane.id, year]
        if c.count is None:
            text = f"{NOT_COUNTED}, plans recorded" if c.events else NOT_COUNTED
            return f'<td class="pt-number pt-uncounted">{text}</td>'
        number = format_number(c.count)
        if lane.id in plans.from_figures:  # the count links to the event that gives it
            href = urls.relative(page_url, urls.event_path(c.events[0].id))
            number = f'<a href="{esc(href)}">{number}</a>'
        return f'<td class="pt-number">{number}</td>'

    head = "".join(f'<th scope="col">{esc(lane.label)}</th>' for lane in plans.lanes)
    # A year no event is in has no page.
    paged = {year for event in project.events for year in event.years}
    rows = "".join(
        (
            f'<tr><th scope="row"><a href="{esc(urls.relative(page_url, urls.year_path(year)))}">'
            f"{year}</a></th>"
            if year in paged
            else f'<tr><th scope="row">{year}</th>'
        )
        + "".join(cell(lane, year) for lane in plans.lanes)
        + "</tr>"
        for year in plans.years
    )
    rows += "".join(
        f'<tr><th scope="row">{stated.figure.years}, both years</th>'
        + "".join(
            f'<td class="pt-number">{figure_amount(stated.figure)}</td>'
            if lane.id == lane_id
            else "<td></td>"
            for lane in plans.lanes
        )
        + "</tr>"
        for lane_id, stated in plans.totals
    )
    return (
        f"<table><caption>Plans per year, by lane</caption><thead><tr>"
        f'<th scope="col">Year</th>{head}</tr></thead><tbody>{rows}</tbody></table>'
    )


def local_before_central_html(build: Build, page_url: str, settings: AnalysisSettings) -> str:
    """The lag from the first local plan to the national one, computed from the events; the
    chart of plans per year by lane with its caption; and its table. What the settings name
    but the events folder lacks is said on the page, not raised."""
    project = build.project
    missing = "".join(
        f'<p class="pt-missing">{sentence}</p>' for sentence in settings.missing(project)
    )
    plans = plans_per_year(project, settings)
    if not plans.years:
        return (
            f"{missing}{_lag_sentence(project, settings, page_url)}"
            "<p>No plans are recorded, so there is no chart of plans per year.</p>"
        )
    chart = _chart_container(page_url, urls.BY_YEAR_URI, PLANS_CHART)
    return (
        f"{missing}{_lag_sentence(project, settings, page_url)}\n\n"
        f'<figure class="pt-measure">{chart}<figcaption>'
        f"{_plans_caption(plans, project, settings)}</figcaption></figure>"
        f"{_plans_table(plans, project, page_url)}"
    )


def chart_files(build: Build) -> dict[str, bytes]:
    project = build.project
    return {
        urls.FIGURES_URI: figure_json(figures_charts(project)),
        urls.BY_YEAR_URI: figure_json(by_year_charts(project, build.settings)),
    }
