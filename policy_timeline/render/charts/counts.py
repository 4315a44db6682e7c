"""What the analysis charts count, as data: each measure's distinct figures, plans per
year by lane, the outcome known for promised years, the lag from the first local plan
to the national one, and what the settings name but the events lack.

No words and no HTML here: ``figures`` draws these numbers, ``blocks`` writes them
out through the templates, both in the site's language.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from dataclasses import dataclass, field

from policy_timeline.source.model import FIGURE_TYPES, Event, Figure, Lane, Project, Vocabulary
from policy_timeline.source.settings import AnalysisSettings

OUTCOME_TYPES = ("estimate", "actual")
PROMISE_TYPES = ("target", "forecast")


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

    @property
    def when(self) -> str:
        """Whether it was stated ``"before"``, ``"during"`` or ``"after"`` the year (or years)
        it is about, from the date of the first event that states it. An estimate stated
        before its year is a forecast in all but name; the caption says so."""
        fig = self.figure
        if self.made < fig.first_year:
            return "before"
        return "during" if self.made <= fig.last_year else "after"


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


@dataclass(frozen=True)
class Outcome:
    """For the years a target or a forecast is about: those due with no estimate or actual
    figure (``unknown``), those due with one (``answered``), those still to come."""

    unknown: list[int]
    answered: list[int]
    coming: list[int]


def _years_of(items: list[Stated], types: tuple[str, ...]) -> set[int]:
    return {
        year
        for s in items
        if s.figure.type in types
        for year in range(s.figure.first_year, s.figure.last_year + 1)
    }


def outcome(items: list[Stated], today: _dt.date) -> Outcome | None:
    """What is known of the promised years' outcomes (None when nothing is promised)."""
    promised = _years_of(items, PROMISE_TYPES)
    if not promised:
        return None
    known = _years_of(items, OUTCOME_TYPES)
    due = sorted(y for y in promised if y <= today.year)
    return Outcome(
        unknown=[y for y in due if y not in known],
        answered=[y for y in due if y in known],
        coming=sorted(y for y in promised if y > today.year),
    )


def year_runs(years: list[int]) -> list[tuple[int, int]]:
    """2020, 2021 and 2025 -> [(2020, 2021), (2025, 2025)]."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return [(run[0], run[-1]) for run in runs]


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

    def summed(self, lane: str, stated: Stated) -> list[float] | None:
        """The yearly counts a total for several years is the sum of, or None when the
        sources do not give them all or they do not add up to it."""
        fig = stated.figure
        yearly = [self.count(lane, y) for y in range(fig.first_year, fig.last_year + 1)]
        given = [n for n in yearly if n is not None]
        return given if len(given) == len(yearly) and sum(given) == fig.value else None


def is_plan(event: Event, settings: AnalysisSettings, vocabulary: Vocabulary) -> bool:
    return (
        settings.plan_kind in vocabulary.kinds
        and event.kind == settings.plan_kind
        and (settings.plan_tag is None or settings.plan_tag in event.tags)
    )


def _counted(
    project: Project, settings: AnalysisSettings
) -> tuple[dict[str, dict[int, Stated]], list[tuple[str, Stated]]]:
    """The plan measure's counts by lane and year, and its totals for several years."""
    counted: dict[str, dict[int, Stated]] = defaultdict(dict)
    totals: list[tuple[str, Stated]] = []
    if settings.plan_measure in project.vocabulary.measures:
        for stated in figures_by_measure(project).get(settings.plan_measure, []):
            if stated.figure.type not in OUTCOME_TYPES or stated.figure.is_range:
                continue
            if stated.figure.period:
                totals.append((stated.lane, stated))
            else:  # the first count a lane gives for a year stands
                counted[stated.lane].setdefault(stated.figure.first_year, stated)
    return counted, totals


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
    counted, totals = _counted(project, settings)
    plans: dict[str, dict[int, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for event in project.events:
        if is_plan(event, settings, vocabulary):
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


# --- the first local plan and the national one -------------------------------------


@dataclass(frozen=True)
class Lag:
    """The national plan, the first plan in the local lane (None when there is none), and
    how many years the national one came after it (negative: before it)."""

    national: Event
    first_local: Event | None

    @property
    def gap(self) -> int:
        assert self.first_local is not None
        return self.national.date.year - self.first_local.date.year


def lag(project: Project, settings: AnalysisSettings) -> Lag | None:
    """None when the settings name no national plan the events have, or no local lane the
    vocabulary has (the page says which, ``missing_settings``)."""
    national = next((e for e in project.events if e.id == settings.national_plan), None)
    if national is None or settings.local_lane not in project.vocabulary.lanes:
        return None
    # project.events is chronological, so the first match is the earliest.
    first_local = next(
        (
            e
            for e in project.events
            if e.lane == settings.local_lane and is_plan(e, settings, project.vocabulary)
        ),
        None,
    )
    return Lag(national, first_local)


# --- what the settings name but the events folder lacks ----------------------------


@dataclass(frozen=True)
class Missing:
    """One thing the page cannot find: ``what`` it is (``national_plan``,
    ``unknown_national_plan``, ``unnamed_lane``, ``unknown_lane`` ... ``unknown_measure``),
    the setting that names it, and the value it names, if any."""

    what: str
    setting: str
    value: str = ""


def missing_settings(settings: AnalysisSettings, project: Project) -> list[Missing]:
    """What the page cannot find in the events folder, in the order the page says it."""
    vocabulary = project.vocabulary
    out = []
    if settings.national_plan is None:
        out.append(Missing("unnamed_national_plan", "national_plan"))
    elif not any(e.id == settings.national_plan for e in project.events):
        out.append(Missing("unknown_national_plan", "national_plan", settings.national_plan))
    checks = (
        ("local_lane", settings.local_lane, vocabulary.lanes, "lane"),
        ("plan_kind", settings.plan_kind, vocabulary.kinds, "kind"),
        ("plan_tag", settings.plan_tag, vocabulary.tags, "tag"),
        ("plan_measure", settings.plan_measure, vocabulary.measures, "measure"),
    )
    for name, value, section, what in checks:
        if value is None and name in ("local_lane", "plan_kind"):
            out.append(Missing(f"unnamed_{what}", name))
        elif value is not None and value not in section:
            out.append(Missing(f"unknown_{what}", name, value))
    return out
