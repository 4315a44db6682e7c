"""Generated pages' HTML kept out of their Markdown, and put back by a Markdown extension.

A generated page is headings in Markdown and a placeholder for each block of
finished HTML (``GeneratedPage``). The mkdocs plugin fills the placeholders in
once Markdown is done; an engine that runs no plugin (Zensical) reads the
whole page as Markdown with raw HTML, and scanned it whole: Zensical reads
every byte of a page's source for links in Python before rendering it, and
Python-Markdown parses every raw HTML block again. At 1,000 events that was
most of its build (8.6 MB of Markdown; 4.8 s for the scan alone).

So the files host writes a generated page as its Markdown with its
placeholders, plus one last line naming its blocks' file
(``<!--pt-files-DIGEST-->``); the blocks go to ``blocks/DIGEST.json`` beside
the docs folder, out of the engine's sight. :class:`BlocksExtension`, which
``.policy-timeline.yml`` lists among the Markdown extensions, reads that file
when Markdown is done and fills the placeholders with the core's own
:meth:`GeneratedPage.fill`: the page's HTML is the one the plugin makes.

The file's name is the digest of its bytes, so a page whose blocks change has
Markdown that changes too: an engine's cache and its preview see it.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

from policy_timeline.files_host.links import for_source_file
from policy_timeline.render.generated import VOID_ELEMENTS, GeneratedPage

FOLDER = "blocks"
NAME = "policy_timeline.files_host.blocks"
_MARKER = "<!--pt-files-{}-->"
_MARKER_RE = re.compile(r"\n?<!--pt-files-([0-9a-f]{32})-->")


_UNSEARCHED = re.compile(r"<!--pt-unsearched-([0-9]+)-->")
# A tag of the engine's own markup (contributor text in it is escaped: no "<" in text).
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")
LEFT_OUT = ' data-search-exclude="true"'


def left_out_of_search(html: str) -> str:
    """``html`` with each of its outermost elements marked for the engine's search to
    leave out (Zensical's search reads ``data-search-exclude`` and takes it out of the
    page): the blocks the mkdocs plugin fills in after Material's search has read the
    page (lists of other events, an event's facts and citation formats). Left in, the
    events index alone at 5,000 events is more than Zensical's search takes for one
    page, and the build stops."""
    out: list[str] = []
    depth, last = 0, 0
    for tag in _TAG.finditer(html):
        closing, name, empty = tag.group(1), tag.group(2).lower(), tag.group(3)
        if closing:
            depth -= 1
            continue
        if depth == 0:
            end = tag.end() - (2 if empty else 1)
            out += [html[last:end], LEFT_OUT]
            last = end
        if not empty and name not in VOID_ELEMENTS:
            depth += 1
    out.append(html[last:])
    return "".join(out)


def split(page: GeneratedPage, src_uri: str) -> tuple[str, str, bytes]:
    """The Markdown the engine reads for ``page`` (``src_uri``), and the name and bytes
    of the file of its blocks (none when it has no blocks). The blocks' links are
    written for Zensical, which rewrites them in the HTML it made (links.py); the
    blocks the site search leaves out are marked so (:func:`left_out_of_search`)."""
    if not page.blocks:
        return page.markdown, "", b""
    unsearched = {int(number) for number in _UNSEARCHED.findall(page.markdown)}
    blocks = [
        for_source_file(
            left_out_of_search(html) if number in unsearched else html,
            src_uri,
        )
        for number, html in enumerate(
            block if isinstance(block, str) else block.html() for block in page.blocks
        )
    ]
    data = json.dumps(blocks, ensure_ascii=False).encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()[:32]
    return f"{page.markdown}\n{_MARKER.format(digest)}\n", f"{digest}.json", data


def _blocks(folder: Path, digest: str) -> GeneratedPage:
    path = folder / f"{digest}.json"
    try:
        blocks = json.loads(path.read_bytes())
    except (OSError, ValueError) as error:
        raise RuntimeError(
            f"{path}: the HTML of a generated page cannot be read ({error}): "
            "run `policy-timeline generate` again"
        ) from None
    return GeneratedPage("", tuple(blocks))


def joined(markdown: str, folder: Path) -> str:
    """A page as ``generate`` wrote it (``markdown``), with its blocks from ``folder``
    back in it: the whole page as Markdown with raw HTML (``GeneratedPage.joined``),
    to read what the engine is handed."""
    found = _MARKER_RE.search(markdown)
    if found is None:
        return markdown
    rest = markdown[: found.start()] + markdown[found.end() :].removeprefix("\n")
    return _blocks(folder, found.group(1)).fill(rest)


class _Fill(Postprocessor):
    def __init__(self, md: Markdown, folder: Path) -> None:
        super().__init__(md)
        self.folder = folder

    def run(self, text: str) -> str:
        found = _MARKER_RE.search(text)
        if found is None:
            return text
        text = text[: found.start()] + text[found.end() :]
        return _blocks(self.folder, found.group(1)).fill(text)


class BlocksExtension(Extension):
    """Fills a generated page's placeholders with its blocks, after every other
    postprocessor (the raw HTML is back, the entities restored)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"folder": ["", "the folder of the blocks' files"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.postprocessors.register(_Fill(md, Path(self.getConfig("folder"))), "pt_files", 0)


def makeExtension(**kwargs: Any) -> BlocksExtension:
    return BlocksExtension(**kwargs)
