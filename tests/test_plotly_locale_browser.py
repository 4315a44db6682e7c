"""plotly.js's own words in the site's language, in real Chromium: once plotly.js is in,
an analysis chart's toolbar says "Zoom in", "Reset axes"... in the site's language, and
the timeline's axis, zoomed in until plotly.js writes its own dates, names the months in
it; the locale comes with plotly.js and not before it, and an English site loads none.

Sites: tests/fixtures/events/zh (three events written in Chinese, two of them plans),
built with theme.language zh, fr, de, es and en by mkdocs, and fr by Zensical (the files
host); each a home page with the timeline and a page with the plans-per-year chart
(local_before_central())."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD_EPOCH, FIXTURES, build_site, copy_events, serve

pytestmark = [pytest.mark.browser, pytest.mark.site]

INTERACTIVE = ".pt-view[data-state=interactive]"
DRAWN = "document.querySelector('.pt-chart').dataset.state === 'drawn'"
LOCALES = "/assets/vendor/plotly/locales/"
# The locale files a page in each language loads: one, or none in English.
LOCALE_FILES = {"zh": ["plotly-locale-zh-cn.js"], "fr": ["plotly-locale-fr.js"],
                "de": ["plotly-locale-de.js"], "es": ["plotly-locale-es.js"]}
ZENSICAL = shutil.which("zensical", path=str(Path(sys.executable).parent)) or "zensical"

# The tooltips of the plans chart's toolbar (data-title), by button, as plotly.js's
# locales of 4.1.1 say them.
TOOLBAR = {
    "en": {
        "zoom in": "Zoom in",
        "zoom out": "Zoom out",
        "reset axes": "Reset axes",
        "pan": "Pan",
        "autoscale": "Autoscale",
    },
    "zh": {
        "zoom in": "放大",
        "zoom out": "缩小",
        "reset axes": "重置轴",
        "pan": "平移",
        "autoscale": "自动缩放",
    },
    "fr": {
        "zoom in": "Zoom intérieur",
        "zoom out": "Zoom extérieur",
        "reset axes": "Réinitialiser les axes",
        "pan": "Translation",
        "autoscale": "Échelle automatique",
    },
    "de": {
        "zoom in": "Hineinzoomen",
        "zoom out": "Herauszoomen",
        "reset axes": "Achsen zurücksetzen",
        "pan": "Verschieben",
        "autoscale": "Automatische Skalierung",
    },
    "es": {
        "zoom in": "Ampliar",
        "zoom out": "Reducir",
        "reset axes": "Reiniciar ejes",
        "pan": "Modo Panorámica",
        "autoscale": "Autoescalar",
    },
}
BUTTONS = {
    "zoom in": "[data-attr=zoom][data-val=in]",
    "zoom out": "[data-attr=zoom][data-val=out]",
    "reset axes": "[data-attr=zoom][data-val=reset]",
    "pan": "[data-val=pan]",
    "autoscale": "[data-val=auto]",
}
# The months plotly.js writes on a date axis, by language (its locales' shortMonths).
# fmt: off
ENGLISH_MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                  "Dec"}
MONTHS = {
    "zh": {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"},
    "fr": {"Jan", "Fév", "Mar", "Avr", "Mai", "Jun", "Jul", "Aoû", "Sep", "Oct", "Nov", "Déc"},
    "de": {"Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"},
    "es": {"Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov", "Dic"},
}
# fmt: on


def _build(folder: Path, language: str, engine: str) -> Path:
    """A site in ``language`` from the Chinese fixture's events, built by ``engine``
    (mkdocs with the plugin, or Zensical through the files host); its folder."""
    events = copy_events(FIXTURES / "events" / "zh", folder / "events")
    docs = folder / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        "---\nrender_macros: true\n---\n# Timeline\n\n{{ timeline() }}\n", encoding="utf-8"
    )
    (docs / "plans.md").write_text(
        "---\nrender_macros: true\n---\n# Plans\n\n{{ local_before_central() }}\n", encoding="utf-8"
    )
    (folder / "mkdocs.yml").write_text(
        "\n".join(
            [
                f"site_name: Plotly in {language}",
                f"theme: {{name: material, language: {language}, font: false}}",
                "nav: [index.md, plans.md]",
                "plugins:",
                "  - search",
                "  - policy-timeline:",
                "      analysis: {local_lane: local, plan_kind: plan}",
                "  - macros:",
                "      modules: [policy_timeline.mkdocs.macros]",
                "      render_by_default: false",
                "      on_error_fail: true",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    if engine == "mkdocs":
        return build_site(events, folder / "site", config=folder / "mkdocs.yml")
    # The files host, then Zensical.
    env = {
        **os.environ,
        "TIMELINE_EVENTS_DIR": str(events),
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": BUILD_EPOCH,
    }
    env.pop("GITHUB_ACTIONS", None)
    for step in (
        [sys.executable, "-m", "policy_timeline", "generate"],
        [ZENSICAL, "build", "-f", ".policy-timeline.yml"],
    ):
        # timeout: a hang guard (conftest), not a limit on the build's time
        proc = subprocess.run(
            step, cwd=folder, env=env, capture_output=True, text=True, timeout=600
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return folder / ".policy-timeline" / "site"


@pytest.fixture(scope="module", params=["zh", "fr", "de", "es", "en", "fr-zensical"])
def site(request, tmp_path_factory):
    """(language, base URL) of the site in that language, built by mkdocs or (a suffix)
    by Zensical, served on 127.0.0.1."""
    language, _, engine = request.param.partition("-")
    folder = tmp_path_factory.mktemp(f"plotly-{request.param}")
    with serve(_build(folder, language, engine or "mkdocs")) as url:
        yield language, url


def _locale_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda r: LOCALES in r.url and requests.append(r.url.split("/")[-1]))
    return requests


def test_the_charts_toolbar_speaks_the_sites_language(page, site):
    language, url = site
    requests = _locale_requests(page)
    page.goto(url + "/plans/")
    page.wait_for_function(DRAWN)
    said = {
        name: page.locator(f".pt-chart .modebar-btn{selector}").get_attribute("data-title")
        for name, selector in BUTTONS.items()
    }
    assert said == TOOLBAR[language]
    assert requests == LOCALE_FILES.get(language, [])
    assert page.console_errors == [] and page.offsite_requests == []


def test_the_locale_comes_with_plotly_not_before_it(page, site):
    """The home page paints and loads without plotly.js or its locale; the first
    interaction brings both, and the timeline's axis, zoomed in to months, names them in
    the site's language."""
    language, url = site
    requests = _locale_requests(page)
    plotly = []
    page.on("request", lambda r: "plotly-basic" in r.url and plotly.append(r.url))
    # No idle time for the view to load in on its own: the page only loads.
    page.add_init_script("window.requestIdleCallback = function () {};")
    page.goto(url + "/", wait_until="load")
    assert page.locator(".pt-view").get_attribute("data-state") == "static"
    assert requests == [] and plotly == []
    assert page.evaluate("typeof window.Plotly") == "undefined"

    page.locator(".pt-stage").first.hover()
    page.wait_for_selector(INTERACTIVE)
    assert len(plotly) == 1
    assert requests == LOCALE_FILES.get(language, [])
    for _ in range(6):  # 2017 to 2040 halved six times: a few months, which plotly.js dates
        page.click("[data-action=zoom-in]")
    page.wait_for_function(
        "() => { const r = document.querySelector('.pt-plot').layout.xaxis.range;"
        " return (Date.parse(r[1]) - Date.parse(r[0])) / 864e5 < 400; }"
    )
    ticks = page.evaluate(
        "[...document.querySelectorAll('.pt-plot .xtick text')]"
        ".map(t => [...t.querySelectorAll('tspan')].map(s => s.textContent).join(' ')"
        " || t.textContent)"
    )
    # Days of a few months ("10 Déc", "Dec 10", "十二 10"): every word a month of the
    # site's language, and one at least that English does not write.
    words = {word for tick in ticks for word in tick.split() if not word.isdigit()}
    months = MONTHS.get(language, ENGLISH_MONTHS)
    assert words and words <= months, ticks
    if language != "en":
        assert words & (months - ENGLISH_MONTHS), ticks
    assert page.console_errors == [] and page.offsite_requests == []


def test_the_embed_loads_the_locale_with_plotly(page, site):
    """/embed/ (its own template, sandboxed when a host frames it) names the same locale."""
    language, url = site
    requests = _locale_requests(page)
    page.goto(url + "/embed/")
    page.locator(".pt-stage").first.hover()
    page.wait_for_selector(INTERACTIVE)
    assert requests == LOCALE_FILES.get(language, [])
    locale = page.locator(".pt-view").get_attribute("data-plotly-locale")
    assert locale == {"zh": "zh-CN", "fr": "fr", "de": "de", "es": "es"}.get(language)
    assert page.console_errors == [] and page.offsite_requests == []
