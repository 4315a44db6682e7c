"""Reading event, vocabulary and bibliography files into located YAML nodes.

Nothing here decides whether a value is right: it turns bytes into a tree of
:class:`Node` (every node knows its file line) or into :class:`ReadProblem`s
for input that cannot even be read. ``policy_timeline.source.validate`` judges the tree.

YAML is read from libyaml's event stream rather than ``safe_load`` because the
checks need what ``safe_load`` throws away: lines, the text a scalar was
written as (``2017-7-5`` must not become a date, ``yes`` must not silently
become true), anchors, aliases, tags and duplicate keys.
"""

from __future__ import annotations

import bisect
import errno
import functools
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
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

from policy_timeline.source import chars

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
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a named pipe must not block the open
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


@dataclass
class EventText:
    """An event file split at its front matter. Lines count from 1 at the file's first line."""

    text: str
    front_matter: str
    front_matter_line: int  # the file line of the front matter's first line
    closing_line: int  # the file line of the closing ---
    body: str  # stripped of blank lines around it
    raw_body: str = ""  # as written, from the line after the closing ---


def _size(count: int) -> str:
    return f"{count:,} bytes" + (f" ({count // 1024} KB)" if count % 1024 == 0 else "")


def not_a_file(mode: int) -> str | None:
    """Why an entry of ``lstat`` mode ``mode`` is not read, or None for a regular file."""
    return None if stat.S_ISREG(mode) else _not_read(mode)


