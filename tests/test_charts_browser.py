"""The analysis pages of the shipped site in real Chromium, on a desktop and a phone, in
the light and the dark scheme: every chart drawn with every figure of its measure, legends
small, nothing wider than the screen, and no serious accessibility violation. Then the
same site in Chinese, with a chart template overridden from its theme's custom_dir."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
import yaml
from conftest import BUILD_EPOCH, REPO, inherited_config, new_page, serve, visible_text
from test_a11y import blocking_violations

from policy_timeline.render import charts, templates
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


# --- in Chinese, with a chart template of the site's own -------------------------------

PLANS_TABLE = templates.PACKAGE_DIR / templates.NAMESPACE / "charts" / "plans-table.html"
NOTE = ('<p class="site-plans-note">{{ t("charts.plans.table_caption") }}: '
        '{{ plans.years|length }}</p>\n')


def _repo_analysis() -> dict:
    """The analysis options of this repository's mkdocs.yml."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    (options,) = [p["policy-timeline"] for p in config["plugins"]
                  if isinstance(p, dict) and "policy-timeline" in p]
    return options["analysis"]


@pytest.fixture(scope="module")
def chinese_site(tmp_path_factory):
    """This repository's site with theme.language zh and custom_dir/policy-timeline/
    charts/plans-table.html: the package's, after a line of the site's own."""
    folder = tmp_path_factory.mktemp("zh")
    custom = folder / "overrides"
    (custom / templates.NAMESPACE / "charts").mkdir(parents=True)
    (custom / templates.NAMESPACE / "charts" / "plans-table.html").write_text(
        NOTE + PLANS_TABLE.read_text(encoding="utf-8"), encoding="utf-8")
    config = inherited_config(folder, custom_dir=custom)
    # The plugin's options are a list entry: the repository's analysis options again.
    text = config.read_text(encoding="utf-8").replace(
        "  - policy-timeline\n",
        f"  - policy-timeline:\n      analysis: {json.dumps(_repo_analysis())}\n")
    config.write_text(text + "  language: zh\n", encoding="utf-8")
    env = {**os.environ, "TIMELINE_EVENTS_DIR": str(REPO / "events"), "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    env.pop("GITHUB_ACTIONS", None)
    site = folder / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config),
         "-d", str(site)],
        cwd=folder, env=env, capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


def test_a_site_overrides_a_chart_template_and_its_words_are_chinese(chinese_site):
    page = (chinese_site / "local-before-central" / "index.html").read_text(encoding="utf-8")
    block = page[page.index('<figure class="pt-measure">'):page.index("</table>")]
    # The site's template, in the site's language, before the package's table.
    assert re.search(r'<p class="site-plans-note">各层级每年的规划数: \d+</p>\s*<table>', block)
    text = visible_text(block)
    assert "未计数" in text and "not counted" not in text
    assert "层级" in visible_text(page[page.index('<p class="pt-finding">'):])
    # The other chart page keeps the package's templates, in Chinese too.
    targets = (chinese_site / "targets-and-outcomes" / "index.html").read_text(encoding="utf-8")
    assert "site-plans-note" not in targets and "计量内容。" in targets
    assert "What it counts." not in targets
    by_year = json.loads((chinese_site / "assets/timeline/by-year.json").read_text("utf-8"))
    plans = by_year["charts"]["plans"]
    assert plans["layout"]["yaxis"]["title"]["text"] == "规划数"
    assert {a["text"] for a in plans["layout"]["annotations"]} == {"未计数"}


def test_the_chinese_charts_say_what_they_count_in_chinese(browser, chinese_site):
    with serve(chinese_site) as base, new_page(browser) as page:
        page.goto(f"{base}/local-before-central/")
        page.wait_for_function(DRAWN)
        drawn = page.evaluate("""() => {
          const chart = document.querySelector('.pt-chart');
          const texts = s => [...chart.querySelectorAll(s)].map(e => e.textContent);
          return {annotations: texts('.annotation-text'), axis: texts('.ytitle'),
                  legend: texts('.legendtext')};
        }""")
        finding = page.locator(".pt-finding").inner_text()
        caption = page.locator("figure.pt-measure figcaption").inner_text()
        page.goto(f"{base}/targets-and-outcomes/")
        page.wait_for_function(DRAWN)
        labels = page.evaluate("[...document.querySelectorAll('.pt-chart .textpoint')]"
                               ".map(e => e.textContent)")
    # "Not counted" where the bars are not, on the axis's title and in the legend.
    assert set(drawn["annotations"]) == {"未计数"}
    assert drawn["axis"] == ["规划数"]
    assert "Central government：未计数" in drawn["legend"]
    assert "早 8 年" in finding and "years before" not in finding
    assert "：未计数。" in caption and "not counted" not in caption
    # A forecast says when it was made, an estimate when it was stated.
    assert any(label.endswith("年作出") for label in labels)
    assert "57，2019期间提出" in labels

