"""What the build-time SVG draws, as plain data (timeline/svg.py): the numbers and the
texts the template prints, no markup; the template escapes (tests/render/test_timeline_svg.py)."""
from __future__ import annotations

import datetime as dt

import pytest
from conftest import generated_events, write_events

from policy_timeline.build import Build
from policy_timeline.render.catalogue import Messages
from policy_timeline.source.validate import validate_project
from policy_timeline.timeline import layout as lay
from policy_timeline.timeline import svg

# This repository's vocabulary (its lanes' names).
pytestmark = pytest.mark.content

TODAY = dt.date(2026, 1, 1)


def make_build(events_dir) -> Build:
    project, problems = validate_project(events_dir)
    assert not problems, problems
    return Build(project=project, index=None, today=TODAY)


def _event(title, date, end=None, kind="law", lane="central"):
    return (f"---\ntitle: {title}\ndate: {date}\n" + (f"end: {end}\n" if end else "")
            + f"lane: {lane}\nkind: {kind}\nsummary: S.\nsources:\n"
            '  - {title: T, url: "https://example.org/"}\n---\n')


def _drawing(build, page_url="", words=None, visible=None, lanes=None):
    layout = build.layout
    visible = [True] * len(layout.events) if visible is None else visible
    return svg.first_view(layout, build.project.vocabulary, page_url, visible, lanes, "v", words)


def test_the_drawing_is_numbers_and_text_as_written(tmp_path):
    build = make_build(write_events(tmp_path / "events", {
        "2016-plan.md": _event('A <plan> & "more"', "2016-05", "2018", "plan"),
        "2017-law.md": _event("Law", "2017-03-02", lane="local"),
        "2030-goal.md": _event("Goal", "2030", kind="target"),
    }))
    drawing = _drawing(build, "events/")
    assert (drawing.css_class, drawing.id_prefix, drawing.level, drawing.plot_px) == (
        "pt-svg-w0", "v-w0", build.layout.classes[0].level, lay.MIN_PLOT_PX)
    assert (drawing.height, drawing.plot_height, drawing.tick_y) == ("242", "212", "230")
    assert [name for name, _ in drawing.symbols] == ["square", "star"]
    assert [(b.label, b.top, b.height, b.alt) for b in drawing.bands][:2] == [
        ("International", "4", "52", False), ("Central government", "56", "52", True)]
    assert drawing.ticks == ((2020, "26.665%"), (2025, "60.011%"), (2030, "93.338%"))
    plan, law, goal = drawing.marks            # the period first, under the markers
    # Text as its author wrote it: escaping is the template's.
    assert plan.label == 'A <plan> & "more"'
    assert plan.hover == 'A <plan> & "more"\nMay 2016 – 2018 · Central government, Plan'
    assert (plan.period, plan.x, plan.width, plan.bar_y, plan.symbol) == (
        True, "2.208%", "17.795%", "84", "")
    assert (plan.label_x, plan.dx, plan.end) == ("20.004%", "6", False)   # after its bar
    assert (law.period, law.symbol, law.href, law.hollow) == (False, "square", "../events/2017-law/",
                                                             False)
    assert (law.x, law.y, law.label_x, law.dx, law.end) == ("7.775%", "142", "7.775%", "7.875",
                                                            False)
    # A target not reached: hollow, its label left of it, ending at its marker.
    assert (goal.hollow, goal.dx, goal.end, goal.width, goal.bar_y) == (True, "-7.875", True, "", "")
    assert drawing.clusters == ()
    assert (drawing.bar_height, drawing.badge) == ("12", svg.Badge("-24", "-9", "48", "18", "9"))


def test_the_hover_and_the_badges_speak_the_sites_language(tmp_path):
    # The coarsest level of 300 generated events, where they crowd into "+N" badges.
    build = make_build(generated_events(tmp_path / "events", 300))
    layout = build.layout
    coarsest = lay.WidthClass(0, lay.MIN_PLOT_PX, 0)
    vocabulary = build.project.vocabulary
    visible = [True] * len(layout.events)
    english = svg.level_drawing(layout, coarsest, vocabulary, "", visible, None, "p", "c")
    chinese = svg.level_drawing(layout, coarsest, vocabulary, "", visible, None, "p", "c",
                                Messages("zh"))
    assert english.clusters and len(english.clusters) == len(chinese.clusters)
    assert sum(c.n for c in english.clusters) == sum(
        len(c.members) for c in layout.levels[0].clusters)
    for en, zh in zip(english.clusters, chinese.clusters, strict=True):
        assert (en.n, en.x, en.y) == (zh.n, zh.x, zh.y)
        assert en.hover.startswith(f"{en.n} more event") and ": zoom in to see " in en.hover
        assert zh.hover != en.hover and "zoom" not in zh.hover
    # Only the words change: the same marks where they were, each hover's last line
    # (date, lane, kind) in the site's language.
    assert [m._replace(hover="") for m in english.marks] == [
        m._replace(hover="") for m in chinese.marks]
    assert all(en.hover.split("\n")[0] == zh.hover.split("\n")[0]
               for en, zh in zip(english.marks, chinese.marks, strict=True))
    assert any(en.hover != zh.hover for en, zh in zip(english.marks, chinese.marks, strict=True))
