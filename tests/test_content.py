"""The shipped timeline (events/) holds to its content rules.

These tests read the real events through the validator, so a content change
that breaks a rule of the brief fails here with the event named.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from policy_timeline import urls
from policy_timeline.render import charts
from policy_timeline.render.catalogue import english
from policy_timeline.render.charts.counts import missing_settings
from policy_timeline.source.dates import PartialDate, today
from policy_timeline.source.model import FIGURE_TYPES
from policy_timeline.source.settings import AnalysisSettings
from policy_timeline.source.validate import validate_project

pytestmark = pytest.mark.content

REPO = Path(__file__).resolve().parent.parent
EVENTS = REPO / "events"
NATIONAL_PLAN = "2017-07-new-generation-ai-development-plan"


def _site_settings() -> AnalysisSettings:
    """The analysis settings as mkdocs.yml gives them to the plugin (its !ENV tags read as text)."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    plugin = next(p["policy-timeline"] for p in config["plugins"]
                  if isinstance(p, dict) and "policy-timeline" in p)
    return AnalysisSettings(**plugin["analysis"])


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


def _numbers(fig):
    return [n for n in (fig.value, fig.low, fig.high) if n is not None]


def test_every_figure_has_a_measure_a_year_and_a_type(project):
    measures = project.vocabulary.measures
    bad = [(event.id, fig) for event, fig in _figures(project)
           if fig.measure not in measures or fig.unit != measures[fig.measure].unit
           or fig.type not in FIGURE_TYPES
           or (fig.year is None) == (fig.period is None)
           or (fig.value is None) == (fig.low is None)
           or not all(isinstance(n, (int, float)) and not isinstance(n, bool)
                      for n in _numbers(fig))]
    assert bad == []


def test_every_measure_is_used_and_says_what_it_counts(project):
    used = {fig.measure for _, fig in _figures(project)}
    assert set(project.vocabulary.measures) == used
    for measure in project.vocabulary.measures.values():
        assert measure.counts.endswith(".") and measure.unit.strip()


def test_every_number_of_a_figure_is_in_its_events_text(project):
    """Figures are as the source gives them: each number appears in the event's summary,
    body or a quote of its sources."""
    missing = []
    for event, fig in _figures(project):
        text = " ".join([event.title, event.summary, event.body]
                        + [s.quote or "" for s in event.sources]).replace(",", "")
        for number in _numbers(fig):
            shown = f"{number:g}"
            if not re.search(rf"(?<![0-9.]){re.escape(shown)}(?![0-9])", text):
                missing.append((event.id, shown))
    assert missing == []


def test_every_bibliography_entry_is_cited(project):
    cited = {s.ref for event in project.events for s in event.sources if s.ref}
    assert set(project.bibliography) - cited == set()
    assert {"naughton-2020", "roberts-2018", "zeng-2020", "zeng-2021"} <= set(project.bibliography)


@pytest.mark.parametrize("value", [148.453, 96.727, 34.8, 336, 344, 150, 400, 1000, 2000, 57, 70,
                                   40, 160, 11, 10, 9, 7, 14, 20, 90, 99, 100, 50])
def test_every_figure_of_the_brief_appears_exactly(project, value):
    assert value in {n for _, fig in _figures(project) for n in _numbers(fig)}


@pytest.mark.parametrize("numbers, years, type_, measure", [
    ((148.453,), "2018", "actual", "ai-financing"), ((96.727,), "2019", "actual", "ai-financing"),
    ((34.8,), "2019", "actual", "ai-financing-fall"),
    ((336,), "2019", "actual", "tech-start-up-closures"),
    # "Hunan Province's target was for 2021, and Zhejiang's was for 2022" (Zeng, notes 5, 6).
    ((344,), "2020\u20132022", "target", "ai-core-industry"),
    ((2000,), "2020\u20132022", "target", "ai-related-industry"),
    ((57,), "2019", "estimate", "ai-core-industry"),
    # Stated in 2019 about 2020, of "China's AI industrial value": a forecast, as a range.
    ((40, 160), "2020", "forecast", "ai-industry"),
    ((90, 99), "2018", "estimate", "fake-ai-companies"),
    ((70,), "2025", "target", "high-tech-self-sufficiency"),
    ((20,), "2015\u20132016", "actual", "provincial-ai-plans"),
])
def test_figures_carry_their_measure_years_and_type(project, numbers, years, type_, measure):
    assert any(tuple(_numbers(fig)) == numbers and fig.years == years and fig.type == type_
               and fig.measure == measure for _, fig in _figures(project))


