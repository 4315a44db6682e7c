"""The analysis charts as Plotly figures: one chart per measure of the events' figures, and
plans per year by lane.

Each chart's data is written once per build (``chart_files``) as a JSON file of
``{"charts": {key: plotly figure}}``; a page's block names its file and key.

Two rules keep a chart's figures meaning one thing: a chart draws one measure (never two
on one axis), and a figure is drawn as what it is: a target hollow at its deadline, a
forecast as a range labelled with when it was made, an estimate or an actual figure
solid, a figure for several years across them. Lines join only figures of one series and
one type. Where no source counts plans, no bar is drawn: the words "not counted" stand in
its place. The words are the site's language's (``words``); the numbers ``counts``'.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection
from typing import TYPE_CHECKING

from policy_timeline import urls
from policy_timeline.render.catalogue import Messages, english, site_messages
from policy_timeline.render.charts import words
from policy_timeline.render.charts.counts import (
    OUTCOME_TYPES,
    PlansPerYear,
    Stated,
    figures_by_measure,
    plans_per_year,
)
from policy_timeline.source.amounts import figure_amount
from policy_timeline.source.model import Lane, Measure, Project, Vocabulary
from policy_timeline.source.settings import AnalysisSettings
from policy_timeline.timeline.plotly_json import figure_json, plotly_text

if TYPE_CHECKING:
    from policy_timeline.build import Build

PLANS_CHART = "plans"

CHART_HEIGHT = 360
GRID = "rgba(127, 127, 127, 0.3)"  # reads on the light and the dark scheme alike
SYMBOLS = {  # a forecast's range has a cap at each end; a period a tick at each end
    "target": "circle-open",
    "forecast": "line-ew",
    "estimate": "diamond",
    "actual": "circle",
}
PERIOD_SYMBOL = "line-ns"
BARGAP = 0.2  # the gap between years' groups of bars, as a share of a year


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


# --- a chart per measure ---------------------------------------------------------


def _hover(stated: Stated, measure: Measure, messages: Messages) -> str:
    fig = stated.figure
    made = messages.t("charts.hover.made", year=stated.made) if fig.type == "forecast" else ""
    if fig.type == "estimate":
        when = words.when_stated(messages, stated)
        made = messages.t(
            "charts.hover.stated", when=when, date=messages.date(stated.events[0].date)
        )
    line = messages.t(
        "charts.hover.figure",
        type=messages.t(f"charts.types.{fig.type}"),
        years=fig.years,
        made=made,
        amount=figure_amount(fig),
        unit=measure.unit,
    )
    titles = messages.t("charts.titles_separator").join(event.title for event in stated.events)
    said = messages.t("charts.hover.from", titles=titles)
    return f"<b>{plotly_text(stated.series)}</b><br>{plotly_text(line)}<br>{plotly_text(said)}"


def _label(stated: Stated, messages: Messages) -> str:
    """The text drawn beside a mark: the number, and for a forecast when it was made."""
    fig = stated.figure
    text = figure_amount(fig)
    if fig.period:
        text = messages.t("charts.label.period", amount=text, years=fig.years)
    if fig.type == "forecast":
        text = messages.t("charts.label.made", text=text, year=stated.made)
    elif fig.type == "estimate":
        text = messages.t(
            "charts.label.stated", text=text, when=words.when_stated(messages, stated)
        )
    return plotly_text(text)


def _segment(stated: Stated) -> tuple[list, list]:
    """The ends of a range (vertical) or a period (across its years)."""
    fig = stated.figure
    if fig.is_range:
        return [fig.first_year, fig.first_year], [fig.low, fig.high]
    return [fig.first_year, fig.last_year], [fig.value, fig.value]


def _measure_traces(
    items: list[Stated],
    measure: Measure,
    colours: dict[str, str],
    last_year: int,
    messages: Messages,
) -> list[dict]:
    """One trace per (series, type, lane) for single-year values; one per range or period."""
    traces = []
    groups: dict[tuple, list[Stated]] = defaultdict(list)
    # A range's label is on its right: a single value in the same year is labelled on the left.
    ranged = {s.figure.first_year for s in items if s.figure.is_range}
    for stated in items:
        fig = stated.figure
        if fig.is_range or fig.period:
            traces.append(_segment_trace(stated, measure, colours, messages))
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
                "text": [_label(s, messages) for s in group],
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
                "hovertext": [_hover(s, measure, messages) for s in group],
                "hoverinfo": "text",
                "meta": kind,
            }
        )
    return traces


def _segment_trace(
    stated: Stated, measure: Measure, colours: dict[str, str], messages: Messages
) -> dict:
    fig = stated.figure
    colour = colours[stated.lane]
    # A range is a solid bar between two caps; a period, whatever its type, a dotted
    # span between two ticks.
    symbol, dash = (SYMBOLS[fig.type], "solid") if fig.is_range else (PERIOD_SYMBOL, "dot")
    x, y = _segment(stated)
    label = _label(stated, messages)
    return {
        "type": "scatter",
        "mode": "lines+markers+text",
        "name": plotly_text(stated.series),
        "x": x,
        "y": y,
        # The label at the high end of a range, at the start of a period.
        "text": ["", label] if fig.is_range else [label, ""],
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
        "hovertext": [_hover(stated, measure, messages)] * 2,
        "hoverinfo": "text",
        "meta": fig.type,
    }


def measure_chart(
    items: list[Stated], measure: Measure, vocabulary: Vocabulary, messages: Messages
) -> dict:
    """The Plotly figure of one measure: every figure of it, none of any other."""
    colours = {lane.id: lane.colour for lane in vocabulary.lanes.values()}
    first = min(s.figure.first_year for s in items)
    last = max(s.figure.last_year for s in items)
    data = _measure_traces(items, measure, colours, last, messages)
    return {"data": data, "layout": _chart_layout(plotly_text(measure.unit), first, last)}


def figures_charts(project: Project, messages: Messages | None = None) -> dict:
    """A chart for each measure with more than one figure; one figure is a table row."""
    said = messages or english()
    measures = project.vocabulary.measures
    return {
        "charts": {
            measure: measure_chart(items, measures[measure], project.vocabulary, said)
            for measure, items in figures_by_measure(project).items()
            if len(items) > 1
        }
    }


# --- plans per year, by lane -----------------------------------------------------


def _slot(plans: PlansPerYear, lane_id: str) -> float:
    """Where a lane's bar sits in its year's group (barmode "group"), from the year's middle."""
    index = [lane.id for lane in plans.lanes].index(lane_id)
    width = (1 - BARGAP) / len(plans.lanes)
    return round(-(1 - BARGAP) / 2 + (index + 0.5) * width, 4)


