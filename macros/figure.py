"""The timeline's Plotly figure: a plain JSON-able dict, built once per build.

Layout: time along x; the vocabulary's lanes, in their order, top to bottom
along y (a numeric axis, so events can be nudged apart inside their lane).
One marker trace per kind, with per-point symbol and colour arrays, and one
bar trace per kind for its periods, in the kind's legend group; the legend
entry is a trace of its own, in a neutral colour (clicking it toggles the
kind). Few traces keep plotly.js fast at thousands of events.

The site ships one unfiltered figure; a filtered view (macro arguments, embed
URL parameters) keeps the matching points and moves the remaining lanes
together. ``docs/assets/javascripts/timeline.js`` does the same thing in the
browser as :func:`apply_filter` does here, so both agree on what a view shows.
"""
from __future__ import annotations

import datetime as _dt
import html
import json
import textwrap
from dataclasses import dataclass

from . import urls
from .dates import PartialDate, format_span
from .model import Event

FIGURE_URI = "assets/timeline/timeline.json"
# The same figure as a script, for /embed/: inside an iframe sandboxed without
# allow-same-origin the page's origin is opaque, and fetch() of the JSON is a
# cross-origin request most hosts refuse. A <script src> is not.
FIGURE_SCRIPT_URI = "assets/timeline/timeline.js"
FIGURE_SCRIPT_CALLBACK = "policyTimelineFigure"
EMBED_URI = "embed/index.md"
PLOTLY_URI = "assets/vendor/plotly/plotly-basic-4.1.1.min.js"

# customdata columns of every point; timeline.js reads them by position.
CD_PATH, CD_LANE, CD_TAGS, CD_FIRST, CD_LAST = range(5)

# Vertical geometry inside a lane row (row spacing is 1): point markers
# around POINT_CENTRE, periods in bars below them.
POINT_CENTRE = -0.1
POINT_SPREAD = 0.5          # total height shared by markers at the same date
POINT_STEP = 0.12           # their spacing when few
PERIOD_TOP = 0.22
PERIOD_STEP = 0.1
PERIOD_SLOTS = 3            # overlapping periods cycle through this many rows
PERIOD_WIDTH = 0.08
ROW_HEIGHT_PX = 90
BASE_HEIGHT_PX = 140        # legend, axis and margins
MARKER_SIZE = 11
TARGET_OPACITY = 0.75
HOLLOW_LINE_WIDTH = 2
LEGEND_COLOUR = "#8a8f98"  # a grey that reads on the light and the dark scheme
LEGEND_META = "legend"     # marks a legend entry's trace (it has no points)
HOVER_WRAP = 60
LABEL_CHARS = 40
_MS_PER_DAY = 86_400_000


def plotly_text(text: object) -> str:
    """Escape event text once for Plotly's pseudo-HTML (hover text, labels).

    Plotly turns ``<b>`` and friends into markup and decodes only a few named
    entities (``&amp; &lt; &gt;`` but not ``&quot;``), so ``sanitize.esc``
    would show quotes as ``&quot;``; quotes cannot open a tag once ``<`` is
    escaped.
    """
    return html.escape(str(text), quote=False)


# --- filters ----------------------------------------------------------------

class FilterError(ValueError):
    """A timeline filter names something the vocabulary does not have."""


@dataclass(frozen=True)
class TimelineFilter:
    lanes: tuple[str, ...] = ()   # empty: all
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    start: PartialDate | None = None
    end: PartialDate | None = None

    @classmethod
    def parse(cls, vocabulary, *, lanes=None, kinds=None, tags=None, start=None, end=None):
        """Check macro arguments against the vocabulary; a typo fails the build, loudly."""
        def ids(values, known, what):
            values = [values] if isinstance(values, str) else list(values or ())
            unknown = [v for v in values if v not in known]
            if unknown:
                raise FilterError(f"timeline: unknown {what} {unknown}; "
                                  f"events/vocabulary.yml has {sorted(known)}")
            # Vocabulary order, so equal filters give equal output.
            return tuple(k for k in known if k in values)

        def date(value):
            return None if value is None else PartialDate.parse(value)

        lane_ids = [lane.id for lane in vocabulary.lanes_in_order()]
        result = cls(ids(lanes, lane_ids, "lanes"), ids(kinds, list(vocabulary.kinds), "kinds"),
                     ids(tags, list(vocabulary.tags), "tags"), date(start), date(end))
        if result.start and result.end and result.start.first_day > result.end.last_day:
            raise FilterError(f"timeline: start {result.start} is after end {result.end}")
        return result

    @property
    def is_empty(self) -> bool:
        return self == TimelineFilter()

    def matches(self, event: Event) -> bool:
        if self.lanes and event.lane not in self.lanes:
            return False
        if self.kinds and event.kind not in self.kinds:
            return False
        if self.tags and not set(self.tags) & set(event.tags):
            return False
        if self.start and (event.end or event.date).last_day < self.start.first_day:
            return False
        if self.end and event.date.first_day > self.end.last_day:
            return False
        return True

    def params(self) -> list[tuple[str, str]]:
        """As URL parameters (the embed page and builder read these names)."""
        out = [(name, ",".join(values)) for name, values in
               (("lanes", self.lanes), ("kinds", self.kinds), ("tags", self.tags)) if values]
        out += [(name, d.text) for name, d in (("from", self.start), ("to", self.end)) if d]
        return out


