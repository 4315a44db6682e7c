"""Rendering a body costs about what ordinary text of its size costs.

Python-Markdown scans forward from each "[" to its "]", from a link's "(" to
its ")" and from each HTML start tag to its ">", and rebuilds a paragraph's
text for every inline mark: 12,000 "[" took 19 s. The validator bounds each
of these (policy_timeline.source.body_checks.body_problems). For every such arrangement of syntax,
the most the validator accepts in a 100 KB body costs a few times what
ordinary text of that size costs, counted (render_work: calls, characters
searched, link steps), not timed, and a little more is refused.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from render_work import beyond_ordinary, ordinary_work

from policy_timeline.source import body_checks
from policy_timeline.source.body_checks import body_problems
from policy_timeline.source.load import MAX_EVENT_BYTES
from policy_timeline.source.sanitize import render_body

ORDINARY = ("Plain words of text with *emphasis* and a [link](https://example.org/x), "
            "`code` and more.\n")
SIZE = MAX_EVENT_BYTES - 1024      # a body, with room for the front matter
PATTERNS = ["[", "![", "[a", "[x](", "[^", "[[]]", "\\[", "\\\\[", "<a ", '<a x=">" ',
            "<http://a", "*a", "`", "<div>\n", "- ", "> ", "&#"]


def body(unit: str, times: int) -> str:
    out = unit * times + "\n\n"
    return (out + ORDINARY * (SIZE // len(ORDINARY) + 1))[:SIZE]


def most_accepted(unit: str) -> int:
    """The most repetitions of ``unit`` the validator accepts in a body of SIZE."""
    low, high = 0, SIZE // len(unit)
    while low < high:
        middle = (low + high + 1) // 2
        if body_problems(body(unit, middle), 1):
            high = middle - 1
        else:
            low = middle
    return low


def test_ordinary_text_of_the_size_limit_is_accepted_and_rendered():
    assert body_problems(body("", 0), 1) == []
    assert "<em>emphasis</em>" in render_body(body("", 0))
    assert min(vars(ordinary_work(SIZE)).values()) > 0


@pytest.mark.parametrize("unit", PATTERNS)
def test_the_most_syntax_accepted_costs_what_ordinary_text_does_and_more_is_refused(unit):
    times = most_accepted(unit)
    assert beyond_ordinary(body(unit, times)) == {}, (unit, times)
    if times * len(unit) < SIZE - 2:
        assert body_problems(body(unit, times + 1), 1), (unit, times)


def test_the_counts_find_a_body_that_costs_more():
    # 50,000 "*a" (the validator refuses it) took over a second where ordinary text takes a
    # tenth: the inline processor searches 7 times as much text.
    assert "inline_chars" in beyond_ordinary(body("*a", SIZE // 2))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="[]()\\`*_!<&a \n", max_size=120),
       st.integers(min_value=1, max_value=400), st.integers(min_value=1, max_value=4000))
def test_the_quick_bound_never_passes_a_body_the_full_scan_refuses(text, scan_limit, work_limit):
    # The validator skips the paragraph by paragraph scan when a bound over the whole body is
    # within the limits; with limits small enough to be reached, the bound must never be
    # within them where the full scan finds a problem.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(body_checks, "MAX_MARKDOWN_SCAN", scan_limit)
        patch.setattr(body_checks, "MAX_INLINE_WORK", work_limit)
        if body_checks._scan_problems(text, 1):
            assert not body_checks._within_scan_bounds(text)


def test_deep_nesting_is_found_behind_the_quick_check():
    # Only lines that start with more than MAX_BODY_DEPTH characters of indent and markers
    # are measured; a tab or a ">" is a level in one character.
    for line in ("\t" * 11 + "x", ">" * 11 + " x", "- " * 6 + "\t" * 5 + "x"):
        assert body_problems("text\n\n" + line + "\n", 1), line
    assert body_problems("\t" * 10 + "x\n", 1) == []


# --- blocks Markdown reads again, and fences it scans to the end for -------------------
#
# Python-Markdown hands back the rest of a block after each heading, rule or link definition
# at its start, and every block processor tests that rest again from its start: 20,000
# one-letter setext headings (80 KB) took 27 s. What these tests count is that work itself,
# the characters handed to the block processors' tests, not the time it takes.

BLOCK_UNITS = ["# a\n", "a\n=\n", "a\n-\n", "---\n", "- - -\n", "a\n***\n", "#\n", "# a #\n",
               "    a\n# a\n", "> # a\n", "- a\n  # b\n", "[a]: /x\nb\n"]


def block_work(text: str) -> int:
    """The characters Markdown's block processors test while rendering ``text``."""
    from policy_timeline.source.sanitize import _BODY_MARKDOWN

    work = 0
    processors = list(_BODY_MARKDOWN.parser.blockprocessors)
    originals = [processor.test for processor in processors]

    def counting(test):
        def counted(parent, block):
            nonlocal work
            work += len(block)
            return test(parent, block)
        return counted

    try:
        for processor, test in zip(processors, originals):
            processor.test = counting(test)
        render_body(text)
    finally:
        for processor in processors:
            del processor.test  # the class's own again
    return work


def test_ordinary_text_is_tested_a_few_times_over():
    assert block_work(body("", 0)) < 20 * SIZE


