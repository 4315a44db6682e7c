"""What ``from-issue`` tells, from a :class:`Suggestion`: the pull request's title and body,
the commit message, the comment on the issue (written as files for the workflow's
steps) and the lines for ``$GITHUB_OUTPUT``. Contributor text is shown in code blocks
only, where GitHub renders no Markdown, links or mentions.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from policy_timeline.authoring.suggest import Suggestion
from policy_timeline.source.check_messages import clip
from policy_timeline.source.errors import printable

MAX_MESSAGES = 50  # in a comment; the pull request's checks list every one
# A value handed to a shell step through $GITHUB_OUTPUT: one line, no quote, no $ or `.
_OUTPUT_VALUE = re.compile(r"/?[A-Za-z0-9][A-Za-z0-9._/-]*")


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
