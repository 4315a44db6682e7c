"""The checks of lists, records of fields and maps of ids.

Each checks its own shape (a list's length, a record's known and required fields
and its choices of fields, a map's ids), then has ``Checker.check`` check each
item, field or entry by its declaration, so that every problem is found in one run.
"""

from __future__ import annotations

import re
from typing import Any

from policy_timeline.source import formats, names
from policy_timeline.source.check_context import INVALID, Checking, Invalid
from policy_timeline.source.check_messages import clip, described, did_you_mean, join_field
from policy_timeline.source.formats import ListOf, MapOf, Record
from policy_timeline.source.yaml_nodes import MAP, SEQ, Node

# Ids of vocabulary entries and bibliography keys that would name a section's index page,
# a section, or a property every JavaScript object has.
RESERVED_KEYS = tuple(
    dict.fromkeys(
        (
            *names.RESERVED_PAGES,
            *formats.SCRIPT_RESERVED,
            *(f.name for f in formats.VOCABULARY_RECORD.fields),
        )
    )
)


def _clause(doc: str) -> str:
    """A field's doc as the end of a sentence: "the event's title"."""
    doc = doc.rstrip(".")
    if len(doc) > 1 and doc[0].isupper() and doc[1].islower():
        doc = doc[0].lower() + doc[1:]
    return doc


def _required(doc: str) -> str:
    return f"required: {_clause(doc)}" if doc else "required"


def check_list(checker: Checking, node: Node, spec: ListOf, field: str) -> list[Any] | Invalid:
    if node.kind != SEQ:
        example = '[a, b] or one "- item" line per item'
        checker.report(node.line, field, f"found {described(node)}; expected a list: {example}")
        return INVALID
    if len(node.value) < spec.min_items:
        checker.report(node.line, field, f"the list is empty; expected at least {spec.min_items}")
        return INVALID
    if spec.max_items is not None and len(node.value) > spec.max_items:
        checker.report(
            node.line,
            field,
            f"lists {len(node.value):,} items; at most "
            f"{spec.max_items} are allowed (each one gets a page or a link)",
        )
        return INVALID
    values: list[Any] = []
    seen: dict[str, int] = {}  # text -> the line it is first on
    ok = True
    for i, item in enumerate(node.value):
        value = checker.check(item, spec.item, f"{field}[{i}]")
        if value is INVALID:
            ok = False
        elif isinstance(value, str):
            if value in seen:
                checker.report(
                    item.line,
                    f"{field}[{i}]",
                    f'"{clip(value)}" is listed twice '
                    f"(first on line {seen[value]}); expected each once",
                )
                ok = False
            seen[value] = seen.get(value, item.line)
        values.append(value)
    return values if ok else INVALID


def check_record(
    checker: Checking,
    node: Node,
    spec: Record,
    field: str,
    missing_line: int | None = None,
    partial: bool = False,
) -> dict[str, Any] | Invalid:
    """The checked fields; with ``partial``, the valid ones even when others are not."""
    if node.kind != MAP:
        listed = ", ".join(f.name for f in spec.fields if not f.deprecated)
        checker.report(
            node.line,
            field or "front matter",
            f"found {described(node)}; expected fields as key: value lines ({listed})",
        )
        return INVALID
    before = len(checker.problems)
    values: dict[str, Any] = {}
    for key, child in node.value.items():
        field_spec = spec.field(key)
        if field_spec is None and key in dict(spec.retired):
            checker.report(
                node.key_lines[key],
                join_field(field, key),
                f"is no longer a field here; {dict(spec.retired)[key]}",
            )
            continue
        if field_spec is None:
            names = [f.name for f in spec.fields if not f.deprecated]
            checker.report(
                node.key_lines[key],
                join_field(field, key),
                f"unknown field{did_you_mean(key, names) or '.'} "
                f"Expected one of: {', '.join(names)}",
            )
            continue
        value = checker.check(child, field_spec.type, join_field(field, key))
        if value is not INVALID:
            values[key] = value
    line = node.line if missing_line is None else missing_line
    for field_spec in spec.required_fields:
        if field_spec.name not in node.value:
            checker.report(
                line,
                join_field(field, field_spec.name),
                f"missing; {_required(field_spec.doc)}",
            )
    for groups in spec.all_choices():
        check_alternatives(checker, node, spec, groups, field, line)
    return values if partial or len(checker.problems) == before else INVALID


def check_alternatives(
    checker: Checking,
    node: Node,
    spec: Record,
    groups: tuple[tuple[str, ...], ...],
    field: str,
    line: int,
) -> None:
    used = [group for group in groups if any(k in node.value for k in group)]
    forms = " or ".join(" and ".join(group) for group in groups)
    if not used:
        checker.report(line, field, f"expected {forms}")
        return
    chosen = used[0]
    for group in used[1:]:
        for key in group:
            if key in node.value:
                checker.report(
                    node.key_lines[key],
                    join_field(field, key),
                    f"not allowed together with {' and '.join(chosen)}; expected {forms}, not both",
                )
    for key in chosen:
        if key not in node.value:
            field_spec = spec.field(key)
            assert field_spec is not None  # a record's choices name its own fields
            doc = field_spec.doc
            checker.report(
                line,
                join_field(field, key),
                f"missing; with {' and '.join(k for k in chosen if k in node.value)}, "
                f"expected {key} too ({_clause(doc)})",
            )


def check_map(checker: Checking, node: Node, spec: MapOf, field: str) -> dict[str, Any] | Invalid:
    if node.kind != MAP:
        checker.report(
            node.line, field or "file", f"found {described(node)}; expected entries as id: fields"
        )
        return INVALID
    if len(node.value) < spec.min_items:
        checker.report(node.line, field, f"is empty; expected at least {spec.min_items} entry")
        return INVALID
    if spec.max_items is not None and len(node.value) > spec.max_items:
        checker.report(
            node.line,
            field or "file",
            f"has {len(node.value):,} entries; at most "
            f"{spec.max_items:,} are allowed ({spec.max_reason})",
        )
        return INVALID
    before = len(checker.problems)
    values: dict[str, Any] = {}
    for key, child in node.value.items():
        wrong_key = spec.key_problem(key) if spec.key_problem is not None else None
        if wrong_key is not None:
            checker.report(node.key_lines[key], join_field(field, key), wrong_key)
            continue
        if spec.key_problem is None and not re.fullmatch(spec.key_pattern, key):
            checker.report(
                node.key_lines[key],
                join_field(field, key),
                f'"{clip(key)}" is not a '
                "valid id; expected lowercase letters and digits joined by hyphens, "
                "e.g. local-plans",
            )
            continue
        if spec.key_problem is None and key in RESERVED_KEYS:
            checker.report(
                node.key_lines[key],
                join_field(field, key),
                f'"{key}" is reserved: it '
                "names a page or a section of the site, or a property the site's "
                "scripts read; expected another id",
            )
            continue
        value = checker.check(child, spec.value, join_field(field, key))
        if value is not INVALID:
            values[key] = value
    return values if len(checker.problems) == before else INVALID