@pytest.mark.parametrize("unit", BLOCK_UNITS)
def test_blocks_read_again_after_each_line_are_bounded(unit):
    # A body of nothing else is refused, at once (it took up to a minute to render) ...
    assert body_problems(body(unit, SIZE // len(unit)), 1)
    # ... and the most of it the validator accepts is read a bounded number of times over
    # (about 20 s of rendering took 50,000 times its size).
    times = most_accepted(unit)
    assert 500 < times < SIZE // len(unit)
    assert block_work(body(unit, times)) < 300 * SIZE, (unit, times)
    assert body_problems(body(unit, times + 1), 1)


BLOCK_SYNTAX = st.lists(st.sampled_from(
    ["# a", "a", "=", "-", "---", "***", "* * *", "- a", "1. a", "> ", ">", "> # a", "  # b",
     "    a", "    - a", "[a]: /x", "a|b", "-|-", "", "\t", "<div>", "</div>", "~~~", "```"]),
    min_size=1, max_size=120).map("\n".join)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(BLOCK_SYNTAX)
def test_the_bound_counts_at_least_what_markdown_reads_again(text):
    # Whatever the arrangement, what the block processors test is the text a few times over
    # plus a few times what the validator counts (body_checks.block_reread), so that a limit on the
    # count is a limit on the work.
    counted = sum(body_checks.block_reread(chunk) for chunk in body_checks._PARAGRAPH_BREAK.split(text))
    # 24 times the text was too tight for a quote holding a nested list and an HTML end tag
    # ('> \n- a\n    - a\n</div>': 617 against 604); the work is still linear in the text.
    assert block_work(text) <= 32 * len(text) + 100 + 6 * counted


def _fence_scan_by_markdown(text: str) -> int:
    """How far Markdown's own fence expression reads, attempt by attempt: each line start
    from which it matches, to its match's end; each opening line it does not close, to the
    end of the text (where its lazy scan for a closing fence stops)."""
    from markdown.extensions.fenced_code import FencedBlockPreprocessor

    whole = FencedBlockPreprocessor.FENCED_BLOCK_RE
    # Its expression up to the end of the opening line.
    opening = re.compile(whole.pattern.split("(?P<code>")[0], whole.flags)
    cost, at = 0, 0
    for line in re.finditer(r"(?m)^", text):
        start = line.start()
        if start < at:
            continue
        match = whole.match(text, start)
        if match:
            cost += match.end() - start
            at = match.end()
        elif opening.match(text, start):
            cost += len(text) - start
    return cost


FENCE_SYNTAX = st.lists(st.sampled_from(
    ["~~~", "~~~~", "```", "````", "~~~x", "```x", "~~~ ", "a", "", "``` {", "~~~ .py",
     " ~~~", "~~~ {.x}", "``` {a}}", "~~~ hl_lines=\"1", "\"", "~~~ a b", "}"]),
    min_size=1, max_size=60).map("\n".join)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(FENCE_SYNTAX)
def test_the_fence_scan_is_at_least_what_markdown_scans(text):
    assert body_checks.fence_scan(text) >= _fence_scan_by_markdown(text)


def test_unclosed_fences_are_refused_and_closed_ones_are_not():
    unclosed = "~~~x\n" * 2000  # each scans to the end: 10 MB read for a 10 KB body
    assert body_checks.fence_scan(unclosed) == _fence_scan_by_markdown(unclosed) == 10_005_000
    [problem] = body_problems(unclosed, 9)
    assert (problem.line, problem.field) == (9, "body")
    assert problem.message == (
        'its code fences ("```" or "~~~" lines) make Markdown scan 10,005,000 characters for '
        "the fence that closes each one; at most 6,000,000 are allowed: close each fence with "
        'the same fence on a line of its own, or indent a "```" or "~~~" that is only text')
    closed = "~~~x\ncode\n~~~\n\n" * 6500  # 97.5 KB of closed code blocks: each read once
    assert _fence_scan_by_markdown(closed) < len(closed) <= body_checks.fence_scan(closed)
    assert body_checks.fence_scan(closed) < 3 * len(closed)
    assert body_problems(closed, 1) == []


# --- a web address with a user name, found in one pass ---------------------------------

_USERINFO_AS_BEFORE = re.compile(r"(?i)\bhttps?:(?://|\\\\)[^\s/?#<>()\[\]\"'`]*@")


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(["http:", "https:", "HTTP:", "//", "\\\\", "\\", "@", "a", ".",
                                 " ", "/", "x@", "(", "'", "#"]), max_size=40).map("".join))
def test_a_user_name_is_found_where_the_expression_found_it(text):
    found = _USERINFO_AS_BEFORE.search(text)
    assert body_checks.userinfo_url(text) == (found.start() if found else None)


class _Scanned:
    """body_checks._AUTHORITY_END, counting the characters each search reads."""

    def __init__(self, pattern):
        self.pattern, self.read = pattern, 0

    def search(self, text, start):
        found = self.pattern.search(text, start)
        self.read += (found.start() + 1 if found else len(text)) - start
        return found


@pytest.mark.parametrize("unit", [".http:\\\\a", "http:\\\\", "https://a.b", "http:\\\\a@"])
def test_addresses_are_read_once_each(unit, monkeypatch):
    # ".http:\\\\a" 11,000 times (99 KB) took 2.8 s to validate: the expression scanned from
    # each address to the end of all of them.
    scanned = _Scanned(body_checks._AUTHORITY_END)
    monkeypatch.setattr(body_checks, "_AUTHORITY_END", scanned)
    text = unit * (SIZE // len(unit))
    body_checks.userinfo_url(text)
    assert scanned.read <= len(text)
