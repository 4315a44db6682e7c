"""YAML as a tree of located nodes: every value with its file line.

YAML is read from libyaml's event stream rather than ``safe_load`` because the
checks need what ``safe_load`` throws away: lines, the text a scalar was
written as (``2017-7-5`` must not become a date, ``yes`` must not silently
become true), anchors, aliases, tags and duplicate keys. Nothing here decides
whether a value is right: ``policy_timeline.source.checker`` judges the tree.
"""

from __future__ import annotations

import functools
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from policy_timeline.source.load import ReadProblem

# Front matter is a few levels deep; anything deeper is a mistake, not data.
MAX_DEPTH = 20

MAP, SEQ, SCALAR = "mapping", "list", "scalar"
REFUSED = "refused"  # the tag of a node already reported (an alias, a tagged value)
_TAG_PREFIX = "tag:yaml.org,2002:"
_BAD_KEY = object()  # a list or mapping used as a key: reported, and its value dropped
_RESOLVER = yaml.resolver.Resolver()


class Node:
    """A YAML value with its file line.

    ``kind`` is MAP (``value``: dict of key text to Node, ``key_lines``: key
    text to line), SEQ (``value``: list of Node) or SCALAR (``value``: the
    text as written, ``tag``: what YAML would make of it: ``str``, ``int``,
    ``float``, ``bool``, ``null``, ``timestamp``...). A double-quoted scalar
    with escapes keeps its source text in ``written`` (``"\\x7b\\x7b"``), as
    ``value`` holds what the escapes decode to (``{{``).
    """

    __slots__ = ("key_lines", "kind", "line", "tag", "value", "written")

    def __init__(
        self,
        kind: str,
        value: Any,
        line: int,
        tag: str = "",
        key_lines: Any = None,
        written: str | None = None,
    ) -> None:
        self.kind = kind
        self.value = value
        self.line = line
        self.tag = tag
        self.key_lines = key_lines
        self.written = written

    def __repr__(self) -> str:  # for test failure output
        return f"Node({self.kind}, {self.value!r}, line={self.line}, tag={self.tag!r})"


class YamlError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _short_tag(tag: str) -> str:
    return tag[len(_TAG_PREFIX) :] if tag.startswith(_TAG_PREFIX) else tag


@functools.lru_cache(maxsize=8192)
def plain_scalar_tag(value: str) -> str:
    # Keys and repeated values (lanes, tags, actors) recur in every file: resolve each once.
    return _short_tag(_RESOLVER.resolve(yaml.ScalarNode, value, (True, False)))


def compose(text: str, first_line: int) -> tuple[Node | None, list[ReadProblem]]:
    """The YAML document in ``text`` as a Node tree; ``first_line``: the file line of its line 1.

    Anchors, aliases, tags and duplicate keys are reported and parsing goes
    on, so one run shows them all; a syntax error stops this file only.
    """
    tree = _TreeBuilder(text, first_line)
    parser = yaml.CSafeLoader(text)
    try:
        tree.read(parser)
    except YamlError as exc:
        return None, tree.problems + [ReadProblem(exc.line, "yaml", exc.message)]
    except yaml.MarkedYAMLError as exc:
        return None, tree.problems + [
            _tab_error(exc, text, first_line) or _syntax_error(exc, first_line)
        ]
    except yaml.YAMLError as exc:
        return None, tree.problems + [_unreadable(exc, text, first_line)]
    finally:
        parser.dispose()
    return tree.root, tree.problems


def _tab_error(exc: yaml.MarkedYAMLError, text: str, offset: int) -> ReadProblem | None:
    """A syntax error at a tab (libyaml says "found character that cannot start any
    token"), named as a tab, at its line and column; None for any other error."""
    mark = exc.problem_mark
    if mark is None:
        return None
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    at_tab = mark.column < len(line) and line[mark.column] == "\t"
    if not (at_tab or "tab character" in (exc.problem or "")):
        return None
    column = mark.column + 1 if at_tab else line.find("\t") + 1
    where = f"column {column}" if column > 0 else "the start of the line"
    return ReadProblem(
        mark.line + offset,
        "yaml",
        f"a tab character at {where}: YAML does not allow tabs in indentation; indent with spaces",
    )


def _syntax_error(exc: yaml.MarkedYAMLError, offset: int) -> ReadProblem:
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + offset) if mark is not None else offset
    context = exc.context
    if context and exc.context_mark is not None and exc.context_mark.line + offset != line:
        context += f" (from line {exc.context_mark.line + offset})"
    what = ", ".join(part for part in (context, exc.problem) if part)
    return ReadProblem(
        line,
        "yaml",
        f"YAML syntax error: {what}; check the "
        'indentation, and quote text that contains ": " '
        "or starts with a special character",
    )


def _unreadable(exc: yaml.YAMLError, text: str, offset: int) -> ReadProblem:
    # ReaderError (control characters) gives a character position, not a mark.
    position = getattr(exc, "position", None)
    line = offset + (text.count("\n", 0, position) if isinstance(position, int) else 0)
    reason = str(exc).split("\n")[0]
    return ReadProblem(
        line,
        "yaml",
        f"YAML cannot read this: {reason}; expected text without control characters",
    )


