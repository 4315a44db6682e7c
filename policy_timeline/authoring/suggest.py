"""``policy-timeline from-issue``: an issue made with the "Suggest an event" form, as an event file.

GitHub writes an issue form's answers into the issue's body as Markdown: each
answer under a heading that is its question's label (``### Date``), an empty
answer as ``_No response_``, a dropdown's choices by their labels, several
joined by commas. ``issue`` reads the issue, ``issue_answers`` its answers as
data (the form's headings, ``policy_timeline.authoring.issue_form.FIELDS``, and
the dropdowns' labels mapped back to the vocabulary's ids), and :func:`convert`
hands them to ``new.create_event``, the code ``policy-timeline new`` writes its
files with. Every answer becomes a YAML string that reads back as exactly its
text; nothing in it is run, expanded or read as a template. Then the validator
checks the new file in its events folder, and :class:`Suggestion` holds what
``suggestion_texts`` tells: the pull request's title and body, the commit
message, the comment on the issue and the lines for ``$GITHUB_OUTPUT``.

The text comes from anyone who can open an issue: the body is read up to a
fixed size and refused beyond it, and no input makes it fail with a traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from policy_timeline.authoring.issue import MAX_BODY_CHARS, Issue, issue_link_problems, too_long
from policy_timeline.authoring.issue_answers import (
    answer_problems,
    choice,
    event_values,
    parse_answers,
)
from policy_timeline.authoring.issue_form import TITLE_PREFIX, dropdown_options, form_fields
from policy_timeline.authoring.new import create_event
from policy_timeline.source.data_files import load_vocabulary
from policy_timeline.source.errors import printable
from policy_timeline.source.validate import check_events_folder


@dataclass
class Suggestion:
    """What ``from-issue`` did: the file it wrote and what the validator says of it, or why
    it wrote nothing."""

    issue: Issue | None
    path: Path | None = None
    event_id: str | None = None
    messages: list[str] = field(default_factory=list)  # the validator's, of the new file
    problems: list[str] = field(default_factory=list)  # why nothing was written

    @property
    def written(self) -> bool:
        return self.path is not None

    @property
    def valid(self) -> bool:
        return self.written and not self.messages

    @property
    def number(self) -> int | None:
        return self.issue.number if self.issue is not None else None

    @property
    def branch(self) -> str:
        return f"suggest/issue-{self.number}" if self.number else f"suggest/{self.event_id}"


def _new_file_messages(events_dir: Path, path: Path) -> list[str]:
    """The validator's messages about the new file, in the context of its events folder:
    those at its lines, and those elsewhere that name it (a name it shares with another)."""
    display = os.path.join(str(events_dir), path.relative_to(events_dir).as_posix())
    result = check_events_folder(events_dir)
    return [
        str(problem)
        for problem in result.problems
        if problem.path == display or display in problem.message
    ]


def convert(events_dir: Path, issue: Issue) -> Suggestion:
    """Write the event the issue suggests into ``events_dir``, then validate it."""
    events_dir = Path(events_dir)
    suggestion = Suggestion(issue)
    problems = issue_link_problems(issue)
    if len(issue.body) > MAX_BODY_CHARS:
        problems.append(too_long("the issue's body"))
    if problems:
        suggestion.problems = problems
        return suggestion
    vocabulary, vocab_problems = load_vocabulary(events_dir)
    if vocabulary is None or vocab_problems:
        suggestion.problems = [str(p) for p in vocab_problems] or [
            f"{events_dir} has no vocabulary; expected the events folder"
        ]
        return suggestion
    fields = form_fields(vocabulary)
    answers, problems = parse_answers(issue.body, fields)
    if "title" not in answers and issue.title and issue.title.startswith(TITLE_PREFIX):
        # The form's title question left empty: the issue's title, less the form's start.
        title = issue.title[len(TITLE_PREFIX) :].strip()
        if title:
            answers["title"] = title
    if not problems:
        problems = answer_problems(answers, fields)
    if problems:
        suggestion.problems = problems
        return suggestion
    made = create_event(
        events_dir,
        answers["title"],
        date=answers["date"],
        lane=choice(answers["lane"], dropdown_options(vocabulary, "lanes")),
        kind=choice(answers["kind"], dropdown_options(vocabulary, "kinds")),
        source=answers.get("source_ref"),
        values=event_values(answers, vocabulary),
        strict=False,
    )
    if made.path is None:
        suggestion.problems = [printable(p) for p in made.problems]
        return suggestion
    suggestion.path = made.path
    suggestion.event_id = made.path.stem
    suggestion.messages = _new_file_messages(events_dir, made.path)
    return suggestion
