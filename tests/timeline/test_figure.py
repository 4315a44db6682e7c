"""The timeline's data, its Plotly figure and its HTML, built from fixture events
without mkdocs."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import yaml
from conftest import FIXTURES, REPO, copy_events, generated_events

from policy_timeline import urls
from policy_timeline.build import Build
from policy_timeline.render import timeline_block
from policy_timeline.source.validate import validate_project
from policy_timeline.timeline import colours, figure_data, plotly_figure, svg
from policy_timeline.timeline import layout as lay
from policy_timeline.timeline.plotly_json import figure_json
from policy_timeline.timeline.view import FilterError, TimelineFilter

pytestmark = pytest.mark.content

TODAY = dt.date(2026, 1, 1)
FIXTURE = FIXTURES / "events" / "timeline"
DAY_MS = 86_400_000


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
    """(trace, index, event id) for every drawn marker and bar."""
    events = FIGURE_EVENTS[id(fig)]
    for trace in fig["data"]:
        if trace["name"] in ("period labels", "clusters"):
            continue
        for k, i in enumerate(trace["customdata"]):
            yield trace, k, events[i].id


FIGURE_EVENTS: dict = {}


def draw(build, **view):
    fig = plotly_figure.timeline_figure(build, **view)
    FIGURE_EVENTS[id(fig)] = build.layout.events
    return fig


def point(fig, event_id):
    found = [(t, i) for t, i, eid in points(fig) if eid == event_id]
    assert len(found) == 1, event_id
    return found[0]


def lane_names(fig):
    return [a["text"][3:-4] for a in fig["layout"]["annotations"] if a["xref"] == "paper"]


def test_lanes_run_down_the_chart_in_vocabulary_order(build, odd_vocabulary_build):
    assert lane_names(draw(build)) == [
        "International", "Central government", "Provinces and cities", "Market and industry"]
    odd = draw(odd_vocabulary_build)
    assert lane_names(odd) == [
        "Market and industry", "International", "Central government", "Provinces and cities"]
    # y is in pixels from the top, and the first lane is on top.
    assert odd["layout"]["yaxis"]["range"][1] == 0
    winter, i = point(odd, "2019-03-capital-winter")
    plan, j = point(odd, "2014-shanghai-plan")
    assert winter["y"][i] < plan["y"][j]


def test_symbols_and_colours_come_from_the_vocabulary(odd_vocabulary_build):
    fig = draw(odd_vocabulary_build)
    trace, i = point(fig, "2014-shanghai-plan")
    assert trace["marker"]["symbol"][i] == "x"
    assert trace["marker"]["color"][i] == "#123456"
    trace, i = point(fig, "2017-07-hostile-statement")
    assert trace["marker"]["symbol"][i] == "bowtie"
    data = figure_data.timeline_data(odd_vocabulary_build, odd_vocabulary_build.layout)
    assert [lane["id"] for lane in data["lanes"]] == ["market", "international", "central", "local"]


def test_three_traces_draw_every_event_once(build):
    fig = draw(build)
    assert [t["name"] for t in fig["data"]] == ["periods", "period labels", "events", "clusters"]
    ids = [eid for _, _, eid in points(fig)]
    assert sorted(ids) == sorted(e.id for e in build.project.events)
    bars, labels, _, _ = fig["data"]
    assert bars["customdata"] == labels["customdata"]


def path_points(path: str) -> tuple[list[float], list[float]]:
    """The x and y of every point of a Plotly path made of M, H, Q and Z."""
    xs, ys, y = [], [], 0.0
    for command, args in re.findall(r"([MHQZ])([^MHQZ]*)", path):
        numbers = [float(n) for n in re.findall(r"-?[0-9.]+", args)]
        if command == "H":
            xs.append(numbers[0])
            ys.append(y)
        else:
            xs += numbers[0::2]
            ys += numbers[1::2]
        y = ys[-1] if ys else y
    return xs, ys


def test_cluster_badges_are_pills_under_their_counts_as_the_svg_draws_them(tmp_path):
    # The coarsest level of 300 generated events, where they crowd into clusters.
    build = make_build(generated_events(tmp_path / "events", 300))
    layout = build.layout
    level = layout.levels[0]
    assert level.clusters
    visible = [True] * len(layout.events)
    fig = plotly_figure.plotly_figure(build, layout, 0, visible, None, layout.classes[0].plot_px)
    badges = fig["data"][3]
    pills = [s for s in fig["layout"]["shapes"] if s["type"] == "path"]
    assert badges["name"] == "clusters" and len(pills) == len(badges["text"]) > 0
    assert sorted(int(t[1:]) for t in badges["text"]) == sorted(
        len(c.members) for c in level.clusters)
    assert [(p["xanchor"], p["yanchor"]) for p in pills] == list(zip(badges["x"], badges["y"]))
    for pill in pills:
        xs, ys = path_points(pill["path"])
        assert (min(xs), max(xs)) == (-lay.BADGE_WIDTH_PX / 2, lay.BADGE_WIDTH_PX / 2)
        assert (min(ys), max(ys)) == (-lay.BADGE_PX / 2, lay.BADGE_PX / 2)
        assert (pill["xsizemode"], pill["ysizemode"], pill["layer"]) == ("pixel", "pixel",
                                                                         "between")
    # No annotation but the lane names: annotations were most of a draw.
    assert all(a["xref"] == "paper" for a in fig["layout"]["annotations"])


def test_targets_and_future_events_are_drawn_hollow(build):
    fig = draw(build)
    for event_id, hollow in [("2030-ai-core-industry-target", True),     # kind target
                             ("2028-06-future-statement", True),         # after today
                             ("2017-07-hostile-statement", False),
                             ("2015-05-19-made-in-china-2025", False)]:
        trace, i = point(fig, event_id)
        assert trace["marker"]["symbol"][i].endswith("-open") is hollow, event_id
        assert (trace["marker"]["line"]["width"][i] > 0) is hollow, event_id
    future_bar, i = point(fig, "2027-future-programme")
    past_bar, j = point(fig, "2009-local-sensing-plans")
    assert future_bar["marker"]["color"][i].endswith(",0)")          # outline only
    assert past_bar["marker"]["color"][j].endswith(f",{colours.BAR_FILL_ALPHA})")


def test_a_year_sits_at_its_middle_never_on_1_january(build):
    fig = draw(build)
    trace, i = point(fig, "2014-shanghai-plan")
    assert trace["x"][i] == "2014-07-02"
    trace, i = point(fig, "2017-07-new-generation-ai-development-plan")
    assert trace["x"][i] == "2017-07-16"


def test_periods_are_bars_from_their_first_to_their_last_day(build):
    fig = draw(build)
    bar, i = point(fig, "2009-local-sensing-plans")
    assert bar["type"] == "bar" and bar["orientation"] == "h"
    assert bar["base"][i] == "2009-01-01"
    assert bar["x"][i] == (dt.date(2013, 1, 1) - dt.date(2009, 1, 1)).days * DAY_MS
    assert bar["width"] == lay.BAR_PX


def test_events_on_the_same_date_in_the_same_lane_take_rows_of_their_own(build):
    fig = draw(build)
    plan, i = point(fig, "2017-07-new-generation-ai-development-plan")
    statement, j = point(fig, "2017-07-hostile-statement")
    assert plan["x"][i] == statement["x"][j]
    apart = abs(plan["y"][i] - statement["y"][j])
    assert apart >= lay.ROW_PX and apart % lay.ROW_PX == 0


def test_rows_are_where_the_layout_puts_them(build):
    layout = build.layout
    level = layout.classes[-1].level
    bands, height = lay.rows_shown(layout, layout.levels[level], [True] * len(layout.events))
    fig = draw(build)
    assert fig["layout"]["height"] == height + lay.AXIS_PX
    assert fig["layout"]["yaxis"]["range"] == [height, 0]
    row_y = {band.lane: band.row_y for band in bands}
    for trace, k, eid in points(fig):
        i = [e.id for e in layout.events].index(eid)
        assert trace["y"][k] == row_y[layout.lane_of[i]][layout.levels[level].row[i]]


def test_hover_names_the_event_and_is_escaped_once(build):
    fig = draw(build)
    trace, i = point(fig, "2017-07-hostile-statement")
    assert trace["hovertext"][i] == ('<b>&lt;b&gt;x&lt;/b&gt; &amp; "quoted" &lt;/script&gt;</b>'
                                     "<br>July 2017 · Central government, Statement")
    plan, j = point(fig, "2017-07-new-generation-ai-development-plan")
    assert plan["hovertext"][j] == ("<b>New Generation AI Development Plan</b><br>"
                                    "新一代人工智能发展规划<br>July 2017 · Central government, Plan")
    assert plan["text"][j] == "New Generation AI Development Plan"
    hostile_label = trace["text"][i]
    assert "<b>" not in hostile_label and "&amp;lt;" not in hostile_label


def test_same_input_gives_the_same_bytes(tmp_path):
    first, second = (figure_json(figure_data.timeline_data(b, b.layout)) for b in (
        make_build(copy_events(FIXTURE, tmp_path / name)) for name in ("a", "b")))
    assert first == second
    assert first.startswith(b'{"classes":[{"level":')


def test_the_data_holds_every_column_for_every_event(build):
    data = figure_data.timeline_data(build, build.layout)
    n = len(build.project.events)
    assert {len(column) for column in data["events"].values()} == {n}
    assert len(data["levels"]) == len(build.layout.levels)
    assert all(len(level["row"]) == len(level["label"]) == n for level in data["levels"])
    assert data["range"]["default"] == [d.isoformat() for d in build.layout.default_range]
    # The first view's axis, as the SVG labels it at each width class.
    ticks = data["range"]["ticks"]
    assert ticks == [[min_px, list(years)] for min_px, years in build.layout.ticks]
    for c in build.layout.classes:
        assert lay.ticks_at(ticks, c.plot_px) == build.layout.default_ticks(c.plot_px)
    assert data["geometry"]["rowPx"] == lay.ROW_PX
    plan = data["events"]["id"].index("2017-07-new-generation-ai-development-plan")
    assert data["events"]["titles"][plan] == [["zh", "新一代人工智能发展规划", "ltr"]]
    assert data["events"]["when"][plan] == "July 2017"


def test_dark_lane_colours_read_at_3_to_1_on_the_dark_background():
    for colour in ("#0072B2", "#D55E00", "#009E73", "#7B3F9E", "#123456"):
        dark = colours.dark_colour(colour)
        rgb = [int(dark[k:k + 2], 16) for k in (1, 3, 5)]
        assert colours._contrast(rgb, colours.DARK_BACKGROUND) >= 3
    assert colours.dark_colour("#D55E00") == "#d55e00"      # already enough: unchanged


def test_filters_keep_matching_events_and_close_up_the_lanes(build):
    fig = draw(build, lanes=["local", "central"], kinds=["plan"], start=2011, end="2017-07")
    ids = sorted(eid for _, _, eid in points(fig))
    # The years are where the view looks, not a filter of what is drawn.
    assert ids == ["2009-local-sensing-plans", "2014-shanghai-plan",
                   "2015-05-19-made-in-china-2025", "2016-05-internet-plus-ai",
                   "2017-07-new-generation-ai-development-plan", "2017-12-guangdong-plan"]
    assert lane_names(fig) == ["Central government", "Provinces and cities"]
    assert fig["layout"]["height"] < draw(build)["layout"]["height"]
    view = TimelineFilter.parse(build.project.vocabulary, lanes=["local", "central"],
                                kinds=["plan"], start=2011, end="2017-07")
    listed = sorted(e.id for e in build.project.events if view.matches(e))
    assert listed == ids[:5]


def test_tag_and_text_filters_and_unknown_names(build):
    fig = draw(build, tags=["capital-winter", "governance"])
    assert sorted(eid for _, _, eid in points(fig)) == [
        "2018-01-18-standardization-white-paper", "2019-03-capital-winter"]
    # The search looks in both titles and the summary, every word, any case.
    assert [eid for _, _, eid in points(draw(build, q="人工智能"))] == [
        "2017-07-new-generation-ai-development-plan"]
    assert [eid for _, _, eid in points(draw(build, q="ONERROR more"))] == [
        "2017-07-hostile-statement"]
    with pytest.raises(FilterError, match="unknown lanes"):
        draw(build, lanes=["provincial"])
    with pytest.raises(FilterError, match="after end"):
        draw(build, start=2019, end=2010)


def test_the_view_names_its_filters_as_url_parameters(build):
    view = TimelineFilter.parse(build.project.vocabulary, lanes=["central"], tags=["governance"],
                                start=2016, end="2018-06", q="  data   plan ")
    assert view.params() == [("lanes", "central"), ("tags", "governance"), ("from", "2016"),
                             ("to", "2018-06"), ("q", "data plan")]


def test_the_twin_list_holds_the_events_of_the_view(build):
    view = TimelineFilter.parse(build.project.vocabulary, lanes=["central"], start=2016)
    html = timeline_block.timeline_view(build, view, "analysis/")
    listed = re.findall(r'<li data-id="([^"]+)"><time[^>]*>[^<]*</time> <a href="\.\./events/\1/">',
                        html)
    assert sorted(listed) == sorted(e.id for e in build.project.events if view.matches(e))
    assert 'data-figure="../assets/timeline/timeline.json"' in html
    assert 'data-lanes="central" data-from="2016"' in html
    assert '<a href="../embed/builder/#lanes=central&amp;from=2016">Embed this view</a>' in html
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &quot;quoted&quot; &lt;/script&gt;" in html
    assert "<b>x" not in html and "&amp;lt;" not in html
    assert '<time datetime="2016-05">May 2016 – December 2018</time>' in html
    # Folded: the timeline above it shows the same events. The view is left out of
    # the site search: each event is found on its own page.
    assert '<details class="pt-twin" data-search-exclude="true"><summary>' in html
    assert '<div class="pt-static" data-search-exclude="true">' in html
    assert f"Showing {len(listed)} of {len(build.project.events)} events" in html


def test_the_controls_start_from_the_view(build):
    view = TimelineFilter.parse(build.project.vocabulary, lanes=["central"], kinds=["plan"],
                                tags=["governance"], q="data")
    html = timeline_block.controls(build, view, "pt-v1")
    assert '<input type="checkbox" name="lanes" value="central" checked>' in html
    assert '<input type="checkbox" name="lanes" value="local">' in html
    assert '<input type="checkbox" name="kinds" value="plan" checked>' in html
    assert '<input type="checkbox" name="tags" value="governance" checked>' in html
    assert 'name="q" value="data"' in html
    every = timeline_block.controls(build, TimelineFilter(), "pt-v1")
    assert every.count(" checked>") == len(build.project.vocabulary.lanes) + len(
        build.project.vocabulary.kinds)


def test_site_files_hold_the_data_and_the_standalone_embed_page(build):
    files = figure_data.site_files(build)
    assert json.loads(files[urls.FIGURE_URI]) == json.loads(
        figure_json(figure_data.timeline_data(build, build.layout)))
    assert files[urls.FIGURE_SCRIPT_URI].startswith(b"policyTimelineFigure({")
    page = timeline_block.embed_page(build)
    assert page.markdown.startswith("---\ntemplate: embed.html\n")
    embed = page.joined()
    assert "search:\n  exclude: true" in embed
    assert embed.count("<li data-id=") == len(build.project.events)
    assert "Embed this view" not in embed
    assert 'data-height-message="policy-timeline:height"' in embed
    # Nothing makes the browser fetch plotly.js before the page has loaded.
    assert "preload" not in embed and "plotly-basic" not in embed.replace(
        'data-plotly="../assets/vendor/plotly/plotly-basic-4.1.1.min.js"', "")


def test_each_label_is_drawn_on_the_side_the_layout_gave_it(tmp_path):
    """A point's label left of its marker ends there ("middle left"); a period's after its
    bar is anchored on the day after its last; the SVG draws the same sides."""
    from conftest import write_events

    from policy_timeline.render import timeline_svg
    from policy_timeline.timeline import stacking

    def event(title, date, end=None, kind="law"):
        return (f"---\ntitle: {title}\ndate: {date}\n" + (f"end: {end}\n" if end else "")
                + f"lane: central\nkind: {kind}\nsummary: S.\nsources:\n"
                '  - {title: T, url: "https://example.org/"}\n---\n')

    build = make_build(write_events(tmp_path / "sides", {
        "2010-long.md": event("Long programme", "2010", "2016", "plan"),
        "2017-trilogue.md": event("Trilogue negotiations", "2017-03", "2017-09", "plan"),
        "2019-end.md": event("Alone at the right edge", "2019-10"),
    }))
    layout = build.layout
    widest = layout.classes[-1]
    level = layout.levels[widest.level]
    ids = [e.id for e in layout.events]
    long, trilogue, end = (ids.index(i) for i in ("2010-long", "2017-trilogue", "2019-end"))
    assert [level.side[i] for i in (long, trilogue, end)] == [
        stacking.RIGHT, stacking.AFTER, stacking.LEFT]
    fig = plotly_figure.plotly_figure(build, layout, widest.level, [True] * len(ids))
    bar_labels, marks = fig["data"][1], fig["data"][2]
    anchors = dict(zip(bar_labels["customdata"], zip(bar_labels["x"], bar_labels["textposition"],
                                                     strict=True), strict=True))
    assert anchors[long] == ("2010-01-01", "middle right")
    assert anchors[trilogue] == ("2017-10-01", "middle right")
    assert dict(zip(marks["customdata"], marks["textposition"], strict=True)) == {
        end: "middle left"}
    # The SVG: the label after the bar starts at its end; the left one ends at its marker.
    drawing = timeline_svg.draw((), svg.level_drawing(layout, widest, build.project.vocabulary, "",
                                                      [True] * len(ids), None, "t", "pt-svg-w0"))
    first, after = (d.toordinal() for d in layout.default_range)
    bar_end = f"{(dt.date(2017, 10, 1).toordinal() - first) * 100 / (after - first):.3f}%"
    assert f'<text x="{bar_end}" dx="{lay.BAR_LABEL_INSET_PX:g}"' in drawing
    assert re.search(r'<text x="[\d.]+%" dx="-[\d.]+" y="[\d.]+" text-anchor="end">Alone',
                     drawing)
