"""What the theme's search reads of a generated block: its text, without the tags it drops.

Another build shortcut (see pages.py): the same search index, made faster.

mkdocs-material's search plugin parses every page's HTML with Python's
HTMLParser, and keeps of it only headings, the text, and a few tags
(``Parser.keep`` in material/plugins/search/plugin.py). Every other tag costs a
parse of its name and attributes and two calls, for nothing. An event page's
citations are mostly such tags (spans, cites, links): at 1,000 events the
search spent more time on them than on the rest of the event pages.

:func:`search_copy` makes, of a block of finished HTML, a copy the parser turns
into exactly the same index. The plugin hands the search this copy, and puts
the block back before the page is written (generated.GeneratedPage.fill), as
the search leaves a block it has read: without its valued ``data-search-*``
attributes. render_pages marks the blocks worth it (generated.Tagged).

Two ways to the copy:

- quick, with regular expressions: drop every tag the search drops, and the
  excluded elements render_pages writes. Exact when the text has no white
  space the parser would treat apart: it collapses a piece of text that is only
  white space, and drops it after another, so merged into its neighbours such a
  piece must be one space or one newline between two others;
- careful, token by token, for the rest: kept tags bare, the text as it is, and
  an empty comment wherever a dropped tag parted two pieces of text the parser
  treats one by one.

Both are exact for well-formed HTML with no headings, scripts or styles (the
careful way checks that the HTML is well-formed; the quick way is for what
render_pages writes, which is); for anything else :func:`search_copy` gives
None and the search reads the block itself. A test parses random HTML all three ways with the theme's own parser;
another builds sites with and without the shortcuts and compares every byte, the
search index included.
"""

from __future__ import annotations

import re
from html import unescape

from policy_timeline.render.generated import VOID_ELEMENTS

# The tags the theme's search keeps in its index (Parser.keep); a test holds this
# to the installed theme's.
KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
# Tags the theme's parser never pushes (its ``void``), as HTML's void elements.
VOID = VOID_ELEMENTS
# What the copy would not reproduce: headings (sections and their permalinks), and
# elements whose text the parser skips or reads raw.
_NOT_COPIED = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "object", "textarea", "title"}
    | {"xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}
)
# A start or end tag (attribute values quoted or not), text, or any other "<" (a
# comment, a declaration, a stray one), which the copy does not reproduce.
_ATTRIBUTES = r"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*"""
_TOKEN = re.compile(rf"<(/?)([a-zA-Z][^\s/>]*)({_ATTRIBUTES})>|([^<]+)|(<)")
_EXCLUDED = re.compile(r"""(?:^|\s)data-search-exclude(?=[\s=/]|$)""", re.IGNORECASE)

# The quick way, for HTML with lower-case tag names only (as render_pages writes
# it): tags the search drops; an excluded element as render_pages writes one
# (generated.SEARCH_EXCLUDE, text only); and in the copy, what it cannot copy
# exactly: any other "<" (a <pre> too), white space other than one space or
# newline between two pieces of text, a character reference other than the ones
# sanitize.esc writes. A few plain tests first, each regular expression on its own:
# one with many branches tried at every character cost more than the copy saved.
_UPPER_CASE_TAG = re.compile(r"</?[A-Z]")
_KEPT_NAME = "|".join(sorted(KEPT))
_NOT_DROPPED = "|".join(sorted(KEPT | _NOT_COPIED))
_DROPPED_TAG = re.compile(rf"</?(?!(?:{_NOT_DROPPED})[\s/>])[a-z][a-z0-9]*(?=[\s/>]){_ATTRIBUTES}>")
_EXCLUDED_ELEMENT = re.compile(
    r'<([a-z]+)(?: class="[^"<>]*")? data-search-exclude="true">[^<]*</\1>'
)
_NOT_KEPT_TAG = re.compile(rf"<(?!/?(?:{'|'.join(sorted(KEPT - {'pre'}))})[\s>])")
_ODD_SPACE = re.compile(r"[^\S \n]")
_ODD_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt|quot|#x27|#39);)")
BOUNDARY = "<!---->"
# Where the quick way dropped a tag or an excluded element, while it checks the copy.
_DROPPED = "\x00"
# White space a dropped tag parted from text, beside a kept tag: the parser reads it
# as a piece of its own (kept, or dropped after other white space, before or after
# an empty kept element it removes); merged into the text, it reads otherwise
# ("a<br> <li></li>" indexes "a " and drops the newline after it; "a <li></li>",
# "a  ").
_SPACE_PARTED_AT_KEPT_TAG = re.compile(
    r">[\x00 \n]*?(?:\x00[ \n]|[ \n]\x00)|(?:\x00[ \n]|[ \n]\x00)[\x00 \n]*<"
)


# The theme's search takes these attributes out of a page once it has indexed it
# (SearchPlugin.on_page_context); a block it read as a copy loses them here.
_VALUED = r'data-search-\w+="[^"]+"'
_SEARCH_ATTRIBUTE = re.compile(r"\s?" + _VALUED)
_VALUED_SEARCH_ATTRIBUTE = re.compile(_VALUED)

