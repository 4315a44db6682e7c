"""The analysis charts' data and HTML, from the figures of tests/fixtures/events/charts.

A chart draws one measure; a figure is drawn as what it is (a target hollow at
its deadline, a forecast as a range labelled with when it was made, an actual
figure solid) and lines join only figures of one series and one type. Plans
per year come from the counts a source gives, else from events.
"""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from conftest import FIXTURES, build_site, copy_events, visible_text, write_events

from policy_timeline.build import Build
from policy_timeline.render import charts
from policy_timeline.render.catalogue import english
from policy_timeline.render.charts import words
from policy_timeline.source.settings import AnalysisSettings
from policy_timeline.source.validate import validate_project

TODAY = dt.date(2026, 1, 1)
SETTINGS = AnalysisSettings(national_plan="2017-07-national-plan", local_lane="local",
                               plan_kind="plan", plan_tag="ai", plan_measure="plans")


def make_build(events_dir) -> Build:
    project, problems = validate_project(events_dir)
    assert not problems, problems
    return Build(project=project, index=None, today=TODAY)


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    return make_build(copy_events(FIXTURES / "events" / "charts",
                                  tmp_path_factory.mktemp("charts") / "events"))


@pytest.fixture(scope="module")
def drawn(build):
    return charts.figures_charts(build.project)["charts"]


def points(chart):
    """(x, y, type) of every drawn point; gaps and text-only points left out."""
    return {(x, y, trace["meta"]) for trace in chart["data"]
            for x, y in zip(trace["x"], trace["y"]) if y is not None}


def figures_of(project, measure):
    return [(event, fig) for event in project.events for fig in event.figures
            if fig.measure == measure]


# --- one chart per measure ---------------------------------------------------------

def test_two_measures_never_share_a_chart(build, drawn):
    # "share" has one figure: a table row, not a chart.
    assert sorted(drawn) == ["core", "financing", "plans"]
    measures = build.project.vocabulary.measures
    for measure, chart in drawn.items():
        assert chart["layout"]["yaxis"]["title"]["text"] == measures[measure].unit
        drawn_values = {y for _, y, _ in points(chart)}
        own = {v for _, f in figures_of(build.project, measure)
               for v in (f.value, f.low, f.high) if v is not None}
        assert drawn_values == own, measure
    # The financing figures are in billion yuan too, and still not on the industry's chart.
    assert not {y for _, y, _ in points(drawn["core"])} & {148, 97}
    assert {y for _, y, _ in points(drawn["financing"])} == {148, 97}


def test_a_forecast_is_a_range_labelled_with_when_it_was_made(drawn):
    (forecast,) = [t for t in drawn["core"]["data"] if t["meta"] == "forecast"]
    assert forecast["x"] == [2020, 2020] and forecast["y"] == [40, 160]
    assert "lines" in forecast["mode"] and forecast["marker"]["symbol"] == "line-ew"
    assert forecast["text"] == ["", "40\u2013160, made in 2019"]
    assert forecast["hovertext"][0].startswith("<b>Forecasts</b><br>forecast for 2020, made in "
                                               "2019: 40\u2013160 billion yuan")
    # No value is made up between the two ends.
    assert {y for x, y, _ in points(drawn["core"]) if x == 2020} == {40, 160, 150, 344}


def test_targets_are_hollow_at_their_deadline_and_actuals_solid(drawn):
    targets = [t for t in drawn["core"]["data"] if t["meta"] == "target"]
    national = next(t for t in targets if t["name"] == "National target")
    assert national["x"] == [2020, 2025, 2030] and national["y"] == [150, 400, 1000]
    assert national["marker"]["symbol"] == "circle-open"
    assert "lines" not in national["mode"]        # targets are promises, not a trend
    provinces = next(t for t in targets if t["name"] == "Provinces")
    assert provinces["x"] == [2020, 2022] and provinces["y"] == [344, 344]   # its years
    assert provinces["text"] == ["344 (2020\u20132022)", ""]
    assert provinces["line"]["dash"] == "dot" and provinces["marker"]["symbol"] == "line-ns"
    (actual,) = drawn["financing"]["data"]
    assert actual["meta"] == "actual" and actual["marker"]["symbol"] == "circle"
    assert actual["x"] == [2018, 2019] and actual["y"] == [148, 97]
    assert actual["mode"] == "lines+markers+text"  # one series, one type: joined
    (estimate,) = [t for t in drawn["core"]["data"] if t["meta"] == "estimate"]
    assert estimate["marker"]["symbol"] == "diamond" and estimate["x"] == [2019]


