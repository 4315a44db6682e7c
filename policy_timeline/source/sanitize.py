"""Contributor text is data: escaping for HTML, and sanitised Markdown bodies.

Every event string that reaches HTML goes through exactly one of these:
``esc`` for text and attributes, ``heading_text`` for the one place where
text is handed to Markdown (a generated page's H1, which mkdocs reads the page
title from), ``render_body`` for Markdown bodies, ``http_url`` for addresses.
"""

from __future__ import annotations

import functools
import html
import re

import markdown
import nh3

from policy_timeline.urls import url_problem


def esc(text: object) -> str:
    """Escape text once for HTML content or a double-quoted attribute."""
    return html.escape(str(text), quote=True)


# ASCII punctuation Markdown (with this site's extensions) could read as
# syntax in a heading: emphasis, code, links, footnotes, attribute lists
# ("{: onclick=...}"), closing hashes, tables, strikeouts; and the characters
# HTML itself gives meaning to.
_HEADING_SPECIAL = re.compile(r"[&<>\"'\\`*_{}\[\]()#+\-.!|~^=:$]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def heading_text(text: object) -> str:
    """Text for a Markdown heading line, shown literally and escaped once in HTML.

    Every character HTML or Markdown might read as syntax becomes a numeric
    character reference, which Markdown passes through untouched and a
    browser shows as the character. Control characters go the same way, so
    text cannot forge Markdown's internal placeholders (``\\x02...\\x03``).
    Line breaks become spaces: a heading is one line.
    """
    one_line = " ".join(str(text).split())
    return _HEADING_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", one_line)


@functools.lru_cache(maxsize=16384)  # an event's addresses are linked on several pages
def http_url(url: str | None) -> str | None:
    """``url`` if it is an address the engine links (urls.url_problem), else None."""
    if not url:
        return None
    url = url.strip()
    return url if url_problem(url) is None else None


# --- Markdown bodies ------------------------------------------------------------

# A fixed, small set: no raw attribute syntax (attr_list), no Markdown inside
# HTML (md_in_html), no footnotes (their in-page links are relative, and
# relative links are removed below).
_BODY_EXTENSIONS = ("tables", "sane_lists", "fenced_code")
_BODY_EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}

_BODY_TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "q",
    "cite",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "a",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "sub",
    "del",
    "ins",
    "abbr",
    "small",
    "span",
    "div",
}
_BODY_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
# One parser, reset between bodies: building a Markdown instance costs more
# than converting a short body with it.
_BODY_MARKDOWN = markdown.Markdown(
    extensions=list(_BODY_EXTENSIONS),
    extension_configs=_BODY_EXTENSION_CONFIGS,
    output_format="html",
)

_CLEANER = nh3.Cleaner(
    tags=_BODY_TAGS,
    clean_content_tags={
        "script",
        "style",
        "template",
        "iframe",
        "object",
        "embed",
        "noscript",
        "textarea",
        "title",
        "xmp",
        "noembed",
        "noframes",
    },
    attributes=_BODY_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    # Links inside a body may only leave the site: a relative link would
    # depend on where the page happens to be generated.
    url_relative="deny",
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)


# Prose Markdown reads as paragraphs and nothing else: ASCII letters, digits, spaces and
# punctuation that starts no syntax of the body's Markdown or of HTML, each line starting
# with a letter, a bracket or a quote (not a list, a heading, code or a quote block) and
# ending with no space (no line break), paragraphs apart by empty lines. Its HTML is
# known without Markdown, and the cleaner leaves it as it is (most event bodies are such
# prose; tests/source/test_sanitize.py holds the two ways to the same bytes).
_PROSE_LINE = r"[A-Za-z(\"'](?:[A-Za-z0-9 .,;:?'\"()%/-]*[A-Za-z0-9.,;:?'\"()%/-])?"
_PROSE = re.compile(rf"{_PROSE_LINE}(?:\n+{_PROSE_LINE})*")
_PARAGRAPH_BREAK = re.compile(r"\n\n+")


def render_body(text: str) -> str:
    """A Markdown body as safe HTML: rendered, then cleaned by nh3 against an allow-list.

    Raw HTML in the body is allowed through Markdown and then cleaned, so
    ``<script>``, event handlers, ``javascript:``/``data:`` links, images and
    styles are gone while ordinary formatting stays.
    """
    if not text or not text.strip():
        return ""
    if _PROSE.fullmatch(text):
        return "\n".join(f"<p>{paragraph}</p>" for paragraph in _PARAGRAPH_BREAK.split(text))
    return rendered_body(text)


def rendered_body(text: str) -> str:
    """``text`` through Markdown and the cleaner, whatever it holds."""
    rendered = _BODY_MARKDOWN.reset().convert(text)
    return _CLEANER.clean(rendered).strip()
