"""The generated pages' headings without Markdown (mkdocs/speed/pages.py, fast_headings) are
what Markdown with the site's toc extension makes of them, for hostile titles and
for other toc settings; where it cannot say the same, it says nothing."""
from __future__ import annotations

import markdown
import pytest
from markdown.extensions.toc import slugify_unicode

from policy_timeline.mkdocs.speed.pages import fast_headings
from policy_timeline.source.sanitize import heading_text

TITLES = [
    "New Generation AI Development Plan", "Sources", "Sources", "Cite this event",
    'Plan <script>alert(1)</script> & "more" <!--pt-block-0-->', "# not a heading #",
    "*emphasis* _under_ `code` [link](https://x.org) ![img](x.png) {: .cls } ~~s~~",
    "Back\\slash \\# and trailing hashes ##", "中文标题：新一代人工智能发展规划", "a  b   c",
    "&amp; &#38; &nbsp; entity-looking", "Tab\there", "1. a list? - or + not", "x | y | z",
    "  padded  ", "Émile's plan — “quoted”", "\u200b", "-", "...",
]

SETTINGS = [
    {"permalink": True},
    {},
    {"permalink": "#", "permalink_title": "Link to this"},
    {"permalink": True, "permalink_leading": True},
    {"permalink": True, "toc_depth": 2},
    {"permalink": True, "toc_depth": "2-3"},
    {"permalink": True, "slugify": slugify_unicode},
    {"permalink": True, "permalink_class": "anchor"},
]


def page_markdown(title: str) -> str:
    # As render_pages writes a page: the H1, blocks, fixed headings (one repeated).
    return "\n\n".join([f"# {heading_text(title)}", "<!--pt-block-0-->", "## Sources",
                        "<!--pt-unsearched-1-->", "## Sources", "### Cited by 2 events",
                        "<!--pt-block-2-->"]) + "\n"


def _settings_id(settings: dict) -> str:
    """A test id that is the same in every process (a function by its name, not its address)."""
    return ", ".join(f"{k}={getattr(v, '__name__', v)!s}" for k, v in settings.items())


@pytest.mark.parametrize("settings", SETTINGS, ids=_settings_id)
def test_fast_headings_equal_markdowns(settings):
    md = markdown.Markdown(extensions=["toc"], extension_configs={"toc": settings})
    compared = 0
    for title in TITLES:
        text = page_markdown(title)
        fast = fast_headings(md, text)
        slow = md.reset().convert(text)
        if fast is None:
            continue
        compared += 1
        assert fast[0] == slow, title
        assert fast[1] == md.toc_tokens, title
    assert compared >= len(TITLES) - 3


def test_settings_it_cannot_reproduce_go_through_markdown():
    for settings in ({"anchorlink": True}, {"baselevel": 2}):
        md = markdown.Markdown(extensions=["toc"], extension_configs={"toc": settings})
        assert fast_headings(md, page_markdown("A title")) is None
    md = markdown.Markdown(extensions=["toc"], extension_configs={"toc": {"permalink": True}})
    assert fast_headings(md, "# A title\n\nsome paragraph\n") is None
    assert fast_headings(md, "# A *raw* title\n") is None
