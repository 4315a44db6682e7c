"""One place decides the address of every generated page.

Everything that links to an event, actor, tag, year or source page asks this
module, so a link can never disagree with the page it points at. Paths are
site-relative without a leading slash (``events/<id>/``); ``src_*`` give the
generated file's ``src_uri`` for mkdocs (``events/<id>.md``).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """A stable ASCII slug; text with no ASCII letters gets a short hash so it still has a page."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_SLUG.sub("-", folded.lower()).strip("-")
    if not slug:
        slug = "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return slug


SECTIONS = ("events", "actors", "tags", "years", "sources")


def src_uri(section: str, key: str) -> str:
    return f"{section}/{key}.md"


def path(section: str, key: str) -> str:
    return f"{section}/{key}/"


def event_path(event_id: str) -> str:
    return path("events", event_id)


def actor_path(actor: str) -> str:
    return path("actors", slugify(actor))


def tag_path(tag_id: str) -> str:
    return path("tags", tag_id)


def year_path(year: int) -> str:
    return path("years", f"{year:04d}")


def source_path(key: str) -> str:
    return path("sources", key)


def section_path(section: str) -> str:
    return f"{section}/"


def relative(from_path: str, to_path: str) -> str:
    """A link from the page at ``from_path`` to ``to_path``, both directory URLs.

    Relative links keep the site working under any base URL (GitHub Pages
    project sites, the embed inside an iframe, a local ``file://`` copy).
    """
    depth = from_path.count("/") if from_path else 0
    return "../" * depth + to_path
