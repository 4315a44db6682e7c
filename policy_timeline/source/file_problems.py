"""Problems of a whole file, whatever it holds: template markers anywhere in it, and a
check that failed on it, which is reported as a problem of that file and never as a
traceback. Both the data files and the event files are checked through these."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from policy_timeline.source.check_scalars import TEMPLATE_MARKERS
from policy_timeline.source.errors import Problem

_Root = TypeVar("_Root")
_Result = TypeVar("_Result")


def display_path(events_dir: Path, rel: str) -> str:
    return os.path.join(str(events_dir), rel)


def template_problems(path: str, text: str, field_of_line: Callable[[int], str]) -> list[Problem]:
    """``{{``, ``{%`` or ``{#`` anywhere: the first on each line."""
    # Every marker starts with "{": a file without one is not searched three times.
    if "{" not in text or not any(marker in text for marker in TEMPLATE_MARKERS):
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        found = [(line.find(m), m) for m in TEMPLATE_MARKERS if m in line]
        if not found:
            continue
        column, marker = min(found)
        problems.append(
            Problem(
                path,
                number,
                field_of_line(number),
                f'"{marker}" at column {column + 1} looks like a template tag, and '
                "event text is never a template; remove it, or put a space "
                f'between the two characters ("{marker[0]} {marker[1]}")',
            )
        )
    return problems


def guarded(
    display: str, work: Callable[..., tuple[_Root, _Result, list[Problem]]], *args: Any
) -> tuple[_Root | None, _Result | None, list[Problem]]:
    """Run one file's checks; an unforeseen input becomes a problem, never a traceback."""
    try:
        return work(*args)
    except Exception as exc:
        return (
            None,
            None,
            [
                Problem(
                    display,
                    1,
                    "file",
                    f"the validator failed on this file "
                    f"({type(exc).__name__}: {exc}); this is a bug in the "
                    "validator: please report it with the file",
                )
            ],
        )
