"""Reading an events folder's files: which files it holds, and each one's text.

Nothing here decides whether a value is right: it finds the files, reads them
(regular files only, the size limit while reading, UTF-8, line breaks YAML and
git would count apart) and splits an event file's front matter from its body,
or returns the :class:`ReadProblem`s of input that cannot even be read.
``policy_timeline.source.yaml_nodes`` reads the YAML and
``policy_timeline.source.body_checks`` the body; ``policy_timeline.source.validate``
judges them.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from policy_timeline.source import chars

MAX_EVENT_BYTES = 100 * 1024
# The bibliography grows with the timeline; this only stops a runaway file.
MAX_DATA_BYTES = 10 * 1024 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a named pipe must not block the open
_BOMS = (
    (b"\xef\xbb\xbf", "a UTF-8 byte-order mark (BOM)"),
    (b"\xff\xfe", "a UTF-16 byte-order mark (the file is UTF-16)"),
    (b"\xfe\xff", "a UTF-16 byte-order mark (the file is UTF-16)"),
)


@dataclass(frozen=True)
class ReadProblem:
    """A problem found while reading, before any field is looked at."""

    line: int
    field: str
    message: str


@dataclass
class EventText:
    """An event file split at its front matter. Lines count from 1 at the file's first line."""

    text: str
    front_matter: str
    front_matter_line: int  # the file line of the front matter's first line
    closing_line: int  # the file line of the closing ---
    body: str  # stripped of blank lines around it
    raw_body: str = ""  # as written, from the line after the closing ---


def _size(count: int) -> str:
    return f"{count:,} bytes" + (f" ({count // 1024} KB)" if count % 1024 == 0 else "")


def not_a_file(mode: int) -> str | None:
    """Why an entry of ``lstat`` mode ``mode`` is not read, or None for a regular file."""
    return None if stat.S_ISREG(mode) else _not_read(mode)


