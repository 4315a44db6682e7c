"""The timeline drawn at build time as SVG (render/timeline_svg.py, through
partials/timeline-svg.html, from timeline/svg.py's numbers): the same layout as the
chart, without a browser; a site overrides its template."""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import FIXTURES, REPO, build_site, copy_events, inherited_config, write_events
from geometry import collisions

from policy_timeline.build import Build
from policy_timeline.render import templates, timeline_block, timeline_svg
from policy_timeline.source.settings import SiteSettings
from policy_timeline.source.validate import validate_project
from policy_timeline.timeline import layout as lay
from policy_timeline.timeline import svg
from policy_timeline.timeline.view import TimelineFilter

# The shipped events and this repository's vocabulary and docs.
pytestmark = pytest.mark.content

TODAY = dt.date(2026, 1, 1)
SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def make_build(events_dir, template_dirs=()) -> Build:
    project, problems = validate_project(events_dir)
    assert not problems, problems
    return Build(project=project, index=None, today=TODAY,
                 site=SiteSettings(template_dirs=template_dirs))


@pytest.fixture(scope="module")
def shipped():
    return make_build(REPO / "events")


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory):
    return make_build(copy_events(FIXTURES / "events" / "timeline",
                                  tmp_path_factory.mktemp("svg") / "events"))


def parse(markup: str) -> ET.Element:
    """One SVG as XML (the HTML parser's xlink: prefix declared)."""
    return ET.fromstring(markup.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" '
                                        'xmlns:xlink="http://www.w3.org/1999/xlink" ', 1))


def one(build, n, view=None, page_url=""):
    view = view or TimelineFilter()
    layout = build.layout
    visible = [view.shows(e) for e in layout.events]
    lane_ids = [lane.id for lane in layout.lanes]
    lanes = [lane_ids.index(lane) for lane in view.lanes] if view.lanes else None
    markup = timeline_svg.draw(build.site.template_dirs, svg.level_drawing(
        layout, layout.classes[n], build.project.vocabulary, page_url, visible, lanes,
        f"t-w{n}", f"pt-svg-w{n}"))
    return markup, parse(markup)


@pytest.mark.parametrize("n", range(len(lay.WIDTH_CLASSES)))
def test_one_link_per_event_of_the_first_view_with_its_hover(shipped, n):
    layout = shipped.layout
    level = layout.levels[layout.classes[n].level]
    markup, root = one(shipped, n, page_url="")
    links = root.iter(f"{SVG_NS}a")
    hrefs = {a.get(XLINK): a for a in links}
    drawn = [e for i, e in enumerate(layout.events) if level.row[i] >= 0]
    assert sorted(hrefs) == sorted(f"events/{e.id}/" for e in drawn)
    plan = hrefs["events/2017-07-new-generation-ai-development-plan/"]
    assert plan.find(f"{SVG_NS}title").text == (
        "State Council issues the New Generation AI Development Plan\n新一代人工智能发展规划\n"
        "July 2017 · Central government, Plan")
    assert plan.get("tabindex") == "-1"
    # Labels say what the layout says, cut where it cuts.
    for i, event in enumerate(layout.events):
        if level.row[i] < 0:
            continue
        text = hrefs[f"events/{event.id}/"].find(f"{SVG_NS}text")
        label = lay.label_text(event.title, level.label[i])
        assert (text.text if text is not None else "") == label
    # Hidden from screen readers and out of the tab order: the list carries the events.
    assert root.get("aria-hidden") == "true" and root.get("focusable") == "false"
    assert 'href="' not in markup.replace('xlink:href="', "")


@pytest.mark.parametrize("n", range(len(lay.WIDTH_CLASSES)))
def test_no_two_things_the_svg_draws_meet(shipped, n):
    """The SVG draws its class's level: the layout's promise is the SVG's."""
    assert collisions(shipped.layout, shipped.layout.classes[n].level) == []


