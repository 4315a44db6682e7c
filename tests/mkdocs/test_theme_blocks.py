"""The engine's copies of mkdocs-material's templates differ from the installed theme's
only in the lines the engine changes.

A copied block drifts silently when Material is upgraded: this test fails
then, naming the lines, so the copy is brought up to date on purpose
(ARCHITECTURE.md, "Upgrading mkdocs or Material").
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import material
import pytest
from conftest import REPO

THEME = Path(material.__file__).parent / "templates"
OURS = REPO / "policy_timeline" / "templates"
COMMENT = re.compile(r"\{#-?.*?-?#\}", re.S)


def lines(text: str) -> list[str]:
    """The template's lines without Jinja comments, indentation or blank lines."""
    return [line.strip() for line in COMMENT.sub("", text).splitlines() if line.strip()]


def block(text: str, name: str) -> str:
    match = re.search(r"\{% block " + name + r" %\}(.*?)\{% endblock %\}", text, re.S)
    assert match, f"no block {name}"
    return match.group(1)


def changes(ours: str, theirs: str) -> list[tuple[str, str]]:
    """(our line, their line) for every line that differs; "" where one side has none."""
    out = []
    matcher = difflib.SequenceMatcher(a=lines(ours), b=lines(theirs), autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        a, b = matcher.a[a0:a1], matcher.b[b0:b1]
        for i in range(max(len(a), len(b))):
            out.append((a[i] if i < len(a) else "", b[i] if i < len(b) else ""))
    return out


BASE = (THEME / "base.html").read_text(encoding="utf-8")
MAIN = (OURS / "main.html").read_text(encoding="utf-8")

# What the engine changes, line by line: everything else must be the theme's own.
EXPECTED = {
    "main.html: htmltitle": (block(MAIN, "htmltitle"), block(BASE, "htmltitle"), [
        # Escaped after striptags, which decodes a generated page's escaped title.
        ("<title>{{ page.meta.title | striptags | e }} - {{ config.site_name | e }}</title>",
         "<title>{{ page.meta.title }} - {{ config.site_name }}</title>"),
        ("<title>{{ page.title | striptags | e }} - {{ config.site_name | e }}</title>",
         "<title>{{ page.title | striptags }} - {{ config.site_name }}</title>"),
        ("<title>{{ config.site_name | e }}</title>", "<title>{{ config.site_name }}</title>"),
    ]),
    "main.html: site_nav": (block(MAIN, "site_nav"), block(BASE, "site_nav"), [
        # The nav rendered once per folder (mkdocs/speed/pages.py), the theme's include
        # kept for a build without the plugin's pt_nav.
        ("{% if pt_nav is defined %}", ""),
        ("{{ pt_nav() }}", ""),
        ("{% else %}", ""),
        ("{% endif %}", ""),
    ]),
    "main.html: header": (block(MAIN, "header"), block(BASE, "header"), [
        # The header rendered once per folder, the page's title put in afterwards
        # (mkdocs/speed/pages.py); the theme's include kept for a build without the plugin.
        # The config block needs no copy: it calls the theme's own (super()).
        ("{% if pt_header is defined %}", ""),
        ("{{ pt_header() }}", ""),
        ("{% else %}", ""),
        ("{% endif %}", ""),
    ]),
    "partials/search.html": (
        (OURS / "partials" / "search.html").read_text(encoding="utf-8"),
        (THEME / "partials" / "search.html").read_text(encoding="utf-8"), [
            # The dialog gets an accessible name (axe-core requires one of role="dialog").
            ('<div class="md-search" data-md-component="search" role="dialog" '
             'aria-label="{{ lang.t(\'search\') }}">',
             '<div class="md-search" data-md-component="search" role="dialog">'),
        ]),
    "partials/source.html": (
        (OURS / "partials" / "source.html").read_text(encoding="utf-8"),
        (THEME / "partials" / "source.html").read_text(encoding="utf-8"), [
            # No data-md-component="source": it fetches stars from api.github.com.
            ('<a href="{{ config.repo_url }}" title="{{ lang.t(\'source\') }}" class="md-source">',
             '<a href="{{ config.repo_url }}" title="{{ lang.t(\'source\') }}" class="md-source" '
             'data-md-component="source">'),
        ]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_copied_theme_block_differs_only_where_we_change_it(name):
    ours, theirs, expected = EXPECTED[name]
    assert changes(ours, theirs) == expected
