"""Suggest an event without git: the issue form, ``from-issue`` and the workflow.

``from-issue`` runs as a contributor's issue reaches it: real commands on real
events folders, the issue's body from ``tests/fixtures/issues/`` (as GitHub
writes an issue form's answers) or from a GitHub event payload. Every file it
writes is read back: each answer is exactly the text given, or the validator
refuses it at its line; nothing in an answer is ever run.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REPO, run_cli

from policy_timeline.issue_form import (
    ACCEPTED_LABEL,
    FIELDS,
    FORM_FILE,
    FORM_LABEL,
    form_path,
    form_yaml,
)
from policy_timeline.validate import load_vocabulary

ISSUES = FIXTURES / "issues"
BAD_EVENTS = FIXTURES / "bad" / "events"
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


# --- the issue form ---------------------------------------------------------------------

def _form() -> dict:
    return yaml.safe_load((REPO / FORM_FILE).read_text(encoding="utf-8"))


def test_committed_form_matches_the_repository_vocabulary():
    vocabulary, problems = load_vocabulary(REPO / "events")
    assert problems == []
    assert form_path(REPO / "events") == REPO / FORM_FILE
    assert (REPO / FORM_FILE).read_text(encoding="utf-8") == form_yaml(vocabulary), (
        ".github/ISSUE_TEMPLATE/suggest-an-event.yml is out of date: run "
        "`policy-timeline issue-form` and commit it")


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
