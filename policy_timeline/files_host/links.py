"""Links in raw HTML for engines that resolve them against the page's source file.

The engine writes every link relative to the page's address (``events/a/`` for
``events/a.md``), as mkdocs leaves raw HTML alone. Zensical instead reads a
relative ``href`` or ``src`` in raw HTML as it reads a Markdown link: relative
to the folder of the page's source file, and rewrites it for the page's
address. Written for it, each such link is made relative to that folder, so
that it comes out where it pointed. Other attributes (``data-*``, SVG's
``xlink:href``) and links inside ``<noscript>`` are not rewritten by the engine,
and are left as they are.
"""

from __future__ import annotations

import posixpath
import re

# href="…" and src="…" as attributes of their own (not xlink:href, not data-href).
_ATTRIBUTE = re.compile(r'(?<=[\s<])(href|src)="([^"]*)"')
_NOSCRIPT = re.compile(r"(<noscript\b.*?</noscript>)", re.DOTALL | re.IGNORECASE)
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")


def page_address(src_uri: str) -> str:
    """The address mkdocs and Zensical give a page (directory URLs): ``events/a/``."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def _from_source(link: str, page_dir: str, source_dir: str) -> str:
    if not link or _ABSOLUTE.match(link):
        return link
    cut = min((i for i in (link.find("?"), link.find("#")) if i >= 0), default=len(link))
    path, rest = link[:cut], link[cut:]
    trailing = path.endswith("/") or path in ("", ".", "..")
    target = posixpath.normpath(posixpath.join("/" + page_dir, path))
    relative = posixpath.relpath(target, "/" + source_dir if source_dir else "/")
    if relative == ".":
        # The source folder itself: "./" would be read as the page, so name the folder.
        name = posixpath.basename(source_dir.rstrip("/"))
        relative = f"../{name}/" if name else "./"
    elif trailing:
        relative += "/"
    return relative + rest


def for_source_file(html: str, src_uri: str) -> str:
    """``html`` of the page ``src_uri`` with its relative links made relative to the
    folder of that file instead of the page's address."""
    page_dir = page_address(src_uri)
    source_dir = posixpath.dirname(src_uri)
    source_dir = source_dir + "/" if source_dir else ""
    if page_dir == source_dir:
        return html
    parts = _NOSCRIPT.split(html)
    for i in range(0, len(parts), 2):  # the odd parts are <noscript> elements
        parts[i] = _ATTRIBUTE.sub(
            lambda m: f'{m.group(1)}="{_from_source(m.group(2), page_dir, source_dir)}"',
            parts[i],
        )
    return "".join(parts)
