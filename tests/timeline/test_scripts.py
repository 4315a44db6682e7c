"""The browser's scripts seen from Python: the order pages load them in, and the
test vectors they share with Python (tests/js/vectors/): what both compute, held
to the same answers here and under Node's test runner (tests/js/*.test.js,
``make test-js``).

- ``view.json``: a view's URL parameters as ``TimelineFilter`` writes them (the
  browser reads them back to the same address), the events it draws and lists,
  and the values Python refuses (an address cannot set them either);
- ``layout.json``: what a label shows of a title, where Plotly anchors it on the
  side the layout gave it, the years the axis labels,
  the lane bands of a view (its rows closed up).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, urlencode

import pytest

from policy_timeline import urls
from policy_timeline.mkdocs.plugin import SEARCH_INPUT_SCRIPT
from policy_timeline.source.dates import PartialDate
from policy_timeline.source.model import Event, Kind, Lane, Tag, Vocabulary
from policy_timeline.timeline import figure_data, layout, stacking
from policy_timeline.timeline.view import TimelineFilter

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "js" / "vectors"
VIEW = json.loads((VECTORS / "view.json").read_text(encoding="utf-8"))
LAYOUT = json.loads((VECTORS / "layout.json").read_text(encoding="utf-8"))


def test_the_embed_page_loads_the_timelines_scripts_as_every_page_does():
    template = (REPO / "policy_timeline" / "templates" / "embed.html").read_text(encoding="utf-8")
    names = re.findall(r"'([\w-]+)'", re.search(r"for name in \[([^\]]*)\]", template)[1])
    scripts = tuple(f"assets/javascripts/{name}.js" for name in names)
    assert scripts == (urls.EMBED_SCRIPT, *urls.TIMELINE_SCRIPTS)
    assert urls.SCRIPTS[-len(urls.TIMELINE_SCRIPTS) :] == urls.TIMELINE_SCRIPTS
    assert set(urls.SCRIPTS) | {urls.EMBED_SCRIPT, urls.BUILDER_SCRIPT} <= set(urls.ASSETS)
    shipped = {p.name for p in (REPO / "policy_timeline" / "assets" / "javascripts").glob("*.js")}
    # Every shipped script is the core's (urls.ASSETS) or the mkdocs host's fix for
    # Material's search box, which that host adds only when Material's search is on.
    host = {Path(SEARCH_INPUT_SCRIPT).name}
    assert {
        Path(s).name for s in urls.ASSETS if s.endswith(".js") and "javascripts" in s
    } | host == shipped


def _vocabulary() -> Vocabulary:
    names = VIEW["vocabulary"]
    return Vocabulary(
        lanes={i: Lane(i, i.title(), n, "#336699") for n, i in enumerate(names["lanes"])},
        kinds={i: Kind(i, i.title(), "circle") for i in names["kinds"]},
        tags={i: Tag(i, i.title()) for i in names["tags"]},
    )


def _events() -> list[Event]:
    return [
        Event(
            id=e["id"],
            path=f"events/{e['id']}.md",
            title=e["title"],
            date=PartialDate.parse(e["date"]),
            end=PartialDate.parse(e["end"]) if e["end"] else None,
            lane=e["lane"],
            kind=e["kind"],
            tags=e["tags"],
            summary=e["summary"],
            titles=e["titles"],
            sources=[],
        )
        for e in VIEW["events"]
    ]


VOCABULARY = _vocabulary()
EVENTS = _events()


def _name(vector: dict) -> str:
    return vector["name"]


@pytest.mark.parametrize("vector", VIEW["views"], ids=_name)
def test_a_view_is_written_and_shows_what_the_browser_shows(vector):
    view = TimelineFilter.parse(VOCABULARY, **vector["filter"])
    assert [list(param) for param in view.params()] == vector["params"]
    # As the builder's link and fragment write it (timeline_html): the browser's address.
    assert urlencode(view.params(), safe=",", quote_via=quote) == vector["address"]
    assert [e.id for e in EVENTS if view.shows(e)] == vector["shows"]
    assert [e.id for e in EVENTS if view.matches(e)] == vector["matches"]


@pytest.mark.parametrize("vector", VIEW["refused"], ids=_name)
def test_what_an_address_cannot_set_python_refuses(vector):
    with pytest.raises(ValueError):
        TimelineFilter.parse(VOCABULARY, **vector["filter"])


def test_the_vectors_geometry_is_the_layouts():
    assert LAYOUT["geometry"] == {
        "tickSteps": list(layout.TICK_STEPS),
        "tickLabelPx": layout.TICK_LABEL_PX,
        "rowPx": layout.ROW_PX,
        "laneHeadPx": layout.LANE_HEAD_PX,
        "laneGapPx": layout.LANE_GAP_PX,
        "marginTopPx": layout.MARGIN_TOP_PX,
    }


@pytest.mark.parametrize("vector", LAYOUT["labels"], ids=repr)
def test_a_label_shows_what_the_browser_shows(vector):
    assert layout.label_text(vector["title"], vector["chars"]) == vector["text"]


@pytest.mark.parametrize("vector", LAYOUT["anchors"], ids=repr)
def test_a_label_is_anchored_where_the_browser_anchors_it(vector):
    got = figure_data.label_anchor(
        bool(vector["period"]), vector["x"], vector["last"], vector["side"]
    )
    assert got == (vector["at"], vector["position"])


def test_the_vectors_name_the_layouts_sides():
    assert (stacking.RIGHT, stacking.LEFT, stacking.AFTER) == (0, 1, 2)
    assert {v["side"] for v in LAYOUT["anchors"]} == {0, 1, 2}


@pytest.mark.parametrize("vector", LAYOUT["ticks"], ids=repr)
def test_the_axis_labels_the_years_the_browser_labels(vector):
    first, after = (dt.date.fromisoformat(vector[k]) for k in ("first", "after"))
    assert layout.tick_years(first, after, vector["plotPx"]) == vector["years"]


@pytest.mark.parametrize("vector", LAYOUT["bands"]["views"], ids=repr)
def test_a_views_lane_bands_are_the_browsers(vector):
    lane_of = LAYOUT["bands"]["lane"]
    lv = LAYOUT["bands"]["levels"][vector["level"]]
    level = layout.Level(
        1.0,
        tuple(lv["row"]),
        tuple(0 for _ in lane_of),
        tuple(layout.Cluster(lane, 0.0, 0, 0, tuple(members)) for lane, members in lv["clusters"]),
        tuple(lv["laneRows"]),
    )
    lanes = max(lane_of) + 1
    fake = SimpleNamespace(lanes=[None] * lanes, lane_of=lane_of)
    visible = [bool(v) for v in vector["visible"]]
    bands, height = layout.rows_shown(fake, level, visible, vector["lanes"])  # type: ignore[arg-type]
    got = [[b.lane, b.top, [[r, b.row_y[r]] for r in b.rows], b.bottom] for b in bands]
    assert (got, height) == (vector["bands"], vector["height"])