def test_an_estimate_says_it_was_stated_during_the_year_it_is_about(build, drawn):
    # The fixture's estimate for 2019 is stated by an event dated 2019: not "after" it.
    (estimate,) = [t for t in drawn["core"]["data"] if t["meta"] == "estimate"]
    assert estimate["text"] == ["57, stated during 2019"]
    assert "estimate for 2019, stated during 2019 (2019)" in estimate["hovertext"][0]
    html = charts.targets_and_outcomes_html(build, "targets-and-outcomes/")
    assert "made after the year they are about" not in html
    assert "diamonds are estimates, each labelled with when it was stated: during the year it is " \
           "about or after it" in visible_text(html).lower()
    # Stated after its year, an estimate says so.
    (stated,) = [s for s in charts.figures_by_measure(build.project)["core"]
                 if s.figure.type == "estimate"]
    later = charts.Stated(stated.figure, [build.project.events[-1]])
    assert build.project.events[-1].date.year > 2019
    assert later.when == "after"
    assert words.when_stated(english(), later) == "after 2019"


def test_no_line_joins_figures_of_different_types_or_series(drawn):
    for measure, chart in drawn.items():
        for trace in chart["data"]:
            kinds = {text.split("<br>")[1].split(" for ")[0] for text in trace["hovertext"]}
            series = {text.split("<br>")[0] for text in trace["hovertext"]}
            assert kinds == {trace["meta"]} and len(series) == 1, (measure, trace["name"])


def test_measure_charts_have_no_legend_and_the_caption_names_the_series(build):
    html = charts.targets_and_outcomes_html(build, "targets-and-outcomes/")
    for chart in charts.figures_charts(build.project)["charts"].values():
        assert chart["layout"]["showlegend"] is False
    core = html[html.index('<h2 id="core">'):html.index('<h2 id="financing">')]
    caption = visible_text(core[core.index("<figcaption>"):core.index("</figcaption>")])
    assert caption.startswith("What it counts. The value of the core industry in a year. "
                              "Unit: billion yuan. Scope. National targets cover the country.")
    assert ("Series. \u25c6 An estimate: 57 (2019, stated during 2019); "
            "\u25cb National target: 150 (2020), 400 (2025), 1,000 (2030); "
            "\u2503 Forecasts: 40\u2013160 (2020); \u2508 Provinces: 344 (target, 2020\u20132022).") in caption
    assert "hollow circles are targets, at their deadline" in caption.lower()


def test_no_known_outcome_is_said_plainly(build):
    html = charts.targets_and_outcomes_html(build, "targets-and-outcomes/")
    core = visible_text(html[html.index('<h2 id="core">'):html.index('<h2 id="financing">')])
    # Targets and forecasts for 2020-2025 with no estimate or actual for those years;
    # the 2019 estimate is not an outcome for 2020.
    assert ("Outcome. No known outcome for 2020\u20132022 and 2025: no source here gives an "
            "estimate made after the fact or an actual figure for those years. 2030 is still to "
            "come.") in core
    financing = html[html.index('<h2 id="financing">'):html.index('<h2 id="plans">')]
    assert "Outcome." not in financing   # actual figures only: nothing was promised


def test_a_measure_with_one_figure_is_a_table_row_not_a_chart(build):
    html = charts.targets_and_outcomes_html(build, "targets-and-outcomes/")
    share = html[html.index('<h2 id="share">'):]
    assert 'class="pt-chart"' not in share
    assert "<td>2018</td><td>Fake firms</td><td>estimate</td>" in share
    assert '<td class="pt-number">90\u201399</td>' in share


def test_a_figure_stated_by_two_events_is_charted_once_and_credits_both(build, drawn):
    national = next(t for t in drawn["core"]["data"] if t["name"] == "National target")
    assert national["customdata"][0] == ["events/2017-07-national-plan/"]
    assert national["hovertext"][0].endswith("from: The national plan; The national target")
    html = charts.targets_and_outcomes_html(build, "targets-and-outcomes/")
    assert html.count("<td>2020</td><td>National target</td>") == 1
    assert ('<a href="../events/2017-07-national-plan/">The national plan</a>; '
            '<a href="../events/2020-national-target/">The national target</a>') in html


