"""The checks of values that name something: a term of the vocabulary, an option of a
fixed list, a web address, another event, a key of the bibliography.

Each gets the value as text (``Checker.check`` has read it as text first) and
returns it, or :data:`INVALID` once it has reported why not, with the nearest
name when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from policy_timeline import urls
from policy_timeline.source import formats
from policy_timeline.source.check_context import INVALID, UNKNOWN_KEYS, Checking, Invalid
from policy_timeline.source.check_messages import clip, did_you_mean, one_of
from policy_timeline.source.formats import BibRef, Choice, EventRef, Term, Url
from policy_timeline.source.yaml_nodes import Node

ID_RE = re.compile(formats.ID_PATTERN)


def member(
    checker: Checking,
    node: Node,
    field: str,
    value: str,
    candidates: Collection[str] | None,
    what: str,
    where: str,
    limit: int | None = 12,
) -> str | Invalid:
    if candidates is None or value in candidates:
        return value
    names = list(candidates)
    suggestion = did_you_mean(value, names)
    checker.report(
        node.line,
        field,
        f'"{clip(value)}" is not {what}{suggestion or ". Expected " + one_of(names, limit)}{where}',
    )
    return INVALID


def check_term(checker: Checking, node: Node, spec: Term, field: str, value: str) -> str | Invalid:
    terms = checker.context.terms.get(spec.section) if checker.context.terms else None
    return member(
        checker,
        node,
        field,
        value,
        terms,
        f"one of the {spec.section} of the vocabulary",
        f" (see {checker.context.vocabulary_path})",
    )


def check_choice(
    checker: Checking, node: Node, spec: Choice, field: str, value: str
) -> str | Invalid:
    # A fixed list: every option is named, however many.
    return member(checker, node, field, value, spec.options, "allowed here", "", limit=None)


def check_url(checker: Checking, node: Node, spec: Url, field: str, value: str) -> str | Invalid:
    problem = urls.url_problem(value)
    if problem is not None:
        checker.report(node.line, field, f'"{clip(value)}" {problem}')
        return INVALID
    return value


def check_event_ref(
    checker: Checking, node: Node, spec: EventRef, field: str, value: str
) -> str | Invalid:
    if not ID_RE.fullmatch(value):
        checker.report(
            node.line,
            field,
            f'"{clip(value)}" is not an event id; expected the '
            "file name of an event without .md, e.g. "
            "2017-07-new-generation-ai-development-plan",
        )
        return INVALID
    checker.event_refs.append((node.line, field, value))
    return value


def check_bib_ref(
    checker: Checking, node: Node, spec: BibRef, field: str, value: str
) -> str | Invalid:
    keys = checker.context.bibliography_keys
    if keys is UNKNOWN_KEYS:
        return value
    if keys is None:
        checker.report(
            node.line,
            field,
            f'"{clip(value)}" cannot be looked up: there is no '
            f"{checker.context.bibliography_path}; add the entry there, or cite the "
            "source with title and url instead of ref",
        )
        return INVALID
    return member(
        checker,
        node,
        field,
        value,
        keys,
        "a key of the bibliography",
        f" (see {checker.context.bibliography_path})",
    )