# A heading's permalink, as mkdocs' toc extension ends a heading with it: the
# search leaves its text out of the title of the heading's section, and keeps
# nothing else of it. Only where the heading has an id (or there is no section).
_PERMALINK = re.compile(
    r'(<h([1-6]) id="[^"<>]*"[^<>]*>[^<]*)'
    r'<a class="headerlink" href="[^"<>]*" title="[^"<>]*">[^<]*</a>(</h\2>)'
)
# The sections a generated page ends with that the search leaves out whole (their
# headings carry data-search-exclude, generated.GeneratedPage.fill): a heading,
# then only placeholders of unsearched blocks, to the end of the page.
_EXCLUDED_SECTION = r'<h([1-6]) id="[^"<>]*" data-search-exclude>[^<]*(?:<a [^<>]*>[^<]*</a>)?</h\1>\s*(?:<!--pt-unsearched-[0-9]+-->\s*)*'
_EXCLUDED_TAIL = re.compile(rf"(?:{_EXCLUDED_SECTION})+\Z")


def search_view(html: str) -> str:
    """A generated page as the search needs to read it, for the same index: without its
    headings' permalinks, and without the sections it ends with that the search
    leaves out. The page itself stays as it was (the plugin keeps it)."""
    html = _PERMALINK.sub(r"\1\3", html)
    tail = html.find(" data-search-exclude>")
    if tail != -1:
        start = html.rfind("<h", 0, tail)
        if start != -1 and _EXCLUDED_TAIL.match(html, start):
            html = html[:start]
    return html


def as_left_by_search(html: str) -> str:
    """``html`` as the theme's search leaves a page it has read. The theme's expression
    tries every character; most pages hold no valued attribute for it to take (an
    event page's excluded headings have none), which a plain search finds sooner."""
    return _SEARCH_ATTRIBUTE.sub("", html) if _VALUED_SEARCH_ATTRIBUTE.search(html) else html


def search_copy(html: str) -> tuple[str, str] | None:
    """``html`` as the search needs it, and ``html`` as the search leaves it in the page;
    None when only ``html`` itself will do."""
    copy = quick_copy(html)
    if copy is None:
        copy = careful_copy(html)
    if copy is None:
        return None
    return copy, as_left_by_search(html)


def quick_copy(html: str) -> str | None:
    """The copy by regular expressions, or None when it would not be exact."""
    if _UPPER_CASE_TAG.search(html) or "linenodiv" in html:
        return None
    if _DROPPED in html:
        return None
    if "data-search-exclude" in html:
        html = _EXCLUDED_ELEMENT.sub(_DROPPED, html)
        if "data-search-exclude" in html:
            return None
    copy = _DROPPED_TAG.sub(_DROPPED, html)
    if _SPACE_PARTED_AT_KEPT_TAG.search(copy):
        return None
    copy = copy.replace(_DROPPED, "")
    if (
        _NOT_KEPT_TAG.search(copy)
        or "  " in copy
        or "\n\n" in copy
        or " \n" in copy
        or "\n " in copy
        or copy[:1].isspace()
        or copy[-1:].isspace()
        or (("&" in copy) and _ODD_REFERENCE.search(copy))
        or ((not copy.isascii() or any(c in copy for c in "\t\r\f\v")) and _ODD_SPACE.search(copy))
    ):
        return None
    return copy


def careful_copy(html: str) -> str | None:
    """The copy token by token, or None when it would not be exact."""
    if "linenodiv" in html:  # the theme's line-number tables
        return None
    out: list[str] = []
    open_tags: list[str] = []
    skipping: str | None = None  # an excluded element's name, until its first end tag
    dropped = False  # a tag was dropped since the last piece of text or kept tag
    last_blank: bool | None = None  # the last piece of text was white space (None: none)
    for match in _TOKEN.finditer(html):
        close, name, attrs, text, stray = match.groups()
        if stray is not None:
            return None
        if text is not None:
            if skipping is not None:
                continue
            blank = (unescape(text) if "&" in text else text).isspace()
            if dropped and last_blank is not None and (blank or last_blank):
                out.append(BOUNDARY)
            out.append(text)
            last_blank, dropped = blank, False
            continue
        name = name.lower()
        if name in _NOT_COPIED:
            return None
        if skipping is not None:
            # The theme's parser stops skipping at the first end tag of the
            # excluded element's name, whatever it closes.
            if name == skipping:
                if not close:
                    return None
                skipping = None
            continue
        if close:
            if not open_tags or open_tags.pop() != name:
                return None
        elif name in VOID:
            dropped = True
            continue
        elif attrs.rstrip().endswith("/"):
            return None  # "<p/>": the parser opens and closes it, with its quirks
        elif _EXCLUDED.search(attrs):
            skipping, dropped = name, True
            continue
        else:
            open_tags.append(name)
        if name in KEPT:
            out.append(f"</{name}>" if close else f"<{name}>")
            last_blank, dropped = None, False
        else:
            dropped = True
    if open_tags or skipping is not None:
        return None
    return "".join(out)
