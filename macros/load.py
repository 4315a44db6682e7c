"""Reading event, vocabulary and bibliography files into located YAML nodes.

Nothing here decides whether a value is right: it turns bytes into a tree of
:class:`Node` (every node knows its file line) or into :class:`ReadProblem`s
for input that cannot even be read. ``macros.validate`` judges the tree.

YAML is read from libyaml's event stream rather than ``safe_load`` because the
checks need what ``safe_load`` throws away: lines, the text a scalar was
written as (``2017-7-5`` must not become a date, ``yes`` must not silently
become true), anchors, aliases, tags and duplicate keys.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.events import (
    AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
    SequenceEndEvent, SequenceStartEvent, StreamEndEvent,
)

MAX_EVENT_BYTES = 100 * 1024
# The bibliography grows with the timeline; this only stops a runaway file.
MAX_DATA_BYTES = 10 * 1024 * 1024
# Front matter is a few levels deep; anything deeper is a mistake, not data.
MAX_DEPTH = 20

MAP, SEQ, SCALAR = "mapping", "list", "scalar"
REFUSED = "refused"  # the tag of a node already reported (an alias, a tagged value)
_TAG_PREFIX = "tag:yaml.org,2002:"
_BAD_KEY = object()  # a list or mapping used as a key: reported, and its value dropped
_RESOLVER = yaml.resolver.Resolver()
_BOMS = (
    (b"\xef\xbb\xbf", "a UTF-8 byte-order mark (BOM)"),
    (b"\xff\xfe", "a UTF-16 byte-order mark (the file is UTF-16)"),
    (b"\xfe\xff", "a UTF-16 byte-order mark (the file is UTF-16)"),
)


@dataclass(frozen=True)
class ReadProblem:
    """A problem found while reading, before any field is looked at."""
    line: int
    field: str
    message: str


class Node:
    """A YAML value with its file line.

    ``kind`` is MAP (``value``: dict of key text to Node, ``key_lines``: key
    text to line), SEQ (``value``: list of Node) or SCALAR (``value``: the
    text as written, ``tag``: what YAML would make of it: ``str``, ``int``,
    ``float``, ``bool``, ``null``, ``timestamp``...).
    """
    __slots__ = ("kind", "value", "line", "tag", "key_lines")

    def __init__(self, kind: str, value, line: int, tag: str = "", key_lines=None):
        self.kind = kind
        self.value = value
        self.line = line
        self.tag = tag
        self.key_lines = key_lines

    def __repr__(self) -> str:  # for test failure output
        return f"Node({self.kind}, {self.value!r}, line={self.line}, tag={self.tag!r})"


@dataclass
class EventText:
    """An event file split at its front matter. Lines count from 1 at the file's first line."""
    text: str
    front_matter: str
    front_matter_line: int      # the file line of the front matter's first line
    closing_line: int           # the file line of the closing ---
    body: str