def test_markers_sit_where_the_chart_puts_them(fixture_build):
    layout = fixture_build.layout
    first, after = (d.toordinal() for d in layout.default_range)
    _, root = one(fixture_build, 4)
    use = next(a for a in root.iter(f"{SVG_NS}a")
               if a.get(XLINK) == "events/2014-shanghai-plan/").find(f"{SVG_NS}use")
    x = float(use.get("x").rstrip("%"))
    assert x == pytest.approx((dt.date(2014, 7, 2).toordinal() - first) * 100 / (after - first),
                              abs=0.001)
    assert use.get(XLINK) == "#t-w4-circle"
    bar = next(a for a in root.iter(f"{SVG_NS}a")
               if a.get(XLINK) == "events/2027-future-programme/").find(f"{SVG_NS}rect")
    assert "pt-hollow" in bar.get("class")         # a period not yet begun is drawn hollow


def test_a_filtered_view_draws_its_lanes_and_events_only(fixture_build):
    view = TimelineFilter.parse(fixture_build.project.vocabulary, lanes=["central", "local"],
                                kinds=["plan"])
    _markup, root = one(fixture_build, 3, view)
    names = [t.text for t in root.iter(f"{SVG_NS}text") if t.get("class") == "pt-lane-name"]
    assert names == ["Central government", "Provinces and cities"]
    shown = {a.get(XLINK).split("/")[1] for a in root.iter(f"{SVG_NS}a")}
    assert shown == {e.id for e in fixture_build.project.events if view.shows(e)}
    full, _ = one(fixture_build, 3)
    assert float(root.get("height")) < float(parse(full).get("height"))


def test_hostile_text_is_escaped_once(fixture_build):
    markup, root = one(fixture_build, 4)
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &quot;quoted&quot; &lt;/script&gt;" in markup
    assert "<b>" not in markup and "</script>" not in markup
    titles = [t.text for t in root.iter(f"{SVG_NS}title")]
    assert any(t.startswith('<b>x</b> & "quoted" </script>') for t in titles)


def test_a_page_and_the_embed_inline_one_drawing_the_narrowest_widths(fixture_build):
    page = timeline_block.timeline_view(fixture_build, TimelineFilter(), "", uid="pt-v1")
    narrowest = fixture_build.layout.classes[0]
    assert re.findall(r'<svg class="pt-svg ([^"]+)"[^>]* data-level="(\d+)" data-plot-px="(\d+)"',
                      page) == [("pt-svg-w0", str(narrowest.level), str(lay.MIN_PLOT_PX))]
    embed = timeline_block.timeline_view(fixture_build, TimelineFilter(), "embed/", embed=True)
    assert re.findall(r'class="pt-svg ([^"]+)"', embed) == ["pt-svg-w0"]
    # Ids are unique on a page, however many views it has.
    two = page + timeline_block.timeline_view(fixture_build, TimelineFilter(), "", uid="pt-v2")
    ids = re.findall(r' id="([^"]+)"', two)
    assert len(ids) == len(set(ids))


def test_the_same_svg_every_build(fixture_build, tmp_path):
    again = make_build(copy_events(FIXTURES / "events" / "timeline", tmp_path / "again"))
    assert one(fixture_build, 2)[0] == one(again, 2)[0]


def _event(title, date, end=None, kind="law", lane="central"):
    return (f"---\ntitle: {title}\ndate: {date}\n" + (f"end: {end}\n" if end else "")
            + f"lane: {lane}\nkind: {kind}\nsummary: S.\nsources:\n"
            '  - {title: T, url: "https://example.org/"}\n---\n')


