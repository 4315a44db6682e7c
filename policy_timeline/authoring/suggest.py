"""``policy-timeline from-issue``: an issue made with the "Suggest an event" form, as an event file.

GitHub writes an issue form's answers into the issue's body as Markdown: each
answer under a heading that is its question's label (``### Date``), an empty
answer as ``_No response_``, a dropdown's choices by their labels, several
joined by commas. This module reads that text as data: it finds the form's
headings (``policy_timeline.authoring.issue_form.FIELDS``), maps the dropdowns' labels
back to the vocabulary's ids, and hands the answers to ``new.create_event``,
the code ``policy-timeline new`` writes its files with. Every answer becomes
a YAML string that reads back as exactly its text; nothing in it is run,
expanded or read as a template. Then the validator checks the new file in its
events folder, and :class:`Suggestion` says what to tell: the pull request's
title and body, the commit message, the comment on the issue and the lines
for ``$GITHUB_OUTPUT``.

The text comes from anyone who can open an issue: the body is read up to a
fixed size and refused beyond it, and no input makes it fail with a traceback.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policy_timeline.authoring.issue_form import (
    TITLE_PREFIX,
    FormField,
    dropdown_options,
    form_fields,
)
from policy_timeline.authoring.new import EventValues, create_event
from policy_timeline.source.check_messages import clip
from policy_timeline.source.data_files import load_vocabulary
from policy_timeline.source.dates import DateError, PartialDate
from policy_timeline.source.errors import printable
from policy_timeline.source.model import Vocabulary
from policy_timeline.source.validate import check_events_folder

# GitHub keeps at most 65,536 characters of an issue's body.
MAX_BODY_CHARS = 65_536
MAX_BODY_BYTES = 4 * MAX_BODY_CHARS  # UTF-8 takes at most 4 bytes a character
# A webhook payload: the issue (its body escaped in JSON, up to 6 bytes a character), its
# labels and user, and the repository; far below this.
MAX_EVENT_BYTES = 2 * 1024 * 1024
NO_RESPONSE = "_No response_"
MAX_MESSAGES = 50  # in a comment; the pull request's checks list every one
_ISSUE_URL = re.compile(
    r"https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+/issues/([0-9]{1,9})"
)
# A value handed to a shell step through $GITHUB_OUTPUT: one line, no quote, no $ or `.
_OUTPUT_VALUE = re.compile(r"/?[A-Za-z0-9][A-Za-z0-9._/-]*")
_HEADING = "### "


@dataclass(frozen=True)
class Issue:
    body: str
    number: int | None = None
    url: str | None = None
    title: str | None = None  # the issue's own title, used when the form's title is empty


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


# --- reading the issue ------------------------------------------------------------


def _read_at_most(path: Path, limit: int) -> tuple[bytes | None, str | None]:
    """(at most ``limit + 1`` bytes of the file, or None and why it cannot be read)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(limit + 1), None
    except OSError as exc:
        return None, f"{path} cannot be read ({exc.strerror or exc})"


def _too_long(what: str) -> str:
    return (
        f"{what} is longer than an issue can be ({MAX_BODY_CHARS:,} characters); "
        "nothing of it was read. Shorten the answers (long text belongs in the source)"
    )


