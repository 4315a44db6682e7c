"""What rendering a body costs, counted rather than timed, so that a bound on it holds on
any machine, however busy.

Three counts: the functions called, Python's and the built-ins (sys.setprofile; the scan
from each "[" to its "]" appends each character it passes); the characters of text
Markdown's inline processor searches, pattern after pattern (it rebuilds a paragraph's text
for every inline mark); and the lines run by the loop that reads a link's "(" to its ")",
which calls nothing (sys.settrace, on that function only). Measured against ordinary text of
the same size, the bodies that took seconds count several times as much on one of them
(WITHIN below).
"""
from __future__ import annotations

import functools
import sys
from dataclasses import dataclass, fields

from markdown.inlinepatterns import LinkInlineProcessor

from policy_timeline.source.sanitize import _BODY_MARKDOWN, render_body, rendered_body


@dataclass
class Work:
    calls: int = 0
    inline_chars: int = 0
    link_steps: int = 0

    def __str__(self) -> str:
        return f"{self.calls:,} calls, {self.inline_chars:,} characters searched, {self.link_steps:,} link steps"

    def times(self, other: Work) -> dict[str, float]:
        """Each count as a multiple of ``other``'s."""
        return {f.name: getattr(self, f.name) / max(1, getattr(other, f.name))
                for f in fields(self)}


def render_work(text: str) -> Work:
    """Render ``text`` as an event's body is rendered, counting its work."""
    work = Work()
    inline = _BODY_MARKDOWN.treeprocessors["inline"]
    apply_pattern = inline._InlineProcessor__applyPattern
    links = [p for p in _BODY_MARKDOWN.inlinePatterns if isinstance(p, LinkInlineProcessor)]
    get_link = LinkInlineProcessor.getLink.__code__

    def counted_apply(pattern, data, index, start=0):
        work.inline_chars += len(data) - start
        return apply_pattern(pattern, data, index, start)

    def count_line(frame, event, arg):
        if event == "line":
            work.link_steps += 1
        return count_line

    def trace_scanners(frame, event, arg):
        return count_line if frame.f_code is get_link else None

    def traced(method):
        def get_link_counted(data, index):
            previous = sys.gettrace()
            sys.settrace(trace_scanners)
            try:
                return method(data, index)
            finally:
                sys.settrace(previous)
        return get_link_counted

    def count_call(frame, event, arg):
        if event in ("call", "c_call"):
            work.calls += 1

    inline._InlineProcessor__applyPattern = counted_apply
    for pattern in links:
        pattern.getLink = traced(pattern.getLink)
    previous = sys.getprofile()
    sys.setprofile(count_call)
    try:
        # Through Markdown, as every body but plain prose is (render_body writes that
        # without it): ordinary text's work stays what Markdown does with it.
        (rendered_body if text.strip() else render_body)(text)
    finally:
        sys.setprofile(previous)
        del inline._InlineProcessor__applyPattern  # the class's own again
        for pattern in links:
            del pattern.getLink
    return work


ORDINARY = "Plain words of text with *emphasis* and a [link](https://example.org/x), `code` and more.\n"
SHORT = "a\n\n"
# Rendering costs at most this many times what the costliest ordinary text of its size costs,
# on each count: one long paragraph of prose (ORDINARY over and over) or one-letter
# paragraphs (SHORT), whichever counts more. The most the validator accepts of any syntax in
# body_cost's list counts at most 0.3, 2.1 and 21 times as much; what took seconds (12,000 "[",
# 3,000 unclosed "(", 50,000 "\\[", 50,000 "*a") counts 3.8 to 600 times as much on one of them.
WITHIN = {"calls": 2, "inline_chars": 4, "link_steps": 40}


@functools.cache
def ordinary_work(size: int) -> Work:
    """The most each count reaches rendering ``size`` characters of ordinary text."""
    prose = render_work((ORDINARY * (size // len(ORDINARY) + 1))[:size])
    short = render_work((SHORT * (size // len(SHORT) + 1))[:size])
    return Work(*(max(getattr(prose, f.name), getattr(short, f.name)) for f in fields(Work)))


def beyond_ordinary(text: str) -> dict[str, float]:
    """The counts of rendering ``text`` that are over WITHIN, as multiples of what ordinary
    text of its size counts; {} when none is."""
    ratios = render_work(text).times(ordinary_work(len(text)))
    return {name: round(ratio, 1) for name, ratio in ratios.items() if ratio > WITHIN[name]}


def count_calls(function, *args):
    """(``function(*args)``, the functions it called, Python's and the built-ins)."""
    calls = 0

    def count_call(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    previous = sys.getprofile()
    sys.setprofile(count_call)
    try:
        result = function(*args)
    finally:
        sys.setprofile(previous)
    return result, calls
