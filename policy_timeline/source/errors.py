"""How problems are told: ``path:LINE: field: message``, a count, GitHub annotations."""

from __future__ import annotations

from dataclasses import dataclass

from policy_timeline.source.chars import UNPRINTABLE, escaped


def printable(text: str) -> str:
    """Contributor text quoted in a message, unable to break the one-problem-per-line
    format, send escape sequences to a terminal or reorder the line (bidi controls):
    every control, format and line-separator character is written as an escape."""
    return UNPRINTABLE.sub(lambda m: escaped(m.group()), text)


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # the events folder as given, joined with the file's relative path
    line: int  # counted from 1 at the file's first line
    field: str  # e.g. "title", "sources[1].url", "file"
    message: str  # what is wrong, then what was expected

    def __str__(self) -> str:
        return printable(f"{self.path}:{self.line}: {self.field}: {self.message}")


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping for the message part.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """``::error file=...,line=...,title=...::message``: shown on the pull request's diff."""
    return (
        f"::error file={_escape_property(printable(problem.path))},line={problem.line},"
        f"title={_escape_property(printable(problem.field))}::"
        f"{_escape_data(printable(problem.message))}"
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def count_line(problems: list[Problem], events: int, files_checked: int) -> str:
    """The one line after the problems: how many, in how many files, out of how many."""
    if not problems:
        return (
            f"{_plural(events, 'event')} checked, no errors "
            f"({_plural(files_checked, 'file')} checked)"
        )
    files = len({p.path for p in problems})
    return (
        f"{_plural(len(problems), 'error')} in {_plural(files, 'file')} "
        f"({_plural(files_checked, 'file')} checked)"
    )