# --- where each event sits ----------------------------------------------------

def _iso(day: _dt.date) -> str:
    return day.isoformat()


def _point_offsets(points: list[Event]) -> dict[str, float]:
    """Markers at the same date in the same lane fan out vertically, in id order."""
    groups: dict[tuple[str, _dt.date], list[str]] = {}
    for event in points:
        groups.setdefault((event.lane, event.date.midpoint), []).append(event.id)
    offsets = {}
    for ids in groups.values():
        step = min(POINT_STEP, POINT_SPREAD / len(ids))
        for slot, event_id in enumerate(sorted(ids)):
            offsets[event_id] = POINT_CENTRE + (slot - (len(ids) - 1) / 2) * step
    return offsets


def _period_offsets(periods: list[Event]) -> dict[str, float]:
    """Overlapping periods in a lane take the first free row below the markers."""
    offsets = {}
    slot_ends: dict[str, list[_dt.date]] = {}
    for event in sorted(periods, key=lambda e: (e.date.first_day, e.id)):
        ends = slot_ends.setdefault(event.lane, [])
        start, stop = event.date.first_day, event.end.last_day
        slot = next((i for i, last in enumerate(ends) if last < start), len(ends))
        if slot == len(ends):
            ends.append(stop)
        else:
            ends[slot] = stop
        offsets[event.id] = PERIOD_TOP + (slot % PERIOD_SLOTS) * PERIOD_STEP
    return offsets


def _hover(event: Event, vocabulary) -> str:
    lines = [f"<b>{plotly_text(event.title)}</b>",
             plotly_text(f"{format_span(event.date, event.end)} · "
                         f"{vocabulary.kinds[event.kind].label}, "
                         f"{vocabulary.lanes[event.lane].label}")]
    lines += [plotly_text(line) for line in textwrap.wrap(event.summary, HOVER_WRAP)]
    return "<br>".join(lines)


def _label(event: Event) -> str:
    if not event.highlight:
        return ""
    title = event.title
    if len(title) > LABEL_CHARS:
        title = title[:LABEL_CHARS - 1].rstrip() + "…"
    return plotly_text(title)


def _customdata(event: Event) -> list:
    last = (event.end or event.date).last_day
    return [urls.event_path(event.id), event.lane, " ".join(event.tags),
            _iso(event.date.first_day), _iso(last)]


def _label_positions(points: list[Event]) -> dict[str, str]:
    """Successive labels in a lane alternate above and below their markers: less overlap."""
    positions, seen = {}, {}
    for event in points:            # chronological
        if event.highlight:
            n = seen[event.lane] = seen.get(event.lane, -1) + 1
            positions[event.id] = "bottom center" if n % 2 else "top center"
    return positions


def _marker_trace(kind, events, rows, offsets, label_positions, build) -> dict:
    vocabulary = build.project.vocabulary
    targets = [e.is_target(build.today) for e in events]
    labels = [_label(e) for e in events]
    trace = {
        "type": "scatter",
        "mode": "markers+text" if any(labels) else "markers",
        "name": plotly_text(kind.label),
        "legendgroup": kind.id,
        "showlegend": False,
        "x": [_iso(e.date.midpoint) for e in events],
        "y": [round(rows[e.lane] + offsets[e.id], 4) for e in events],
        "customdata": [_customdata(e) for e in events],
        "hovertext": [_hover(e, vocabulary) for e in events],
        "hoverinfo": "text",
        "marker": {
            "size": MARKER_SIZE,
            "symbol": [kind.symbol + "-open" if t else kind.symbol for t in targets],
            "color": [vocabulary.lanes[e.lane].colour for e in events],
            "opacity": [TARGET_OPACITY if t else 1 for t in targets],
            # Only hollow symbols need a stroke; stroking every marker costs
            # about a fifth of the drawing time at 5,000 events.
            "line": {"width": [HOLLOW_LINE_WIDTH if t else 0 for t in targets]},
        },
    }
    if any(labels):
        trace.update(text=labels, textfont={"size": 11},
                     textposition=[label_positions.get(e.id, "top center") for e in events],
                     # A label near the edge may run into the margin rather than be cut.
                     cliponaxis=False)
    return trace


