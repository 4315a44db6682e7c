"""The data exports: the same model the pages use, as files researchers can take away.

``site_files(build)`` gives them to mkdocs under ``data/``; ``run_export``
writes the same bytes without mkdocs (``policy-timeline export OUT_DIR``).
Every file is a pure function of the validated project (and, for the figure,
of the build's pinned "today"), so two builds give byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policy_timeline import urls
from policy_timeline.render import templates
from policy_timeline.render.catalogue import Messages, english, site_messages
from policy_timeline.source.dates import PartialDate
from policy_timeline.source.model import Event, Figure, Project, Source
from policy_timeline.source.sanitize import esc
from policy_timeline.source.schema import schema_json
from policy_timeline.timeline import plotly_figure
from policy_timeline.timeline.plotly_json import figure_json

if TYPE_CHECKING:
    from policy_timeline.build import Build

# Bumped whenever a field of events.json or a column of events.csv changes
# meaning or goes away (adding one is compatible). 3: title_zh became titles, a map by
# language tag (events.csv still has a title_zh column when an event has a zh title).
SCHEMA_VERSION = 3

DATA_DIR = "data"
EVENTS_JSON = "events.json"
EVENTS_CSV = "events.csv"
TIMELINEJS_JSON = "timelinejs.json"
SCHEMA_JSON = "event.schema.json"
FIGURE_JSON = "timeline.json"
# The HTML of TimelineJS's slides (templates/policy-timeline/, or a site's custom_dir).
TIMELINEJS_TEMPLATE = "timelinejs.html"

# After "title": one column per language of the events' other titles, title_<tag>, sorted
# (title_es, title_zh...), only the languages some event has (csv_columns).
CSV_COLUMNS = (
    "id",
    "url",
    "title",
    "date",
    "date_precision",
    "end",
    "end_precision",
    "lane",
    "lane_label",
    "kind",
    "kind_label",
    "summary",
    "actors",
    "places",
    "tags",
    "related",
    "highlight",
    "sources",
    "source_urls",
    "figures",
    "body",
)
LIST_SEPARATOR = "; "

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# SITE_URL (set by the deploy workflow, read by mkdocs.yml too) makes the
# event links inside timelinejs.json absolute: TimelineJS renders them in a
# host page on another site, where a site-relative link would not resolve.
SITE_URL_ENV = "SITE_URL"


# --- the model as plain data ------------------------------------------------


def _date_fields(name: str, date: PartialDate | None) -> dict:
    # The date as written, never widened to a day: "2009" stays the year 2009.
    return {
        name: date.text if date else None,
        f"{name}_precision": date.precision if date else None,
    }


def _figure_record(figure: Figure) -> dict:
    """A figure with its measure's label and unit; value or low and high, year or period."""
    return {
        "measure": figure.measure,
        "label": figure.label,
        "unit": figure.unit,
        "series": figure.series,
        "type": figure.type,
        "value": figure.value,
        "low": figure.low,
        "high": figure.high,
        "year": figure.year,
        "period": list(figure.period) if figure.period else None,
    }


def _figure_cell(f: dict) -> str:
    what = f"{f['label']}, {f['series']}" if f["series"] else f["label"]
    amount = f"{f['value']:g}" if f["value"] is not None else f"{f['low']:g}\u2013{f['high']:g}"
    years = f"{f['period'][0]}\u2013{f['period'][1]}" if f["period"] else f["year"]
    return f"{what}: {amount} {f['unit']} ({years}, {f['type']})"


def _source_record(source: Source, project: Project) -> dict:
    """A citation with its bibliography entry resolved into it."""
    entry = project.bibliography.get(source.ref) if source.ref else None
    return {
        "ref": source.ref,
        "title": entry.title if entry else source.title,
        "authors": list(entry.authors) if entry else [],
        "venue": entry.venue if entry else None,
        "date": entry.date if entry else None,
        "url": (entry.url if entry else None) or source.url,
        "locator": source.locator,
        "quote": source.quote,
    }


def event_record(event: Event, project: Project) -> dict:
    """One event with every field, as events.json holds it."""
    vocabulary = project.vocabulary
    return {
        "id": event.id,
        "url": urls.event_path(event.id),
        "title": event.title,
        "titles": dict(event.titles),
        **_date_fields("date", event.date),
        **_date_fields("end", event.end),
        "lane": event.lane,
        "lane_label": vocabulary.lanes[event.lane].label,
        "kind": event.kind,
        "kind_label": vocabulary.kinds[event.kind].label,
        "summary": event.summary,
        "actors": list(event.actors),
        "places": list(event.places),
        "tags": list(event.tags),
        "related": list(event.related),
        "highlight": event.highlight,
        "sources": [_source_record(s, project) for s in event.sources],
        "figures": [_figure_record(f) for f in event.figures],
        "body": event.body,
    }