def _bars(plans: PlansPerYear, lane: Lane, paged: Collection[int], messages: Messages) -> dict:
    """A lane's bars: a bar links the event that gives its count, or the year's page."""
    by_figures = lane.id in plans.from_figures
    values = [plans.count(lane.id, year) for year in plans.years]
    label = lane.label
    hover = []
    for year, n in zip(plans.years, values):
        if n is None:
            hover.append(messages.t("charts.plans.hover_not_counted", year=year, lane=label))
        else:
            source = messages.t(f"charts.plans.{'from_sources' if by_figures else 'from_events'}")
            counted = words.plans(messages, n)
            hover.append(
                messages.t(
                    "charts.plans.hover_count", year=year, plans=counted, lane=label, source=source
                )
            )
    name = label
    if lane.id in plans.not_counted:
        name = messages.t("charts.plans.lane_not_counted", lane=label)
    return {
        "type": "bar",
        "name": plotly_text(name),
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
        "hovertext": [plotly_text(text) for text in hover],
        "hoverinfo": "text",
    }


def _not_counted_words(plans: PlansPerYear, lane: Lane, messages: Messages) -> list[dict]:
    """The words "not counted" in the place of each bar no source gives, upright, above
    the open circle if there is one."""
    slot = _slot(plans, lane.id)
    return [
        {
            "x": round(year + slot, 4),
            "y": 0,
            "xref": "x",
            "yref": "y",
            "text": plotly_text(messages.t("charts.not_counted")),
            "textangle": -90,
            "yanchor": "bottom",
            "yshift": 10 if plans.cells[lane.id, year].events else 2,
            "showarrow": False,
            "font": {"size": 10, "color": lane.colour},
            "hovertext": plotly_text(
                messages.t("charts.plans.mark_not_counted", year=year, lane=lane.label)
            ),
        }
        for year in plans.years
        if plans.count(lane.id, year) is None
    ]


def _recorded(plans: PlansPerYear, lane: Lane, messages: Messages) -> dict | None:
    """Open circles on the axis: years with plans on this timeline but no count."""
    uncounted = [
        year
        for year in plans.years
        if plans.count(lane.id, year) is None and plans.cells[lane.id, year].events
    ]
    if not uncounted:
        return None
    slot = _slot(plans, lane.id)
    separator = messages.t("charts.titles_separator")
    return {
        "type": "scatter",
        "mode": "markers",
        "name": plotly_text(messages.t("charts.plans.recorded")),
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
        "customdata": [[urls.event_path(plans.cells[lane.id, y].events[0].id)] for y in uncounted],
        "hovertext": [
            plotly_text(
                messages.t(
                    "charts.plans.hover_recorded",
                    year=year,
                    titles=separator.join(e.title for e in plans.cells[lane.id, year].events),
                )
            )
            for year in uncounted
        ],
        "hoverinfo": "text",
    }


def _plans_layout(plans: PlansPerYear, messages: Messages, annotations: list[dict]) -> dict:
    first, last = (plans.years[0], plans.years[-1]) if plans.years else (0, 0)
    axis = plotly_text(messages.t("charts.plans.axis"))
    layout = _chart_layout(axis, first, last, barmode="group", bargap=BARGAP, showlegend=True)
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
    return layout


def plans_chart(
    plans: PlansPerYear, paged: Collection[int] = frozenset(), messages: Messages | None = None
) -> dict:
    """Bars of plans per year by lane. Where no source gives a number, no bar: the words
    "not counted" stand in the bar's place, and an open circle on the axis marks a year
    with plans on this timeline. A bar links the event that gives its count, or the year's
    page when the year has one (``paged``)."""
    said = messages or english()
    data: list[dict] = []
    annotations: list[dict] = []
    for lane in plans.lanes:
        data.append(_bars(plans, lane, paged, said))
        annotations.extend(_not_counted_words(plans, lane, said))
        recorded = _recorded(plans, lane, said)
        if recorded:
            data.append(recorded)
    return {"data": data, "layout": _plans_layout(plans, said, annotations)}


def by_year_charts(
    project: Project, settings: AnalysisSettings, messages: Messages | None = None
) -> dict:
    plans = plans_per_year(project, settings)
    paged = {year for event in project.events for year in event.years}
    return {"charts": {PLANS_CHART: plans_chart(plans, paged, messages)} if plans.years else {}}


def chart_files(build: Build) -> dict[str, bytes]:
    """Every chart's data, in the site's language."""
    project = build.project
    messages = site_messages(build.site)
    return {
        urls.FIGURES_URI: figure_json(figures_charts(project, messages)),
        urls.BY_YEAR_URI: figure_json(by_year_charts(project, build.settings, messages)),
    }
