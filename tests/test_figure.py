"""The timeline's figure and its HTML, built from fixture events without mkdocs."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import yaml

from conftest import FIXTURES, REPO, copy_events, write_events
from macros import figure, timeline_html
from macros.dates import PartialDate
from macros.figure import FilterError, TimelineFilter
from macros.pipeline import Build
from macros.validate import validate_project

TODAY = dt.date(2026, 1, 1)
FIXTURE = FIXTURES / "events" / "timeline"


def make_build(events_dir) -> Build:
    project, problems = validate_project(events_dir)
    assert not problems, problems
    return Build(project=project, index=None, today=TODAY)


@pytest.fixture
def build(tmp_path):
    return make_build(copy_events(FIXTURE, tmp_path / "plain"))


@pytest.fixture
def odd_vocabulary_build(tmp_path):
    """The fixture under a vocabulary with other lane order, colours and symbols."""
    events = copy_events(FIXTURE, tmp_path / "odd")
    vocab = yaml.safe_load((REPO / "events" / "vocabulary.yml").read_text(encoding="utf-8"))
    vocab["lanes"]["market"]["order"] = 0
    vocab["lanes"]["local"]["colour"] = "#123456"
    vocab["kinds"]["plan"]["symbol"] = "x"
    vocab["kinds"]["statement"]["symbol"] = "bowtie"
    (events / "vocabulary.yml").write_text(yaml.safe_dump(vocab), encoding="utf-8")
    return make_build(events)


def points(fig):
    """(trace, index, event id) for every drawn point and bar."""
    for trace in fig["data"]:
        for i, cd in enumerate(trace["customdata"]):
            yield trace, i, cd[figure.CD_PATH].split("/")[1]


def point(fig, event_id):
    found = [(t, i) for t, i, eid in points(fig) if eid == event_id]
    assert len(found) == 1, event_id
    return found[0]


def lane_labels(fig):
    return [re.sub(r"^<span[^>]*>■</span> ", "", t) for t in fig["layout"]["yaxis"]["ticktext"]]


def test_lanes_run_down_the_y_axis_in_vocabulary_order(build, odd_vocabulary_build):
    assert lane_labels(figure.timeline_figure(build)) == [
        "International", "Central government", "Provinces and cities", "Market and industry"]
    odd = figure.timeline_figure(odd_vocabulary_build)
    assert lane_labels(odd) == [
        "Market and industry", "International", "Central government", "Provinces and cities"]
    # Reversed range: the first lane (row 0) is at the top.
    assert odd["layout"]["yaxis"]["range"] == [3.5, -0.5]
    trace, i = point(odd, "2019-03-capital-winter")
    assert round(trace["y"][i]) == 0


def test_symbols_and_colours_come_from_the_vocabulary(odd_vocabulary_build):
    fig = figure.timeline_figure(odd_vocabulary_build)
    trace, i = point(fig, "2014-shanghai-plan")
    assert trace["marker"]["symbol"][i] == "x"
    assert trace["marker"]["color"][i] == "#123456"
    trace, i = point(fig, "2017-07-hostile-statement")
    assert trace["marker"]["symbol"][i] == "bowtie"
    trace, i = point(fig, "2028-06-future-statement")
    assert trace["marker"]["symbol"][i] == "bowtie-open"


def test_one_trace_per_kind_and_periods_share_its_legend_group(build):
    fig = figure.timeline_figure(build)
    legend = [t for t in fig["data"] if t.get("meta") == figure.LEGEND_META]
    events = [t for t in fig["data"] if t.get("meta") != figure.LEGEND_META]
    scatter = [t["legendgroup"] for t in events if t["type"] == "scatter"]
    assert len(scatter) == len(set(scatter))
    plan_bars = [t for t in events if t["type"] == "bar" and t["legendgroup"] == "plan"]
    assert len(plan_bars) == 1
    ids = sorted(eid for _, _, eid in points(fig))
    assert ids == sorted(p.stem for p in FIXTURE.glob("*.md"))
    # The legend: one entry per kind that has events, in the vocabulary's order,
    # after the events' traces, with the kind's symbol in one neutral colour
    # (the events' traces carry their lanes' colours and no legend entry).
    assert fig["data"][-len(legend):] == legend
    kinds = build.project.vocabulary.kinds
    assert [t["legendgroup"] for t in legend] == [k for k in kinds if k in {t["legendgroup"] for t in events}]
    for trace in legend:
        assert trace["showlegend"] is True and trace["customdata"] == [] and trace["x"] == [None]
        assert trace["marker"]["symbol"] == kinds[trace["legendgroup"]].symbol
        assert trace["marker"]["color"] == figure.LEGEND_COLOUR
    assert all(t["showlegend"] is False for t in events)


def test_a_filtered_view_keeps_the_legend_entries_of_the_kinds_it_shows(build):
    fig = figure.timeline_figure(build, lanes=["local"])
    legend = {t["legendgroup"] for t in fig["data"] if t.get("meta") == figure.LEGEND_META}
    shown = {t["legendgroup"] for t in fig["data"] if t.get("meta") != figure.LEGEND_META}
    assert legend == shown and shown
    assert figure.timeline_figure(build, kinds=["target"])["data"][-1]["legendgroup"] == "target"


def test_targets_and_future_events_are_drawn_apart(build):
    fig = figure.timeline_figure(build)
    for event_id, hollow in [("2030-ai-core-industry-target", True),     # kind target
                             ("2028-06-future-statement", True),         # after today
                             ("2017-07-hostile-statement", False),
                             ("2015-05-19-made-in-china-2025", False)]:
        trace, i = point(fig, event_id)
        assert trace["marker"]["symbol"][i].endswith("-open") is hollow, event_id
        assert (trace["marker"]["opacity"][i] < 1) is hollow, event_id
        assert (trace["marker"]["line"]["width"][i] > 0) is hollow, event_id
    future_bar, i = point(fig, "2027-future-programme")
    past_bar, j = point(fig, "2009-local-sensing-plans")
    assert future_bar["marker"]["pattern"]["shape"][i] == "/"
    assert past_bar["marker"]["pattern"]["shape"][j] == ""


def test_a_year_sits_at_its_middle_never_on_1_january(build):
    fig = figure.timeline_figure(build)
    trace, i = point(fig, "2014-shanghai-plan")
    assert trace["x"][i] == PartialDate(2014).midpoint.isoformat() == "2014-07-02"
    trace, i = point(fig, "2017-07-new-generation-ai-development-plan")
    assert trace["x"][i] == "2017-07-16"


def test_periods_are_bars_from_their_first_to_their_last_day(build):
    fig = figure.timeline_figure(build)
    bar, i = point(fig, "2009-local-sensing-plans")
    assert bar["type"] == "bar" and bar["orientation"] == "h"
    assert bar["base"][i] == "2009-01-01"
    days = (dt.date(2013, 1, 1) - dt.date(2009, 1, 1)).days
    assert bar["x"][i] == days * 86_400_000


def test_events_on_the_same_date_in_the_same_lane_do_not_overlap(build):
    fig = figure.timeline_figure(build)
    plan, i = point(fig, "2017-07-new-generation-ai-development-plan")
    statement, j = point(fig, "2017-07-hostile-statement")
    assert plan["x"][i] == statement["x"][j]
    assert abs(plan["y"][i] - statement["y"][j]) >= 0.1
    # Both stay inside the central lane's row.
    assert round(plan["y"][i]) == round(statement["y"][j]) == 1


def test_hover_and_labels_are_escaped_once_for_plotly(build):
    fig = figure.timeline_figure(build)
    trace, i = point(fig, "2017-07-hostile-statement")
    hover = trace["hovertext"][i]
    assert hover.startswith('<b>&lt;b&gt;x&lt;/b&gt; &amp; "quoted" &lt;/script&gt;</b>'
                            '<br>July 2017')
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; more" in hover
    assert "&amp;lt;" not in hover and "<img" not in hover
    plan, j = point(fig, "2017-07-new-generation-ai-development-plan")
    assert plan["text"][j] == "New Generation AI Development Plan"   # highlight: true
    shanghai, k = point(fig, "2014-shanghai-plan")
    assert shanghai["text"][k] == ""


def test_same_input_gives_the_same_bytes(tmp_path):
    first, second = (figure.figure_json(figure.full_figure(make_build(
        copy_events(FIXTURE, tmp_path / name)))) for name in ("a", "b"))
    assert first == second
    # Sorted keys, no spaces between tokens, floats rounded to a fixed precision.
    assert first.startswith(b'{"data":[{"cliponaxis":false,"customdata":[["events/')
    ys = [y for trace in json.loads(first)["data"] for y in trace["y"] if y is not None]
    assert all(round(y, 4) == y for y in ys) and len(ys) == 13


def test_filters_keep_matching_events_and_close_up_the_lanes(build):
    fig = figure.timeline_figure(build, lanes=["local", "central"], kinds=["plan"], start=2011,
                                 end="2017-07")
    ids = sorted(eid for _, _, eid in points(fig))
    assert ids == ["2009-local-sensing-plans", "2014-shanghai-plan",
                   "2015-05-19-made-in-china-2025", "2016-05-internet-plus-ai",
                   "2017-07-new-generation-ai-development-plan"]
    assert lane_labels(fig) == ["Central government", "Provinces and cities"]
    trace, i = point(fig, "2014-shanghai-plan")
    assert round(trace["y"][i]) == 1
    assert fig["layout"]["xaxis"]["range"] == ["2011-01-01", "2017-08-01"]
    assert fig["layout"]["height"] < figure.timeline_figure(build)["layout"]["height"]


def test_tag_filter_and_unknown_names(build):
    fig = figure.timeline_figure(build, tags=["capital-winter", "governance"])
    assert sorted(eid for _, _, eid in points(fig)) == [
        "2018-01-18-standardization-white-paper", "2019-03-capital-winter"]
    with pytest.raises(FilterError, match="unknown lanes"):
        figure.timeline_figure(build, lanes=["provincial"])
    with pytest.raises(FilterError, match="after end"):
        figure.timeline_figure(build, start=2019, end=2010)


def test_the_twin_list_holds_the_same_events_as_the_figure(build):
    view = TimelineFilter.parse(build.project.vocabulary, lanes=["central"], start=2016)
    html = timeline_html.timeline_view(build, view, "analysis/")
    fig = figure.apply_filter(figure.full_figure(build), view)
    listed = re.findall(r'<a href="\.\./events/([^/]+)/">', html)
    assert sorted(listed) == sorted(eid for _, _, eid in points(fig))
    assert 'data-figure="../assets/timeline/timeline.json"' in html
    assert 'data-lanes="central" data-from="2016"' in html
    assert '<a href="../embed/builder/?lanes=central&amp;from=2016">Embed this view</a>' in html
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &quot;quoted&quot; &lt;/script&gt;" in html
    assert "<b>x" not in html and "&amp;lt;" not in html
    assert '<time datetime="2016-05">May 2016 – December 2018</time>' in html


def test_site_files_hold_the_figure_and_the_standalone_embed_page(build):
    files = figure.site_files(build)
    assert json.loads(files[figure.FIGURE_URI]) == figure.full_figure(build)
    page = timeline_html.embed_page(build)
    assert page.markdown.startswith("---\ntemplate: embed.html\n")
    embed = page.joined()
    assert "search:\n  exclude: true" in embed
    assert embed.count("<li data-lane=") == len(build.project.events)
    assert "Embed this view" not in embed


def test_the_page_starts_downloading_plotly_and_the_figure_before_the_loader_runs(build):
    html = timeline_html.timeline_view(build, TimelineFilter(), "")
    assert html.index('<link rel="preload" href="assets/vendor/plotly/plotly-basic-4.1.1.min.js"'
                      ' as="script">') < html.index('class="pt-timeline"')
    assert ('<link rel="preload" href="assets/timeline/timeline.json" as="fetch" crossorigin>'
            in html)


def test_a_long_twin_list_starts_folded(tmp_path):
    event = ("---\ntitle: Event {n}\ndate: 2010\nlane: local\nkind: plan\nsummary: S.\n"
             "sources:\n  - {{title: T, url: \"https://example.org/\"}}\n---\n")
    count = timeline_html.TWIN_OPEN_MAX + 1
    long = make_build(write_events(tmp_path / "long", {
        f"2010-event-{n:04d}.md": event.format(n=n) for n in range(count)}))
    html = timeline_html.twin_list(long, TimelineFilter(), "")
    assert html.startswith('<details class="pt-twin" data-search-exclude="true"><summary>The 201 events')
    assert html.count("<li>") == count
    before = TimelineFilter.parse(long.project.vocabulary, end=2009)
    short = timeline_html.twin_list(long, before, "")
    assert short.startswith('<details class="pt-twin" open data-search-exclude="true"><summary>The 0 events')