def _vocabulary_record(project: Project) -> dict:
    vocabulary = project.vocabulary
    return {
        "lanes": {
            lane.id: {"label": lane.label, "order": lane.order, "colour": lane.colour}
            for lane in vocabulary.lanes_in_order()
        },
        "kinds": {
            k: {"label": kind.label, "symbol": kind.symbol}
            for k, kind in sorted(vocabulary.kinds.items())
        },
        "tags": {t: {"label": tag.label} for t, tag in sorted(vocabulary.tags.items())},
        "measures": {
            m: {
                "label": measure.label,
                "unit": measure.unit,
                "counts": measure.counts,
                "scope": measure.scope,
            }
            for m, measure in vocabulary.measures.items()
        },
    }


def _json(data: object) -> str:
    # Compact on purpose: json.dumps with indent= falls back to the pure-Python
    # encoder, several times slower on 5,000 events.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _json_document(head: dict, list_key: str, items: list[bytes]) -> bytes:
    """``head`` with ``list_key`` last, its items one per line (a one-line diff per event).

    Items come encoded: a 5,000-event document is never held as one str,
    which would take 2-4 bytes a character once any title is in Chinese.
    """
    prefix = _json(head)[:-1] + ("," if head else "") + f'\n"{list_key}":['
    return b"".join([prefix.encode("utf-8"), b",".join(b"\n" + item for item in items), b"\n]}\n"])


# --- events.json and events.csv ---------------------------------------------


def _cite(source: dict) -> str:
    parts = [
        ", ".join(source["authors"]),
        source["title"],
        source["venue"],
        source["date"],
        source["locator"],
    ]
    return ", ".join(p for p in parts if p)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    # Contributor text is data: a leading apostrophe keeps a spreadsheet from
    # running it (events.json keeps the exact text).
    if text.startswith(_FORMULA_PREFIXES):
        return "'" + text
    return text


def csv_columns(languages: Iterable[str]) -> tuple[str, ...]:
    """events.csv's columns, with a title_<tag> column for each of ``languages``, sorted."""
    at = CSV_COLUMNS.index("title") + 1
    titles = tuple(f"title_{tag}" for tag in sorted(languages))
    return CSV_COLUMNS[:at] + titles + CSV_COLUMNS[at:]


def _csv_row(record: dict, columns: tuple[str, ...]) -> list[str]:
    joined = {
        **{f"title_{tag}": text for tag, text in record["titles"].items()},
        "actors": LIST_SEPARATOR.join(record["actors"]),
        "places": LIST_SEPARATOR.join(record["places"]),
        "tags": LIST_SEPARATOR.join(record["tags"]),
        "related": LIST_SEPARATOR.join(record["related"]),
        "sources": LIST_SEPARATOR.join(_cite(s) for s in record["sources"]),
        "source_urls": LIST_SEPARATOR.join(s["url"] for s in record["sources"] if s["url"]),
        "figures": LIST_SEPARATOR.join(_figure_cell(f) for f in record["figures"]),
    }
    return [_cell(joined.get(column, record.get(column))) for column in columns]


class _CsvLines:
    """RFC 4180 rows, encoded one at a time (no whole-file str in memory)."""

    def __init__(self) -> None:
        self._buffer = io.StringIO(newline="")
        self._writer = csv.writer(self._buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)

    def line(self, row: Iterable[object]) -> bytes:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow(row)
        return self._buffer.getvalue().encode("utf-8")


def events_files(project: Project) -> tuple[bytes, bytes]:
    """events.json and events.csv, from one pass over the events."""
    rows = _CsvLines()
    columns = csv_columns({tag for event in project.events for tag in event.titles})
    json_items, csv_lines = [], [rows.line(columns)]
    for event in project.events:
        record = event_record(event, project)
        json_items.append(_json(record).encode("utf-8"))
        csv_lines.append(rows.line(_csv_row(record, columns)))
    head = {
        "schema_version": SCHEMA_VERSION,
        "count": len(json_items),
        "vocabulary": _vocabulary_record(project),
    }
    return _json_document(head, "events", json_items), b"".join(csv_lines)


# --- timelinejs.json ---------------------------------------------------------