class _TreeBuilder:
    """The Node tree of one document, built from libyaml's events, and what it refused."""

    __slots__ = ("documents", "offset", "problems", "root", "stack", "text")

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.offset = first_line
        self.problems: list[ReadProblem] = []
        self.root: Node | None = None
        # Each open collection: [node, pending key or None, its line, key whose value is open].
        self.stack: list[list] = []
        self.documents = 0

    def read(self, parser: yaml.CSafeLoader) -> None:
        """Every event of the stream, each added to the tree; raises on what stops it."""
        get_event = parser.get_event
        while True:
            event = get_event()
            # libyaml marks every event with where it starts and ends, and hands out events
            # up to the end of the stream, where this loop stops.
            assert event is not None and event.start_mark is not None
            # Scalars first: most events are; the end of a collection needs no line.
            if isinstance(event, ScalarEvent):
                self.scalar(event)
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                self.stack.pop()
            elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                self.collection(event)
            elif isinstance(event, AliasEvent):
                self.alias(event)
            elif isinstance(event, DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise YamlError(
                        event.start_mark.line + self.offset,
                        "more than one YAML document; expected one mapping of fields",
                    )
            elif isinstance(event, StreamEndEvent):
                break

    def scalar(self, event: ScalarEvent) -> None:
        start = event.start_mark
        assert start is not None
        line = start.line + self.offset
        value = event.value
        tag = plain_scalar_tag(value) if event.implicit[0] else "str"
        if event.anchor is not None or event.tag is not None:
            self.refuse(event, line)
            tag = REFUSED
        if self.stack:
            frame = self.stack[-1]
            if frame[1] is None and frame[0].kind == MAP:
                # A key: its text and line are all a mapping keeps of it (``key``), so
                # no node is made for it.
                frame[1], frame[2], frame[3] = value, line, None
                return
        written = None
        if event.style == '"':
            assert event.end_mark is not None
            source = self.text[start.index : event.end_mark.index]
            written = source if "\\" in source else None
        self.attach(Node(SCALAR, value, line, tag, None, written))

    def collection(self, event: MappingStartEvent | SequenceStartEvent) -> None:
        assert event.start_mark is not None
        line = event.start_mark.line + self.offset
        if len(self.stack) >= MAX_DEPTH:
            raise YamlError(
                line,
                f"nested more than {MAX_DEPTH} levels deep; "
                "expected a few levels of fields and lists",
            )
        node = (
            Node(MAP, {}, line, key_lines={})
            if isinstance(event, MappingStartEvent)
            else Node(SEQ, [], line)
        )
        if event.anchor is not None or event.tag is not None:
            self.refuse(event, line)
            node.tag = REFUSED
        self.attach(node)
        self.stack.append([node, None, line, None])

    def alias(self, event: AliasEvent) -> None:
        assert event.start_mark is not None
        line = event.start_mark.line + self.offset
        self.problems.append(
            ReadProblem(
                line,
                self.where(),
                f"YAML aliases (*{event.anchor}) are not allowed; write the value out in full",
            )
        )
        # Already reported: the checks pass over it in silence.
        self.attach(Node(SCALAR, "", line, REFUSED))

    def where(self) -> str:
        """The field path of the node being read, e.g. ``sources[1].url``."""
        out = ""
        last = len(self.stack) - 1
        for depth, (node, pending, _, current) in enumerate(self.stack):
            if node.kind == SEQ:
                out += f"[{len(node.value) - (depth < last)}]"
            else:
                key = pending if depth == last else current
                if key is None or key is _BAD_KEY:
                    break
                out += f".{key}" if out else str(key)
        return out or "front matter"

    def attach(self, node: Node) -> None:
        """``node`` added to the collection open last: an item, a key, or a key's value."""
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        parent = frame[0]
        frame[3] = None
        if parent.kind == SEQ:
            parent.value.append(node)
        elif frame[1] is None:
            self.key(frame, node)
        else:
            self.value(frame, node)

    def key(self, frame: list, node: Node) -> None:
        if node.kind != SCALAR:
            self.problems.append(
                ReadProblem(
                    node.line,
                    self.where(),
                    "a key must be a plain name such as title:, not a list or mapping",
                )
            )
            frame[1], frame[2] = _BAD_KEY, node.line
        else:
            frame[1], frame[2] = node.value, node.line

    def value(self, frame: list, node: Node) -> None:
        parent, key, key_line = frame[0], frame[1], frame[2]
        if key is _BAD_KEY:
            frame[1] = None
            return
        if key in parent.value:
            self.problems.append(
                ReadProblem(
                    key_line,
                    self.where(),
                    f"duplicate key {key!r} (first on line {parent.key_lines[key]}); keep only one",
                )
            )
            frame[1] = None
            return
        frame[1], frame[3] = None, key
        parent.value[key] = node
        parent.key_lines[key] = key_line

    def refuse(self, event: ScalarEvent | CollectionStartEvent, line: int) -> None:
        """Report an anchor or a tag: event files hold plain data only."""
        if event.anchor is not None:
            self.problems.append(
                ReadProblem(
                    line,
                    self.where(),
                    f"YAML anchors (&{event.anchor}) are not allowed; write the value out in full",
                )
            )
        if event.tag is not None:
            tag = f"!!{_short_tag(event.tag)}" if event.tag.startswith(_TAG_PREFIX) else event.tag
            self.problems.append(
                ReadProblem(
                    line,
                    self.where(),
                    f"YAML tags ({tag}) are not allowed; event files hold plain data only",
                )
            )
