"""The copies the theme's search reads of generated blocks (mkdocs/search.py) index as the
blocks themselves would, by the theme's own parser: for random HTML, both ways of making
them, for every block render_pages marks (generated.Tagged) on the fixture's and the
hostile fixture's pages, and for what the search must read whole."""
from __future__ import annotations

import re

import pytest
from conftest import FIXTURES
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser, void

from policy_timeline import render_pages
from policy_timeline.build import prepare
from policy_timeline.generated import LateBlock
from policy_timeline.mkdocs.search import (
    BOUNDARY,
    KEPT,
    VOID,
    careful_copy,
    quick_copy,
    search_copy,
)


def test_the_kept_and_void_tags_are_the_installed_themes():
    assert Parser().keep == KEPT
    assert void == VOID


def index_of(block: str) -> list[tuple]:
    """The sections the theme's search makes of a page holding ``block`` between
    other blocks, as a generated page holds it."""
    page = ('<h1 id="title">Title<a class="headerlink" href="#title">&para;</a></h1>\n'
            '<p class="pt-summary">Before  it.</p>\n'
            f"{block}\n"
            "<p>Then this.</p>\n"
            '<h2 id="sources">Sources<a class="headerlink" href="#sources">&para;</a></h2>\n'
            "<p>After it.</p>\n")
    parser = Parser()
    parser.feed(page)
    parser.close()
    return [("".join(s.title).strip(), "".join(s.text).strip(), s.id, s.is_excluded())
            for s in parser.data]


def wrapped(copy: str) -> str:
    """A copy as the plugin hands it to the search, between its markers."""
    return f"<!--pt-copy-0-->{copy}<!--pt-copy-end-->"


def copied(block: str) -> str:
    made = search_copy(block)
    assert made is not None, block
    return wrapped(made[0])


# --- random HTML ---------------------------------------------------------------------

# Pieces of text, white space alone often: what the parser treats apart.
TEXT = st.one_of(
    st.sampled_from([" ", "\n", "\t", "  ", " \n", "\xa0", "&nbsp;", "&#10;", "&#32;"]),
    st.sampled_from(["a", "b c", "Read at x.org", "&amp;", "&#x27;", "1."]),
    st.lists(st.sampled_from(["a", "b", " ", "  ", "\n", "\t", "&amp;", "&nbsp;", "\xa0",
                              "&#10;", "&lt;", ">", ".", "'"]),
             min_size=1, max_size=6).map("".join),
)
ATTRS = st.sampled_from(["", ' class="pt-x"', ' href="https://x.org/?a=1&amp;b=>2"',
                         ' data-search-exclude="true"', " data-search-exclude",
                         ' data-x="1" xdata-search-exclude="true"',
                         " title='a > b'", ' data-search-boost="2"', " hidden"])
CONTAINERS = ["p", "li", "ul", "ol", "code", "pre", "sub", "sup", "span", "a", "cite", "q",
              "em", "strong", "div", "table", "tr", "td", "dl", "dd", "P", "Span"]
VOIDS = ["br", "img", "hr", "wbr"]


def _element(tag: str, attrs: str, children: list[tuple[str, bool, frozenset]]):
    """(HTML, whether an excluded element in it holds one of its own name, its tags).

    Inside an excluded element, only its own name matters: the theme's parser skips
    all of it up to the first end tag of that name."""
    tags = frozenset().union(*(c[2] for c in children))
    name = tag.lower()
    excluded = re.search(r"(?:^|\s)data-search-exclude", attrs)
    bad = name in tags if excluded else any(c[1] for c in children)
    return (f"<{tag}{attrs}>{''.join(c[0] for c in children)}</{tag}>", bad, tags | {name})


def elements(depth: int = 0):
    leaf = st.one_of(
        TEXT.map(lambda text: (text, False, frozenset())),
        st.builds(lambda t, a: (f"<{t}{a}>", False, frozenset({t})), st.sampled_from(VOIDS), ATTRS))
    if depth >= 3:
        return leaf
    element = st.builds(_element, st.sampled_from(CONTAINERS), ATTRS,
                        st.lists(elements(depth + 1), max_size=4))
    return st.one_of(leaf, element)


@settings(max_examples=1500, deadline=None)
@given(st.lists(elements(), min_size=1, max_size=5))
def test_a_copy_indexes_as_its_block(parts):
    block = "".join(part[0] for part in parts)
    try:
        index = index_of(block)
    except ValueError:
        # The theme's parser fails on some HTML ("<li> is not in list" for an excluded
        # <li> holding another): no page holds such a block; nothing to compare.
        assume(False)
    # Only an excluded element that holds one of its own name is read whole: the
    # theme's parser stops skipping at the inner one's end.
    careful = careful_copy(block)
    assert (careful is None) == any(part[1] for part in parts)
    if careful is not None:
        assert index_of(wrapped(careful)) == index
    quick = quick_copy(block)
    if quick is not None:
        assert index_of(wrapped(quick)) == index
    made = search_copy(block)
    assert (made is None) == (careful is None and quick is None)
    if made is not None:
        assert made[0] == (quick if quick is not None else careful)
        # What the page keeps is what the theme's search leaves of the block.
        assert made[1] == re.sub(r'\s?data-search-\w+="[^"]+"', "", block)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["span", "cite", "a", "q", "em"]), ATTRS,
                          st.sampled_from(["a", "b c", "Read at x.org", "&amp;", "’", "1."]),
                          st.sampled_from(["", " ", ". ", "\n", ", "])), min_size=1, max_size=8))