# --- plans per year, by lane -------------------------------------------------------

def test_plans_per_year_come_from_the_counts_where_a_source_gives_them(build):
    plans = charts.plans_per_year(build.project, SETTINGS)
    assert [lane.id for lane in plans.lanes] == ["central", "local"]
    assert plans.years == list(range(2009, 2018))
    local = {year: plans.count("local", year) for year in plans.years}
    # The counts of the figures; years without one are not counted, never 0.
    assert local == {2009: None, 2010: None, 2011: None, 2012: None, 2013: None, 2014: None,
                     2015: 11, 2016: 9, 2017: None}
    assert [e.id for e in plans.cells["local", 2009].events] == ["2009-first-local-plan"]
    assert plans.cells["local", 2012].events == []   # a plan, but not tagged ai
    # No source counts the central lane's plans: not counted in any year, never 0, and the
    # plan events are not a count.
    central = {year: plans.count("central", year) for year in plans.years}
    assert central == dict.fromkeys(range(2009, 2018))
    assert plans.not_counted == {"central"}
    assert [e.id for y in (2016, 2017) for e in plans.cells["central", y].events] == [
        "2016-05-central-ai-plan", "2017-07-national-plan"]
    (total,) = plans.totals
    assert total[0] == "local" and total[1].figure.value == 20


def test_a_lane_no_source_counts_says_not_counted_and_draws_no_zero(build):
    chart = charts.by_year_charts(build.project, SETTINGS)["charts"][charts.PLANS_CHART]
    central = next(t for t in chart["data"] if t["type"] == "bar" and
                   t["name"].startswith("Central government"))
    assert central["name"] == "Central government: not counted"
    assert central["y"] == [None] * 9 and 0 not in central["y"]
    assert all("not counted" in h for h in central["hovertext"])
    # The words stand in the place of each missing bar, the central lane's slot (left).
    said = {(a["x"], a["text"]) for a in chart["layout"]["annotations"]}
    assert {(round(y - 0.2, 4), "not counted") for y in range(2009, 2018)} <= said
    assert (2015.2, "not counted") not in said and (2016.2, "not counted") not in said
    html = charts.local_before_central_html(build, "local-before-central/", SETTINGS)
    text = visible_text(html)
    assert "Central government: not counted. No source gives a number of these plans" in text
    assert html.count('<td class="pt-number pt-uncounted">not counted') >= 9 + 7
    # A site that names no plan measure still counts its plan events, as its caption says.
    by_events = charts.plans_per_year(build.project, AnalysisSettings(
        **{**vars(SETTINGS), "plan_measure": None}))
    assert by_events.count("central", 2016) == 1 and by_events.not_counted == set()


def test_a_two_year_total_is_never_drawn_as_a_year(build):
    chart = charts.by_year_charts(build.project, SETTINGS)["charts"][charts.PLANS_CHART]
    local = next(t for t in chart["data"] if t["type"] == "bar" and t["name"] ==
                 "Provinces and cities")
    assert dict(zip(local["x"], local["y"]))[2016] == 9
    assert 20 not in local["y"]
    assert local["customdata"][local["x"].index(2015)] == ["events/2015-local-count/"]
    uncounted = [t for t in chart["data"] if t["type"] == "scatter"]
    local_marks = next(t for t in uncounted if t["customdata"][0] == ["events/2009-first-local-plan/"])
    # In the local lane's slot (right of the year's middle), on the axis.
    assert local_marks["x"] == [2009.2, 2014.2] and local_marks["y"] == [0, 0]
    uncounted = local_marks
    assert uncounted["marker"]["symbol"] == "circle-open"
    html = charts.local_before_central_html(build, "local-before-central/", SETTINGS)
    text = visible_text(html)
    assert ("The total of 20 plans for 2015\u20132016 is not drawn as a single year: it is the "
            "sum of the yearly counts (11 + 9).") in text
    assert "2015\u20132016, both years 20" in text
    assert '<td class="pt-number pt-uncounted">not counted, plans recorded</td>' in html
    assert '<td class="pt-number"><a href="../events/2016-local-count/">9</a></td>' in html


