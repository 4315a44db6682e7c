"""What every check shares: :data:`INVALID`, what a check returns once it has reported
why a value is wrong, the :class:`CheckContext` the checks of an event read the
vocabulary and the bibliography from, and :class:`Checking`, what a check is handed
(``checker.Checker``, which calls the checks: they name it by this protocol, so that
the checks do not import the module that imports them)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, Final, Literal, Protocol

from policy_timeline.source import model, names
from policy_timeline.source.errors import Problem
from policy_timeline.source.model import Measure
from policy_timeline.source.yaml_nodes import Node


class _Invalid(enum.Enum):
    INVALID = "invalid"


# What a check returns once it has reported why the value is wrong.
INVALID: Final = _Invalid.INVALID
Invalid = Literal[_Invalid.INVALID]
UNKNOWN_KEYS: dict[str, None] = {}  # the bibliography exists but cannot be read


@dataclass
class CheckContext:
    """What the checks of event files need from the vocabulary and the bibliography."""

    vocabulary_path: str
    bibliography_path: str
    # section -> ids, even from a broken vocabulary (None: a required section is unreadable)
    terms: dict[str, list[str] | None] | None = None
    bibliography_keys: dict[str, None] | None = None
    measures: dict[str, Measure] | None = None  # from a valid vocabulary only
    years: tuple[int, int] | None = model.DEFAULT_YEARS  # None: unknown (a broken span)
    # Names that get pages, where each is written: section -> [names.Use], in file order.
    name_uses: dict[str, list[names.Use]] = dataclass_field(
        default_factory=lambda: {"tags": [], "actors": [], "places": [], "sources": []}
    )


class Checking(Protocol):
    """What a check reads and reports through: one file's :class:`checker.Checker`."""

    context: CheckContext
    problems: list[Problem]
    event_refs: list[tuple[int, str, str]]  # (line, field, id) of `related`

    def report(self, line: int, field: str, message: str) -> None: ...

    def check(self, node: Node, spec: Any, field: str) -> Any: ...
