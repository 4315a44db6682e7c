"""The shipped timeline (events/) holds to its content rules.

These tests read the real events through the validator, so a content change
that breaks a rule of the brief fails here with the event named.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from macros import urls
from macros.dates import PartialDate, today
from macros.model import FIGURE_TYPES
from macros.validate import validate_project

EVENTS = Path(__file__).resolve().parent.parent / "events"
NATIONAL_PLAN = "2017-07-new-generation-ai-development-plan"


@pytest.fixture(scope="module")
def checked():
    return validate_project(EVENTS)


@pytest.fixture(scope="module")
def project(checked):
    project, problems = checked
    assert project is not None, "\n".join(str(p) for p in problems)
    return project


@pytest.fixture(scope="module")
def by_id(project):
    return {event.id: event for event in project.events}


def _figures(project):
    return [(event, fig) for event in project.events for fig in event.figures]


def _linked(by_id, a: str, b: str) -> bool:
    """Related links show both ways, so either direction counts."""
    return b in by_id[a].related or a in by_id[b].related


def test_validator_reports_no_problems(checked):
    project, problems = checked
    assert problems == [], "\n".join(str(p) for p in problems)
    assert project is not None


def test_at_least_45_events(project):
    assert len(project.events) >= 45


def test_event_files_sit_in_their_year_folder(project):
    misplaced = [event.path for event in project.events
                 if Path(event.path).parent.name != f"{event.date.year:04d}"
                 or not event.id.startswith(f"{event.date.year:04d}-")]
    assert misplaced == []


def test_every_event_has_a_source_with_a_locator(project):
    missing = [event.id for event in project.events
               if not any(s.locator and s.locator.strip() for s in event.sources)]
    assert missing == []


def test_no_date_is_in_the_future_except_targets(project):
    now = today()
    future = [event.id for event in project.events if event.kind != "target"
              and (event.date.first_day > now or (event.end and event.end.first_day > now))]
    assert future == []


def test_every_figure_has_a_unit_a_year_and_a_type(project):
    bad = [(event.id, fig) for event, fig in _figures(project)
           if not (isinstance(fig.unit, str) and fig.unit.strip())
           or not isinstance(fig.year, int) or isinstance(fig.year, bool)
           or fig.type not in FIGURE_TYPES
           or not isinstance(fig.value, (int, float)) or isinstance(fig.value, bool)]
    assert bad == []


def test_every_bibliography_entry_is_cited(project):
    cited = {s.ref for event in project.events for s in event.sources if s.ref}
    assert set(project.bibliography) - cited == set()
    assert {"naughton-2020", "roberts-2018", "zeng-2020", "zeng-2021"} <= set(project.bibliography)


@pytest.mark.parametrize("value", [148.453, 96.727, 34.8, 336, 344, 150, 400, 1000, 2000, 57, 70,
                                   40, 160, 11, 10, 9, 7, 14, 20, 90, 99, 100, 50])
def test_every_figure_of_the_brief_appears_exactly(project, value):
    assert value in {fig.value for _, fig in _figures(project)}


@pytest.mark.parametrize("value, year, type_", [
    (148.453, 2018, "actual"), (96.727, 2019, "actual"), (34.8, 2019, "actual"),
    (336, 2019, "actual"), (344, 2020, "target"), (2000, 2020, "target"),
    (57, 2019, "estimate"), (40, 2020, "estimate"), (160, 2020, "estimate"),
    (70, 2025, "target"),
])
def test_figures_carry_their_year_and_type(project, value, year, type_):
    assert any(fig.value == value and fig.year == year and fig.type == type_
               for _, fig in _figures(project))


def test_the_national_plan_sets_the_three_step_targets(by_id):
    plan = by_id[NATIONAL_PLAN]
    assert (plan.date, plan.lane, plan.kind) == (PartialDate(2017, 7), "central", "plan")
    assert plan.title_zh == "新一代人工智能发展规划"
    targets = {(f.value, f.year) for f in plan.figures
               if f.type == "target" and f.label == "AI core industry" and f.unit == "billion yuan"}
    assert targets == {(150, 2020), (400, 2025), (1000, 2030)}


def test_the_first_local_plan_is_dated_2009(project, by_id):
    local_plans = [e for e in project.events if e.lane == "local" and e.kind == "plan"]
    first = min(local_plans, key=lambda e: e.sort_key)
    assert first.date == PartialDate(2009)
    assert first.date.last_day < by_id[NATIONAL_PLAN].date.first_day


def test_targets_exist_at_2020_2025_2030_and_2049(project):
    years = {e.date.year for e in project.events if e.kind == "target"}
    assert {2020, 2025, 2030, 2049} <= years


def test_targets_are_dated_at_their_target_year(project):
    wrong = [e.id for e in project.events if e.kind == "target"
             and (e.date.month is not None or any(f.year != e.date.year for f in e.figures))]
    assert wrong == []


def test_each_national_target_is_linked_to_the_plan_that_set_it(project, by_id):
    national = [e for e in project.events if e.kind == "target" and e.lane == "central"]
    assert len(national) >= 4
    unlinked = [e.id for e in national
                if not any(_linked(by_id, e.id, plan) for plan in
                           (NATIONAL_PLAN, "2015-made-in-china-2025"))]
    assert unlinked == []


def test_the_thirteenth_five_year_plan_is_a_period(project):
    (fyp,) = [e for e in project.events if "13th Five-Year Plan" in e.title]
    assert fyp.is_period
    assert (fyp.date, fyp.end) == (PartialDate(2016), PartialDate(2020))


@pytest.mark.parametrize("a, b", [
    ("2018-ai-financing-peak", "2019-capital-winter"),
    ("2015-made-in-china-2025", "2025-high-tech-self-sufficiency-target"),
    ("2015-made-in-china-2025", "2049-dominant-global-position-target"),
    (NATIONAL_PLAN, "2017-shanghai-new-generation-ai-opinions"),
    (NATIONAL_PLAN, "2017-provincial-ai-policy-wave"),
    ("2020-ai-core-industry-target-150bn", "2020-provincial-ai-core-industry-targets-344bn"),
])
def test_natural_pairs_are_related(by_id, a, b):
    assert _linked(by_id, a, b)


def test_every_lane_and_a_handful_of_highlights(project):
    assert {e.lane for e in project.events} == set(project.vocabulary.lanes)
    assert 3 <= sum(e.highlight for e in project.events) <= 10


def test_actor_names_are_spelt_one_way(project):
    """Actor pages group by name: two spellings of one actor would split its page."""
    spellings: dict[str, set[str]] = {}
    for event in project.events:
        for actor in event.actors:
            spellings.setdefault(urls.actor_key(actor), set()).add(actor)
    assert [names for names in spellings.values() if len(names) > 1] == []
