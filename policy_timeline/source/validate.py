"""The validator: every problem of every file of an events folder in one run.

``validate_project(events_dir) -> (Project or None, problems)`` is what the
site build, the exports and ``policy-timeline validate`` all call. It reads
the vocabulary and the bibliography (``data_files``), then each event file
(``event_file``: read by ``load``, checked by ``checker`` against the
declarations of ``formats``, the same ones the JSON Schema is made from), runs
the checks that span files, and builds the model (``model.event_from``...). Each problem is
``path:LINE: field: what is wrong, what was expected``. Nothing is written.

Cost is linear in the number of events: each file is read once, and the
checks that span files (unique ids, ``related`` targets) use dicts and sets.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policy_timeline.source import names
from policy_timeline.source.check_context import CheckContext
from policy_timeline.source.check_messages import did_you_mean
from policy_timeline.source.data_files import load_bibliography, load_vocabulary, new_context
from policy_timeline.source.errors import Problem
from policy_timeline.source.event_file import check_event_file
from policy_timeline.source.file_problems import display_path, guarded
from policy_timeline.source.load import (
    BIBLIOGRAPHY_FILE,
    DATA_FILES,
    VOCABULARY_FILE,
    find_event_files,
    not_regular,
)
from policy_timeline.source.model import Event, Project


def _misnamed_problem(events_dir: Path, rel: str) -> Problem:
    name = os.path.basename(rel)
    stem = name.rsplit(".", 1)[0]
    if name.lower().endswith((".yml", ".yaml")):
        hint = did_you_mean(name, [VOCABULARY_FILE, BIBLIOGRAPHY_FILE]).lstrip("; ")
        message = (
            f"is not read: only {VOCABULARY_FILE} and {BIBLIOGRAPHY_FILE} (at the top of "
            f"the events folder) are data files{'; ' + hint if hint else ''}"
        )
    else:
        message = f"is not read: event files end in .md; rename it to {stem}.md"
    return Problem(display_path(events_dir, rel), 1, "file", message)


def _cross_file_problems(
    stems: dict[str, list[str]], refs: list[tuple[str, str, int, str, str]]
) -> list[Problem]:
    """Ids unique across subfolders; ``related`` pointing at an existing other event."""
    problems = []
    for event_id, paths in stems.items():
        if len(paths) > 1:
            for path in paths:
                others = ", ".join(p for p in paths if p != path)
                problems.append(
                    Problem(
                        path,
                        1,
                        "id",
                        f'"{event_id}" is also the id of {others}; '
                        "expected ids unique across all subfolders: rename one",
                    )
                )
    by_year: dict[str, list[str]] = {}
    for event_id in stems:
        by_year.setdefault(event_id[:4], []).append(event_id)
    for path, own_id, line, field, ref in refs:
        if ref == own_id:
            problems.append(
                Problem(
                    path,
                    line,
                    field,
                    f'"{ref}" is this event itself; expected the id of another event',
                )
            )
        elif ref not in stems:
            # Ids start with their year: suggest from that year only, not from every event.
            suggestion = did_you_mean(ref, by_year.get(ref[:4], [])) or "."
            problems.append(
                Problem(
                    path,
                    line,
                    field,
                    f'no event has the id "{ref}"{suggestion} '
                    "Expected the file name of an event, without .md",
                )
            )
    return problems


@dataclass
class ValidationResult:
    project: Project | None
    problems: list[Problem]
    event_files: int
    files_checked: int


_Ref = tuple[str, str, int, str, str]  # (path, own id, line, field, id) of a `related` entry
# A file's checks: its event (when valid), `related` entries, problems, and names used.
_FileResult = tuple[Event | None, list[_Ref], list[Problem], dict[str, list[names.Use]]]


def _check_one(events_dir: Path, rel: str, context: CheckContext) -> _FileResult:
    """One file's checks against a context whose name uses start empty."""
    context.name_uses = {section: [] for section in context.name_uses}
    display = display_path(events_dir, rel)
    path = events_dir / rel
    event, checker, problems = guarded(display, check_event_file, path, display, context)
    refs = (
        [(display, path.stem, line, field, ref) for line, field, ref in checker.event_refs]
        if checker
        else []
    )
    return event, refs, problems, context.name_uses


# How the files' checks are run: a function like ``map`` that gives ``job(path)`` for
# each of the paths, in their order. ``map`` itself checks them one after the other;
# the mkdocs host may hand one that checks them in worker processes
# (mkdocs/speed/workers.file_map), which must give the same results.
MapFiles = Callable[[Callable[[str], Any], list[str]], Iterable[Any]]


def _checked_files(
    events_dir: Path, rels: list[str], context: CheckContext, map_files: MapFiles
) -> Iterable[_FileResult]:
    """Each file's checks, in the order of ``rels``, each against the same copy of
    ``context``. The caller gathers the name uses into ``context`` in file order, so
    messages are the same however ``map_files`` runs the checks."""
    own = copy.copy(context)
    return map_files(lambda rel: _check_one(events_dir, rel, own), rels)


def check_events_folder(events_dir: Path, *, map_files: MapFiles = map) -> ValidationResult:
    """Every check on every file; the project only if there is no problem at all.
    ``map_files``: how the event files' checks are run (see MapFiles)."""
    events_dir = Path(events_dir)
    if not events_dir.is_dir():
        missing = Problem(
            str(events_dir), 1, "events folder", "not found; expected a folder of event files"
        )
        return ValidationResult(None, [missing], 0, 0)
    context = new_context(events_dir)
    vocabulary, problems = load_vocabulary(events_dir, context)
    context.measures = vocabulary.measures if vocabulary is not None else None
    bibliography, bib_problems = load_bibliography(events_dir, context)
    problems += bib_problems
    files_checked = sum(os.path.lexists(events_dir / name) for name in DATA_FILES)
    found = find_event_files(events_dir)
    rels = found.events
    problems += [_misnamed_problem(events_dir, rel) for rel in found.misnamed]
    problems += [
        Problem(
            display_path(events_dir, rel),
            1,
            "file",
            not_regular(str(events_dir / rel)) or "is not a regular file",
        )
        for rel in found.refused
    ]
    events: list[Event] = []
    stems: dict[str, list[str]] = {}
    refs: list[_Ref] = []
    for rel, (event, file_refs, file_problems, uses) in zip(
        rels, _checked_files(events_dir, rels, context, map_files), strict=True
    ):
        path = events_dir / rel
        stems.setdefault(path.stem, []).append(display_path(events_dir, rel))
        problems += file_problems
        if event is not None:
            events.append(event)
        refs += file_refs
        for section, used in uses.items():
            context.name_uses[section] += used
    problems += _cross_file_problems(stems, refs)
    for section, what in (
        ("tags", "tag"),
        ("actors", "actor"),
        ("places", "place"),
        ("sources", "source"),
    ):
        problems += names.problems(context.name_uses[section], what, section)
    problems.sort()
    files_checked += len(rels) + len(found.misnamed) + len(found.refused)
    if problems or vocabulary is None:
        return ValidationResult(None, problems, len(rels), files_checked)
    events.sort(key=lambda e: e.sort_key)
    return ValidationResult(
        Project(events_dir, events, vocabulary, bibliography), problems, len(rels), files_checked
    )


def validate_project(
    events_dir: Path, *, map_files: MapFiles = map
) -> tuple[Project | None, list[Problem]]:
    """(Project, []) when every file is valid, else (None, every problem of every file).
    ``map_files``: how the event files' checks are run (see MapFiles)."""
    result = check_events_folder(events_dir, map_files=map_files)
    return result.project, result.problems