def test_the_national_plan_sets_the_three_step_targets(by_id):
    plan = by_id[NATIONAL_PLAN]
    assert (plan.date, plan.lane, plan.kind) == (PartialDate(2017, 7), "central", "plan")
    assert plan.titles == {"zh": "新一代人工智能发展规划"}
    targets = {(f.measure, f.value, f.year) for f in plan.figures if f.type == "target"}
    # Only the 2020 step is split into the core and the related industry; the source
    # gives the 2025 and 2030 steps as "an AI industry".
    assert targets == {("ai-core-industry", 150, 2020), ("ai-related-industry", 1000, 2020),
                       ("ai-industry", 400, 2025), ("ai-industry", 1000, 2030)}


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
             and (e.date.month is not None
                  or any(f.first_year != e.date.year for f in e.figures))]
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


# --- plans per year, against the figures the sources give ---------------------------

@pytest.fixture(scope="module")
def plans(project):
    return charts.plans_per_year(project, _site_settings())


def test_the_site_names_its_national_plan_and_nothing_is_missing(project):
    settings = _site_settings()
    assert settings.national_plan == NATIONAL_PLAN
    assert missing_settings(settings, project) == []


def test_provincial_plans_per_year_are_the_counts_the_source_gives(project, plans, by_id):
    # zeng-2020: "in 2015, 11 AI plans were introduced by 10 provincial units, and ...
    # in 2016, 9 plans were introduced by 7 provinces"
    assert (plans.count("local", 2015), plans.count("local", 2016)) == (11, 9)
    for year, number in ((2015, 11), (2016, 9)):
        (event,) = plans.cells["local", year].events
        assert any(f"{number} AI plans" in (s.quote or "") or f"{number} plans" in (s.quote or "")
                   for s in event.sources), event.id
    # Plans from 2009 on, but no count for any other year: not drawn as zero.
    assert plans.years[0] == 2009
    assert [y for y in plans.years if plans.count("local", y) is not None] == [2015, 2016]
    assert [e.id for e in plans.cells["local", 2009].events] == ["2009-earliest-provincial-ai-plans"]


def test_the_two_year_total_is_the_sum_of_the_two_counts_and_no_single_year(plans):
    (lane, total), = plans.totals
    assert (lane, total.figure.period, total.figure.value) == ("local", (2015, 2016), 20)
    assert plans.count("local", 2015) + plans.count("local", 2016) == total.figure.value
    chart = charts.plans_chart(plans)
    assert 20 not in [y for trace in chart["data"] for y in trace["y"]]


def test_central_ai_plans_are_the_ai_plans_on_the_timeline(project, plans):
    # The big-data plan, Made in China 2025 and the 13th Five-Year Plan are not AI plans.
    recorded = [e.id for y in plans.years for e in plans.cells["central", y].events]
    assert recorded == ["2016-05-internet-plus-ai-three-year-plan", NATIONAL_PLAN]


def test_the_central_lane_is_not_counted_because_no_source_counts_it(project, plans):
    # Zeng speaks of "a series of AI strategy papers" in 2016-17 and gives no number: the
    # site's own count of events is not a count of plans, so no year is 0 or 1.
    assert plans.not_counted == {"central"}
    assert [plans.count("central", y) for y in plans.years] == [None] * len(plans.years)
    chart = charts.plans_chart(plans)
    central = next(t for t in chart["data"] if t["type"] == "bar"
                   and t["name"].startswith("Central government"))
    assert central["name"] == "Central government: not counted"
    assert set(central["y"]) == {None}
    said = [a for a in chart["layout"]["annotations"] if a["text"] == "not counted"]
    assert len(said) >= len(plans.years)


def test_the_home_page_numbers_agree_with_the_charts(project, plans, by_id):
    home = (REPO / "docs" / "index.md").read_text(encoding="utf-8")
    # What the timeline shows: the text under it, before the reading guide.
    intro = " ".join(home[home.index("## What the timeline shows"):
                          home.index("## Reading the timeline")].split())
    words = {"eight": 8, "nine": 9, "ten": 10}
    lag = re.search(r"\*\*2009\*\*, (\w+) years before the national plan", intro)
    first_local = plans.cells["local", 2009].events[0]
    assert words[lag.group(1)] == by_id[NATIONAL_PLAN].date.year - first_local.date.year
    counts = re.search(r"(\d+) provincial units introduced (\d+) AI plans in 2015 and (\d+) "
                       r"provinces (\d+) in 2016: (\d+) plans from (\d+) provinces", intro)
    units, plans_2015, provinces, plans_2016, total, all_units = map(int, counts.groups())
    assert (plans_2015, plans_2016) == (plans.count("local", 2015), plans.count("local", 2016))
    assert total == plans.totals[0][1].figure.value
    unit_figures = {f.years: f.value for e in project.events for f in e.figures
                    if f.measure == "provincial-units-with-ai-plans"}
    assert (units, provinces, all_units) == (unit_figures["2015"], unit_figures["2016"],
                                             unit_figures["2015\u20132016"])
    # No count of central plans: the sentence says what the sources say instead.
    assert "one central AI plan" not in intro
    for words in ("No source counts Beijing's AI plans", "a series of AI strategy papers",
                  "almost all Beijing's central agencies' AI plans",
                  "at the highest level of government"):
        assert words in intro
    assert plans.count("central", 2015) is None and plans.count("central", 2016) is None
    assert "AI financing fell by 34.8%" in intro
    assert any(f.value == 34.8 and f.measure == "ai-financing-fall"
               for e in project.events for f in e.figures)


