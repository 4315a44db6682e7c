"""The validator: every problem of every file of an events folder in one run.

``validate_project(events_dir) -> (Project or None, problems)`` is what the
site build, the exports and ``policy-timeline validate`` all call. It reads
the vocabulary and the bibliography, then each event file (``load``), has
``checker`` check each against the declarations of ``model`` (the same
ones the JSON Schema is made from), runs the checks that span files, and
builds the model (``model.event_from``...). Each problem is
``path:LINE: field: what is wrong, what was expected``. Nothing is written.

Cost is linear in the number of events: each file is read once, and the
checks that span files (unique ids, ``related`` targets) use dicts and sets.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from policy_timeline import urls
from policy_timeline.source import model, names
from policy_timeline.source.body_checks import body_problems
from policy_timeline.source.check_collections import check_record
from policy_timeline.source.check_context import INVALID, UNKNOWN_KEYS, CheckContext, Invalid
from policy_timeline.source.check_messages import did_you_mean
from policy_timeline.source.check_references import ID_RE
from policy_timeline.source.check_scalars import TEMPLATE_MARKERS
from policy_timeline.source.checker import Checker
from policy_timeline.source.dates import PartialDate
from policy_timeline.source.errors import Problem
from policy_timeline.source.load import (
    BIBLIOGRAPHY_FILE,
    DATA_FILES,
    MAX_DATA_BYTES,
    MAX_EVENT_BYTES,
    VOCABULARY_FILE,
    EventText,
    find_event_files,
    line_break_problems,
    not_regular,
    read_text,
    split_front_matter,
)
from policy_timeline.source.model import (
    BibEntry,
    Event,
    MapOf,
    Project,
    Record,
    Vocabulary,
    bibliography_from,
    event_from,
    vocabulary_from,
    years_from,
)
from policy_timeline.source.yaml_nodes import MAP, SCALAR, Node, compose
from policy_timeline.workers import CHUNK, fork_pool, workers_for

_ID_DATE_PREFIX = re.compile(r"^([0-9]{4}(?:-[0-9]{2}){0,2})-")
_Root = TypeVar("_Root")
_Result = TypeVar("_Result")


def _display(events_dir: Path, rel: str) -> str:
    return os.path.join(str(events_dir), rel)


def _map_keys(node: Node | None, key: str | None = None) -> list[str] | None:
    if node is not None and key is not None:
        node = node.value.get(key) if node.kind == MAP else None
    if node is None or node.kind != MAP:
        return None
    return list(node.value)


def _template_problems(path: str, text: str, field_of_line: Callable[[int], str]) -> list[Problem]:
    """``{{``, ``{%`` or ``{#`` anywhere: the first on each line."""
    if not any(marker in text for marker in TEMPLATE_MARKERS):
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


def _check_data_file(
    path: Path, display: str, spec: Record | MapOf, context: CheckContext
) -> tuple[Node | None, dict[str, Any] | None, list[Problem]]:
    """Read and check a whole-file YAML document; (root node, checked value or None, problems)."""
    text, read_problems = read_text(path, MAX_DATA_BYTES)
    root = None
    value = None
    if text is not None:
        read_problems = line_break_problems(text)
    if text is not None and not read_problems:
        root, read_problems = compose(text, 1)
    problems = [Problem(display, p.line, p.field, p.message) for p in read_problems]
    if text is not None and root is None and not problems:
        problems.append(Problem(display, 1, "file", "has no entries; expected YAML entries"))
    if root is not None:
        checker = Checker(display, context)
        checked = (
            check_record(checker, root, spec, "", missing_line=1)
            if isinstance(spec, Record)
            else checker.check(root, spec, "")
        )
        problems += checker.problems
        value = None if checked is INVALID else checked
    if text is not None:
        problems += _template_problems(display, text, lambda _: "file")
    return root, (None if problems else value), problems


def _guarded(
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


def _load_data_file(
    events_dir: Path, name: str, spec: Record | MapOf, context: CheckContext | None
) -> tuple[str, Node | None, dict[str, Any] | None, list[Problem], CheckContext]:
    """(display path, root node, checked values or None, problems, context); root is
    None when the file is missing or unreadable, and then the problems say which."""
    events_dir = Path(events_dir)
    display = _display(events_dir, name)
    context = context or _new_context(events_dir)
    path = events_dir / name
    try:
        os.lstat(path)
    except FileNotFoundError:
        return display, None, None, [], context
    root, values, problems = _guarded(display, _check_data_file, path, display, spec, context)
    return display, root, values, problems, context


def load_vocabulary(
    events_dir: Path, context: CheckContext | None = None
) -> tuple[Vocabulary | None, list[Problem]]:
    """(Vocabulary or None, problems); also fills ``context.terms`` for the event checks."""
    display, root, values, problems, context = _load_data_file(
        events_dir, VOCABULARY_FILE, model.VOCABULARY_RECORD, context
    )
    if root is None and not problems:
        return None, [
            Problem(
                display,
                1,
                "file",
                "not found; every events folder needs a "
                "vocabulary.yml with lanes and kinds (see the Event file format "
                "page)",
            )
        ]
    if root is not None and root.kind == MAP:
        # Even a broken vocabulary names its terms: events are checked against those.
        # An optional section left out (tags) has no terms; a required one is unknown.
        context.terms = {
            field.name: (
                _map_keys(root, field.name)
                if field.name in root.value
                else None
                if field.required
                else []
            )
            for field in model.VOCABULARY_RECORD.fields
            if isinstance(field.type, MapOf)
        }
        # None when the span cannot be read: its problems are reported, and events are
        # checked against no span.
        years = years_from(values) if values is not None else _years_of(root)
        if years is not None and years[0] > years[1]:
            problems.append(
                Problem(
                    display,
                    root.key_lines["years"],
                    "years",
                    f"first ({years[0]}) is after last ({years[1]}); expected first <= last",
                )
            )
            years = None
        context.years = years
    if root is not None and values is not None:
        tags = root.value.get("tags")
        context.name_uses["tags"] += [
            names.Use(
                tag["label"],
                key,
                urls.same_name(tag["label"]),
                display,
                tags.value[key].value["label"].line,
                f"tags.{key}.label",
            )
            for key, tag in values.get("tags", {}).items()
        ]
    return (vocabulary_from(values) if values is not None else None), problems


def _years_of(root: Node) -> tuple[int, int] | None:
    """The span of a vocabulary that has errors: events are checked against it when it
    is readable, and against nothing when it is not."""
    node = root.value.get("years")
    if node is None:
        return model.DEFAULT_YEARS
    if node.kind != MAP:
        return None
    span = []
    for key in ("first", "last"):
        value = node.value.get(key)
        if value is None or value.kind != SCALAR or not re.fullmatch("[0-9]{1,4}", value.value):
            return None
        span.append(int(value.value))
    return span[0], span[1]


def load_bibliography(
    events_dir: Path, context: CheckContext | None = None
) -> tuple[dict[str, BibEntry], list[Problem]]:
    """(entries by key, problems); no file is no bibliography, which is allowed."""
    display, root, values, problems, context = _load_data_file(
        events_dir, BIBLIOGRAPHY_FILE, model.BIBLIOGRAPHY_MAP, context
    )
    if root is None and not problems:
        return {}, []
    keys = _map_keys(root)
    # An unreadable bibliography is reported once, not again at every ref.
    context.bibliography_keys = dict.fromkeys(keys) if keys is not None else UNKNOWN_KEYS
    if root is not None and values is not None:
        # Bibliography keys name source pages, as web addresses do: both must not collide.
        context.name_uses["sources"] += [
            names.Use(key, key, f"bibliography:{key}", display, root.key_lines[key], key)
            for key in values
        ]
    return (bibliography_from(values) if values is not None else {}), problems


def _new_context(events_dir: Path) -> CheckContext:
    return CheckContext(
        _display(events_dir, VOCABULARY_FILE), _display(events_dir, BIBLIOGRAPHY_FILE)
    )


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
    return Problem(_display(events_dir, rel), 1, "file", message)


def _field_of_line(event_text: EventText | None, root: Node | None) -> Callable[[int], str]:
    """Which field a file line belongs to, for template markers: a top-level key or the body."""
    starts = (
        sorted((line, key) for key, line in root.key_lines.items())
        if (root is not None and root.kind == MAP)
        else []
    )

    def field_of(number: int) -> str:
        if event_text is None:
            return "file"
        if number > event_text.closing_line:
            return "body"
        owner = "front matter"
        for line, key in starts:
            if line > number:
                break
            owner = key
        return owner

    return field_of


def _check_id(checker: Checker, stem: str, root: Node, date: PartialDate | None) -> None:
    if not ID_RE.fullmatch(stem):
        checker.report(
            1,
            "id",
            f'the file name "{stem}.md" is not a valid id; expected the date '
            "then lowercase words joined by hyphens, e.g. 2017-07-20-short-title.md",
        )
        return
    if date is None:
        return
    match = _ID_DATE_PREFIX.match(stem)
    assert match is not None  # ID_RE matched: the stem starts with a date and a hyphen
    prefix = match.group(1)
    allowed = (
        [date.text[:4]]
        + ([date.text[:7]] if date.month else [])
        + ([date.text] if date.day else [])
    )
    if prefix not in allowed:
        checker.report(
            root.key_lines["date"],
            "id",
            f"the file name starts with {prefix}, which "
            f"does not match date {date.text}; expected it to start with "
            f"{' or '.join(reversed(allowed))}, e.g. "
            f"{allowed[-1]}-{stem[len(prefix) + 1 :]}.md",
        )


def _check_event_file(
    path: Path, display: str, context: CheckContext
) -> tuple[Event | None, Checker, list[Problem]]:
    """(Event or None, the checker with its problems and related refs, problems)."""
    checker = Checker(display, context)
    text, read_problems = read_text(path, MAX_EVENT_BYTES)
    if text is None:
        return None, checker, [Problem(display, p.line, p.field, p.message) for p in read_problems]
    event_text, split_problems = split_front_matter(text)
    root = None
    for problem in split_problems:
        checker.report(problem.line, problem.field, problem.message)
    if event_text is not None:
        body_line = event_text.closing_line + 1
        for problem in body_problems(event_text.raw_body, body_line):
            checker.report(problem.line, problem.field, problem.message)
        # YAML would read a key after one of these unseen, at a line off by one.
        yaml_problems = line_break_problems(event_text.front_matter, event_text.front_matter_line)
        if not yaml_problems:
            root, yaml_problems = compose(event_text.front_matter, event_text.front_matter_line)
        for problem in yaml_problems:
            checker.report(problem.line, problem.field, problem.message)
        if root is None and not yaml_problems:
            checker.report(
                1,
                "front matter",
                "is empty; expected the fields " + ", ".join(model.REQUIRED_EVENT_FIELDS),
            )
    values: dict[str, Any] | Invalid = {}
    if root is not None:
        values = check_record(checker, root, model.EVENT_RECORD, "", missing_line=1, partial=True)
    if root is not None and values is not INVALID:
        _check_id(checker, path.stem, root, values.get("date"))
        if "date" in values and "end" in values:
            _check_end(checker, root, values["date"], values["end"])
        if "figures" in values:
            _check_figures(checker, root.value["figures"], values["figures"], values.get("date"))
        _check_span(checker, root, values, context.years)
    if root is not None and values is not INVALID:
        _name_uses(context, display, root, values)
    checker.problems += _template_problems(display, text, _field_of_line(event_text, root))
    if checker.problems:
        return None, checker, checker.problems
    # Front matter that cannot be split off, or that is not fields, is a problem.
    assert event_text is not None and values is not INVALID
    return (
        event_from(path.stem, display, values, event_text.body, context.measures or {}),
        checker,
        [],
    )


def _name_uses(context: CheckContext, display: str, root: Node, values: dict) -> None:
    """Where this event writes actors, places and web sources, for names.problems."""
    for section, key_of in (("actors", urls.actor_key), ("places", urls.place_key)):
        for i, name in enumerate(values.get(section, ())):
            context.name_uses[section].append(
                names.Use(
                    name,
                    key_of(name),
                    urls.same_name(name),
                    display,
                    root.value[section].value[i].line,
                    f"{section}[{i}]",
                )
            )
    for i, source in enumerate(values.get("sources", ())):
        if source.get("url") and not source.get("ref"):
            url = source["url"]
            context.name_uses["sources"].append(
                names.Use(
                    url,
                    urls.web_source_key(url),
                    urls.web_address(url),
                    display,
                    root.value["sources"].value[i].value["url"].line,
                    f"sources[{i}].url",
                )
            )


def _check_span(
    checker: Checker, root: Node, values: dict[str, Any], years: tuple[int, int] | None
) -> None:
    """Dates within the vocabulary's years (each year an event is in has a page)."""
    if years is None:
        return
    for key in ("date", "end"):
        date = values.get(key)
        if date is not None and not years[0] <= date.year <= years[1]:
            checker.report(
                root.key_lines[key],
                key,
                f"{date.text} is outside the years of this "
                f"timeline, {years[0]} to {years[1]}; expected a date in them (the "
                f"span is years: {{first, last}} in {checker.context.vocabulary_path})",
            )


def _check_end(checker: Checker, root: Node, date: PartialDate, end: PartialDate) -> None:
    if end.last_day < date.first_day:
        checker.report(
            root.key_lines["end"],
            "end",
            f"{end.text} is before date {date.text}; expected end on or after date",
        )


def _check_figures(
    checker: Checker, node: Node, figures: list[dict], date: PartialDate | None
) -> None:
    """What one field cannot tell: a range that runs backwards; a forecast not
    stated before the year it is about."""
    for i, (item, figure) in enumerate(zip(node.value, figures)):
        field = f"figures[{i}]"
        if "low" in figure and "high" in figure and figure["low"] >= figure["high"]:
            low, high = item.value["low"].value.strip(), item.value["high"].value.strip()
            relation = "equal to" if figure["low"] == figure["high"] else "above"
            checker.report(
                item.key_lines["low"],
                f"{field}.low",
                f"{low} is {relation} high "
                f"{high}; expected low below high (for one number, write value)",
            )
        if figure["type"] == "forecast" and date is not None:
            key = "year" if "year" in figure else "period"
            first = figure["year"] if key == "year" else figure["period"][0]
            if first <= date.year:
                checker.report(
                    item.key_lines[key],
                    f"{field}.{key}",
                    f"{item.value[key].value.strip()} is not after the event's date "
                    f"{date.text}; a forecast is stated before the year it is about, "
                    f"so expected a year after {date.year} (a figure stated in or "
                    "after its year is an estimate)",
                )


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
    display = _display(events_dir, rel)
    path = events_dir / rel
    event, checker, problems = _guarded(display, _check_event_file, path, display, context)
    refs = (
        [(display, path.stem, line, field, ref) for line, field, ref in checker.event_refs]
        if checker
        else []
    )
    return event, refs, problems, context.name_uses


# What a forked worker checks files against: set just before the workers are forked,
# so that each has its own copy.
_WORKER_STATE: tuple[Path, CheckContext] | None = None


def _check_in_worker(rel: str) -> _FileResult:
    assert _WORKER_STATE is not None
    events_dir, context = _WORKER_STATE
    return _check_one(events_dir, rel, context)


def _checked_files(
    events_dir: Path, rels: list[str], context: CheckContext, workers: int
) -> Iterator[_FileResult]:
    """Each file's checks, in the order of ``rels``: in forked workers on a big folder
    (workers.py; ``workers``: see workers.worker_count), else here. The caller gathers
    the name uses into ``context`` in file order, so messages are the same either way."""
    count = workers_for(workers, len(rels))
    if not count:
        own = copy.copy(context)
        for rel in rels:
            yield _check_one(events_dir, rel, own)
        return
    global _WORKER_STATE
    _WORKER_STATE = (events_dir, context)
    try:
        with fork_pool(count) as pool:
            yield from pool.map(_check_in_worker, rels, chunksize=CHUNK)
    finally:
        _WORKER_STATE = None


def check_events_folder(events_dir: Path, *, workers: int = 0) -> ValidationResult:
    """Every check on every file; the project only if there is no problem at all.
    ``workers``: processes that check files on a big folder (see workers.worker_count)."""
    events_dir = Path(events_dir)
    if not events_dir.is_dir():
        missing = Problem(
            str(events_dir), 1, "events folder", "not found; expected a folder of event files"
        )
        return ValidationResult(None, [missing], 0, 0)
    context = _new_context(events_dir)
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
            _display(events_dir, rel),
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
        rels, _checked_files(events_dir, rels, context, workers), strict=True
    ):
        path = events_dir / rel
        stems.setdefault(path.stem, []).append(_display(events_dir, rel))
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


def validate_project(events_dir: Path, *, workers: int = 0) -> tuple[Project | None, list[Problem]]:
    """(Project, []) when every file is valid, else (None, every problem of every file)."""
    result = check_events_folder(events_dir, workers=workers)
    return result.project, result.problems
