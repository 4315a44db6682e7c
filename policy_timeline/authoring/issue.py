"""The issue ``from-issue`` reads: from a GitHub ``issues`` event payload, or from its body
saved in a file with its address and number as given.

The text comes from anyone who can open an issue: the body is read up to a
fixed size and refused beyond it, and no input makes it fail with a traceback.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from policy_timeline.source.check_messages import clip
from policy_timeline.source.errors import printable

# GitHub keeps at most 65,536 characters of an issue's body.
MAX_BODY_CHARS = 65_536
MAX_BODY_BYTES = 4 * MAX_BODY_CHARS  # UTF-8 takes at most 4 bytes a character
# A webhook payload: the issue (its body escaped in JSON, up to 6 bytes a character), its
# labels and user, and the repository; far below this.
MAX_EVENT_BYTES = 2 * 1024 * 1024
_ISSUE_URL = re.compile(
    r"https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+/issues/([0-9]{1,9})"
)


@dataclass(frozen=True)
class Issue:
    body: str
    number: int | None = None
    url: str | None = None
    title: str | None = None  # the issue's own title, used when the form's title is empty


def _read_at_most(path: Path, limit: int) -> tuple[bytes | None, str | None]:
    """(at most ``limit + 1`` bytes of the file, or None and why it cannot be read)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(limit + 1), None
    except OSError as exc:
        return None, f"{path} cannot be read ({exc.strerror or exc})"


def too_long(what: str) -> str:
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
        return None, too_long(f"{path}")
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
        return None, [too_long(f"the GitHub event {path}")]
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
        return None, [too_long("the issue's body")]
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


def issue_link_problems(issue: Issue) -> list[str]:
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
