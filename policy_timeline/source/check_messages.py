"""How the checks' messages quote what they found and name what they expect.

Contributor text is quoted cut short (:func:`clip`), a wrongly shaped value is
described in a contributor's words (:func:`described`), a near miss gets a
"did you mean" and a list of what is allowed is named when it is short.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection

from policy_timeline.source.yaml_nodes import MAP, SEQ, Node


def join_field(field: str, key: str) -> str:
    return f"{field}.{key}" if field else key


def did_you_mean(word: str, candidates: Collection[str]) -> str:
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not matches and word.lower() != word:
        matches = [c for c in candidates if c == word.lower()]
    return f'; did you mean "{matches[0]}"?' if matches else ""


def one_of(candidates: list[str], limit: int | None = 12) -> str:
    if not candidates:
        return "one of them, but none is defined yet"
    if limit is not None and len(candidates) > limit:
        return f"one of the {len(candidates)} listed"
    return "one of: " + ", ".join(candidates)


def clip(text: str, limit: int = 60) -> str:
    """Contributor text quoted in a message, cut short so the message stays one readable line."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def described(node: Node) -> str:
    """What a wrongly shaped value is, in a contributor's words."""
    if node.kind == SEQ:
        return "a list"
    if node.kind == MAP:
        return "key: value fields"
    if node.tag == "null" and not node.value.strip():
        return "nothing"
    return f'"{clip(node.value)}"'
