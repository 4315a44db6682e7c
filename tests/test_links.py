"""Every internal link of a built site resolves to a file of that site.

The checker reads every HTML file's ``href`` and ``src`` (and the addresses
timeline.js loads from ``data-*``), resolves each against the page's own URL
and looks for the file. It runs on the fixture site and on the site as shipped.
"""
from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

# Attributes holding an address the browser (or our loader) fetches or follows.
LINK_ATTRIBUTES = {"href", "src", "data-figure", "data-plotly", "data-script"}
EXTERNAL_SCHEMES = {"http", "https", "mailto"}
# mkdocs serves 404.html at any address, so its links are root-absolute on purpose.
ROOT_ABSOLUTE_ALLOWED = {"404.html"}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        # An empty data: icon keeps the browser from asking the server for favicon.ico.
        if tag == "link" and "icon" in (attributes.get("rel") or "").split() \
                and (attributes.get("href") or "").startswith("data:"):
            return
        for name, value in attrs:
            if name in LINK_ATTRIBUTES and value is not None:
                self.links.append((tag, name, value))


def page_url(site: Path, html_file: Path) -> str:
    """The page's address relative to the site root, as a browser sees it: ``events/x/``."""
    rel = html_file.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def resolve(site: Path, url_path: str) -> Path | None:
    """The file an address inside the site serves, or None."""
    target = site / unquote(url_path)
    if url_path.endswith("/") or url_path == "":
        target = target / "index.html"
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def broken_links(site: Path, site_url: str | None = None) -> list[str]:
    """``page: attribute="value"`` for every internal link that does not resolve."""
    site_url = site_url or os.environ.get("SITE_URL", "http://127.0.0.1:8000/")
    site_root = urlsplit(site_url)
    problems = []
    for html_file in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(html_file.read_text(encoding="utf-8"))
        base = "http://site.invalid/" + page_url(site, html_file)
        rel_file = html_file.relative_to(site).as_posix()
        for tag, attr, value in parser.links:
            where = f'{rel_file}: <{tag} {attr}="{value}">'
            value = value.strip()
            parts = urlsplit(value)
            if parts.scheme in ("http", "https") and value.startswith(site_url):
                # The canonical link and sitemap-style addresses point back into the site.
                path = urlsplit(value).path[len(site_root.path):]
            elif parts.scheme in EXTERNAL_SCHEMES:
                continue
            elif parts.scheme:
                problems.append(f"{where}: scheme {parts.scheme}: is not allowed")
                continue
            elif value.startswith("#") or not value:
                continue
            elif value.startswith("/"):
                if rel_file not in ROOT_ABSOLUTE_ALLOWED:
                    problems.append(f"{where}: root-absolute, breaks under a base path")
                    continue
                path = value.split("#")[0].split("?")[0].lstrip("/")
            else:
                resolved = urlsplit(urljoin(base, value))
                if resolved.netloc != "site.invalid":
                    problems.append(f"{where}: leaves the site")
                    continue
                path = resolved.path.lstrip("/")
            if resolve(site, path) is None:
                problems.append(f"{where}: no file {path or 'index.html'}")
    return problems


@pytest.mark.site
def test_every_internal_link_of_the_fixture_site_resolves(fixture_site):
    assert broken_links(fixture_site) == []


@pytest.mark.site
@pytest.mark.content
def test_every_internal_link_of_the_shipped_site_resolves(default_site):
    assert broken_links(default_site) == []


@pytest.mark.site
def test_the_checker_finds_a_broken_link(fixture_site, tmp_path):
    """A link checker that never fails would pass the tests above too."""
    import shutil
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    page = site / "events" / "2009-wuxi-sensing-plan" / "index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace('href="../../actors/wuxi-municipal-government/"',
                        'href="../../actors/nobody/"', 1)
    html = html.replace("</article>", '<a href="javascript:void(0)">x</a>'
                        '<img src="/assets/x.png"></article>', 1)
    page.write_text(html, encoding="utf-8")
    problems = broken_links(site)
    assert len(problems) == 3, problems
    assert problems[0].endswith('<a href="../../actors/nobody/">: no file actors/nobody/')
    assert any("scheme javascript" in p for p in problems)
    assert any("root-absolute" in p for p in problems)
