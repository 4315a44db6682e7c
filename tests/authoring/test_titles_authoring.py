"""Titles in other languages where contributors write them: ``new --title-in TAG=TITLE``
and the issue form's "Title in another language" with its language tag (``from-issue``)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, run_cli

from policy_timeline.authoring.issue_form import FIELDS
from policy_timeline.source.validate import validate_project

BAD_EVENTS = FIXTURES / "bad" / "events"


@pytest.fixture
def events(tmp_path) -> Path:
    folder = tmp_path / "events"
    folder.mkdir()
    for name in ("vocabulary.yml", "bibliography.yml"):
        shutil.copy(BAD_EVENTS / name, folder / name)
    return folder


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n", 1)[0][4:])


def test_new_writes_each_title_in_another_language_by_its_canonical_tag(events):
    proc = run_cli("new", "A plan", "--date", "2017-07", "--lane", "central", "--kind", "plan",
                   "--source", "naughton-2020", "--summary", "A plan.", "--events-dir", str(events),
                   "--title-in", "zh-hant=人工智慧計劃", "--title-in", "ar= خطة ")
    assert proc.returncode == 0, proc.stderr
    path = events / "2017-07-a-plan.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1:3] == ['title: "A plan"', 'titles: {"zh-Hant": "人工智慧計劃", "ar": "خطة"}']
    project, problems = validate_project(events)
    assert problems == [] and project.warnings == []
    assert [(t.lang, t.text, t.dir) for t in project.events[0].other_titles] == [
        ("zh-Hant", "人工智慧計劃", "ltr"), ("ar", "خطة", "rtl")]


def test_new_without_titles_suggests_the_field_in_a_comment(events):
    proc = run_cli("new", "A plan", "--date", "2017-07", "--lane", "central", "--kind", "plan",
                   "--events-dir", str(events))
    assert proc.returncode == 0, proc.stderr
    text = (events / "2017-07-a-plan.md").read_text(encoding="utf-8")
    assert ('# titles: {es: "the title in another language"}   (one a language tag: es, '
            "zh-Hant...)") in text.splitlines()


@pytest.mark.parametrize("given, said", [
    ("zh", 'new: --title-in "zh": expected a language tag, =, then the title, e.g. '
           "--title-in es=Ley de Inteligencia Artificial"),
    ("es=  ", 'new: --title-in "es=  ": expected a language tag, =, then the title, e.g. '
              "--title-in es=Ley de Inteligencia Artificial"),
    ("Spanish=Plan", 'new: --title-in: "Spanish" is not a language tag; expected a BCP 47 tag: '
                     "the language, then optionally its script, region and variant, e.g. zh, "
                     "zh-Hant, pt-BR, es-419"),
    ("es=Plan\nde dos líneas", "new: --title-in es: the title has a line break, a control "
                               "character or an invisible or bidi character; expected one line "
                               "of visible text"),
])
def test_new_refuses_a_title_it_cannot_write_and_writes_nothing(events, given, said):
    proc = run_cli("new", "A plan", "--date", "2017-07", "--lane", "central", "--kind", "plan",
                   "--events-dir", str(events), "--title-in", given)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [said, "new: nothing was written"]
    assert sorted(p.name for p in events.iterdir()) == ["bibliography.yml", "vocabulary.yml"]


def test_new_refuses_one_language_twice(events):
    proc = run_cli("new", "A plan", "--date", "2017-07", "--lane", "central", "--kind", "plan",
                   "--events-dir", str(events), "--title-in", "es=Plan", "--title-in", "ES=Otro")
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == (
        "new: --title-in: es is given twice; expected one title a language")


def _issue(events: Path, answers: dict[str, str]) -> tuple[int, str, str]:
    base = {"title": "A plan", "date": "2017-07", "lane": "Central government", "kind": "Plan",
            "summary": "A plan.", "source_ref": "naughton-2020", **answers}
    body = "\n\n".join(f"### {f.label}\n\n{base.get(f.id) or '_No response_'}"
                       for f in FIELDS) + "\n"
    (events.parent / "body.md").write_text(body, encoding="utf-8")
    proc = run_cli("from-issue", "body.md", "--events-dir", "events", "--report", "report",
                   cwd=events.parent)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


def test_the_issue_forms_title_in_another_language_becomes_the_map(events):
    code, out, err = _issue(events, {"title_other": "Un plan", "title_language": "FR"})
    assert code == 0, err
    assert _front(events / "2017-07-a-plan.md")["titles"] == {"fr": "Un plan"}
    assert out.splitlines()[-1] == "valid: the validator finds no problem"


def test_a_title_without_its_language_is_refused_with_both_questions_named(events):
    code, _, err = _issue(events, {"title_other": "Un plan"})
    assert code == 1
    assert ('the answer to "Title in another language" needs one to "Language of that title"; '
            "expected both (a title and its language tag, e.g. es) or neither") in err
    assert not list(events.glob("*.md"))


def test_a_hostile_language_answer_is_data_and_the_validator_says_what_is_wrong(events):
    tag = 'zh: x}\n"]: {evil: 1} # $(touch pwned)'
    code, out, _ = _issue(events, {"title_other": "Un plan", "title_language": tag})
    path = events / "2017-07-a-plan.md"
    # Written as one quoted key whatever it holds; the validator refuses it as a tag.
    front = _front(path)
    assert list(front["titles"].values()) == ["Un plan"]
    [written] = front["titles"]
    assert written.startswith("zh: x}") and "evil" in written
    assert not list(events.parent.rglob("pwned*"))
    _, problems = validate_project(events)
    assert [(p.line, p.field.split(".")[0], "is not a language tag" in p.message)
            for p in problems] == [(3, "titles", True)]
    # Written, told to the contributor in the pull request: "not valid", with the message.
    assert code == 0 and "is not a language tag" in out and out.endswith("not valid: 1 problem(s)\n")
