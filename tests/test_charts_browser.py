"""The analysis pages of the shipped site in real Chromium, on a desktop and a phone, in
the light and the dark scheme: every chart drawn with every figure of its measure, legends
small, nothing wider than the screen, and no serious accessibility violation."""
from __future__ import annotations

import pytest
from conftest import REPO, new_page, serve
from test_a11y import blocking_violations

from policy_timeline.render import charts
from policy_timeline.source.validate import validate_project

pytestmark = [pytest.mark.browser, pytest.mark.site, pytest.mark.content]

DRAWN = ("[...document.querySelectorAll('.pt-chart')]"
         ".every(e => e.dataset.state === 'drawn')")
MEASURE = """() => [...document.querySelectorAll('.pt-chart')].map(el => {
  const legend = el.querySelector('.legend');
  return {key: el.dataset.chart, height: el.getBoundingClientRect().height,
          legend: legend ? legend.getBoundingClientRect().height : 0,
          points: el.querySelectorAll('.scatterlayer .point').length,
          bars: el.querySelectorAll('.barlayer .point').length};
})"""
SIZES = [(1280, 800), (390, 844)]


@pytest.fixture(scope="module")
def served(default_site):
    with serve(default_site) as base:
        yield base


@pytest.fixture(scope="module")
def project():
    project, problems = validate_project(REPO / "events")
    assert problems == []
    return project


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width, height", SIZES)
@pytest.mark.parametrize("path", ["targets-and-outcomes/", "local-before-central/"])
def test_analysis_pages_fit_the_screen_with_small_legends(browser, served, path, width, height,
                                                         scheme):
    with new_page(browser, viewport={"width": width, "height": height},
                  color_scheme=scheme) as page:
        errors = []
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.goto(f"{served}/{path}")
        page.wait_for_function(DRAWN)
        drawn = page.evaluate(MEASURE)
        assert drawn, "no chart on the page"
        for chart in drawn:
            # A legend never takes more than a third of its chart.
            assert chart["legend"] <= chart["height"] / 3, chart
        # A phone never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert blocking_violations(page) == []
        assert errors == []


def test_each_measure_chart_draws_all_its_figures_and_no_other(browser, served, project):
    by_measure = charts.figures_by_measure(project)
    with new_page(browser) as page:
        page.goto(f"{served}/targets-and-outcomes/")
        page.wait_for_function(DRAWN)
        drawn = {c["key"]: c for c in page.evaluate(MEASURE)}
    assert set(drawn) == {m for m, items in by_measure.items() if len(items) > 1}
    for measure, chart in drawn.items():
        # A single value is one point; a range or a period is drawn by its two ends.
        ends = sum(2 if s.figure.is_range or s.figure.period else 1 for s in by_measure[measure])
        assert chart["points"] == ends, measure


def test_plans_per_year_draw_the_counts_and_mark_years_without_one(browser, served, project):
    with new_page(browser) as page:
        page.goto(f"{served}/local-before-central/")
        page.wait_for_function(DRAWN)
        (chart,) = page.evaluate(MEASURE)
        bars = page.evaluate("""() => {
          const gd = document.querySelector('.pt-chart .pt-plot');
          return gd.data.filter(t => t.type === 'bar').map(t => [t.name, t.x, t.y]);
        }""")
        finding = page.locator(".pt-finding").inner_text()
    local = next(dict(zip(x, y)) for name, x, y in bars if name == "Provinces and cities")
    assert (local[2015], local[2016]) == (11, 9)
    assert local[2009] is None and 20 not in local.values()
    assert chart["legend"] > 0
    assert "8 years before" in finding
