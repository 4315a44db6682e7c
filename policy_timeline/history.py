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


def _date(timestamp: str) -> _dt.date:
    return _dt.datetime.fromtimestamp(int(timestamp), _dt.UTC).date()


def parse_log(output: str) -> dict[str, FileDates]:
    """``git log --format=%x01%ct --name-only -z`` (newest commit first) as dates per file."""
    changed: dict[str, _dt.date] = {}
    added: dict[str, _dt.date] = {}
    for chunk in output.split("\x01"):
        if not chunk:
            continue
        timestamp, _, names = chunk.partition("\0")
        if not timestamp.strip().isdigit():
            continue
        when = _date(timestamp.strip())
        for name in names.split("\0"):
            name = name.strip("\n")
            if not name:
                continue
            changed.setdefault(name, when)  # the newest commit comes first
            added[name] = when  # ... and the oldest last
    return {name: FileDates(added[name], changed[name]) for name in changed}


def read_history(folder: Path) -> History:
    """The dates of every file git knows under ``folder``; none, with the reason, when
    there is no usable history."""
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
            "--format=%x01%ct",
            "--name-only",
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
    return History(files=parse_log(log), prefix=prefix)