def timelinejs_date(date: PartialDate) -> dict:
    """Only the parts the precision supports: ``{"year": "2009"}`` for a year."""
    out = {"year": str(date.year)}
    if date.month is not None:
        out["month"] = str(date.month)
    if date.day is not None:
        out["day"] = str(date.day)
    return out


def _event_link(event_id: str) -> str:
    base = os.environ.get(SITE_URL_ENV, "")
    if base and not base.endswith("/"):
        base += "/"
    return base + urls.event_path(event_id)


class _Texts:
    """The HTML of the slides' texts, from ``timelinejs.html``'s macros (a site's own first)."""

    def __init__(self, template_dirs: tuple[Path, ...], said: Messages) -> None:
        # Its macros, by the names the template gives them.
        self._macros: Any = templates.template(template_dirs, TIMELINEJS_TEMPLATE).module
        self._read_more = said.t("export.read_more")

    def slide(self, event: Event) -> str:
        return templates.spelled(
            self._macros.slide_text(event, _event_link(event.id), self._read_more)
        ).strip()

    def title(self, summary: str) -> str:
        return templates.spelled(self._macros.title_text(summary)).strip()


def _slide(event: Event, project: Project, said: Messages, texts: _Texts) -> dict:
    slide = {
        "unique_id": event.id,
        "start_date": timelinejs_date(event.date),
    }
    if event.end is not None and event.is_period:
        slide["end_date"] = timelinejs_date(event.end)
    slide.update(
        {
            "text": {
                "headline": esc(event.title),
                # The titles in other languages, the summary, the link to its page.
                "text": texts.slide(event),
            },
            # TimelineJS strips markup from group: it is plain text, not HTML.
            "group": project.vocabulary.lanes[event.lane].label,
            "display_date": said.span(event.date, event.end),
        }
    )
    return slide


def _era(event: Event) -> dict | None:
    """A period that spans calendar years, as an era; None for any other event."""
    # Short periods would crowd the era band with slivers.
    if event.end is None or event.end.year <= event.date.year:
        return None
    return {
        "start_date": timelinejs_date(event.date),
        "end_date": timelinejs_date(event.end),
        "text": {"headline": esc(event.title)},
    }


def timelinejs(
    project: Project,
    name: str = "Policy timeline",
    messages: Messages | None = None,
    template_dirs: tuple[Path, ...] = (),
) -> bytes:
    """TimelineJS's JSON: a title slide with the site's ``name``, a slide per event;
    its words and dates in the site's language (``messages``; English without); the
    slides' HTML from ``timelinejs.html``, the first of ``template_dirs`` that has it."""
    said = messages or english()
    texts = _Texts(template_dirs, said)
    events = project.events
    summary = said.t("export.no_events")
    if events:
        last = max((e.end or e.date for e in events), key=lambda d: d.sort_key)
        span = said.span(events[0].date, last)
        summary = said.plural("export.events_span", len(events), span=span)
    head = {
        "title": {
            "text": {"headline": esc(name), "text": texts.title(summary)},
        },
        "scale": "human",
        "eras": [era for era in map(_era, events) if era is not None],
    }
    slides = [_json(_slide(e, project, said, texts)).encode("utf-8") for e in events]
    return _json_document(head, "events", slides)


# --- all of them -------------------------------------------------------------


def _figure_json(build: Build) -> bytes:
    """The timeline's Plotly figure: the first view, every event, as the widest page draws it."""
    return figure_json(plotly_figure.timeline_figure(build))


def site_files(build: Build) -> dict[str, bytes]:
    """``{"data/<name>": bytes}`` for mkdocs; the same bytes ``run_export`` writes."""
    project = build.project
    events_json, events_csv = events_files(project)
    files = {
        EVENTS_JSON: events_json,
        EVENTS_CSV: events_csv,
        TIMELINEJS_JSON: timelinejs(
            project, build.site.name, site_messages(build.site), build.site.template_dirs
        ),
        # The same text as the committed schema/event.schema.json.
        SCHEMA_JSON: schema_json(project.vocabulary, project.bibliography).encode("utf-8"),
        FIGURE_JSON: _figure_json(build),
    }
    return {f"{DATA_DIR}/{name}": content for name, content in sorted(files.items())}


def write_exports(build: Build, out_dir: Path) -> list[str]:
    """Write the data exports into ``out_dir``; the names of the files written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = []
    for src_uri, content in site_files(build).items():
        name = src_uri.removeprefix(f"{DATA_DIR}/")
        (out_dir / name).write_bytes(content)
        names.append(name)
    return names
