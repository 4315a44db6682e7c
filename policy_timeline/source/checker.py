"""The spec-driven checks: one file's YAML nodes against the declarations in ``formats``.

A :class:`Checker` walks a file's tree (``yaml_nodes.Node``, every node with its
line) along a declaration (``formats.Record``, ``ListOf``, ``Text``...) and
returns the Python value it read, or :data:`INVALID` once it has reported
why not. Every problem is ``path:LINE: field: what is wrong, what was
expected``; a check never stops at the first. The checks themselves are
functions, grouped by what they check: ``check_scalars`` (text, dates,
numbers), ``check_references`` (vocabulary terms, options, web addresses,
events, bibliography keys) and ``check_collections`` (lists, records, maps).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from policy_timeline.source.check_collections import (
    check_list,
    check_map,
    check_record,
)
from policy_timeline.source.check_context import INVALID, CheckContext
from policy_timeline.source.check_references import (
    check_bib_ref,
    check_choice,
    check_event_ref,
    check_term,
    check_url,
)
from policy_timeline.source.check_scalars import (
    check_date,
    check_flag,
    check_integer,
    check_number,
    check_text,
    check_year_span,
)
from policy_timeline.source.errors import Problem
from policy_timeline.source.formats import (
    BibRef,
    Choice,
    DateText,
    EventRef,
    Flag,
    Integer,
    ListOf,
    MapOf,
    Number,
    Record,
    Spec,
    Term,
    Text,
    Url,
    YearSpan,
)
from policy_timeline.source.yaml_nodes import REFUSED, Node

_TEXT_BASED = (Term, Choice, Url, EventRef, BibRef)
_ANY_TEXT = Text()


class Checker:
    """Checks one file's YAML nodes against the declarations in ``policy_timeline.source.formats``."""

    def __init__(self, path: str, context: CheckContext) -> None:
        self.path = path
        self.context = context
        self.problems: list[Problem] = []
        self.event_refs: list[tuple[int, str, str]] = []  # (line, field, id) of `related`

    def report(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, field, message))

    def check(self, node: Node, spec: Spec, field: str) -> Any:
        """The Python value of ``node`` read as ``spec``, or ``INVALID`` after reporting why."""
        if node.tag == REFUSED:
            return INVALID
        kind = type(spec)
        if kind in _TEXT_BASED:
            # A vocabulary term, an option, a URL or an id is text first.
            text = check_text(self, node, _ANY_TEXT, field)
            if text is INVALID:
                return text
            return _CHECKS[kind](self, node, spec, field, text)
        return _CHECKS[kind](self, node, spec, field)


_CHECKS: dict[type, Callable[..., Any]] = {
    Text: check_text,
    DateText: check_date,
    Term: check_term,
    Flag: check_flag,
    Number: check_number,
    Integer: check_integer,
    Choice: check_choice,
    Url: check_url,
    EventRef: check_event_ref,
    BibRef: check_bib_ref,
    ListOf: check_list,
    Record: check_record,
    MapOf: check_map,
    YearSpan: check_year_span,
}