def _period_trace(kind, events, rows, offsets, build) -> dict:
    vocabulary = build.project.vocabulary
    targets = [e.is_target(build.today) for e in events]
    return {
        "type": "bar",
        "orientation": "h",
        "name": plotly_text(kind.label),
        "legendgroup": kind.id,
        "showlegend": False,
        # On a date axis a horizontal bar is a base date and a length in ms.
        "base": [_iso(e.date.first_day) for e in events],
        "x": [((e.end.last_day - e.date.first_day).days + 1) * _MS_PER_DAY for e in events],
        "y": [round(rows[e.lane] + offsets[e.id], 4) for e in events],
        "width": PERIOD_WIDTH,
        "customdata": [_customdata(e) for e in events],
        "hovertext": [_hover(e, vocabulary) for e in events],
        "hoverinfo": "text",
        "marker": {
            "color": [vocabulary.lanes[e.lane].colour for e in events],
            "opacity": [TARGET_OPACITY if t else 1 for t in targets],
            # Hatched, not solid: a period that has not started yet is a plan.
            "pattern": {"shape": ["/" if t else "" for t in targets]},
            "line": {"width": 0},
        },
    }


def _legend_trace(kind) -> dict:
    """The legend entry of a kind: its symbol, in a neutral colour.

    The points' own traces carry one colour per point (their lane), and
    Plotly would give the legend the first point's colour, as if a kind had a
    colour. A click on the entry toggles the kind's whole legend group.
    """
    return {
        "type": "scatter",
        "mode": "markers",
        "name": plotly_text(kind.label),
        "legendgroup": kind.id,
        "showlegend": True,
        "meta": LEGEND_META,
        "x": [None],
        "y": [None],
        "customdata": [],
        "hoverinfo": "skip",
        "marker": {"size": MARKER_SIZE, "symbol": kind.symbol, "color": LEGEND_COLOUR},
    }


def _layout(build, lanes) -> dict:
    n = len(lanes)
    ticktext = [f'<span style="color:{lane.colour}">■</span> {plotly_text(lane.label)}'
                for lane in lanes]
    return {
        "height": BASE_HEIGHT_PX + ROW_HEIGHT_PX * n,
        "margin": {"l": 10, "r": 10, "t": 30, "b": 40},
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        "barmode": "overlay",
        "dragmode": "zoom",
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom",
                   "title": {"text": "Kinds:"}},
        "xaxis": {"type": "date", "showgrid": True, "zeroline": False},
        "yaxis": {"tickmode": "array", "tickvals": list(range(n)), "ticktext": ticktext,
                  # Reversed so the vocabulary's first lane is on top.
                  "range": [n - 0.5, -0.5], "fixedrange": True, "zeroline": False,
                  "showgrid": False, "automargin": True},
        "annotations": [{"text": "hollow or hatched: a target, or not yet happened",
                         "showarrow": False, "xref": "paper", "yref": "paper",
                         "x": 1, "y": 0, "xanchor": "right", "yanchor": "top",
                         "yshift": -22, "font": {"size": 11}}],
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        # timeline.js needs the lanes to move rows together when filtering.
        "meta": {"lanes": [{"id": lane.id, "tick": tick} for lane, tick in zip(lanes, ticktext)],
                 "baseHeight": BASE_HEIGHT_PX, "rowHeight": ROW_HEIGHT_PX},
    }


def full_figure(build) -> dict:
    """Every event, every lane: the figure the site ships and the export publishes."""
    project = build.project
    vocabulary = project.vocabulary
    lanes = vocabulary.lanes_in_order()
    rows = {lane.id: row for row, lane in enumerate(lanes)}
    points = [e for e in project.events if not e.is_period]
    periods = [e for e in project.events if e.is_period]
    offsets = {**_point_offsets(points), **_period_offsets(periods)}
    label_positions = _label_positions(points)
    by_kind: dict[str, tuple[list[Event], list[Event]]] = {k: ([], []) for k in vocabulary.kinds}
    for event in project.events:   # chronological, so each trace is too
        by_kind[event.kind][1 if event.is_period else 0].append(event)
    data, legend = [], []
    for kind_id, kind in vocabulary.kinds.items():
        kind_points, kind_periods = by_kind[kind_id]
        if kind_points:
            data.append(_marker_trace(kind, kind_points, rows, offsets, label_positions, build))
        if kind_periods:
            data.append(_period_trace(kind, kind_periods, rows, offsets, build))
        if kind_points or kind_periods:
            legend.append(_legend_trace(kind))
    # Legend entries last: the events' traces keep their places in the figure.
    return {"data": data + legend, "layout": _layout(build, lanes)}