def _not_read(mode: int) -> str:
    """Why an entry of ``lstat`` mode ``mode``, not a regular file, is not read."""
    what = (
        "a symbolic link"
        if stat.S_ISLNK(mode)
        else "a folder"
        if stat.S_ISDIR(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a named pipe"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    return (
        f"is {what}, not a regular file, and is not followed; put the file or folder "
        "itself in the events folder"
        if stat.S_ISLNK(mode)
        else f"is {what}, not a regular file, and is not read; expected a regular file"
    )


def read_text(path: Path, max_bytes: int) -> tuple[str | None, list[ReadProblem]]:
    """The file's text, or the problems that stop it being read (kind of file, size, bytes,
    encoding). Nothing of a file refused here is ever quoted.

    Symbolic links are not followed and anything but a regular file is not
    opened for reading; the size limit holds for the bytes actually read
    (at most ``max_bytes + 1``), whatever ``stat`` says.
    """
    try:
        problem = not_a_file(os.lstat(path).st_mode)
        if problem:
            return None, [ReadProblem(1, "file", problem)]
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            problem = not_a_file(os.fstat(fd).st_mode)  # replaced since lstat
            if problem:
                return None, [ReadProblem(1, "file", problem)]
            data = _read_at_most(fd, max_bytes + 1)
            # What the file holds, for a message about its size only.
            size = max(len(data), os.fstat(fd).st_size) if len(data) > max_bytes else len(data)
        finally:
            os.close(fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, [ReadProblem(1, "file", _not_read(stat.S_IFLNK))]
        return None, [
            ReadProblem(
                1, "file", f"cannot be read ({exc.strerror or exc}); expected a readable file"
            )
        ]
    if len(data) > max_bytes:
        return None, [
            ReadProblem(
                1,
                "file",
                f"the file is {_size(size)}; at most "
                f"{_size(max_bytes)} are allowed. Move long text to a source "
                "and link to it",
            )
        ]
    for bom, what in _BOMS:
        if data.startswith(bom):
            return None, [
                ReadProblem(
                    1, "file", f"starts with {what}; save it as UTF-8 without a byte-order mark"
                )
            ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [
            ReadProblem(
                line,
                "file",
                f"byte {exc.start} ({data[exc.start]:#04x}) is not UTF-8; save the file as UTF-8",
            )
        ]
    if "\r" in text and "\n" not in text:
        return None, [
            ReadProblem(
                1,
                "file",
                "its lines end in a carriage return (CR) only, "
                "as old Mac files did; save it with LF (or CRLF) line endings",
            )
        ]
    return text, []


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks, left = [], limit
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def line_break_problems(text: str, first_line: int = 1) -> list[ReadProblem]:
    """NEL, U+2028, U+2029 and a CR without LF in YAML text: one problem per line holding one.

    YAML starts a new line at each; git, grep and the line numbers of every
    message do not, so a key after one is read unseen and every later line
    number is off.
    """
    if not chars.has_line_break(text):
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        # The split took the LF of a CRLF: its CR ends the line.
        found = chars.LINE_BREAKS.search(line, 0, len(line) - line.endswith("\r"))
        if found:
            problems.append(
                ReadProblem(
                    number,
                    "file",
                    f"{chars.name(found.group()[0])} at "
                    f"column {found.start() + 1} is {chars.kind(found.group()[0])}; "
                    "remove it (or write it as an escape in a quoted value)",
                )
            )
    return problems


def split_front_matter(text: str) -> tuple[EventText | None, list[ReadProblem]]:
    """Split ``---`` front matter from the Markdown body."""
    if not text or text.isspace():
        return None, [
            ReadProblem(1, "file", "the file is empty; expected front matter between two --- lines")
        ]
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None, [
            ReadProblem(
                1,
                "front matter",
                "missing: the file must start with a line ---, then the fields, then a closing ---",
            )
        ]
    for number in range(1, len(lines)):
        if lines[number].rstrip() == "---":
            raw_body = "\n".join(lines[number + 1 :])
            return EventText(
                text=text,
                front_matter="\n".join(lines[1:number]),
                front_matter_line=2,
                closing_line=number + 1,
                body=raw_body.strip(),
                raw_body=raw_body,
            ), []
    return None, [
        ReadProblem(1, "front matter", "not closed: expected a line --- after the fields")
    ]


# --- finding the files of an events folder ----------------------------------------

VOCABULARY_FILE = "vocabulary.yml"
BIBLIOGRAPHY_FILE = "bibliography.yml"
DATA_FILES = (VOCABULARY_FILE, BIBLIOGRAPHY_FILE)
# Files that are in the events folder but are not events: notes for contributors.
NOT_EVENTS = ("README.md",)


@dataclass(frozen=True)
class EventFiles:
    """What an events folder holds, as paths relative to it, each list sorted."""

    events: list[str]  # *.md event files, in any subfolder
    misnamed: list[str]  # files that look like events or data under another name
    refused: list[str]  # links, devices, pipes: never read nor followed


def find_event_files(events_dir: Path) -> EventFiles:
    """The event files of ``events_dir``.

    Event files are the ``*.md`` files in any subfolder, except README.md and
    anything whose name starts with ``_`` or ``.`` (notes, drafts, editor
    files). Files that look like events or data under another name are
    listed apart so they are reported rather than silently skipped.
    Symbolic links, devices, pipes and anything else that is not a regular
    file or folder are never read or followed.
    """
    events: list[str] = []
    misnamed: list[str] = []
    refused: list[str] = []
    for folder, dirs, files in os.walk(events_dir):
        rel_folder = os.path.relpath(folder, events_dir)
        kept: list[str] = []
        for name in sorted(d for d in dirs if not d.startswith(("_", "."))):
            rel = name if rel_folder == "." else os.path.join(rel_folder, name)
            # os.walk lists a link to a folder among the folders, and does not follow it.
            (refused if os.path.islink(os.path.join(folder, name)) else kept).append(rel)
        dirs[:] = [os.path.basename(rel) for rel in kept]
        for name in sorted(files):
            if name.startswith(("_", ".")) or name in NOT_EVENTS:
                continue
            rel = name if rel_folder == "." else os.path.join(rel_folder, name)
            if rel not in DATA_FILES and not_regular(os.path.join(folder, name)):
                refused.append(rel)
                continue
            lower = name.lower()
            if name.endswith(".md"):
                events.append(rel)
            elif lower.endswith((".md", ".markdown", ".mdown", ".mkd")) or (
                lower.endswith((".yml", ".yaml")) and rel not in DATA_FILES
            ):
                misnamed.append(rel)
    return EventFiles(sorted(events), sorted(misnamed), sorted(refused))


def not_regular(path: str) -> str | None:
    """What the file at ``path`` is when it is not a regular file ("a symbolic link"...)."""
    try:
        return not_a_file(os.lstat(path).st_mode)
    except OSError:
        return None  # gone since listed: reading it will say so
