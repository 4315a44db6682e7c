"""The data exports, read from real site builds of tests/fixtures/events/export.

The fixture has every date precision, a multi-year period, a period inside a
year, a future target, bibliography refs with locators, inline sources, figures,
and contributor text with markup, quotes, commas, line breaks and a formula.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import BUILD_EPOCH, FIXTURES, build_site, copy_events, run_cli, write_events

from policy_timeline.render import export, templates

pytestmark = pytest.mark.site

EXPORT_FIXTURE = FIXTURES / "events" / "export"
DATA_FILES = ("events.json", "events.csv", "timelinejs.json", "event.schema.json", "timeline.json")
# The documented column order (docs/data.md): a change here breaks readers' scripts. After
# title, a title_<tag> column for each language of the events' titles, sorted.
CSV_COLUMNS = (
    "id", "url", "title", "title_es", "title_zh", "title_zh-Hant", "date", "date_precision", "end", "end_precision",
    "lane", "lane_label", "kind", "kind_label", "summary", "actors", "places", "tags",
    "related", "highlight", "sources", "source_urls", "figures", "body",
)
FIXTURE_IDS = sorted(p.stem for p in EXPORT_FIXTURE.rglob("*.md"))
# The parts of a TimelineJS date each precision may carry, and no more.
DATE_PARTS = {"year": {"year"}, "month": {"year", "month"}, "day": {"year", "month", "day"}}


@pytest.fixture(scope="module")
def events_dir(tmp_path_factory) -> Path:
    return copy_events(EXPORT_FIXTURE, tmp_path_factory.mktemp("export") / "events")


@pytest.fixture(scope="module")
def site(events_dir, tmp_path_factory) -> Path:
    return build_site(events_dir, tmp_path_factory.mktemp("export-site") / "site")


@pytest.fixture(scope="module")
def data(site) -> dict[str, bytes]:
    return {name: (site / "data" / name).read_bytes() for name in DATA_FILES}


@pytest.fixture(scope="module")
def events_json(data) -> dict:
    return json.loads(data["events.json"])


@pytest.fixture(scope="module")
def by_id(events_json) -> dict[str, dict]:
    return {e["id"]: e for e in events_json["events"]}


@pytest.fixture(scope="module")
def timelinejs(data) -> dict:
    return json.loads(data["timelinejs.json"])


def test_every_json_file_parses(data):
    for name in DATA_FILES:
        if name.endswith(".json"):
            assert json.loads(data[name].decode("utf-8")), name


def test_events_json_has_every_event_in_chronological_order(events_json):
    ids = [e["id"] for e in events_json["events"]]
    assert sorted(ids) == FIXTURE_IDS
    assert events_json["count"] == len(FIXTURE_IDS)
    assert ids == ["2009-local-sensing-plans", "2017-07-new-generation-ai-development-plan",
                   "2019-03-14-capital-winter", "2030-ai-core-industry-target"]


def test_events_json_header_carries_version_and_vocabulary_labels(events_json):
    assert events_json["schema_version"] == 3
    vocabulary = events_json["vocabulary"]
    assert vocabulary["lanes"]["central"]["label"] == "Central government"
    assert list(vocabulary["lanes"]) == ["international", "central", "local", "market"]
    assert vocabulary["kinds"]["target"]["label"] == "Target"
    assert vocabulary["tags"]["capital-winter"]["label"] == "Capital winter"
    financing = vocabulary["measures"]["ai-financing"]
    assert (financing["label"], financing["unit"]) == ("AI financing", "billion yuan")
    assert financing["counts"].startswith("Total financing of China's AI industry")


def test_events_json_keeps_each_date_at_its_precision(by_id):
    period = by_id["2009-local-sensing-plans"]
    assert (period["date"], period["date_precision"]) == ("2009", "year")
    assert (period["end"], period["end_precision"]) == ("2012", "year")
    plan = by_id["2017-07-new-generation-ai-development-plan"]
    assert (plan["date"], plan["date_precision"], plan["end"]) == ("2017-07", "month", None)
    winter = by_id["2019-03-14-capital-winter"]
    assert (winter["date"], winter["date_precision"]) == ("2019-03-14", "day")
    assert (winter["end"], winter["end_precision"]) == ("2019-11", "month")


def test_events_json_has_every_field_and_resolved_sources(by_id):
    plan = by_id["2017-07-new-generation-ai-development-plan"]
    assert plan["url"] == "events/2017-07-new-generation-ai-development-plan/"
    assert plan["title"] == "State Council issues the <New Generation> AI Development Plan"
    assert plan["titles"] == {"zh": "新一代人工智能发展规划"}
    assert by_id["2009-local-sensing-plans"]["titles"] == {
        "zh-Hant": "感知中國", "es": '=Planes "Sensing China", y zonas piloto'}
    assert by_id["2019-03-14-capital-winter"]["titles"] == {}
    assert plan["summary"].startswith("=SUM(A1) <script>")  # data, kept exactly
    assert (plan["lane"], plan["lane_label"], plan["kind"], plan["kind_label"]) == (
        "central", "Central government", "plan", "Plan")
    assert plan["actors"] == ["State Council"]
    assert plan["tags"] == ["artificial-intelligence", "targets"]
    assert plan["related"] == ["2009-local-sensing-plans", "2030-ai-core-industry-target"]
    assert plan["highlight"] is True
    assert plan["figures"] == [{
        "measure": "ai-industry", "label": "AI industry, as Zeng compares forecasts with the targets",
        "unit": "billion yuan", "series": "National target", "type": "target", "value": 1000,
        "low": None, "high": None, "year": 2030, "period": None}]
    forecast, total = by_id["2019-03-14-capital-winter"]["figures"]
    assert (forecast["type"], forecast["value"], forecast["low"], forecast["high"]) == (
        "forecast", None, 10, 12.5)
    assert (total["year"], total["period"], total["series"]) == (None, [2015, 2016], None)
    assert plan["body"].strip() == "The plan sets targets for 2020, 2025 and 2030."
    cited, inline = plan["sources"]
    assert cited["ref"] == "webster-2017"
    assert cited["authors"][0] == "Graham Webster"
    assert cited["venue"] == "New America"
    assert cited["date"] == "2017-08-01"
    assert cited["locator"] == "section 2"
    assert cited["quote"].startswith("By 2030")
    assert inline["ref"] is None
    assert inline["url"] == "https://example.org/gov/2017-35"
    naughton = by_id["2009-local-sensing-plans"]["sources"][0]
    assert naughton["url"] == "https://example.org/naughton-2020"


def test_events_csv_has_one_row_per_event_in_a_fixed_column_order(data, events_json):
    text = data["events.csv"].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r[0] for r in rows[1:]] == [e["id"] for e in events_json["events"]]
    assert "\r" not in text
    by_id = {r[0]: dict(zip(CSV_COLUMNS, r)) for r in rows[1:]}
    period = by_id["2009-local-sensing-plans"]
    assert (period["date"], period["date_precision"], period["end"]) == ("2009", "year", "2012")
    assert period["actors"] == "Wuxi municipal government; Jiangsu provincial government"
    assert period["title"] == 'Provinces publish "sensing China" plans & pilot zones'
    assert "line break\ninside it." in period["body"]
    # A column per language some event has a title in; empty where an event has none.
    assert (period["title_es"], period["title_zh"], period["title_zh-Hant"]) == (
        "'=Planes \"Sensing China\", y zonas piloto", "", "感知中國")
    plan = by_id["2017-07-new-generation-ai-development-plan"]
    assert (plan["title_es"], plan["title_zh"], plan["title_zh-Hant"]) == ("", "新一代人工智能发展规划", "")
    assert plan["tags"] == "artificial-intelligence; targets"
    assert plan["related"] == "2009-local-sensing-plans; 2030-ai-core-industry-target"
    assert plan["source_urls"] == "https://example.org/gov/2017-35"
    assert plan["sources"].startswith("Graham Webster, Rogier Creemers")
    assert plan["figures"] == ("AI industry, as Zeng compares forecasts with the targets, National target: "
                               "1000 billion yuan (2030, target)")
    assert by_id["2019-03-14-capital-winter"]["figures"] == (
        "AI financing: 10\u201312.5 billion yuan (2020, forecast); "
        "Provincial AI plans: 20 plans (2015\u20132016, actual)")
    assert plan["end"] == "" and plan["highlight"] == "true"
    # A spreadsheet must read contributor text as text, never as a formula.
    assert plan["summary"].startswith("'=SUM(A1)")


def test_csv_quoting_is_rfc_4180(data):
    line = next(ln for ln in data["events.csv"].decode("utf-8").split("\n")
                if ln.startswith("2009-local-sensing-plans,"))
    assert '"Provinces publish ""sensing China"" plans & pilot zones"' in line


def test_timelinejs_has_the_fields_timelinejs3_requires(timelinejs, events_json):
    # The title slide is the site's name (mkdocs.yml's site_name), escaped as HTML.
    assert timelinejs["title"]["text"]["headline"] == "China&#x27;s AI policy timeline"
    count = len(events_json["events"])
    assert timelinejs["title"]["text"]["text"].startswith(f"<p>{count} events, ")
    slides = timelinejs["events"]
    assert [s["unique_id"] for s in slides] == [e["id"] for e in events_json["events"]]
    lanes = events_json["vocabulary"]["lanes"]
    for slide, event in zip(slides, events_json["events"]):
        assert slide["start_date"]["year"] == event["date"][:4]
        assert slide["text"]["headline"] and slide["text"]["text"]
        assert slide["group"] == lanes[event["lane"]]["label"]
        assert f'href="events/{event["id"]}/"' in slide["text"]["text"]
    for era in timelinejs["eras"]:
        assert era["start_date"]["year"] and era["end_date"]["year"] and era["text"]["headline"]


def test_timelinejs_slides_give_the_titles_in_other_languages_with_their_language(timelinejs):
    slides = {s["unique_id"]: s for s in timelinejs["events"]}
    assert slides["2009-local-sensing-plans"]["text"]["text"].startswith(
        '<p lang="zh-Hant" dir="ltr">感知中國</p>'
        '<p lang="es" dir="ltr">=Planes &quot;Sensing China&quot;, y zonas piloto</p><p>')
    assert slides["2019-03-14-capital-winter"]["text"]["text"].startswith("<p>Venture funding")


def test_timelinejs_dates_have_no_part_beyond_the_precision(timelinejs, by_id):
    for slide in timelinejs["events"]:
        event = by_id[slide["unique_id"]]
        assert set(slide["start_date"]) == DATE_PARTS[event["date_precision"]]
        if event["end"] is None:
            assert "end_date" not in slide
        else:
            assert set(slide["end_date"]) == DATE_PARTS[event["end_precision"]]
    winter = next(s for s in timelinejs["events"] if s["unique_id"] == "2019-03-14-capital-winter")
    assert winter["start_date"] == {"year": "2019", "month": "3", "day": "14"}
    assert winter["end_date"] == {"year": "2019", "month": "11"}


def test_timelinejs_eras_are_the_periods_across_years(timelinejs):
    assert timelinejs["eras"] == [{
        "start_date": {"year": "2009"}, "end_date": {"year": "2012"},
        "text": {"headline": "Provinces publish &quot;sensing China&quot; plans &amp; pilot zones"},
    }]


def test_timelinejs_escapes_contributor_text_once(timelinejs):
    plan = next(s for s in timelinejs["events"]
                if s["unique_id"] == "2017-07-new-generation-ai-development-plan")
    assert plan["text"]["headline"] == (
        "State Council issues the &lt;New Generation&gt; AI Development Plan")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in plan["text"]["text"]
    assert "<script" not in plan["text"]["text"] and "&amp;lt;" not in plan["text"]["text"]


def test_schema_and_figure_are_published(data, events_json):
    schema = json.loads(data["event.schema.json"])
    assert "title" in schema["properties"] and "date" in schema["properties"]
    figure = json.loads(data["timeline.json"])
    assert figure["data"] and "layout" in figure


def test_two_builds_give_byte_identical_exports(events_dir, data, tmp_path):
    again = build_site(events_dir, tmp_path / "site")
    for name in DATA_FILES:
        assert (again / "data" / name).read_bytes() == data[name], name


def test_export_command_writes_the_same_bytes_as_the_site(events_dir, data, tmp_path):
    out = tmp_path / "exports"
    proc = run_cli("export", str(out), "--events-dir", str(events_dir),
                      env={"SOURCE_DATE_EPOCH": BUILD_EPOCH})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(DATA_FILES)
    for name in DATA_FILES:
        assert (out / name).read_bytes() == data[name], name


def test_export_command_writes_timelinejs_in_the_sites_language_with_its_overrides(
    events_dir, tmp_path
):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Chronologie\ntheme:\n  name: material\n  language: fr\n"
        "plugins:\n  - policy-timeline:\n      messages:\n"
        "        export.read_more: Voir l’événement\n",
        encoding="utf-8",
    )
    out = tmp_path / "exports"
    proc = run_cli("export", str(out), "--events-dir", str(events_dir), "--config", str(config))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    slides = json.loads((out / "timelinejs.json").read_text(encoding="utf-8"))
    assert slides["title"]["text"]["headline"] == "Chronologie"
    # The catalogue's French plural and dates; the site's own word for the link.
    assert slides["title"]["text"]["text"] == f"<p>{len(FIXTURE_IDS)} événements, 2009–2030.</p>"
    plan = next(e for e in slides["events"]
                if e["unique_id"] == "2017-07-new-generation-ai-development-plan")
    assert plan["display_date"] == "juillet 2017"  # the fixture dates it to its month
    assert ">Voir l’événement</a></p>" in plan["text"]["text"]
    assert "Read more" not in (out / "timelinejs.json").read_text(encoding="utf-8")


PACKAGE_TIMELINEJS = templates.PACKAGE_DIR / templates.NAMESPACE / export.TIMELINEJS_TEMPLATE
SUMMARY = "<p>{{ event.summary }}</p>"
# What the site's template adds to each slide: the lane, and the title in an attribute.
LANE = '<p class="lane" title="{{ event.title }}">{{ event.lane }}</p>'


def test_a_site_overrides_the_timelinejs_slides_from_its_custom_dir(
    events_dir, data, by_id, tmp_path
):
    original = PACKAGE_TIMELINEJS.read_text(encoding="utf-8")
    assert original.count(SUMMARY) == 1
    folder = tmp_path / "overrides" / templates.NAMESPACE
    folder.mkdir(parents=True)
    (folder / export.TIMELINEJS_TEMPLATE).write_text(original.replace(SUMMARY, SUMMARY + LANE),
                                                     encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: China's AI policy timeline\n"
                      f"theme:\n  name: material\n  custom_dir: {folder.parent}\n"
                      "plugins:\n  - policy-timeline\n", encoding="utf-8")
    out = tmp_path / "exports"
    proc = run_cli("export", str(out), "--events-dir", str(events_dir), "--config", str(config))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    written = json.loads((out / "timelinejs.json").read_text(encoding="utf-8"))
    package = json.loads(data["timelinejs.json"])
    for slide, plain in zip(written["events"], package["events"], strict=True):
        # The title escaped as the headline has it: "<script>" as "&lt;script&gt;".
        added = (f'<p class="lane" title="{slide["text"]["headline"]}">'
                 f'{by_id[slide["unique_id"]]["lane"]}</p>')
        assert added in slide["text"]["text"]
        # Everything else is the package's, byte for byte.
        slide["text"]["text"] = slide["text"]["text"].replace(added, "", 1)
        assert slide == plain
    assert "<script" not in (out / "timelinejs.json").read_text(encoding="utf-8")


def test_export_command_refuses_invalid_events_and_writes_nothing(tmp_path):
    events = write_events(tmp_path / "events", {
        "2017-07-broken.md": "---\ntitle: Broken\ndate: 2017-13\nlane: central\nkind: plan\n"
                             "summary: A month that is not on the calendar.\n"
                             "sources:\n  - title: A\n    url: https://example.org/a\n---\n",
    })
    out = tmp_path / "exports"
    proc = run_cli("export", str(out), "--events-dir", str(events))
    assert proc.returncode == 1
    assert "2017-07-broken.md:3: date:" in proc.stdout + proc.stderr
    assert not out.exists()


def test_data_page_links_every_file(site):
    page = (site / "data" / "index.html").read_text(encoding="utf-8")
    for name in DATA_FILES:
        # The page is at data/, so its relative links point beside it.
        assert f'href="{name}"' in page, name
        assert (site / "data" / name).is_file()
    text = re.sub(r"<[^>]+>", "", page)  # the code block is syntax-highlighted
    assert "policy-timeline export OUT_DIR" in text
