"""The analysis pages' charts: the events' figures by unit, and events per year by lane.

Each chart's data is written once per build (``chart_files``) as a JSON file
of ``{"charts": {key: plotly figure}}``; a page's macro writes a container
naming its file and key, and the table of the same numbers beneath it.
"""
from __future__ import annotations

import math
from collections import defaultdict

from . import urls
from .figure import figure_json, plotly_text
from .model import FIGURE_TYPES, Event
from .sanitize import esc
from .timeline_html import plot_container

FIGURES_URI = "assets/timeline/figures.json"
BY_YEAR_URI = "assets/timeline/by-year.json"

# How each figure type is drawn: promises stand apart from what was counted.
TYPE_STYLE = {
    "target": {"dash": "dash", "symbol": "star-open"},
    "estimate": {"dash": "dot", "symbol": "diamond-open"},
    "actual": {"dash": "solid", "symbol": "circle"},
}


def format_value(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _chart_layout(y_title: str, years: list[int], **extra) -> dict:
    span = (max(years) - min(years)) if years else 0
    return {
        "height": 360,
        "margin": {"l": 10, "r": 10, "t": 40, "b": 30},
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "showlegend": True,
        # Whole years only: a tick at 2018.5 would read "2018" twice.
        "xaxis": {"tickformat": "d", "dtick": max(1, math.ceil(span / 10))},
        "yaxis": {"title": {"text": y_title}, "automargin": True, "rangemode": "tozero"},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        **extra,
    }


def _chart_container(page_url: str, uri: str, key: str) -> str:
    # No role="img": Plotly's chart has buttons and links inside, which an
    # image may not; the table beneath is the accessible form of the numbers.
    return plot_container(page_url, "pt-chart", uri, [("chart", key)])


# --- targets and outcomes ----------------------------------------------------

def figures_by_unit(events: list[Event]) -> dict[str, list[tuple[object, list[Event]]]]:
    """Each distinct figure once, with every event that states it, by unit.

    A plan and the target event it set both carry the same target; the chart
    shows it once and the table links both. Units sorted, figures by year then label.
    """
    by_unit: dict[str, dict[tuple, list]] = defaultdict(dict)
    for event in events:  # chronological, so each figure's first event is the earliest
        for fig in event.figures:
            key = (fig.year, fig.label, fig.type, fig.value)
            by_unit[fig.unit].setdefault(key, (fig, []))[1].append(event)
    return {unit: [figs[key] for key in sorted(figs)] for unit, figs in sorted(by_unit.items())}


def _figures_chart(unit: str, figures) -> dict:
    series: dict[tuple[str, str], list] = defaultdict(list)
    for fig, events in figures:
        series[(fig.label, fig.type)].append((fig, events))
    data = []
    for (label, kind), items in sorted(series.items(),
                                       key=lambda kv: (kv[0][0], FIGURE_TYPES.index(kv[0][1]))):
        style = TYPE_STYLE[kind]
        data.append({
            "type": "scatter",
            "mode": "lines+markers",
            "name": plotly_text(f"{label} ({kind})"),
            "legendgroup": plotly_text(label),
            "x": [fig.year for fig, _ in items],
            "y": [fig.value for fig, _ in items],
            "line": {"dash": style["dash"]},
            "marker": {"symbol": style["symbol"], "size": 10},
            "customdata": [[urls.event_path(events[0].id)] for _, events in items],
            "hovertext": [
                f"<b>{plotly_text(label)}</b><br>{kind} for {fig.year}: "
                f"{format_value(fig.value)} {plotly_text(unit)}<br>"
                f"from: {'; '.join(plotly_text(event.title) for event in events)}"
                for fig, events in items],
            "hoverinfo": "text",
        })
    years = [fig.year for fig, _ in figures]
    return {"data": data, "layout": _chart_layout(plotly_text(unit), years)}


def figures_charts(events: list[Event]) -> dict:
    return {"charts": {urls.slugify(unit): _figures_chart(unit, figures)
                       for unit, figures in figures_by_unit(events).items()}}


def targets_and_outcomes_html(build, page_url: str) -> str:
    """Per unit: a heading, the chart, and a table of the same numbers with links."""
    parts = []
    def links(events):
        return "; ".join(
            f'<a href="{esc(urls.relative(page_url, urls.event_path(event.id)))}">'
            f'{esc(event.title)}</a>' for event in events)

    for unit, figures in figures_by_unit(build.project.events).items():
        rows = "".join(
            f'<tr><td>{fig.year}</td><td>{esc(fig.label)}</td><td>{esc(fig.type)}</td>'
            f'<td class="pt-number">{esc(format_value(fig.value))}</td>'
            f'<td>{links(events)}</td></tr>'
            for fig, events in figures)
        parts.append(
            f'<h2 id="{esc(urls.slugify(unit))}">In {esc(unit)}</h2>\n\n'
            + _chart_container(page_url, FIGURES_URI, urls.slugify(unit))
            + f'<table><caption>Figures in {esc(unit)}</caption><thead><tr>'
              '<th scope="col">Year</th><th scope="col">What</th><th scope="col">Type</th>'
              f'<th scope="col">Value ({esc(unit)})</th><th scope="col">Stated by</th></tr></thead>'
              f'<tbody>{rows}</tbody></table>')
    if not parts:
        return "<p>No event has figures yet.</p>"
    return "\n\n".join(parts)


# --- events per year, by lane -------------------------------------------------

def counts_by_year(events: list[Event], kind: str) -> dict[str, dict[int, int]]:
    """{lane: {year: how many ``kind`` events start that year}}."""
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for event in events:
        if event.kind == kind:
            counts[event.lane][event.date.year] += 1
    return counts


def _year_span(counts) -> list[int]:
    years = [year for by_year in counts.values() for year in by_year]
    return list(range(min(years), max(years) + 1)) if years else []


def _by_year_chart(counts, vocabulary, kind_label: str) -> dict:
    years = _year_span(counts)
    data = []
    for lane in vocabulary.lanes_in_order():
        if lane.id not in counts:
            continue
        values = [counts[lane.id].get(year, 0) for year in years]
        data.append({
            "type": "bar",
            "name": plotly_text(lane.label),
            "x": years,
            "y": values,
            "marker": {"color": lane.colour},
            "customdata": [[urls.year_path(year)] for year in years],
            "hovertext": [f"{year}: {n} {plotly_text(kind_label.lower())}(s), "
                          f"{plotly_text(lane.label)}" for year, n in zip(years, values)],
            "hoverinfo": "text",
        })
    layout = _chart_layout(plotly_text(kind_label) + "s", years, barmode="group")
    # Whole numbers only: there is no 0.2 of a plan.
    most = max((n for by_year in counts.values() for n in by_year.values()), default=1)
    layout["yaxis"]["dtick"] = max(1, math.ceil(most / 5))
    return {"data": data, "layout": layout}


def by_year_charts(project) -> dict:
    vocabulary = project.vocabulary
    per_kind = {kind: counts_by_year(project.events, kind) for kind in vocabulary.kinds}
    return {"charts": {kind: _by_year_chart(counts, vocabulary, vocabulary.kinds[kind].label)
                       for kind, counts in per_kind.items() if counts}}


class ChartError(ValueError):
    """A chart macro's argument names no event, lane or kind of this project."""


def local_before_central_html(build, page_url: str, *, national_plan: str, local_lane: str,
                              plan_kind: str) -> str:
    """The sentence computed from the data, the chart of plans per year, and its table."""
    project = build.project
    vocabulary = project.vocabulary
    if local_lane not in vocabulary.lanes:
        raise ChartError(f"local_before_central: no lane {local_lane!r} in the vocabulary")
    if plan_kind not in vocabulary.kinds:
        raise ChartError(f"local_before_central: no kind {plan_kind!r} in the vocabulary")
    national = next((e for e in project.events if e.id == national_plan), None)
    if national is None:
        raise ChartError(f"local_before_central: no event with id {national_plan!r}")
    # project.events is chronological, so the first match is the earliest.
    first_local = next((e for e in project.events
                        if e.lane == local_lane and e.kind == plan_kind), None)
    counts = counts_by_year(project.events, plan_kind)
    kind_label = vocabulary.kinds[plan_kind].label.lower()

    def link(event):
        href = urls.relative(page_url, urls.event_path(event.id))
        return f'<a href="{esc(href)}">{esc(event.title)}</a> ({esc(event.date.display)})'

    if first_local is None:
        sentence = (f"No {esc(vocabulary.lanes[local_lane].label.lower())} {esc(kind_label)} "
                    f"is recorded yet; the national one is {link(national)}.")
    else:
        gap = national.date.year - first_local.date.year
        years = f"{abs(gap)} year{'' if abs(gap) == 1 else 's'}"
        when = (f"{years} before" if gap > 0 else f"{years} after" if gap < 0
                else "in the same year as")
        sentence = (f"The first {esc(kind_label)} in the lane "
                    f"“{esc(vocabulary.lanes[local_lane].label)}”, {link(first_local)}, "
                    f"came <strong class=\"pt-gap\">{when}</strong> the national plan, "
                    f"{link(national)}.")
    lanes = [lane for lane in vocabulary.lanes_in_order() if lane.id in counts]
    head = "".join(f'<th scope="col">{esc(lane.label)}</th>' for lane in lanes)
    # A year no event is in has no page.
    paged = {year for event in project.events for year in event.years}
    rows = "".join(
        (f'<tr><th scope="row"><a href="{esc(urls.relative(page_url, urls.year_path(year)))}">'
         f'{year}</a></th>' if year in paged else f'<tr><th scope="row">{year}</th>')
        + "".join(f'<td class="pt-number">{counts[lane.id].get(year, 0)}</td>' for lane in lanes)
        + "</tr>"
        for year in _year_span(counts))
    chart = _chart_container(page_url, BY_YEAR_URI, plan_kind)
    table = (f'<table><caption>{esc(kind_label.capitalize())}s per year, '
             f'by lane</caption><thead><tr><th scope="col">Year</th>{head}</tr></thead>'
             f'<tbody>{rows}</tbody></table>')
    return f'<p class="pt-finding">{sentence}</p>\n\n{chart}{table}'


def chart_files(build) -> dict[str, bytes]:
    project = build.project
    return {
        FIGURES_URI: figure_json(figures_charts(project.events)),
        BY_YEAR_URI: figure_json(by_year_charts(project)),
    }
