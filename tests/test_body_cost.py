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