def read_text(path: Path, max_bytes: int) -> tuple[str | None, list[ReadProblem]]:
    """The file's text, or the problems that stop it being read (size, bytes, encoding)."""
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            return None, [ReadProblem(1, "file", f"the file is {size // 1024} KB; at most "
                                      f"{max_bytes // 1024} KB is allowed. Move long text "
                                      "to a source and link to it")]
        data = path.read_bytes()
    except OSError as exc:
        return None, [ReadProblem(1, "file", f"cannot be read ({exc.strerror or exc}); "
                                  "expected a readable file")]
    for bom, what in _BOMS:
        if data.startswith(bom):
            return None, [ReadProblem(1, "file", f"starts with {what}; save it as UTF-8 "
                                      "without a byte-order mark")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [ReadProblem(line, "file", f"byte {exc.start} ({data[exc.start]:#04x}) is "
                                  "not UTF-8; save the file as UTF-8")]
    return text, []


def split_front_matter(text: str) -> tuple[EventText | None, list[ReadProblem]]:
    """Split ``---`` front matter from the Markdown body."""
    if not text.strip():
        return None, [ReadProblem(1, "file", "the file is empty; expected front matter "
                                  "between two --- lines")]
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None, [ReadProblem(1, "front matter", "missing: the file must start with a "
                                  "line ---, then the fields, then a closing ---")]
    for number in range(1, len(lines)):
        if lines[number].rstrip() == "---":
            return EventText(
                text=text,
                front_matter="\n".join(lines[1:number]),
                front_matter_line=2,
                closing_line=number + 1,
                body="\n".join(lines[number + 1:]).strip(),
            ), []
    return None, [ReadProblem(1, "front matter", "not closed: expected a line --- after "
                              "the fields")]


class YamlError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def _short_tag(tag: str) -> str:
    return tag[len(_TAG_PREFIX):] if tag.startswith(_TAG_PREFIX) else tag


@functools.lru_cache(maxsize=8192)
def plain_scalar_tag(value: str) -> str:
    # Keys and repeated values (lanes, tags, actors) recur in every file: resolve each once.
    return _short_tag(_RESOLVER.resolve(yaml.ScalarNode, value, (True, False)))


def _scalar_tag(event: ScalarEvent) -> str:
    return plain_scalar_tag(event.value) if event.implicit[0] else "str"


def compose(text: str, first_line: int) -> tuple[Node | None, list[ReadProblem]]:
    """The YAML document in ``text`` as a Node tree; ``first_line``: the file line of its line 1.

    Anchors, aliases, tags and duplicate keys are reported and parsing goes
    on, so one run shows them all; a syntax error stops this file only.
    """
    problems: list[ReadProblem] = []
    parser = yaml.CSafeLoader(text)
    offset = first_line
    root: Node | None = None
    # Each open collection: [node, pending key or None, its line, key whose value is open].
    stack: list[list] = []
    documents = 0

    def where() -> str:
        """The field path of the node being read, e.g. ``sources[1].url``."""
        out = ""
        last = len(stack) - 1
        for depth, (node, pending, _, current) in enumerate(stack):
            if node.kind == SEQ:
                out += f"[{len(node.value) - (depth < last)}]"
            else:
                key = pending if depth == last else current
                if key is None or key is _BAD_KEY:
                    break
                out += f".{key}" if out else str(key)
        return out or "front matter"

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        frame = stack[-1]
        parent = frame[0]
        frame[3] = None
        if parent.kind == SEQ:
            parent.value.append(node)
            return
        if frame[1] is None:
            # This node is a key.
            if node.kind != SCALAR:
                problems.append(ReadProblem(node.line, where(), "a key must be a plain "
                                            "name such as title:, not a list or mapping"))
                frame[1], frame[2] = _BAD_KEY, node.line
            else:
                frame[1], frame[2] = node.value, node.line
            return
        key, key_line = frame[1], frame[2]
        if key is _BAD_KEY:
            frame[1] = None
            return
        if key in parent.value:
            problems.append(ReadProblem(key_line, where(), f"duplicate key {key!r} (first on line "
                                        f"{parent.key_lines[key]}); keep only one"))
            frame[1] = None
            return
        frame[1], frame[3] = None, key
        parent.value[key] = node
        parent.key_lines[key] = key_line

    def refuse(event, line: int) -> None:
        if event.anchor is not None:
            problems.append(ReadProblem(line, where(), f"YAML anchors (&{event.anchor}) are "
                                        "not allowed; write the value out in full"))
        if event.tag is not None:
            tag = (f"!!{_short_tag(event.tag)}" if event.tag.startswith(_TAG_PREFIX)
                   else event.tag)
            problems.append(ReadProblem(line, where(), f"YAML tags ({tag}) are not allowed; "
                                        "event files hold plain data only"))

    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            # Scalars first: most events are; the end of a collection needs no line.
            if kind is ScalarEvent:
                line = event.start_mark.line + offset
                tag = _scalar_tag(event)
                if event.anchor is not None or event.tag is not None:
                    refuse(event, line)
                    tag = REFUSED
                attach(Node(SCALAR, event.value, line, tag))
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                line = event.start_mark.line + offset
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(line, f"nested more than {MAX_DEPTH} levels deep; "
                                    "expected a few levels of fields and lists")
                node = (Node(MAP, {}, line, key_lines={}) if kind is MappingStartEvent
                        else Node(SEQ, [], line))
                if event.anchor is not None or event.tag is not None:
                    refuse(event, line)
                    node.tag = REFUSED
                attach(node)
                stack.append([node, None, line, None])
            elif kind is AliasEvent:
                line = event.start_mark.line + offset
                problems.append(ReadProblem(line, where(), f"YAML aliases (*{event.anchor}) "
                                            "are not allowed; write the value out in full"))
                # Already reported: the checks pass over it in silence.
                attach(Node(SCALAR, "", line, REFUSED))
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlError(event.start_mark.line + offset, "more than one YAML "
                                    "document; expected one mapping of fields")
            elif kind is StreamEndEvent:
                break
    except YamlError as exc:
        return None, problems + [ReadProblem(exc.line, "yaml", exc.message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + offset) if mark is not None else offset
        context = exc.context
        if context and exc.context_mark is not None and exc.context_mark.line + offset != line:
            context += f" (from line {exc.context_mark.line + offset})"
        what = ", ".join(part for part in (context, exc.problem) if part)
        return None, problems + [ReadProblem(line, "yaml", f"YAML syntax error: {what}; check the "
                                             "indentation, and quote text that contains \": \" "
                                             "or starts with a special character")]
    except yaml.YAMLError as exc:
        # ReaderError (control characters) gives a character position, not a mark.
        position = getattr(exc, "position", None)
        line = offset + (text.count("\n", 0, position) if isinstance(position, int) else 0)
        reason = str(exc).split("\n")[0]
        return None, problems + [ReadProblem(line, "yaml", f"YAML cannot read this: {reason}; "
                                             "expected text without control characters")]
    finally:
        parser.dispose()
    return root, problems