# --- the second review (issue 24) ----------------------------------------------------

def _page(name: str) -> str:
    return " ".join((REPO / "docs" / name).read_text(encoding="utf-8").split())


@pytest.fixture(scope="module")
def drawn(project):
    return charts.figures_charts(project)["charts"]


def test_the_forecasts_and_the_2020_target_share_one_chart_as_zeng_compares_them(project, drawn):
    points = {(x, y, t["meta"]) for t in drawn["ai-industry"]["data"] for x, y in zip(t["x"], t["y"])}
    assert {(2020, 40, "forecast"), (2020, 160, "forecast"), (2020, 150, "target")} <= points
    # The target's label is on the left of the range's, not over it.
    target = next(t for t in drawn["ai-industry"]["data"] if t["meta"] == "target")
    assert target["textposition"][target["x"].index(2020)] == "middle left"
    # Financing is not on that axis.
    assert not {y for _, y, _ in points} & {148.453, 96.727}
    scope = project.vocabulary.measures["ai-industry"].scope
    assert "“the line between the AI core industry and AI-related industry is very blurred”" in scope
    # The core-industry chart still sets the 150 bn beside the provincial targets.
    core = {(x, y) for t in drawn["ai-core-industry"]["data"] for x, y in zip(t["x"], t["y"])}
    assert {(2020, 150), (2020, 344), (2019, 57)} <= core


def test_the_57bn_estimate_is_labelled_stated_during_the_year_it_is_about(project, by_id, drawn):
    event = by_id["2019-zhongkegaofu-ai-core-industry-estimate"]
    assert event.date == PartialDate(2019, 8, 12)
    assert any("bjrb.bjd.com.cn/html/2019-08/12/" in (s.url or "") for s in event.sources)
    (estimate,) = [t for t in drawn["ai-core-industry"]["data"] if t["meta"] == "estimate"]
    assert estimate["text"] == ["57, stated during 2019"]
    assert "made after the year" not in english().t("charts.caption.mark.estimate")


def test_802_million_is_roberts_et_als_count_not_a_state_council_statement(project, by_id):
    (event,) = [e for e in project.events for f in e.figures if f.measure == "china-internet-users"]
    assert event.id == "2017-china-802-million-internet-users"
    assert event.title.startswith("Roberts et al.") and "State Council" not in event.actors
    assert (event.date, event.end) == (PartialDate(2017), PartialDate(2018))
    assert {(s.ref, s.locator.split(" ")[1]) for s in event.sources} == {
        ("roberts-2018", "18"), ("roberts-2018", "20")}
    assert "2018-massive-data-resources-as-ai-advantage" not in by_id
    # The Council's view stays undated, beside the 2015 plan it follows in the post.
    plan = by_id["2015-big-data-action-plan"]
    assert any("massive data resources" in (s.quote or "") for s in plan.sources)


def test_note_8s_interviewee_is_presented_as_dissent(project):
    page = _page("targets-and-outcomes.md")
    assert "The targets are soft in any case" not in page
    assert "Another interviewee" not in page
    assert '"argues that there is no need to make a fuss over those figures"' in page
    assert "That is a dissent from Zeng's reading, not support for it." in page
    assert "note 4, also with a university-based AI expert on 26 March 2020" in page


def test_the_data_caveat_is_beside_every_chart_of_local_figures(project):
    from policy_timeline.build import Build
    build = Build(project=project, index=None, today=today())
    html = charts.targets_and_outcomes_html(build, "targets-and-outcomes/")
    local = {f.measure for e in project.events if e.lane == "local" for f in e.figures}
    assert {"ai-core-industry", "ai-related-industry", "provincial-ai-plans"} <= local
    for measure in local:
        section = html[html.index(f'<h2 id="{measure}">'):]
        caption = section[:section.index("</figcaption>")]
        assert "tend to fake their economic data" in caption, measure
        assert "this tendency for data manipulation has affected statistics on the AI industry" \
            in caption, measure
    plans_html = charts.local_before_central_html(build, "local-before-central/", _site_settings())
    assert "tend to fake their economic data" in plans_html


