"""Rendering a body costs about what ordinary text of its size costs.

Python-Markdown scans forward from each "[" to its "]", from a link's "(" to
its ")" and from each HTML start tag to its ">", and rebuilds a paragraph's
text for every inline mark: 12,000 "[" took 19 s. The validator bounds each
of these (policy_timeline.load.body_problems). For every such arrangement of syntax,
the most the validator accepts in a 100 KB body renders within a generous
bound, and a little more is refused.
"""
from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_timeline import load
from policy_timeline.load import MAX_EVENT_BYTES, body_problems
from policy_timeline.sanitize import render_body

ORDINARY = ("Plain words of text with *emphasis* and a [link](https://example.org/x), "
            "`code` and more.\n")
SIZE = MAX_EVENT_BYTES - 1024      # a body, with room for the front matter
BOUND = 3.0                        # seconds; ordinary text of this size takes about 0.1 s
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


def render_time(text: str) -> float:
    started = time.perf_counter()
    render_body(text)
    return time.perf_counter() - started


def test_ordinary_text_of_the_size_limit_renders_quickly():
    assert body_problems(body("", 0), 1) == []
    assert render_time(body("", 0)) < BOUND


@pytest.mark.parametrize("unit", PATTERNS)
def test_the_most_syntax_accepted_renders_in_time_and_more_is_refused(unit):
    times = most_accepted(unit)
    assert render_time(body(unit, times)) < BOUND, (unit, times)
    if times * len(unit) < SIZE - 2:
        assert body_problems(body(unit, times + 1), 1), (unit, times)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="[]()\\`*_!<&a \n", max_size=120),
       st.integers(min_value=1, max_value=400), st.integers(min_value=1, max_value=4000))
def test_the_quick_bound_never_passes_a_body_the_full_scan_refuses(text, scan_limit, work_limit):
    # The validator skips the paragraph by paragraph scan when a bound over the whole body is
    # within the limits; with limits small enough to be reached, the bound must never be
    # within them where the full scan finds a problem.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(load, "MAX_MARKDOWN_SCAN", scan_limit)
        patch.setattr(load, "MAX_INLINE_WORK", work_limit)
        if load._scan_problems(text, 1):
            assert not load._within_scan_bounds(text)


def test_deep_nesting_is_found_behind_the_quick_check():
    # Only lines that start with more than MAX_BODY_DEPTH characters of indent and markers
    # are measured; a tab or a ">" is a level in one character.
    for line in ("\t" * 11 + "x", ">" * 11 + " x", "- " * 6 + "\t" * 5 + "x"):
        assert body_problems("text\n\n" + line + "\n", 1), line
    assert body_problems("\t" * 10 + "x\n", 1) == []