# Three events, as the f-strings the template replaced wrote them (issue #20): a
# period's bar with its label after its end, a point with its label on the right,
# a target not yet reached, hollow, its label on the left; text with & and <.
SMALL_SITE_SVG = (
    '<svg class="pt-svg pt-svg-w0" width="100%" height="242" data-level="1" data-plot-px="280" '
    'aria-hidden="true" focusable="false"><defs><g id="v-w0-square"><rect x="-12" y="-12" '
    'width="24" height="24" fill="transparent" stroke="none"/><path d="M5.5,5.5H-5.5V-5.5H5.5Z"/>'
    '</g><g id="v-w0-star"><rect x="-12" y="-12" width="24" height="24" fill="transparent" '
    'stroke="none"/><path d="M1.73,-2.38H7.32L2.8,0.91L4.53,6.23L0,2.94L-4.53,6.23L-2.8,0.91L'
    '-7.32,-2.38H-1.73L0,-7.7Z"/></g></defs>'
    '<rect class="pt-band" x="0" y="4" width="100%" height="52"/><rect class="pt-swatch pt-l0" '
    'x="4" y="10" width="10" height="10"/><text class="pt-lane-name" x="18" y="15">International'
    '</text><rect class="pt-band pt-band-alt" x="0" y="56" width="100%" height="52"/><rect '
    'class="pt-swatch pt-l1" x="4" y="62" width="10" height="10"/><text class="pt-lane-name" '
    'x="18" y="67">Central government</text><rect class="pt-band" x="0" y="108" width="100%" '
    'height="52"/><rect class="pt-swatch pt-l2" x="4" y="114" width="10" height="10"/><text '
    'class="pt-lane-name" x="18" y="119">Provinces and cities</text><rect class="pt-band '
    'pt-band-alt" x="0" y="160" width="100%" height="52"/><rect class="pt-swatch pt-l3" x="4" '
    'y="166" width="10" height="10"/><text class="pt-lane-name" x="18" y="171">Market and '
    'industry</text>'
    '<svg x="0" y="0" width="100%" height="212" overflow="hidden"><line class="pt-grid" '
    'x1="26.665%" x2="26.665%" y1="0" y2="212"/><line class="pt-grid" x1="60.011%" x2="60.011%" '
    'y1="0" y2="212"/><line class="pt-grid" x1="93.338%" x2="93.338%" y1="0" y2="212"/>'
    '<a xlink:href="../events/2016-plan/" tabindex="-1" data-i="0"><title>A plan &amp; &lt;more&gt;'
    '\nMay 2016 – 2018 · Central government, Plan</title><rect class="pt-bar pt-l1" x="2.208%" '
    'y="84" width="17.795%" height="12"/><text x="20.004%" dx="6" y="90">A plan &amp; &lt;more&gt;'
    '</text></a>'
    '<a xlink:href="../events/2017-law/" tabindex="-1" data-i="1"><title>Law\n2 March 2017 · '
    'Provinces and cities, Law</title><use xlink:href="#v-w0-square" class="pt-m pt-l2" '
    'x="7.775%" y="142"/><text x="7.775%" dx="7.875" y="142">Law</text></a>'
    '<a xlink:href="../events/2030-goal/" tabindex="-1" data-i="2"><title>Goal\n2030 · Central '
    'government, Target</title><use xlink:href="#v-w0-star" class="pt-m pt-l1 pt-hollow" '
    'x="96.660%" y="90"/><text x="96.660%" dx="-7.875" y="90" text-anchor="end">Goal</text></a>'
    '</svg><text class="pt-tick" x="26.665%" y="230">2020</text><text class="pt-tick" '
    'x="60.011%" y="230">2025</text><text class="pt-tick" x="93.338%" y="230">2030</text></svg>'
)


def test_the_template_writes_the_bytes_the_f_strings_wrote(tmp_path):
    build = make_build(write_events(tmp_path / "events", {
        "2016-plan.md": _event("A plan & <more>", "2016-05", "2018", "plan"),
        "2017-law.md": _event("Law", "2017-03-02", lane="local"),
        "2030-goal.md": _event("Goal", "2030", kind="target"),
    }))
    layout = build.layout
    assert timeline_svg.draw((), svg.first_view(layout, build.project.vocabulary, "events/",
                                                [True] * 3, None, "v")) == SMALL_SITE_SVG