def test_the_quick_copy_of_citations_is_exact(items):
    """Citations as render_pages writes them: inline elements, text, single spaces."""
    block = "<li>" + "".join(f"<{t}{a}>{text}</{t}>{after}" for t, a, text, after in items) + "</li>"
    quick = quick_copy(block)
    if quick is not None:
        assert index_of(wrapped(quick)) == index_of(block)


def test_the_copy_drops_what_the_search_does_not_keep():
    block = ('<li class="pt-citation"><span class="pt-authors">Roberts et al.</span> (2021). '
             '<cite><a href="../../sources/roberts-2021/">The Chinese approach</a></cite>. '
             '<a class="pt-external" href="https://x.org/">Read at x.org<span '
             'class="pt-visually-hidden" data-search-exclude="true"> (external site)</span>'
             "</a></li>")
    copy, kept = search_copy(block)
    assert copy == ('<li class="pt-citation">Roberts et al. (2021). The Chinese approach. '
                    "Read at x.org</li>")
    assert careful_copy(block) == "<li>Roberts et al. (2021). The Chinese approach. Read at x.org</li>"
    assert kept == block.replace(' data-search-exclude="true"', "")
    assert index_of(copied(block)) == index_of(block)


def test_white_space_between_dropped_tags_keeps_its_boundary():
    # The parser collapses a piece of white space alone, and drops it after another;
    # merged into its neighbours, it would be kept as it is.
    block = "<p>a<span>  </span><em>\t</em>b</p>"
    copy, _ = search_copy(block)
    assert quick_copy(block) is None
    assert copy == f"<p>a{BOUNDARY}  {BOUNDARY}\t{BOUNDARY}b</p>"
    assert index_of(copied(block)) == index_of(block)
    assert index_of("<p>a  \tb</p>") != index_of(block)  # why the boundaries are there


@pytest.mark.parametrize("block", [
    '<h3 id="x">A heading</h3><p>text</p>',  # a section of its own
    "<p>a</p><script>var x = '<p>';</script>",
    "<style>p { color: red }</style>",
    "<p>a <!-- a comment --> b</p>",
    "<p>a < b</p>",  # a stray "<"
    "<p/>",
    '<span data-search-exclude="true"><span>nested</span> same name</span>',
    '<table class="linenodiv"><tr><td>1</td></tr></table>',
])
def test_what_the_copy_would_not_reproduce_is_read_whole(block):
    assert quick_copy(block) is None and careful_copy(block) is None


@pytest.mark.parametrize("block", ["<p><span>unclosed</p>", "<p>closed twice</p></p>"])
def test_the_careful_copy_refuses_html_that_is_not_well_formed(block):
    # The quick copy is for HTML render_pages writes, which is; the theme's parser
    # ignores an end tag that does not close the last element open.
    assert careful_copy(block) is None


@pytest.mark.parametrize("name", ["site", "hostile"])
def test_the_marked_blocks_of_generated_pages_are_copied(name):
    """The shortcut is taken where render_pages marks a block (the citations, the
    figures table), exactly, for the fixture's pages and for hostile text. The byte-for-byte test of the shortcuts shows the
    whole index is the same."""
    build = prepare(FIXTURES / "events" / name, workers=1)
    pages = [render_pages.event_page(build, event) for event in build.index.events]
    pages += [render_pages.source_page(build, key, group) for key, group in build.index.sources.items()]
    marked = 0
    for page in pages:
        for number, block in enumerate(page.blocks):
            if f"<!--pt-tagged-{number}-->" not in page.markdown:
                continue
            if isinstance(block, LateBlock):  # an event page's part, made when filled in
                block = block.html()
            marked += 1
            made = search_copy(block)
            assert made is not None, block[:300]
            assert index_of(wrapped(made[0])) == index_of(block)
            # Citations go the quick way (a table's rows are parted by newlines the
            # careful way keeps apart).
            if 'class="pt-figures"' not in block:
                assert quick_copy(block) is not None, block[:300]
    assert marked >= len(build.index.events) + len(build.index.sources)


def test_a_page_filled_by_way_of_copies_ends_as_it_would_without():
    """Both fills, as the plugin runs them around the theme's search (which takes its
    valued data-search-* attributes out of the page it has read): the same page."""
    build = prepare(FIXTURES / "events" / "site", workers=1)
    theme_strip = re.compile(r'\s?data-search-\w+="[^"]+"')
    copies = 0
    for event in build.index.events:
        pages = [render_pages.event_page(build, event) for _ in range(2)]
        html = "<h1>x</h1>\n" + "\n".join(
            line for line in pages[0].markdown.splitlines() if line.startswith("<!--pt-"))
        searched = [theme_strip.sub("", pages[0].fill(html, searchable_only=True,
                                                        search_copy=search_copy)),
                    theme_strip.sub("", pages[1].fill(html, searchable_only=True))]
        copies += searched[0].count("<!--pt-copy-end-->")
        assert "<!--pt-copy-" not in searched[1]
        assert pages[0].fill(searched[0]) == pages[1].fill(searched[1])
    assert copies >= len(build.index.events)
