"""What makes an event's Markdown body unsafe or too costly to render, found before it is.

Unsafe: control and invisible characters, and web addresses with a user name
("https://gov.cn@127.0.0.1/" reads as one host and leads to another).

Too costly: a body is read by Python-Markdown, whose cost is linear for text but not
for every arrangement of syntax: an opening "[" is matched by scanning
forward to its "]" (to the end of the paragraph when there is none), a
link's "(" to its ")", and an HTML start tag to its ">". 12,000 "[" took
19 s. And it recurses once per level of nested lists and quotes. These
checks bound both before the body is rendered, in one linear pass each.
"""

from __future__ import annotations

import bisect
import re

from policy_timeline.source import chars
from policy_timeline.source.load import ReadProblem

MAX_BODY_DEPTH = 10
# Characters Markdown may scan in one body for each kind of opener: about
# 0.1 s of rendering at the most (tests/source/test_body_cost.py counts it).
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
# most (tests/source/test_body_cost.py counts the work), so about 0.1 s.
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
    if "@" not in text:
        return None
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
    # The body is searched whole; only one that holds what is looked for is read line by line.
    if chars.refused(body):
        for number, line in enumerate(body.split("\n"), start=first_line):
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
        for number, line in enumerate(body.split("\n"), start=first_line):
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
    deep = body.split("\n") if _DEEP_LINE.search(body) else ()
    for number, line in enumerate(deep, start=first_line):
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