def _decoded(data: bytes, what: str) -> tuple[str | None, str | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, f"{what} is not UTF-8 text (byte {exc.start}); expected the issue's text"


def read_body_file(path: Path) -> tuple[str | None, str | None]:
    """(the issue body saved in a file, or None and why not): read up to the cap, no further."""
    data, problem = _read_at_most(path, MAX_BODY_BYTES)
    if data is None:
        return None, problem
    if len(data) > MAX_BODY_BYTES:
        return None, _too_long(f"{path}")
    return _decoded(data, str(path))


def _unicode_problem(text: str, what: str) -> str | None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return f"{what} holds a lone surrogate, which is not Unicode text; expected text"
    return None


def read_github_event(path: Path) -> tuple[Issue | None, list[str]]:
    """The issue of a GitHub ``issues`` event payload (``$GITHUB_EVENT_PATH``)."""
    data, problem = _read_at_most(path, MAX_EVENT_BYTES)
    if data is None:
        return None, [problem or f"{path} cannot be read"]
    if len(data) > MAX_EVENT_BYTES:
        return None, [_too_long(f"the GitHub event {path}")]
    text, problem = _decoded(data, f"the GitHub event {path}")
    if text is None:
        return None, [problem or "not UTF-8"]
    try:
        payload = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return None, [f"the GitHub event {path} is not JSON ({type(exc).__name__}: {exc})"]
    issue = payload.get("issue") if isinstance(payload, dict) else None
    if not isinstance(issue, dict):
        return None, [f"the GitHub event {path} has no issue; expected an issues event"]
    problems = []
    body = issue.get("body")
    if body is None:
        body = ""  # an issue with an empty body: reported below as not made with the form
    if not isinstance(body, str):
        problems.append("the issue's body is not text")
        body = ""
    number = issue.get("number")
    if isinstance(number, bool) or not isinstance(number, int) or not 0 < number < 10**9:
        problems.append(f"the issue's number, {clip(printable(repr(number)))}, is not a number")
        number = None
    url = issue.get("html_url")
    if url is not None and not isinstance(url, str):
        problems.append("the issue's html_url is not text")
        url = None
    title = issue.get("title")
    title = title if isinstance(title, str) else None
    if len(body) > MAX_BODY_CHARS:
        return None, [_too_long("the issue's body")]
    for what, value in (("the issue's body", body), ("the issue's title", title or "")):
        problem = _unicode_problem(value, what)
        if problem:
            problems.append(problem)
    if problems:
        return None, problems
    return Issue(body, number, url, title), []


def read_issue(
    body_file: Path | None,
    github_event: Path | None,
    issue_url: str | None = None,
    issue_number: int | None = None,
) -> tuple[Issue | None, list[str]]:
    """The issue from a GitHub event payload, or from a body saved in a file with its
    address and number as given (the number, when not given, from the address)."""
    if github_event is not None:
        return read_github_event(github_event)
    if body_file is None:
        return None, ["no issue: expected a file with the issue's body, or a GitHub event"]
    body, problem = read_body_file(body_file)
    if body is None:
        return None, [problem or f"{body_file} cannot be read"]
    if issue_number is None and issue_url is not None:
        match = _ISSUE_URL.fullmatch(issue_url)
        issue_number = int(match.group(1)) if match else None
    if issue_number is not None and not 0 < issue_number < 10**9:
        return None, [f"the issue number {issue_number} is not an issue's number"]
    return Issue(body, issue_number, issue_url), []


def _check_issue_link(issue: Issue) -> list[str]:
    """The issue's address, when given, is an issue's address, with the issue's number."""
    if issue.url is None:
        return []
    match = _ISSUE_URL.fullmatch(issue.url)
    if match is None:
        return [
            f'the issue address "{clip(printable(issue.url))}" is not the address of an '
            "issue; expected https://HOST/OWNER/REPOSITORY/issues/NUMBER"
        ]
    if issue.number is not None and int(match.group(1)) != issue.number:
        return [f"the issue address {issue.url} is not the address of issue #{issue.number}"]
    return []


# --- the form's answers ------------------------------------------------------------


def parse_answers(body: str, fields: tuple[FormField, ...]) -> tuple[dict[str, str], list[str]]:
    """({field id: answer} for each answer given, problems). An answer is the text between
    its heading and the next heading of the form; ``_No response_`` and blank are no answer."""
    labels = {f.label: f for f in fields}
    lines = body.replace("\r\n", "\n").split("\n")
    found: list[tuple[int, FormField]] = []
    for number, line in enumerate(lines):
        if line.startswith(_HEADING) and line[len(_HEADING) :].strip() in labels:
            found.append((number, labels[line[len(_HEADING) :].strip()]))
    if not found:
        return {}, [
            "the issue has none of the questions of the Suggest an event form ("
            + ", ".join(f'"### {f.label}"' for f in fields[:3])
            + "...); expected an issue made with that form"
        ]
    problems = []
    seen: dict[str, int] = {}
    for _, form_field in found:
        seen[form_field.id] = seen.get(form_field.id, 0) + 1
    for form_field in fields:
        if seen.get(form_field.id, 0) > 1:
            problems.append(
                f'the line "### {form_field.label}" is there {seen[form_field.id]} times; '
                "the form writes it once, before its answer, so the answers cannot be told "
                "apart. Expected no answer with a line of its own that is a question of the form"
            )
    if problems:
        return {}, problems
    answers = {}
    for index, (start, form_field) in enumerate(found):
        end = found[index + 1][0] if index + 1 < len(found) else len(lines)
        text = "\n".join(lines[start + 1 : end])
        if form_field.id == "details":
            # Markdown: a first line's indent is part of it; blank lines around are not.
            text = text.strip("\n").rstrip()
        else:
            text = text.strip()
        if text and text != NO_RESPONSE:
            answers[form_field.id] = text
    return answers, []


class _Options:
    """A dropdown's options, looked up by label or id: exactly, else ignoring case; the first
    option that a text names wins. A dict lookup each, so that reading an answer costs its
    length, whatever the number of its pieces."""

    def __init__(self, options: list[tuple[str, str]]) -> None:
        self.exact: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        for term_id, label in options:
            for name in (label, term_id):
                self.exact.setdefault(name, term_id)
        for term_id, label in options:
            for name in (label, term_id):
                self.folded.setdefault(name.casefold(), term_id)
        # The most comma-separated pieces one option's name spans: no longer run can name one.
        self.span = 1 + max((name.count(",") for name in self.exact), default=0)

    def match(self, value: str) -> str | None:
        found = self.exact.get(value)
        return found if found is not None else self.folded.get(value.casefold())


def _match(value: str, options: list[tuple[str, str]]) -> str | None:
    """The id of the option ``value`` names by its label or its id (exactly, else ignoring case)."""
    return _Options(options).match(value)


def choice(value: str, options: list[tuple[str, str]]) -> str:
    """A dropdown's answer as an id; an answer that names no option stays as written, and the
    validator says what is expected."""
    return _match(value.strip(), options) or value.strip()


def choices(value: str, options: list[tuple[str, str]]) -> tuple[str, ...]:
    """Several choices as ids. GitHub joins them with ", ", and a label may hold a comma:
    at each point, the longest run of comma-separated pieces that names an option.

    Linear in the answer: a run is tried only as long as the longest option's name has
    pieces (a fixed number, the vocabulary's, not the contributor's), each by a dict lookup,
    and the choices are kept in a dict (insertion order, no repeats)."""
    lookup = _Options(options)
    pieces = value.split(",")
    out: dict[str, None] = {}
    start = 0
    while start < len(pieces):
        for end in range(min(len(pieces), start + lookup.span), start, -1):
            term_id = lookup.match(",".join(pieces[start:end]).strip())
            if term_id is not None:
                break
        else:
            end = start + 1
            term_id = pieces[start].strip() or None
        if term_id is not None:
            out.setdefault(term_id, None)
        start = end
    return tuple(out)


def _listed(value: str) -> tuple[str, ...]:
    """Comma-separated names, each stripped, without empty ones or repeats."""
    return tuple(dict.fromkeys(name.strip() for name in value.split(",") if name.strip()))


def _label(fields: tuple[FormField, ...], field_id: str) -> str:
    return next((f.label for f in fields if f.id == field_id), field_id)


def _missing(fields: tuple[FormField, ...], field_id: str, expected: str) -> str:
    return f'the answer to "{_label(fields, field_id)}" is missing; expected {expected}'


def _answer_problems(answers: dict[str, str], fields: tuple[FormField, ...]) -> list[str]:
    """What leaves nothing to write: a required answer missing, no source, a date that is not
    one (the file's name starts with the date)."""
    problems = []
    for form_field in fields:
        if form_field.required and form_field.id not in answers:
            problems.append(_missing(fields, form_field.id, form_field.description.rstrip(".")))
    if "date" in answers:
        try:
            PartialDate.parse(answers["date"])
        except DateError as exc:
            problems.append(f'the answer to "{_label(fields, "date")}": {printable(str(exc))}')
    if "source_ref" not in answers:
        title, url = "source_title" in answers, "source_url" in answers
        if not title and not url:
            problems.append(
                f'no source: expected a "{_label(fields, "source_ref")}", or a '
                f'"{_label(fields, "source_title")}" and a "{_label(fields, "source_url")}"'
            )
        elif not url:
            problems.append(_missing(fields, "source_url", "where the source can be read"))
        elif not title:
            problems.append(_missing(fields, "source_title", "the source's title"))
    return problems


def _values(answers: dict[str, str], vocabulary: Vocabulary) -> EventValues:
    tags = (
        choices(answers["tags"], dropdown_options(vocabulary, "tags")) if "tags" in answers else ()
    )
    return EventValues(
        summary=answers.get("summary"),
        title_zh=answers.get("title_zh"),
        end=answers.get("end"),
        source_title=answers.get("source_title"),
        source_url=answers.get("source_url"),
        locator=answers.get("locator"),
        quote=answers.get("quote"),
        actors=_listed(answers["actors"]) if "actors" in answers else (),
        tags=tags,
        body=answers.get("details"),
    )


# --- converting ----------------------------------------------------------------------


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
    problems = _check_issue_link(issue)
    if len(issue.body) > MAX_BODY_CHARS:
        problems.append(_too_long("the issue's body"))
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
        problems = _answer_problems(answers, fields)
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
        values=_values(answers, vocabulary),
        strict=False,
    )
    if made.path is None:
        suggestion.problems = [printable(p) for p in made.problems]
        return suggestion
    suggestion.path = made.path
    suggestion.event_id = made.path.stem
    suggestion.messages = _new_file_messages(events_dir, made.path)
    return suggestion


