"""A body that is plain prose is not handed to Markdown and the cleaner: its HTML is
written directly (sanitize.render_body). Both ways give the same bytes, for prose of
every shape the shortcut takes, and anything else still goes through Markdown."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policy_timeline.source import sanitize
from policy_timeline.source.sanitize import render_body, rendered_body

SAME = settings(derandomize=True, database=None, deadline=None, max_examples=1000)
# What a line of prose may hold, with runs that look like syntax elsewhere.
PIECES = st.sampled_from(
    list("AaZz09 .,;:?'\"()%/-")
    + ["  ", " -- ", "- ", "1. ", "(a) ", "e.g.", "---", "...", "'s", '"q"', "http://a.b/c", "a:b"]
)
LINE = st.lists(PIECES, min_size=1, max_size=8).map("".join)
BODY = st.lists(
    st.tuples(LINE, st.sampled_from(["\n", "\n\n", "\n\n\n"])), min_size=1, max_size=5
).map(lambda lines: "".join(line + end for line, end in lines))


@SAME
@given(BODY)
def test_prose_has_the_bytes_markdown_and_the_cleaner_give_it(body):
    for text in (body, body.strip(), body.strip("\n")):
        assert render_body(text) == (rendered_body(text) if text.strip() else "")


def test_prose_is_written_directly_and_the_rest_goes_through_markdown():
    prose = "The State Council issues the plan (2017): 3 steps, 100% of it.\n\nSecond 'one'."
    assert sanitize._PROSE.fullmatch(prose)
    assert render_body(prose) == (
        "<p>The State Council issues the plan (2017): 3 steps, 100% of it.</p>\n"
        "<p>Second 'one'.</p>"
    )
    # Each of these starts a syntax (or a line break, or a character the cleaner
    # writes otherwise): Markdown reads it.
    for text, html in [
        ("A *stress*", "<p>A <em>stress</em></p>"),
        ("- item", "<ul>\n<li>item</li>\n</ul>"),
        ("2017. A year", "<ol start=\"2017\">\n<li>A year</li>\n</ol>"),
        ("Title\n---", "<h2>Title</h2>"),
        ("Line  \nbreak", "<p>Line<br>\nbreak</p>"),
        ("    code", "<pre><code>code\n</code></pre>"),
        ("AT&T <b>x</b>", "<p>AT&amp;T <b>x</b></p>"),
        ("no\u00a0break", "<p>no&nbsp;break</p>"),
    ]:
        assert not sanitize._PROSE.fullmatch(text), text
        assert render_body(text) == rendered_body(text) == html, text
