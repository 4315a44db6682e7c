"""``policy-timeline new``: the file it writes, the round trip through the validator, refusals."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

from policy_timeline.source.validate import validate_project

BAD_EVENTS = FIXTURES / "bad" / "events"


@pytest.fixture
def events(tmp_path) -> Path:
    """An events folder with the test vocabulary and bibliography and one existing event."""
    folder = tmp_path / "events"
    folder.mkdir()
    for name in ("vocabulary.yml", "bibliography.yml", "2017-07-valid.md"):
        shutil.copy(BAD_EVENTS / name, folder / name)
    return folder


def _new(events: Path, *args: str):
    return run_cli("new", *args, "--events-dir", str(events))


def _listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_round_trip_with_a_title_and_url_source(events):
    proc = _new(events, "The State Council's New Generation AI Plan", "--date", "2017-07-20",
                "--lane", "central", "--kind", "plan")
    assert proc.returncode == 0, proc.stderr
    path = events / "2017-07-20-the-state-councils-new-generation-ai-plan.md"
    assert proc.stdout == f"{path}\n"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "---"
    assert lines[1].startswith("title: ")
    assert 'title: "The State Council\'s New Generation AI Plan"' in lines
    assert "date: 2017-07-20" in lines and "lane: central" in lines and "kind: plan" in lines

    # As written, the placeholders are refused, each at its own line.
    _, problems = validate_project(events)
    assert [(p.line, p.field) for p in problems] == [
        (6, "summary"), (8, "sources[0].title"), (9, "sources[0].url")]
    assert all("placeholder" in p.message for p in problems)

    filled = (text.replace('"TODO: one or two sentences of plain text, at most 280 characters"',
                           "The State Council sets out a national AI plan.")
              .replace('"TODO: the title of the source"', "A translation of the plan")
              .replace('"TODO: https://... (the address where it can be read)"',
                       "https://example.org/plan"))
    path.write_text(filled, encoding="utf-8")
    project, problems = validate_project(events)
    assert problems == []
    event = next(e for e in project.events if e.id == path.stem)
    assert event.title == "The State Council's New Generation AI Plan"
    assert event.date.text == "2017-07-20"
    assert event.sources[0].url == "https://example.org/plan"


def test_round_trip_with_a_bibliography_source_in_the_year_folder(events):
    (events / "2019").mkdir()
    proc = _new(events, "AI start-up funding falls", "--date", "2019", "--lane", "market",
                "--kind", "statement", "--source", "naughton-2020")
    assert proc.returncode == 0, proc.stderr
    path = events / "2019" / "2019-ai-start-up-funding-falls.md"
    assert proc.stdout.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    assert "  - ref: naughton-2020" in text.splitlines()
    _, problems = validate_project(events)
    assert [(p.path, p.line, p.field) for p in problems] == [(str(path), 6, "summary")]
    path.write_text(re.sub(r'summary: ".*"', "summary: Funding falls by half.", text),
                    encoding="utf-8")
    assert validate_project(events)[1] == []


def test_never_overwrites_and_ids_stay_unique(events):
    args = ("Made in China 2025", "--date", "2015-05", "--lane", "central", "--kind", "plan")
    assert _new(events, *args).returncode == 0
    path = events / "2015-05-made-in-china-2025.md"
    path.write_text("edited by hand", encoding="utf-8")
    before = _listing(events)
    again = _new(events, *args)
    assert again.returncode == 1
    assert "already exists" in again.stderr and str(path) in again.stderr
    assert _listing(events) == before
    # The same id in a year folder counts as well.
    (events / "2015").mkdir()
    path.rename(events / "2015" / path.name)
    before = _listing(events)
    third = _new(events, *args)
    assert third.returncode == 1 and "already exists" in third.stderr
    assert _listing(events) == before


@pytest.mark.parametrize("args, words", [
    (("--date", "2017-13", "--lane", "central", "--kind", "plan"), ["--date", "month 13"]),
    (("--date", "2017-7", "--lane", "central", "--kind", "plan"), ["--date", "not a date"]),
    (("--date", "2017", "--lane", "centrl", "--kind", "plan"),
     ['--lane "centrl" is not in the vocabulary', 'did you mean "central"?']),
    (("--date", "2017", "--lane", "central", "--kind", "policy"),
     ['--kind "policy"', "plan, law, target, statement"]),
    (("--date", "2017", "--lane", "central", "--kind", "plan", "--source", "naughton-2021"),
     ['--source "naughton-2021" is not a key of the bibliography',
      'did you mean "naughton-2020"?']),
])
def test_arguments_are_checked_before_anything_is_written(events, args, words):
    before = _listing(events)
    proc = _new(events, "An event", *args)
    assert proc.returncode == 1
    for word in words:
        assert word in proc.stderr
    assert proc.stderr.rstrip().endswith("new: nothing was written")
    assert _listing(events) == before


@pytest.mark.parametrize("title, words", [
    ("   ", "the title is empty"),
    ("Plan {{ config }}", "template tag"),
    ("Two\nlines", "line break"),
])
def test_titles_that_the_validator_would_refuse_are_refused(events, title, words):
    before = _listing(events)
    proc = _new(events, title, "--date", "2017", "--lane", "central", "--kind", "plan")
    assert proc.returncode == 1 and words in proc.stderr
    assert _listing(events) == before


def test_a_source_without_a_bibliography_is_refused(events):
    (events / "bibliography.yml").unlink()
    proc = _new(events, "An event", "--date", "2017", "--lane", "central", "--kind", "plan",
                "--source", "naughton-2020")
    assert proc.returncode == 1
    assert "there is no" in proc.stderr and "bibliography.yml" in proc.stderr


def test_ids_from_long_and_non_ascii_titles_are_valid_and_short(events):
    long_title = "Provincial government issues a three-year action programme " * 3
    made = [_new(events, long_title, "--date", "2018-03", "--lane", "local", "--kind", "plan"),
            _new(events, "新一代人工智能发展规划", "--date", "2017-07", "--lane", "central",
                 "--kind", "plan")]
    assert [proc.returncode for proc in made] == [0, 0]
    new_ids = sorted(p.stem for p in events.glob("*.md") if p.stem != "2017-07-valid")
    assert len(new_ids) == 2
    for new_id in new_ids:
        assert re.match(r"^[0-9]{4}(-[0-9]{2}){0,2}-[a-z0-9]+(-[a-z0-9]+)*$", new_id), new_id
        assert len(new_id) <= len("2018-03-") + 48
    assert new_ids[1].startswith("2018-03-provincial-government-issues-a-three-year")
    _, problems = validate_project(events)
    # Only the placeholders are left to fill.
    assert {p.field for p in problems} == {"summary", "sources[0].title", "sources[0].url"}


def test_end_tags_and_summary_are_written_and_read_back(events):
    proc = _new(events, "A plan for three years", "--date", "2018-03", "--end", "2020",
                "--tags", "targets, local-plans", "--summary", "The plan: yes, three years.",
                "--lane", "local", "--kind", "plan", "--source", "naughton-2020")
    assert proc.returncode == 0, proc.stderr
    path = events / "2018-03-a-plan-for-three-years.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "end: 2020" in lines and "tags: [targets, local-plans]" in lines
    assert 'summary: "The plan: yes, three years."' in lines
    # Given, they are no longer commented-out examples.
    assert not any(line.startswith(("# end:", "# tags:")) for line in lines)
    project, problems = validate_project(events)
    assert problems == []
    event = next(e for e in project.events if e.id == path.stem)
    assert (event.end.text, list(event.tags), event.summary) == (
        "2020", ["targets", "local-plans"], "The plan: yes, three years.")


@pytest.mark.parametrize("args, words", [
    (("--end", "2017-02"), ["--end: 2017-02 is before --date 2018-03"]),
    (("--end", "2019-13"), ["--end", "month 13"]),
    (("--tags", "targets,target"), ['--tags "target" is not in the vocabulary',
                                    'did you mean "targets"?']),
    (("--summary", "   "), ["--summary is empty"]),
    (("--summary", "x" * 281), ["--summary has 281 characters; expected at most 280"]),
    (("--summary", "two\nlines"), ["--summary has a line break"]),
])
def test_end_tags_and_summary_are_checked_before_anything_is_written(events, args, words):
    before = _listing(events)
    proc = _new(events, "An event", "--date", "2018-03", "--lane", "local", "--kind", "plan",
                *args)
    assert proc.returncode == 1
    for word in words:
        assert word in proc.stderr
    assert proc.stderr.rstrip().endswith("new: nothing was written")
    assert _listing(events) == before


def test_new_help_lists_the_vocabularys_lanes_kinds_and_tags(events):
    proc = run_cli("new", "--events-dir", str(events), "--help")
    assert proc.returncode == 0
    text = " ".join(proc.stdout.split())
    for words in ("--end END", "--tags TAGS", "--summary SUMMARY",
                  f"In {events / 'vocabulary.yml'}:",
                  "lanes: international (International), central (Central government)",
                  "kinds: plan (Plan), law (Law)", "tags: targets (Targets)"):
        assert words in text, words


def test_the_commands_help_is_written_for_users():
    proc = run_cli("--help")
    assert proc.returncode == 0
    assert proc.stdout.startswith("usage: policy-timeline")
    text = " ".join(proc.stdout.split())
    assert "Start a site with `policy-timeline init FOLDER`" in text
    # Not the module's docstring: no reST markup, no word about the code.
    assert "``" not in proc.stdout and "only module that prints" not in proc.stdout


def test_examples_are_read_from_the_first_files_only(events):
    """The commented-out examples come from the first event files in file order, at most
    site_examples.MAX_READ of them: new costs the same on a site of any size."""
    from policy_timeline.authoring.site_examples import MAX_READ

    (events / "2016").mkdir()
    for i in range(MAX_READ + 5):
        actors = "\nactors: [A late actor]" if i == MAX_READ + 4 else ""
        (events / "2016" / f"2016-event-{i:04d}.md").write_text(
            f"---\ntitle: Event {i}\ndate: 2016{actors}\n---\n", encoding="utf-8")
    made = _new(events, "An event", "--date", "2017", "--lane", "central", "--kind", "plan")
    assert made.returncode == 0, made.stderr
    lines = Path(made.stdout.strip()).read_text(encoding="utf-8").splitlines()
    assert "# related: [2016-event-0000]" in lines
    assert "# actors: [a person, a body or a firm]" in lines
    (events / "2016" / "2016-event-0001.md").write_text(
        "---\ntitle: Event 1\ndate: 2016\nactors: [An early actor]\n---\n", encoding="utf-8")
    again = _new(events, "Another event", "--date", "2017", "--lane", "central", "--kind", "plan")
    lines = Path(again.stdout.strip()).read_text(encoding="utf-8").splitlines()
    assert '# actors: ["An early actor"]' in lines