# --- what to tell ----------------------------------------------------------------------


def _fenced(lines: list[str]) -> str:
    """Lines in a code block, which GitHub shows as written: no Markdown, links or mentions.
    The fence is longer than any run of its character in the lines."""
    shown = lines[:MAX_MESSAGES]
    if len(lines) > MAX_MESSAGES:
        shown.append(f"... and {len(lines) - MAX_MESSAGES} more")
    shown = [clip(printable(line), 1000) for line in shown]
    longest = max((len(run) for run in re.findall("~+", "\n".join(shown))), default=0)
    fence = "~" * max(3, longest + 1)
    return "\n".join([fence + "text", *shown, fence])


def _issue_ref(suggestion: Suggestion) -> str:
    return f"#{suggestion.number}" if suggestion.number else "the issue"


def pr_title(suggestion: Suggestion) -> str:
    suffix = f" (suggested in #{suggestion.number})" if suggestion.number else ""
    return f"Add event {suggestion.event_id}{suffix}"


def commit_message(suggestion: Suggestion) -> str:
    issue = suggestion.issue
    source = f"the issue {issue.url}" if issue is not None and issue.url else "the issue"
    return (
        f"{pr_title(suggestion)}\n\n"
        f"Written by `policy-timeline from-issue` from the answers of {source}.\n"
    )


