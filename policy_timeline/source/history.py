"""When each event file was added and last changed, from git: one ``git log`` per build.

Event pages say when their file last changed (and cite that date), and the
feed lists events newest additions first. Both come from the history of the
events folder, read in a single ``git log`` (linear in the history, not a
command per file). A build without that history (no git, not a repository, a
shallow clone, a file not committed yet) gets no dates rather than wrong
ones, and says why once; pages then fall back to the build's date, which
``SOURCE_DATE_EPOCH`` fixes, so the output stays deterministic.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

GIT_TIMEOUT = 120  # seconds; a history this slow to read is not worth waiting for


@dataclass(frozen=True)
class FileDates:
    added: _dt.date  # the first commit that has the file (a move starts a new history)
    changed: _dt.date  # the last commit that changed it


@dataclass(frozen=True)
class History:
    """The dates of the files of one folder, by path relative to it (``2017/x.md``)."""

    files: dict[str, FileDates] = field(default_factory=dict)
    # The folder's path in its repository ("events/"), for edit and history links.
    prefix: str | None = None
    # Why there are no dates, when there are none.
    missing: str | None = None
    # What was ignored in the history: commits dated outside the vocabulary's years.
    warnings: tuple[str, ...] = ()

    def of(self, rel: str) -> FileDates | None:
        return self.files.get(Path(rel).as_posix())


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        timeout=GIT_TIMEOUT,
        check=True,
        env={**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"},
    )
    return done.stdout.decode("utf-8", "surrogateescape")


# A commit record of ``git log --format=%H %ct --raw -z``: the commit and its
# committer time (git writes a signed number of seconds).
_HEADER = re.compile(r"\n?([0-9a-f]{40}|[0-9a-f]{64}) (-?[0-9]{1,20})")


def _date(timestamp: int, years: tuple[int, int]) -> _dt.date | None:
    """The UTC date of ``timestamp``, or None outside ``years`` (first, last)."""
    first, last = years
    lowest = _dt.datetime(first, 1, 1, tzinfo=_dt.UTC).timestamp()
    highest = _dt.datetime(last, 12, 31, 23, 59, 59, tzinfo=_dt.UTC).timestamp()
    if not lowest <= timestamp <= highest:
        return None
    return _dt.datetime.fromtimestamp(timestamp, _dt.UTC).date()


def parse_log(
    output: str, years: tuple[int, int] = (1900, 2100)
) -> tuple[dict[str, FileDates], list[str]]:
    """``git log --format='%H %ct' --raw -z --no-renames`` (newest commit first) as dates
    per file, and a warning for each commit whose date is outside ``years``.

    Every field is NUL-separated and read by its position: a commit record, then
    for each file it touched a status field (``:mode mode blob blob status``) and
    the file's path. A path is only ever read where a path stands, so no file
    name, whatever bytes it holds, reads as a commit or a date."""
    changed: dict[str, _dt.date] = {}
    added: dict[str, _dt.date] = {}
    warnings: list[str] = []
    when: _dt.date | None = None
    fields = output.split("\0")
    i = 0
    while i < len(fields):
        field_ = fields[i]
        i += 1
        if field_.startswith((":", "\n:")):
            name = fields[i] if i < len(fields) else ""
            i += 1
            if when is not None and name:
                changed.setdefault(name, when)  # the newest commit comes first
                added[name] = when  # ... and the oldest last
            continue
        header = _HEADER.fullmatch(field_)
        if header is None:
            when = None  # not a record git writes: nothing of it is trusted
            continue
        when = _date(int(header.group(2)), years)
        if when is None:
            warnings.append(
                f"commit {header.group(1)[:12]} is dated outside the years "
                f"{years[0]}-{years[1]} (git time {header.group(2)}): its date is ignored"
            )
    return {name: FileDates(added[name], changed[name]) for name in changed}, warnings


def read_history(folder: Path, years: tuple[int, int] = (1900, 2100)) -> History:
    """The dates of every file git knows under ``folder``; none, with the reason, when
    there is no usable history. A commit dated outside ``years`` (the vocabulary's)
    dates nothing, and says so."""
    folder = Path(folder)
    try:
        prefix = _git(folder, "rev-parse", "--show-prefix").strip()
        if _git(folder, "rev-parse", "--is-shallow-repository").strip() == "true":
            return History(
                prefix=prefix,
                missing="the repository is a shallow clone (fetch-depth: 0 gives the "
                "whole history)",
            )
        log = _git(
            folder,
            "log",
            "--format=%H %ct",
            "--raw",
            "--no-abbrev",
            "-z",
            "--no-renames",
            "--relative",
            "--",
            ".",
        )
    except FileNotFoundError:
        return History(missing="git is not installed")
    except subprocess.CalledProcessError as failed:
        said = failed.stderr.decode("utf-8", "replace").strip().splitlines()
        return History(missing=f"git: {said[0] if said else 'failed'}")
    except subprocess.TimeoutExpired:
        return History(missing=f"git log took more than {GIT_TIMEOUT} s")
    files, warnings = parse_log(log, years)
    return History(files=files, prefix=prefix, warnings=tuple(warnings))
