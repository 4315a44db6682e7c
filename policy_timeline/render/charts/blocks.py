"""The analysis pages' blocks, from templates a site can override
(``templates/policy-timeline/charts/``): the targets_and_outcomes() block (a heading,
chart, caption and table per measure) and the local_before_central() block (the lag from
the first local plan to the national one; plans per year by lane, their caption and
table). What a template gets is made here, from ``counts``; its words are the
catalogue's (``charts.*``), in the site's language.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from policy_timeline import urls
from policy_timeline.render import templates
from policy_timeline.render.catalogue import Messages, site_messages
from policy_timeline.render.charts import words
from policy_timeline.render.charts.counts import (
    Outcome,
    Stated,
    figures_by_measure,
    lag,
    missing_settings,
    outcome,
    plans_per_year,
)
from policy_timeline.render.charts.figures import PLANS_CHART
from policy_timeline.source.amounts import figure_amount, format_number
from policy_timeline.source.model import FIGURE_TYPES, Lane, Measure, Project
from policy_timeline.source.settings import AnalysisSettings

if TYPE_CHECKING:
    from policy_timeline.build import Build

# What a mark means, for the captions: the same glyphs as the chart's markers.
MARKS = {"target": "\u25cb", "forecast": "\u2503", "estimate": "\u25c6", "actual": "\u25cf"}
PERIOD_MARK = "\u2508"


def upper_first(text: str) -> str:
    """The text with its first letter upper case (a sentence made of lower-case parts);
    HTML stays HTML."""
    raised = text[:1].upper() + text[1:]
    return Markup(raised) if isinstance(text, Markup) else raised


def _chart(build: Build, page_url: str, figure_uri: str) -> dict[str, str]:
    """chart.html's addresses, relative to the page: the site works under any base URL;
    and plotly.js's locale in the site's language (``locale``, its file ``locale_src``),
    none in English."""
    locale = urls.plotly_locale(page_url, site_messages(build.site).language)
    return {
        "figure": urls.relative(page_url, figure_uri),
        "plotly": urls.relative(page_url, urls.PLOTLY_URI),
        "root": urls.relative(page_url, "") or "./",
        "locale": locale.get("plotly-locale", ""),
        "locale_src": locale.get("plotly-locale-src", ""),
    }


def _render(build: Build, name: str, page_url: str, **context: Any) -> str:
    messages = site_messages(build.site)
    return templates.render(
        build.site.template_dirs,
        f"charts/{name}",
        # The site's language, whether or not this build made the environment; a value
        # that is HTML the template made (a link) stays HTML, the rest is escaped.
        t=templates.markup_aware(messages.t),
        plural=templates.markup_aware(messages.plural),
        format_span=messages.span,
        href=templates.hrefs(page_url),
        format_number=format_number,
        years_text=lambda years: words.years_text(messages, years),
        plans_count=lambda n: words.plans(messages, n),
        upper_first=upper_first,
        **context,
    )


# --- targets and outcomes ----------------------------------------------------------


@dataclass(frozen=True)
class SeriesKey:
    """One entry of a caption's key: a series' mark in its lane's colour, and its numbers."""

    mark: str
    colour: str
    name: str
    numbers: str


@dataclass(frozen=True)
class MeasureBlock:
    """What targets-and-outcomes.html gets of one measure (as ``m``)."""

    id: str
    measure: Measure
    items: list[Stated]
    chart: dict[str, str] | None
    kinds: list[str]
    lanes: list[Lane]
    periods: bool
    series: list[SeriesKey]
    outcome: Outcome | None

    @property
    def charted(self) -> bool:
        return self.chart is not None


def _numbers(messages: Messages, group: list[Stated], kind: str, period: bool) -> str:
    said = []
    for stated in group:
        details = stated.figure.years
        if period:
            type_word = messages.t(f"charts.types.{kind}")
            details = messages.t("charts.caption.figure_period", type=type_word, years=details)
        if kind == "estimate":
            when = words.when_stated(messages, stated)
            details = messages.t("charts.caption.figure_stated", details=details, when=when)
        amount = figure_amount(stated.figure)
        said.append(messages.t("charts.caption.figure", amount=amount, details=details))
    return messages.t("list.separator").join(said)


def _series(messages: Messages, items: list[Stated], project: Project) -> list[SeriesKey]:
    """The caption's key: each series with its mark, in its colour, and its numbers."""
    entries: dict[tuple, list[Stated]] = defaultdict(list)
    for stated in items:
        period = stated.figure.period is not None
        entries[(stated.figure.type, stated.series, stated.lane, period)].append(stated)
    return [
        SeriesKey(
            PERIOD_MARK if period else MARKS[kind],
            project.vocabulary.lanes[lane].colour,
            series,
            _numbers(messages, group, kind, period),
        )
        for (kind, series, lane, period), group in entries.items()
    ]


def _measure_block(
    build: Build, page_url: str, measure_id: str, items: list[Stated]
) -> MeasureBlock:
    vocabulary = build.project.vocabulary
    charted = len(items) > 1
    return MeasureBlock(
        id=measure_id,
        measure=vocabulary.measures[measure_id],
        items=items,
        chart=_chart(build, page_url, urls.FIGURES_URI) if charted else None,
        kinds=[k for k in FIGURE_TYPES if any(s.figure.type == k for s in items)],
        lanes=[
            lane for lane in vocabulary.lanes_in_order() if any(s.lane == lane.id for s in items)
        ],
        periods=any(s.figure.period for s in items),
        series=_series(site_messages(build.site), items, build.project),
        outcome=outcome(items, build.today),
    )


def targets_and_outcomes_html(build: Build, page_url: str) -> str:
    """Per measure: a heading, the caption, the chart (when there is more than one figure)
    and a table of the same numbers with links to the events that state them
    (``charts/targets-and-outcomes.html``)."""
    measures = [
        _measure_block(build, page_url, measure_id, items)
        for measure_id, items in figures_by_measure(build.project).items()
    ]
    return _render(build, "targets-and-outcomes.html", page_url, measures=measures)


# --- local before central ----------------------------------------------------------


def _plan_words(messages: Messages, project: Project, settings: AnalysisSettings) -> str:
    """What the page calls a plan: the plan kind's label, and the plan tag's."""
    vocabulary = project.vocabulary
    kind = vocabulary.kinds.get(settings.plan_kind or "")
    plan = kind.label.lower() if kind else messages.t("charts.lag.plan")
    if settings.plan_tag in vocabulary.tags:
        plan += messages.t("charts.plans.tagged", tag=vocabulary.tags[settings.plan_tag].label)
    return plan


def local_before_central_html(build: Build, page_url: str, settings: AnalysisSettings) -> str:
    """The lag from the first local plan to the national one, computed from the events; the
    chart of plans per year by lane with its caption; and its table
    (``charts/local-before-central.html``). What the settings name but the events folder
    lacks is said on the page, not raised."""
    project = build.project
    vocabulary = project.vocabulary
    plans = plans_per_year(project, settings)
    local = vocabulary.lanes.get(settings.local_lane or "")
    return _render(
        build,
        "local-before-central.html",
        page_url,
        missing=missing_settings(settings, project),
        lag=lag(project, settings),
        lane=local.label if local else "",
        plan=_plan_words(site_messages(build.site), project, settings),
        plans=plans if plans.years else None,
        paged={year for event in project.events for year in event.years},
        chart=_chart(build, page_url, urls.BY_YEAR_URI),
        key=PLANS_CHART,
        settings=settings,
        vocabulary=vocabulary,
    )