def test_the_lag_from_the_first_local_plan_to_the_national_one(build):
    html = charts.local_before_central_html(build, "local-before-central/", SETTINGS)
    assert '<strong class="pt-gap">8 years before</strong>' in html
    assert '<a href="../events/2009-first-local-plan/">The first local plan</a> (2009)' in html
    assert "pt-missing" not in html
    later = charts.local_before_central_html(
        build, "", AnalysisSettings(**{**vars(SETTINGS), "national_plan": "2015-local-count"}))
    assert "6 years before" in later


@pytest.mark.parametrize("change, said", [
    ({"national_plan": "2017-07-nope"}, "No event has the id “2017-07-nope”, the national plan "
     "named (plugins: policy-timeline: analysis: national_plan in mkdocs.yml), so the years "
     "from the first local plan to it are not computed."),
    ({"national_plan": None}, "No national plan is named (plugins: policy-timeline: analysis: "
     "national_plan in mkdocs.yml)"),
    ({"local_lane": "provincial"}, "The vocabulary has no lane “provincial”, named (plugins: "
     "policy-timeline: analysis: local_lane in mkdocs.yml)."),
    ({"plan_kind": "policy"}, "The vocabulary has no kind “policy”"),
    ({"plan_tag": "artificial-intelligence"}, "The vocabulary has no tag “artificial-intelligence”"),
    ({"plan_measure": "provincial-ai-plans"}, "The vocabulary has no measure "
     "“provincial-ai-plans”"),
])
def test_what_the_settings_name_but_the_events_lack_is_said_not_raised(build, change, said):
    html = charts.local_before_central_html(build, "", AnalysisSettings(
        **{**vars(SETTINGS), **change}))
    missing = " ".join(visible_text(m) for m in re.findall(r'<p class="pt-missing">.*?</p>', html))
    assert said in missing


def test_settings_are_the_plugins_analysis_options():
    from policy_timeline.mkdocs.plugin import PolicyTimelinePlugin

    plugin = PolicyTimelinePlugin()
    errors, warnings = plugin.load_config({"analysis": {
        "national_plan": "2017-07-x", "local_lane": "local", "plan_kind": "plan",
        "plan_tag": "ai"}})
    assert errors == [] and warnings == []
    assert plugin.analysis() == AnalysisSettings("2017-07-x", "local", "plan", "ai", None)
    bare = PolicyTimelinePlugin()
    assert bare.load_config({}) == ([], [])
    assert bare.analysis() == AnalysisSettings()
    wrong = PolicyTimelinePlugin()
    errors, _ = wrong.load_config({"analysis": {"national_plan": ["a", "b"]}})
    assert errors and errors[0][0] == "analysis"


# --- a fork's site ------------------------------------------------------------------

FORK_EVENT = """---
title: {title}
date: {date}
lane: {lane}
kind: plan
summary: A plan of the fork.
tags: [artificial-intelligence]
sources:
  - {{title: A source, url: "https://example.org/{date}"}}
---
"""


@pytest.mark.site
def test_a_fork_without_the_national_plan_builds_and_says_what_is_missing(tmp_path):
    events = write_events(tmp_path / "events", {
        "2019-a-city-plan.md": FORK_EVENT.format(title="A city plan", date="2019", lane="local"),
        "2021-a-national-plan.md": FORK_EVENT.format(title="Another national plan",
                                                     date="2021", lane="central"),
    })
    site = build_site(events, tmp_path / "site")
    page = (site / "local-before-central" / "index.html").read_text(encoding="utf-8")
    text = visible_text(page)
    assert ("No event has the id “2017-07-new-generation-ai-development-plan”, the national "
            "plan named (plugins: policy-timeline: analysis: national_plan in mkdocs.yml), so the years "
            "from the first local plan to it are not computed.") in text
    assert "pt-gap" not in page
    # The plans per year are still drawn, one per plan event in each lane.
    assert 'data-chart="plans"' in page
    data = json.loads((site / "assets" / "timeline" / "by-year.json").read_text("utf-8"))
    bars = {t["name"]: dict(zip(t["x"], t["y"])) for t in data["charts"]["plans"]["data"]}
    assert bars == {"Central government": {2019: 0, 2020: 0, 2021: 1},
                    "Provinces and cities": {2019: 1, 2020: 0, 2021: 0}}
    assert "No event has figures yet." in visible_text(
        (site / "targets-and-outcomes" / "index.html").read_text(encoding="utf-8"))