@pytest.mark.parametrize("page, words", [
    # 7: the reading Zeng argues against, named.
    ("local-before-central.md", ["Ives and Holzmann", "Sayler, 2019: 23", "Amy Webb (2019)",
                                 "Most analysts view China's unified, whole-of-government effort",
                                 "vastly exaggerate"]),
    ("index.md", ["Ives and Holzmann", "Webb", "vastly exaggerate"]),
    # 8: the mechanism.
    ("local-before-central.md", ["the central state has restricted discretion, while local "
                                 "states have primary responsibility",
                                 "placing the burden on local governments", "Heilmann"]),
    # 9: the weight of the state beside private firms.
    ("local-before-central.md", ["have to work very closely with the government",
                                 "policies are still state-led",
                                 "government support is greater than ever before"]),
    # 10: international collaboration; the cost of the model.
    ("local-before-central.md", ["benefited from international collaboration"]),
    ("targets-and-outcomes.md", ["risks considerable wastage and inefficiency"]),
])
def test_the_arguments_the_review_found_missing_are_on_the_pages(page, words):
    text = _page(page)
    for w in words:
        assert w in text, (page, w)


@pytest.mark.parametrize("event_id, ref, locator, quoted", [
    ("2017-cybersecurity-law", "roberts-2018", "para. 26",
     "National Intelligence Law (Article 7) and Counter-Espionage Law (Article 22"),
    ("2018-xi-on-self-reliance-and-network-security", "roberts-2018", "para. 12",
     "Self-reliance is the basis for the struggle of the Chinese nation"),
    ("2018-xi-on-self-reliance-and-network-security", "roberts-2018", "para. 13",
     "Only by mastering the key core technologies"),
    ("2018-xi-on-self-reliance-and-network-security", "roberts-2018", "para. 24",
     "there can be no national security without network security"),
    ("2021-mckinsey-automation-job-changes", "zeng-2021",
     "question “What are the risks for the Chinese government in implementing this AI strategy?”",
     "between 400-800 million people across the world"),
    ("2017-11-ai-national-team", "zeng-2021",
     "question “Why does China’s socio-political context make it uniquely well-placed to seize "
     "the opportunities afforded by AI?”", "have to work very closely with the government"),
    ("2017-11-ai-national-team", "naughton-2020", "p. 24", "policies are still state-led"),
    ("2017-11-ai-national-team", "naughton-2020", "p. 25", "greater than ever before"),
])
def test_each_new_points_event_exists_with_its_locator(by_id, event_id, ref, locator, quoted):
    assert any(s.ref == ref and s.locator.startswith(locator) and quoted in (s.quote or "")
               for s in by_id[event_id].sources)


def test_mckinseys_range_is_a_forecast_for_2030_of_the_whole_world(project, by_id):
    (fig,) = by_id["2021-mckinsey-automation-job-changes"].figures
    assert (fig.type, fig.low, fig.high, fig.year) == ("forecast", 400, 800, 2030)
    assert "whole world" in project.vocabulary.measures[fig.measure].scope


def test_the_national_series_say_more_than_as_the_source_does(project):
    series = {f.series for e in project.events if e.lane == "central" for f in e.figures
              if f.type == "target" and f.measure.startswith("ai-")}
    assert series == {"National target (more than)"}


def test_the_2049_target_is_roberts_et_als_account(by_id):
    event = by_id["2049-dominant-global-position-target"]
    assert "Roberts, Choer Moraes and Ferguson" in event.summary


@pytest.mark.parametrize("event_id, chinese", [
    ("2019-zhongkegaofu-ai-core-industry-estimate", "中科高服"),
    ("2019-zhongkegaofu-ai-core-industry-estimate", "2019 年中国人工智能产业研究报告"),
    ("2018-fake-ai-companies", "中国人工智能产业白皮书"),
    ("2009-earliest-provincial-ai-plans", "中国人工智能发展报告2018"),
    (NATIONAL_PLAN, "人工智能具有很强的“头雁”效应"),
    ("2012-military-civil-fusion", "junmin ronghe (军民融合"),
])
def test_chinese_names_of_the_cited_works(by_id, event_id, chinese):
    event = by_id[event_id]
    assert chinese in " ".join([event.summary, event.body])
