"""The analysis charts' blocks from templates a site overrides, and their words in the
site's language (catalogues/<lang>/charts.yml).

In-process renders of tests/fixtures/events/charts and tests/fixtures/events/hostile in
every shipped language; a real build in Chinese with a chart template overridden is in
tests/test_charts_browser.py.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pytest
from conftest import FIXTURES, copy_events, visible_text

from policy_timeline.build import Build
from policy_timeline.render import charts, templates
from policy_timeline.render.catalogue import LANGUAGES, Messages, catalogue
from policy_timeline.source.settings import AnalysisSettings, SiteSettings
from policy_timeline.source.validate import validate_project

SETTINGS = AnalysisSettings(national_plan="2017-07-national-plan", local_lane="local",
                            plan_kind="plan", plan_tag="ai", plan_measure="plans")
# A placeholder left unfilled: a catalogue string naming a value the code does not give.
UNFILLED = re.compile(r"\{[A-Za-z_]+\}")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    events = copy_events(FIXTURES / "events" / "charts", tmp_path_factory.mktemp("c") / "events")
    project, problems = validate_project(events)
    assert not problems, problems
    return project


def build_in(project, language: str, settings: AnalysisSettings = SETTINGS,
             template_dirs=()) -> Build:
    site = SiteSettings(language=language, template_dirs=tuple(template_dirs))
    return Build(project=project, index=None, today=dt.date(2026, 1, 1), settings=settings,
                 site=site)


def rendered(build: Build) -> dict[str, str]:
    """Both blocks and both chart files of a build, as text."""
    files = {uri: data.decode("utf-8") for uri, data in charts.chart_files(build).items()}
    return {
        "targets": charts.targets_and_outcomes_html(build, "targets-and-outcomes/"),
        "local": charts.local_before_central_html(build, "local-before-central/", build.settings),
        **files,
    }


def english_words() -> set[str]:
    """The English catalogue's chart strings that have no placeholder, of two words or more
    (single words such as "target" are in the fixture's series names too)."""
    return {text for key, text in catalogue("en").items()
            if key.startswith("charts.") and not UNFILLED.search(text) and " " in text.strip()}


VARIANTS = {
    "counted": SETTINGS,
    "by events": dataclasses.replace(SETTINGS, plan_measure=None),
    "missing": AnalysisSettings(national_plan="2017-07-nope", local_lane="nowhere",
                                plan_kind=None, plan_tag="nope", plan_measure="nope"),
    "unnamed": AnalysisSettings(),
    "lag after": dataclasses.replace(SETTINGS, national_plan="2009-first-local-plan",
                                     local_lane="central", plan_tag=None),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("variant", VARIANTS)
def test_every_language_fills_every_placeholder_of_the_charts(project, language, variant):
    out = rendered(build_in(project, language, VARIANTS[variant]))
    for name, text in out.items():
        assert not UNFILLED.search(text), (name, UNFILLED.search(text))
    if language != "en":
        # Nothing of the English catalogue's fixed words in what a reader sees.
        seen = visible_text(out["targets"] + out["local"])
        hover = out["assets/timeline/figures.json"] + out["assets/timeline/by-year.json"]
        for words in english_words():
            assert words not in seen and words not in hover, (language, words)


def test_the_chinese_charts_say_not_counted_in_chinese(project):
    messages = Messages("zh")
    out = rendered(build_in(project, "zh-Hans"))
    local = visible_text(out["local"])
    assert "中央政府：未计数。没有任何来源给出这些规划在任何一年的数目" in local.replace(
        "Central government", "中央政府")
    assert out["local"].count('<td class="pt-number pt-uncounted">未计数') >= 9 + 7
    assert "<caption>各层级每年的规划数</caption>" in out["local"]
    # "plan" is the kind's label: the vocabulary's word, not the interface's.
    assert "层级“Provinces and cities”中的第一项plan（标签为“AI”）" in local
    assert '<strong class="pt-gap">早 8 年</strong>' in out["local"]
    assert "The national plan（2017年7月）" in local  # a date as the language writes it
    by_year = json.loads(out["assets/timeline/by-year.json"])["charts"]["plans"]
    assert by_year["layout"]["yaxis"]["title"]["text"] == messages.t("charts.plans.axis")
    assert {a["text"] for a in by_year["layout"]["annotations"]} == {"未计数"}
    assert "Central government：未计数" in {t["name"] for t in by_year["data"]}
    targets = visible_text(out["targets"])
    assert targets.startswith("Core industry 计量内容。The value of the core industry in a year."
                              "单位：billion yuan。")
    assert "2030尚未到来。" in targets
    assert "<th scope=\"col\">出处</th>" in out["targets"]
    figures = json.loads(out["assets/timeline/figures.json"])["charts"]
    (estimate,) = [t for t in figures["core"]["data"] if t["meta"] == "estimate"]
    assert estimate["text"] == ["57，2019期间提出"]
    assert "2019的估计值，2019期间提出（2019年）：57 billion yuan" in estimate["hovertext"][0]


def test_french_plurals_and_the_lag(project):
    out = rendered(build_in(project, "fr"))
    local = visible_text(out["local"])
    assert "est paru 8 ans avant le plan national" in local
    assert "Le total de 20 plans pour 2015\u20132016 n’est pas dessiné comme une seule année : " \
           "c’est la somme des décomptes annuels (11 + 9)." in local
    same_year = dataclasses.replace(SETTINGS, national_plan="2009-first-local-plan")
    assert "est paru la même année que le plan national" in visible_text(
        rendered(build_in(project, "fr", same_year))["local"])


def test_a_site_overrides_a_single_chart_string(project):
    site = SiteSettings(messages=(("charts.not_counted", "no count"),))
    build = dataclasses.replace(build_in(project, "en"), site=site)
    by_year = json.loads(charts.chart_files(build)["assets/timeline/by-year.json"])
    assert {a["text"] for a in by_year["charts"]["plans"]["layout"]["annotations"]} == {"no count"}
    assert '<td class="pt-number pt-uncounted">no count</td>' in charts.local_before_central_html(
        build, "", SETTINGS)


def test_what_a_chart_template_prints_is_escaped(tmp_path, project):
    # A site's template prints contributor text; autoescaping keeps it text.
    folder = tmp_path / templates.NAMESPACE / "charts"
    folder.mkdir(parents=True)
    (folder / "chart.html").write_text(
        '<div class="site-chart" data-chart="{{ key }}">{{ "<script>x</script>" }}</div>\n',
        encoding="utf-8")
    html = charts.targets_and_outcomes_html(build_in(project, "en", template_dirs=[tmp_path]),
                                            "targets-and-outcomes/")
    assert '<div class="site-chart" data-chart="core">&lt;script&gt;x&lt;/script&gt;</div>' in html
    assert "<script>" not in html and 'class="pt-chart"' not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_hostile_labels_and_titles_stay_text_in_every_language(tmp_path, language):
    events = copy_events(FIXTURES / "events" / "hostile", tmp_path / "events")
    project, problems = validate_project(events)
    assert not problems, problems
    # Its lanes, kinds, tags, measures and titles hold markup; every setting names one.
    settings = AnalysisSettings(national_plan="2017-07-new-generation-ai-development-plan",
                                local_lane="local", plan_kind="plan", plan_tag="xss",
                                plan_measure="xss")
    out = rendered(build_in(project, language, settings))
    html = out["targets"] + out["local"]
    assert "<script" not in html and "<title" not in html and 'onmouseover="' not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    for uri in ("assets/timeline/figures.json", "assets/timeline/by-year.json"):
        assert "<script" not in out[uri], uri
