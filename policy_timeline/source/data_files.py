"""The events folder's data files: ``vocabulary.yml`` and ``bibliography.yml``.

Each is read, checked against its declaration in ``formats`` and made into the
model (``model.vocabulary_from``, ``model.bibliography_from``). Even a broken
vocabulary or bibliography fills the :class:`CheckContext` the event files are
checked against (its terms, its keys, its span of years), so that each event's
problems are still found in the same run."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from policy_timeline import urls
from policy_timeline.source import formats, model, names
from policy_timeline.source.check_collections import check_record
from policy_timeline.source.check_context import INVALID, UNKNOWN_KEYS, CheckContext
from policy_timeline.source.checker import Checker
from policy_timeline.source.errors import Problem
from policy_timeline.source.file_problems import display_path, guarded, template_problems
from policy_timeline.source.formats import MapOf, Record
from policy_timeline.source.load import (
    BIBLIOGRAPHY_FILE,
    MAX_DATA_BYTES,
    VOCABULARY_FILE,
    line_break_problems,
    read_text,
)
from policy_timeline.source.model import (
    BibEntry,
    Vocabulary,
    bibliography_from,
    vocabulary_from,
    years_from,
)
from policy_timeline.source.yaml_nodes import MAP, SCALAR, Node, compose


def _map_keys(node: Node | None, key: str | None = None) -> list[str] | None:
    if node is not None and key is not None:
        node = node.value.get(key) if node.kind == MAP else None
    if node is None or node.kind != MAP:
        return None
    return list(node.value)


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
        problems += template_problems(display, text, lambda _: "file")
    return root, (None if problems else value), problems


def _load_data_file(
    events_dir: Path, name: str, spec: Record | MapOf, context: CheckContext | None
) -> tuple[str, Node | None, dict[str, Any] | None, list[Problem], CheckContext]:
    """(display path, root node, checked values or None, problems, context); root is
    None when the file is missing or unreadable, and then the problems say which."""
    events_dir = Path(events_dir)
    display = display_path(events_dir, name)
    context = context or new_context(events_dir)
    path = events_dir / name
    try:
        os.lstat(path)
    except FileNotFoundError:
        return display, None, None, [], context
    root, values, problems = guarded(display, _check_data_file, path, display, spec, context)
    return display, root, values, problems, context


def load_vocabulary(
    events_dir: Path, context: CheckContext | None = None
) -> tuple[Vocabulary | None, list[Problem]]:
    """(Vocabulary or None, problems); also fills ``context.terms`` for the event checks."""
    display, root, values, problems, context = _load_data_file(
        events_dir, VOCABULARY_FILE, formats.VOCABULARY_RECORD, context
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
            for field in formats.VOCABULARY_RECORD.fields
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
        events_dir, BIBLIOGRAPHY_FILE, formats.BIBLIOGRAPHY_MAP, context
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


def new_context(events_dir: Path) -> CheckContext:
    return CheckContext(
        display_path(events_dir, VOCABULARY_FILE), display_path(events_dir, BIBLIOGRAPHY_FILE)
    )