def apply_filter(figure: dict, view: TimelineFilter) -> dict:
    """The figure of a view: matching points only, the remaining lanes moved together.

    Mirrors ``filterFigure`` in timeline.js.
    """
    if view.is_empty:
        return figure
    lane_meta = figure["layout"]["meta"]["lanes"]
    shown = [m for m in lane_meta if not view.lanes or m["id"] in view.lanes]
    old_row = {m["id"]: row for row, m in enumerate(lane_meta)}
    new_row = {m["id"]: row for row, m in enumerate(shown)}
    start = view.start.first_day.isoformat() if view.start else None
    end = view.end.last_day.isoformat() if view.end else None

    def keep(cd) -> bool:
        return ((not view.lanes or cd[CD_LANE] in view.lanes)
                and (not view.tags or bool(set(view.tags) & set(cd[CD_TAGS].split())))
                and (start is None or cd[CD_LAST] >= start)
                and (end is None or cd[CD_FIRST] <= end))

    data, legend = [], []
    for trace in figure["data"]:
        if view.kinds and trace["legendgroup"] not in view.kinds:
            continue
        if trace.get("meta") == LEGEND_META:
            legend.append(trace)
            continue
        kept = [i for i, cd in enumerate(trace["customdata"]) if keep(cd)]
        if not kept:
            continue
        data.append(_take(trace, kept, old_row, new_row))
    # A kind keeps its legend entry while any of its events is shown.
    shown_kinds = {t["legendgroup"] for t in data}
    data += [t for t in legend if t["legendgroup"] in shown_kinds]
    layout = json.loads(json.dumps(figure["layout"]))
    n = len(shown)
    layout["height"] = BASE_HEIGHT_PX + ROW_HEIGHT_PX * n
    layout["yaxis"].update(tickvals=list(range(n)), ticktext=[m["tick"] for m in shown],
                           range=[n - 0.5, -0.5])
    layout["meta"]["lanes"] = shown
    if start and end:
        layout["xaxis"]["range"] = [start, (view.end.last_day + _dt.timedelta(days=1)).isoformat()]
    return {"data": data, "layout": layout}


def _take(trace: dict, kept: list[int], old_row: dict, new_row: dict) -> dict:
    """A copy of ``trace`` with only the points at ``kept``, on their lanes' new rows."""
    def pick(values):
        return [values[i] for i in kept] if isinstance(values, list) else values

    out = {key: pick(value) for key, value in trace.items() if key not in ("marker", "y")}
    out["y"] = [round(trace["y"][i] - old_row[trace["customdata"][i][CD_LANE]]
                      + new_row[trace["customdata"][i][CD_LANE]], 4) for i in kept]
    out["marker"] = {key: _pick_nested(value, pick) for key, value in trace["marker"].items()}
    return out


def _pick_nested(value, pick):
    # marker.line.width and marker.pattern.shape are per-point arrays one level down.
    if isinstance(value, dict):
        return {key: pick(inner) for key, inner in value.items()}
    return pick(value)


def timeline_figure(build, *, lanes=None, kinds=None, tags=None, start=None, end=None) -> dict:
    """The timeline as a Plotly figure dict, optionally filtered like the macro's arguments."""
    view = TimelineFilter.parse(build.project.vocabulary, lanes=lanes, kinds=kinds, tags=tags,
                                start=start, end=end)
    return apply_filter(full_figure(build), view)


def figure_json(figure: dict) -> bytes:
    """Compact, sorted and stable: the same figure gives the same bytes."""
    return (json.dumps(figure, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                       allow_nan=False) + "\n").encode("utf-8")


def site_files(build) -> dict[str, bytes]:
    """The figure as JSON (site pages fetch it) and as a script (the embed loads it), and
    the analysis charts' data."""
    from .charts import chart_files

    data = figure_json(full_figure(build))
    return {
        FIGURE_URI: data,
        FIGURE_SCRIPT_URI: f"{FIGURE_SCRIPT_CALLBACK}(".encode() + data.rstrip(b"\n") + b");\n",
        **chart_files(build),
    }