def pr_body(suggestion: Suggestion) -> str:
    issue = suggestion.issue
    lines = [
        f"Adds `{suggestion.path}`, the event suggested in {_issue_ref(suggestion)}, "
        "written from the issue's answers by `policy-timeline from-issue`.",
        "",
    ]
    if suggestion.number:
        lines.append(f"Closes #{suggestion.number}")
    if issue is not None and issue.url:
        lines.append(f"Issue: {issue.url}")
    lines.append("")
    if suggestion.valid:
        lines.append("The validator finds no problem with the file.")
    else:
        lines += [
            f"The validator finds {len(suggestion.messages)} problem(s) with the file, so this "
            "pull request is a draft until they are fixed:",
            "",
            _fenced(suggestion.messages),
        ]
    lines += [
        "",
        "For the maintainer:",
        "",
        "- [ ] the event says what its source says (open the source; check the locator and "
        "the quote)",
        "- [ ] run the *Pull request* workflow on this branch (Actions, Pull request, Run "
        f"workflow, branch `{suggestion.branch}`): a pull request opened by a workflow starts "
        "no workflow itself",
    ]
    return "\n".join(lines) + "\n"


def comment(suggestion: Suggestion) -> str:
    """The comment on the issue: what was written and what is left, or why nothing was."""
    if not suggestion.written:
        return (
            "\n".join(
                [
                    "No event file could be written from this issue:",
                    "",
                    _fenced(suggestion.problems),
                    "",
                    "Edit the issue to answer these, then a maintainer removes the "
                    "`accepted` label and adds it again.",
                ]
            )
            + "\n"
        )
    lines = [f"The event file `{suggestion.path}` is written, in the pull request."]
    if suggestion.valid:
        lines += ["", "The validator finds no problem with it: a maintainer reviews it next."]
    else:
        lines += [
            "",
            f"The validator finds {len(suggestion.messages)} problem(s) with it, each with the "
            "file, the line and the field:",
            "",
            _fenced(suggestion.messages),
            "",
            "The pull request stays a draft until they are fixed there (or edit this issue, "
            "and a maintainer converts it again).",
        ]
    return "\n".join(lines) + "\n"


def output_lines(suggestion: Suggestion) -> tuple[list[str], list[str]]:
    """(``name=value`` lines for ``$GITHUB_OUTPUT``, problems). Every value is one line
    of letters, digits and ``._/-``, so that a step may use it as ``"$VAR"``."""
    values: dict[str, Any] = {}
    if suggestion.number:
        values["issue"] = suggestion.number
    if suggestion.written:
        values.update(
            path=Path(suggestion.path or "").as_posix(),
            valid="true" if suggestion.valid else "false",
            branch=suggestion.branch,
        )
    lines, problems = [], []
    for name, value in values.items():
        text = str(value)
        if _OUTPUT_VALUE.fullmatch(text) and ".." not in text:
            lines.append(f"{name}={text}")
        else:
            problems.append(
                f'{name} "{clip(printable(text))}" is not safe to hand to a workflow step; '
                "expected letters, digits and ._/- only"
            )
    return lines, problems


REPORT_FILES = ("pr-body.md", "comment.md", "commit-message.txt", "pr-title.txt")


def write_report(suggestion: Suggestion, folder: Path) -> list[Path]:
    """The texts for the workflow's steps, as files (``--body-file``, ``-F``)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    texts = {"comment.md": comment(suggestion)}
    if suggestion.written:
        texts.update(
            {
                "pr-body.md": pr_body(suggestion),
                "commit-message.txt": commit_message(suggestion),
                "pr-title.txt": pr_title(suggestion) + "\n",
            }
        )
    written = []
    for name in REPORT_FILES:
        path = folder / name
        if name in texts:
            path.write_text(texts[name], encoding="utf-8", newline="\n")
            written.append(path)
        elif path.is_file():
            path.unlink()  # a report of an earlier run must not be taken for this one's
    return written