SVG_TEMPLATE = templates.PACKAGE_DIR / templates.NAMESPACE / timeline_svg.TEMPLATE
# What an overriding template adds: a line under the axis, saying how many events it drew.
CREDIT = ('<text class="site-credit" x="100%" y="{{ d.tick_y }}" text-anchor="end">'
          "Drawn by our site: {{ d.marks|length }} events</text>")


def _override_svg(custom_dir, replace=("", ""), add=CREDIT):
    """custom_dir/policy-timeline/partials/timeline-svg.html: the package's, with ``add``
    before its last ``</svg>`` and ``replace``'s first string replaced by its second."""
    original = SVG_TEMPLATE.read_text(encoding="utf-8").rstrip()
    assert original.endswith("</svg>") and original.count(replace[0]) >= 1
    folder = custom_dir / templates.NAMESPACE / "partials"
    folder.mkdir(parents=True)
    (folder / "timeline-svg.html").write_text(
        original[: -len("</svg>")].replace(*replace) + add + "</svg>\n", encoding="utf-8")
    return custom_dir


def _svg_of(html: str) -> str:
    """The view's drawing, from the view or a page that holds one."""
    found = re.findall(r'<div class="pt-static"[^>]*>(<svg class="pt-svg .*?</svg>)</div>', html,
                       flags=re.S)
    assert len(found) == 1
    return found[0]


@pytest.mark.site
def test_a_site_overrides_the_svg_from_its_theme_custom_dir(tmp_path):
    custom_dir = _override_svg(tmp_path / "overrides")
    events = copy_events(FIXTURES / "events" / "site", tmp_path / "events")
    site = build_site(events, tmp_path / "site",
                      config=inherited_config(tmp_path, custom_dir=custom_dir))

    # The home page's view and /embed/ draw with the site's template: the package's
    # drawing, and the site's line under it with the number of events drawn.
    for page in ("index.html", "embed/index.html"):
        drawing = _svg_of((site / page).read_text(encoding="utf-8"))
        drawn = drawing.count("<a xlink:href=")
        assert drawn > 0
        assert re.search(r'<text class="site-credit" x="100%" y="[\d.]+" text-anchor="end">'
                         rf"Drawn by our site: {drawn} events</text></svg>$", drawing), page
        assert drawing.count('<text class="pt-tick"') > 0
    # The site's template is the theme's too: never copied into the site.
    assert not (site / templates.NAMESPACE).exists()


def test_an_overridden_svg_prints_event_text_escaped_and_the_rest_as_the_package(tmp_path):
    # Each event's hover text, also in an attribute of the site's own.
    custom_dir = _override_svg(tmp_path / "overrides",
                               ('data-i="{{ m.i }}">', 'data-i="{{ m.i }}" data-hover="{{ m.hover }}">'))
    events = copy_events(FIXTURES / "events" / "timeline", tmp_path / "events")
    build = make_build(events, (custom_dir,))
    page = timeline_block.timeline_view(build, TimelineFilter(), "", uid="pt-v1")
    drawing = _svg_of(page)
    assert ('data-hover="&lt;b&gt;x&lt;/b&gt; &amp; &quot;quoted&quot; &lt;/script&gt;'
            in drawing)
    assert "<b>" not in page and "</script>" not in page
    drawn = drawing.count("<a xlink:href=")
    assert f"Drawn by our site: {drawn} events</text></svg>" in drawing
    # Without the site's additions, the view is the package's, byte for byte.
    plain = timeline_block.timeline_view(make_build(events), TimelineFilter(), "", uid="pt-v1")
    own = re.sub(r' data-hover="[^"]*"|<text class="site-credit".*?</text>', "", page)
    assert own == plain != page