def _not_read(mode: int) -> str:
    """Why an entry of ``lstat`` mode ``mode``, not a regular file, is not read."""
    what = (
        "a symbolic link"
        if stat.S_ISLNK(mode)
        else "a folder"
        if stat.S_ISDIR(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a named pipe"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    return (
        f"is {what}, not a regular file, and is not followed; put the file or folder "
        "itself in the events folder"
        if stat.S_ISLNK(mode)
        else f"is {what}, not a regular file, and is not read; expected a regular file"
    )


def read_text(path: Path, max_bytes: int) -> tuple[str | None, list[ReadProblem]]:
    """The file's text, or the problems that stop it being read (kind of file, size, bytes,
    encoding). Nothing of a file refused here is ever quoted.

    Symbolic links are not followed and anything but a regular file is not
    opened for reading; the size limit holds for the bytes actually read
    (at most ``max_bytes + 1``), whatever ``stat`` says.
    """
    try:
        problem = not_a_file(os.lstat(path).st_mode)
        if problem:
            return None, [ReadProblem(1, "file", problem)]
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            problem = not_a_file(os.fstat(fd).st_mode)  # replaced since lstat
            if problem:
                return None, [ReadProblem(1, "file", problem)]
            data = _read_at_most(fd, max_bytes + 1)
            size = max(len(data), os.fstat(fd).st_size)
        finally:
            os.close(fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, [ReadProblem(1, "file", _not_read(stat.S_IFLNK))]
        return None, [
            ReadProblem(
                1, "file", f"cannot be read ({exc.strerror or exc}); expected a readable file"
            )
        ]
    if len(data) > max_bytes:
        return None, [
            ReadProblem(
                1,
                "file",
                f"the file is {_size(size)}; at most "
                f"{_size(max_bytes)} are allowed. Move long text to a source "
                "and link to it",
            )
        ]
    for bom, what in _BOMS:
        if data.startswith(bom):
            return None, [
                ReadProblem(
                    1, "file", f"starts with {what}; save it as UTF-8 without a byte-order mark"
                )
            ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [
            ReadProblem(
                line,
                "file",
                f"byte {exc.start} ({data[exc.start]:#04x}) is not UTF-8; save the file as UTF-8",
            )
        ]
    if "\r" in text and "\n" not in text:
        return None, [
            ReadProblem(
                1,
                "file",
                "its lines end in a carriage return (CR) only, "
                "as old Mac files did; save it with LF (or CRLF) line endings",
            )
        ]
    return text, []


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks, left = [], limit
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def line_break_problems(text: str, first_line: int = 1) -> list[ReadProblem]:
    """NEL, U+2028, U+2029 and a CR without LF in YAML text: one problem per line holding one.

    YAML starts a new line at each; git, grep and the line numbers of every
    message do not, so a key after one is read unseen and every later line
    number is off.
    """
    if not chars.LINE_BREAKS.search(text):
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        # The split took the LF of a CRLF: its CR ends the line.
        found = chars.LINE_BREAKS.search(line, 0, len(line) - line.endswith("\r"))
        if found:
            problems.append(
                ReadProblem(
                    number,
                    "file",
                    f"{chars.name(found.group()[0])} at "
                    f"column {found.start() + 1} is {chars.kind(found.group()[0])}; "
                    "remove it (or write it as an escape in a quoted value)",
                )
            )
    return problems


def split_front_matter(text: str) -> tuple[EventText | None, list[ReadProblem]]:
    """Split ``---`` front matter from the Markdown body."""
    if not text.strip():
        return None, [
            ReadProblem(1, "file", "the file is empty; expected front matter between two --- lines")
        ]
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None, [
            ReadProblem(
                1,
                "front matter",
                "missing: the file must start with a line ---, then the fields, then a closing ---",
            )
        ]
    for number in range(1, len(lines)):
        if lines[number].rstrip() == "---":
            return EventText(
                text=text,
                front_matter="\n".join(lines[1:number]),
                front_matter_line=2,
                closing_line=number + 1,
                body="\n".join(lines[number + 1 :]).strip(),
                raw_body="\n".join(lines[number + 1 :]),
            ), []
    return None, [
        ReadProblem(1, "front matter", "not closed: expected a line --- after the fields")
    ]


# --- Markdown bodies ---------------------------------------------------------------
#
# A body is read by Python-Markdown, whose cost is linear for text but not
# for every arrangement of syntax: an opening "[" is matched by scanning
# forward to its "]" (to the end of the paragraph when there is none), a
# link's "(" to its ")", and an HTML start tag to its ">". 12,000 "[" took
# 19 s. And it recurses once per level of nested lists and quotes. These
# checks bound both before the body is rendered, in one linear pass each.

MAX_BODY_DEPTH = 10
# Characters Markdown may scan in one body for each kind of opener: about
# 0.1 s of rendering at the most (tests/test_body_cost.py measures it).
MAX_MARKDOWN_SCAN = 600_000
# Characters Markdown may copy in one body to read inline syntax: about 0.1 s.
MAX_INLINE_WORK = 1_000_000_000

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# Escapes and code spans are read first: each becomes a placeholder about 12 characters longer
# than itself, which the scans for "]" and ")" then cross.
_BRACKET_TOKENS = re.compile(r"\\.|`|[\[\]]", re.S)
_PAREN_TOKENS = re.compile(r"\\.|`|\]\(|[()]", re.S)
_PLACEHOLDER = 12
_START_TAG = re.compile(r"<[A-Za-z]")
_QUOTED_VALUES = 16
_INLINE_SYNTAX = re.compile(r"[\\*_`\[!<&]")
# A line nested deeper than MAX_BODY_DEPTH starts with more than MAX_BODY_DEPTH characters of
# indent and markers: each level takes one at least (a tab is 4 columns, ">>" is two levels).
_DEEP_LINE = re.compile(rf"(?m)^[ \t>*+\-0-9.)]{{{MAX_BODY_DEPTH + 1}}}")
# A web address with a user name: "https://gov.cn@127.0.0.1/" reads as gov.cn, goes to 127.0.0.1.
# Found as the expression r"(?i)\bhttps?:(?://|\\\\)[^\s/?#<>()\[\]\"'`]*@" would, which
# scanned from every "http:\\\\" to the end of a run of them: 11,000 took 2.8 s.
_URL_START = re.compile(r"(?i)\bhttps?:(?://|\\\\)")
_AUTHORITY_END = re.compile(r"[\s/?#<>()\[\]\"'`@]")
_INDENT = re.compile(r"[ \t]*")
_MARKER = re.compile(r">|[-*+](?=[ \t])|[0-9]{1,9}[.)](?=[ \t])")

# Python-Markdown reads a block (the lines between two blank lines) by taking what one of
# its processors knows at the block's start and handing the rest back as a block of its
# own, which every processor then tests again from its start: the tables extension splits
# it into lines, the heading, rule and quote processors search it. A block of headings
# (ATX "# a" and setext "a" over "="), rules or link definitions is read again after each
# of them: 20,000 one-letter setext headings (80 KB) took 27 s to render. The cost is the
# rest of the block after each such line, added up: its characters, and LINE_REREAD more
# for each of its lines (the tables' test costs about that a line). About 16 ns each at
# most (tests/test_body_cost.py counts the work), so about 0.1 s.
MAX_BLOCK_REREAD = 6_000_000
_LINE_REREAD = 8
# Fenced code: each "```" or "~~~" at the start of a line is read as an opening fence, and
# Markdown scans from it to its closing fence, or to the end of the body when there is none:
# 20,000 unclosed "~~~x" took 17 s. About 13 ns a character, so about 0.1 s.
MAX_FENCE_SCAN = 6_000_000
_FENCE = re.compile(r"(?m)^(?:~{3,}|`{3,})")
# An opening fence's line as Markdown's fenced_code reads it: {attributes}, or a language.
_FENCE_OPENING = re.compile(r"(?:~{3,}|`{3,})[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*)[ ]*")


def _bracket_scan(chunk: str) -> int:
    """How far Markdown scans for the "]" of every "[" of one paragraph, added up."""
    cost, opened, grown = 0, [], 0
    for token in _BRACKET_TOKENS.finditer(chunk):
        char, at = token.group(), token.start() + grown
        if char == "[":
            opened.append(at)
        elif char == "]":
            if opened:
                cost += at - opened.pop()
        else:
            grown += _PLACEHOLDER
    return cost + sum(len(chunk) + grown - start for start in opened)


def _link_scan(chunk: str) -> int:
    """How far Markdown scans for the ")" of every "](" of one paragraph, added up."""
    cost, opened, grown = 0, [], 0  # opened: (position, whether it opens a link's address)
    for token in _PAREN_TOKENS.finditer(chunk):
        text, at = token.group(), token.start() + grown
        if text in ("](", "("):
            opened.append((at + len(text) - 1, text == "]("))
        elif text == ")":
            if opened:
                start, link = opened.pop()
                cost += (at - start) if link else 0
        else:
            grown += _PLACEHOLDER
    return cost + sum(len(chunk) + grown - start for start, link in opened if link)


def _tag_scan(body: str) -> int:
    """How far the HTML parser scans for the ">" of every start tag, added up: to the first
    ">" outside quotes (a quoted ">" does not end a tag), followed through at most
    _QUOTED_VALUES quoted values; beyond that, to the end of the body."""
    cost, end = 0, len(body)
    closes = [m.start() for m in re.finditer(">", body)]
    quotes = {q: [m.start() for m in re.finditer(q, body)] for q in "\"'"}

    def after(positions: list[int], at: int) -> int:
        i = bisect.bisect_left(positions, at)
        return positions[i] if i < len(positions) else end

    for tag in _START_TAG.finditer(body):
        start = at = tag.start()
        for _ in range(_QUOTED_VALUES):
            close = after(closes, at)
            quote = min(after(quotes['"'], at), after(quotes["'"], at))
            if quote >= close:
                cost += close - start
                break
            at = after(quotes[body[quote]], quote + 1) + 1
        else:
            cost += end - start
    return cost


def _inline_work(chunk: str) -> int:
    """Characters Markdown copies to read one paragraph's inline syntax: each match
    (an escape, emphasis, code, a link, a tag, an entity) rebuilds the paragraph's text."""
    return len(_INLINE_SYNTAX.findall(chunk)) * len(chunk)


def userinfo_url(text: str) -> int | None:
    """Where the first web address with a user name ("https://gov.cn@127.0.0.1/") starts in
    ``text``: an "@" before its authority ends. In one pass: an address that starts inside
    the authority of one searched already ends where it does, with no "@" either."""
    searched_to = -1
    for start in _URL_START.finditer(text):
        if start.end() <= searched_to:
            continue
        end = _AUTHORITY_END.search(text, start.end())
        if end is not None and end.group() == "@":
            return start.start()
        searched_to = end.start() if end is not None else len(text)
    return None


def _depth(line: str) -> int:
    """Levels of lists and quotes a line opens, counting 4 columns of indent as one more
    (an over-estimate on purpose: it bounds what Markdown recurses into)."""
    depth, at = 0, 0
    while depth <= MAX_BODY_DEPTH:
        indent = _INDENT.match(line, at)
        assert indent is not None  # [ \t]* matches everywhere, if only the empty string
        depth += len(indent.group().expandtabs(4)) // 4
        marker = _MARKER.match(line, indent.end())
        if not marker:
            break
        depth += 1
        at = marker.end()
    return depth


def body_problems(body: str, first_line: int) -> list[ReadProblem]:
    """What makes a Markdown body unsafe to render: control and invisible characters, lists or
    quotes nested deeper than MAX_BODY_DEPTH, and syntax Markdown would take too long to read.
    ``first_line``: the file line of the body's first line."""
    problems = []
    lines = body.split("\n")
    if chars.CONTROL.search(body) or chars.INVISIBLE.search(body):
        for number, line in enumerate(lines, start=first_line):
            found = chars.CONTROL.search(line.rstrip("\r")) or chars.INVISIBLE.search(line)
            if found:
                char = found.group()
                problems.append(
                    ReadProblem(
                        number,
                        "body",
                        f"{chars.name(char)} at column "
                        f"{found.start() + 1} is {chars.kind(char)}; "
                        "remove it",
                    )
                )
    if userinfo_url(body) is not None:
        for number, line in enumerate(lines, start=first_line):
            column = userinfo_url(line)
            if column is not None:
                problems.append(
                    ReadProblem(
                        number,
                        "body",
                        f"the web address at column "
                        f"{column + 1} has a user name before "
                        '"@", so it shows one host and leads to another; '
                        "remove the part from // to @",
                    )
                )
    for number, line in enumerate(lines if _DEEP_LINE.search(body) else (), start=first_line):
        depth = _depth(line)
        if depth > MAX_BODY_DEPTH:
            problems.append(
                ReadProblem(
                    number,
                    "body",
                    f"nested more than {MAX_BODY_DEPTH} "
                    "levels deep (lists and quotes, and 4 columns of indent "
                    "a level); at most "
                    f"{MAX_BODY_DEPTH} are allowed",
                )
            )
            break
    if not _within_scan_bounds(body):
        problems.extend(_scan_problems(body, first_line))
    problems.extend(_block_problems(body, first_line))
    cost = _tag_scan(body) if _START_TAG.search(body) else 0
    if cost > MAX_MARKDOWN_SCAN:
        problems.append(
            ReadProblem(
                first_line,
                "body",
                f"its HTML tags make Markdown scan "
                f'{cost:,} characters for the ">" that ends each one; at '
                f'most {MAX_MARKDOWN_SCAN:,} are allowed: close each "<" '
                'tag with ">", or write &lt; for a "<" that is only text',
            )
        )
    return problems


def _ends_a_step(line: str) -> bool:
    """Whether Markdown may read ``line`` as a heading, a setext heading's underline, a rule
    or a link definition, and hand the rest of its block back to be read again. More lines
    than it does (inside quotes and lists, or code, too): the bound errs on the safe side."""
    text = line.lstrip(" \t>")
    if not text:
        return False
    first = text[0]
    if first == "#":
        return True
    if first == "[":
        return "]:" in text
    return first in "-*_=" and not text.strip(first + " \t")


def block_reread(chunk: str) -> int:
    """How much Markdown reads again of one block (the text between blank lines): for each
    line that ends a step (:func:`_ends_a_step`), the rest of the block after it, in
    characters and LINE_REREAD a line. One pass, from the block's end."""
    cost = chars_after = 0
    for lines_after, line in enumerate(reversed(chunk.split("\n"))):
        if _ends_a_step(line):
            cost += chars_after + _LINE_REREAD * lines_after
        chars_after += len(line) + 1
    return cost


def fence_scan(body: str) -> int:
    """How far Markdown's fenced-code reader may scan, added up: from each line it may take
    for an opening fence to the next line that would close it (the same fence alone, then
    spaces), or to the end of the body when none would. Markdown tries only some of these
    lines (it skips the blocks it has read), so this is never less than what it scans, and
    for closed blocks it is about twice the body at most."""
    openings: list[tuple[int, int, str]] = []  # (where the line starts, ends, its fence)
    closings: dict[str, list[int]] = {}  # fence -> where the lines that close it end
    for found in _FENCE.finditer(body):
        line_end = body.find("\n", found.end())
        line_end = line_end if line_end >= 0 else len(body)
        line = body[found.start() : line_end]
        if "hl_lines=" in line:  # may run on over lines: to the end, at most
            openings.append((found.start(), line_end, ""))
        elif _FENCE_OPENING.fullmatch(line):
            openings.append((found.start(), line_end, found.group()))
        if not body[found.end() : line_end].strip(" "):
            closings.setdefault(found.group(), []).append(line_end)
    cost = 0
    for start, line_end, fence in openings:
        ends = closings.get(fence, [])
        i = bisect.bisect_right(ends, line_end)  # the first closing line after this one
        cost += (ends[i] if i < len(ends) else len(body)) - start
    return cost


def _block_problems(body: str, first_line: int) -> list[ReadProblem]:
    """Blocks Markdown reads again after each of their headings, rules and link definitions,
    and fences it scans to the end of the body for."""
    problems = []
    total, most, costliest_line = 0, 0, first_line
    paragraph_line, at = first_line, 0
    for gap in [*_PARAGRAPH_BREAK.finditer(body), None]:
        end = gap.start() if gap is not None else len(body)
        cost = block_reread(body[at:end])
        total += cost
        if cost > most:
            most, costliest_line = cost, paragraph_line
        if gap is not None:
            paragraph_line += body.count("\n", at, gap.end())
            at = gap.end()
    if total > MAX_BLOCK_REREAD:
        problems.append(
            ReadProblem(
                costliest_line,
                "body",
                'its headings, rules and link definitions ("# a", "a" over "===" or "---", '
                '"***", "[a]: ...") with no blank line after them make Markdown read the '
                "rest of their paragraph again after each one, "
                f"{total:,} characters (and {_LINE_REREAD} a line) in all "
                "(most in the paragraph on this line); at most "
                f"{MAX_BLOCK_REREAD:,} are allowed: put a blank line after each heading, "
                "rule and link definition",
            )
        )
    scan = fence_scan(body) if ("```" in body or "~~~" in body) else 0
    if scan > MAX_FENCE_SCAN:
        problems.append(
            ReadProblem(
                first_line,
                "body",
                f'its code fences ("```" or "~~~" lines) make Markdown scan {scan:,} '
                "characters for the fence that closes each one; at most "
                f"{MAX_FENCE_SCAN:,} are allowed: close each fence with the same fence "
                'on a line of its own, or indent a "```" or "~~~" that is only text',
            )
        )
    return problems


def _within_scan_bounds(body: str) -> bool:
    """Whether a body is below the scan limits by a bound over the whole body, so that
    _scan_problems has nothing to find (an ordinary body is far below; this halves the
    validator's time on bodies). Every "[" or "](" scans at most the body plus the
    placeholders of its escapes and code spans, and every mark rebuilds at most the body."""
    marks = len(_INLINE_SYNTAX.findall(body))
    reach = len(body) + _PLACEHOLDER * marks
    return (
        body.count("[") * reach <= MAX_MARKDOWN_SCAN
        and body.count("](") * reach <= MAX_MARKDOWN_SCAN
        and marks * len(body) <= MAX_INLINE_WORK
    )


def _scan_problems(body: str, first_line: int) -> list[ReadProblem]:
    """The bracket, link and inline-syntax costs of a body, added up over its paragraphs."""
    problems = []
    # Added up over the whole body; located at the paragraph that costs the most.
    totals = {
        _bracket_scan: [0, 0, first_line],
        _link_scan: [0, 0, first_line],
        _inline_work: [0, 0, first_line],
    }
    paragraph_line, at = first_line, 0
    for gap in [*_PARAGRAPH_BREAK.finditer(body), None]:
        end = gap.start() if gap is not None else len(body)
        for scan, total in totals.items():
            cost = scan(body[at:end])
            total[0] += cost
            if cost > total[1]:
                total[1:] = [cost, paragraph_line]
        if gap is not None:
            paragraph_line += body.count("\n", at, gap.end())
            at = gap.end()
    for scan, what, fix in (
        (
            _bracket_scan,
            'square brackets ("[" without a nearby "]")',
            'close each "[" with "]", or write "\\[" for a bracket that is only text',
        ),
        (
            _link_scan,
            'link addresses ("](" without a nearby ")")',
            'close each link address with ")", or write "\\(" after a "]"',
        ),
    ):
        cost, _, costliest_line = totals[scan]
        if cost > MAX_MARKDOWN_SCAN:
            problems.append(
                ReadProblem(
                    costliest_line,
                    "body",
                    f"its {what} make Markdown scan {cost:,} "
                    f"characters (most in the paragraph on this line); at "
                    f"most {MAX_MARKDOWN_SCAN:,} are allowed: {fix}",
                )
            )
    work, _, costliest_line = totals[_inline_work]
    if work > MAX_INLINE_WORK:
        problems.append(
            ReadProblem(
                costliest_line,
                "body",
                "its inline syntax (\\ * _ ` [ ! < &) makes "
                f"Markdown copy {work:,} characters, as each mark rebuilds "
                "its paragraph (most in the paragraph on this line); at most "
                f"{MAX_INLINE_WORK:,} are allowed: split long paragraphs "
                "with blank lines, or use fewer marks",
            )
        )
    return problems


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
                problems.append(
                    ReadProblem(
                        node.line,
                        where(),
                        "a key must be a plain name such as title:, not a list or mapping",
                    )
                )
                frame[1], frame[2] = _BAD_KEY, node.line
            else:
                frame[1], frame[2] = node.value, node.line
            return
        key, key_line = frame[1], frame[2]
        if key is _BAD_KEY:
            frame[1] = None
            return
        if key in parent.value:
            problems.append(
                ReadProblem(
                    key_line,
                    where(),
                    f"duplicate key {key!r} (first on line {parent.key_lines[key]}); keep only one",
                )
            )
            frame[1] = None
            return
        frame[1], frame[3] = None, key
        parent.value[key] = node
        parent.key_lines[key] = key_line

    def refuse(event: ScalarEvent | CollectionStartEvent, line: int) -> None:
        if event.anchor is not None:
            problems.append(
                ReadProblem(
                    line,
                    where(),
                    f"YAML anchors (&{event.anchor}) are not allowed; write the value out in full",
                )
            )
        if event.tag is not None:
            tag = f"!!{_short_tag(event.tag)}" if event.tag.startswith(_TAG_PREFIX) else event.tag
            problems.append(
                ReadProblem(
                    line,
                    where(),
                    f"YAML tags ({tag}) are not allowed; event files hold plain data only",
                )
            )

    try:
        while True:
            event = parser.get_event()
            # libyaml marks every event with where it starts and ends, and hands out events
            # up to the end of the stream, where this loop stops.
            assert event is not None and event.start_mark is not None
            # Scalars first: most events are; the end of a collection needs no line.
            if isinstance(event, ScalarEvent):
                line = event.start_mark.line + offset
                tag = _scalar_tag(event)
                if event.anchor is not None or event.tag is not None:
                    refuse(event, line)
                    tag = REFUSED
                written = None
                if event.style == '"':
                    assert event.end_mark is not None
                    source = text[event.start_mark.index : event.end_mark.index]
                    written = source if "\\" in source else None
                attach(Node(SCALAR, event.value, line, tag, written=written))
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                stack.pop()
            elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                line = event.start_mark.line + offset
                if len(stack) >= MAX_DEPTH:
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
                    refuse(event, line)
                    node.tag = REFUSED
                attach(node)
                stack.append([node, None, line, None])
            elif isinstance(event, AliasEvent):
                line = event.start_mark.line + offset
                problems.append(
                    ReadProblem(
                        line,
                        where(),
                        f"YAML aliases (*{event.anchor}) "
                        "are not allowed; write the value out in full",
                    )
                )
                # Already reported: the checks pass over it in silence.
                attach(Node(SCALAR, "", line, REFUSED))
            elif isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlError(
                        event.start_mark.line + offset,
                        "more than one YAML document; expected one mapping of fields",
                    )
            elif isinstance(event, StreamEndEvent):
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
        return None, problems + [
            ReadProblem(
                line,
                "yaml",
                f"YAML syntax error: {what}; check the "
                'indentation, and quote text that contains ": " '
                "or starts with a special character",
            )
        ]
    except yaml.YAMLError as exc:
        # ReaderError (control characters) gives a character position, not a mark.
        position = getattr(exc, "position", None)
        line = offset + (text.count("\n", 0, position) if isinstance(position, int) else 0)
        reason = str(exc).split("\n")[0]
        return None, problems + [
            ReadProblem(
                line,
                "yaml",
                f"YAML cannot read this: {reason}; expected text without control characters",
            )
        ]
    finally:
        parser.dispose()
    return root, problems


# --- finding the files of an events folder ----------------------------------------

VOCABULARY_FILE = "vocabulary.yml"
BIBLIOGRAPHY_FILE = "bibliography.yml"
DATA_FILES = (VOCABULARY_FILE, BIBLIOGRAPHY_FILE)
# Files that are in the events folder but are not events: notes for contributors.
NOT_EVENTS = ("README.md",)


@dataclass(frozen=True)
class EventFiles:
    """What an events folder holds, as paths relative to it, each list sorted."""

    events: list[str]  # *.md event files, in any subfolder
    misnamed: list[str]  # files that look like events or data under another name
    refused: list[str]  # links, devices, pipes: never read nor followed


def find_event_files(events_dir: Path) -> EventFiles:
    """The event files of ``events_dir``.

    Event files are the ``*.md`` files in any subfolder, except README.md and
    anything whose name starts with ``_`` or ``.`` (notes, drafts, editor
    files). Files that look like events or data under another name are
    listed apart so they are reported rather than silently skipped.
    Symbolic links, devices, pipes and anything else that is not a regular
    file or folder are never read or followed.
    """
    events: list[str] = []
    misnamed: list[str] = []
    refused: list[str] = []
    for folder, dirs, files in os.walk(events_dir):
        rel_folder = os.path.relpath(folder, events_dir)
        kept: list[str] = []
        for name in sorted(d for d in dirs if not d.startswith(("_", "."))):
            rel = name if rel_folder == "." else os.path.join(rel_folder, name)
            # os.walk lists a link to a folder among the folders, and does not follow it.
            (refused if os.path.islink(os.path.join(folder, name)) else kept).append(rel)
        dirs[:] = [os.path.basename(rel) for rel in kept]
        for name in sorted(files):
            if name.startswith(("_", ".")) or name in NOT_EVENTS:
                continue
            rel = name if rel_folder == "." else os.path.join(rel_folder, name)
            if rel not in DATA_FILES and not_regular(os.path.join(folder, name)):
                refused.append(rel)
                continue
            lower = name.lower()
            if name.endswith(".md"):
                events.append(rel)
            elif lower.endswith((".md", ".markdown", ".mdown", ".mkd")) or (
                lower.endswith((".yml", ".yaml")) and rel not in DATA_FILES
            ):
                misnamed.append(rel)
    return EventFiles(sorted(events), sorted(misnamed), sorted(refused))


def not_regular(path: str) -> str | None:
    """What the file at ``path`` is when it is not a regular file ("a symbolic link"...)."""
    try:
        return not_a_file(os.lstat(path).st_mode)
    except OSError:
        return None  # gone since listed: reading it will say so
