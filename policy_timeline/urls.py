"""One place decides the address of every generated page.

Everything that links to an event, actor, tag, year, place or source page asks
this module, so a link can never disagree with the page it points at. Paths
are site-relative without a leading slash (``events/<id>/``); ``src_uri``
gives the generated file's ``src_uri`` for mkdocs (``events/<id>.md``).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

_NON_SLUG = re.compile(r"[^a-z0-9]+")

# A web source's key is a slug of its address; very long addresses are cut
# and keep a hash of the whole so two long addresses cannot share a page.
_WEB_KEY_MAX = 80


# --- Addresses this engine links -----------------------------------------------

# The one definition of an address the engine accepts and links (events'
# sources, the bibliography, repo_url and site_url): absolute http(s), a
# host, no spaces or control characters, no user name before "@" (it shows one
# host and leads to another) and no backslash (browsers read it as "/").
# The schema's pattern says the same for editors.
URL_PATTERN = r"^https?://[^\s/?#@\\]+([/?#][^\s\\]*)?$"
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")


def url_problem(value: str) -> str | None:
    """What is wrong with ``value`` as an address to link, or None when it is fine.

    The answer reads after the quoted address: ``"ftp://x" is not an http(s) URL...``.
    """
    try:
        parts = urlsplit(value)
        ok = parts.scheme in ("http", "https") and bool(parts.netloc)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        ok = False
    if not ok or _SPACE_OR_CONTROL.search(value):
        return "is not an http(s) URL; expected a full address starting with https:// or http://"
    if "@" in parts.netloc or "\\" in value:
        what = 'a user name before "@"' if "@" in parts.netloc else 'a backslash ("\\")'
        return (
            f"has {what}, so it shows one host and leads to another; expected a plain "
            "address such as https://www.gov.cn/zhengce/"
        )
    return None


_LOOPBACK = re.compile(r"^(localhost|127(\.\d+){3}|\[::1\]|0\.0\.0\.0|\[::\])$", re.I)


def site_url_problem(site_url: str | None) -> str | None:
    """Why a deployed site cannot have ``site_url``, or None: it must be set, be an
    address this engine links, and not point at the machine that built it."""
    if not site_url:
        return "is not set"
    problem = url_problem(site_url)
    if problem:
        return f'"{site_url}" {problem}'
    host = (urlsplit(site_url).hostname or "").lower()
    if _LOOPBACK.match(host) or _LOOPBACK.match(f"[{host}]"):
        return f'"{site_url}" points at the machine that built the site'
    return None


def same_name(text: str) -> str:
    """What two spellings of one name share: "MIIT" and "Miit", "State Council" and
    "State\u00a0council" are one actor (NFKC, case folded, spaces collapsed)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


@functools.lru_cache(maxsize=16384)  # actors and places recur in many events
def slugify(text: str) -> str:
    """A stable ASCII slug, the same for every spelling of one name (``same_name``).

    Accents fold away (Zhāng -> zhang). Letters and digits with no ASCII form
    (Chinese, Cyrillic...) cannot be slugged: text with none of ASCII gets
    ``x-`` and a short hash, and text with some gets the hash after its ASCII
    part, so "深圳 AI" and "AI" do not share a page. Names that still slug
    alike but are different names are a validation error (``policy_timeline.source.names``).
    """
    name = same_name(text)
    decomposed = unicodedata.normalize("NFKD", name)
    folded = decomposed.encode("ascii", "ignore").decode("ascii")
    slug = _NON_SLUG.sub("-", folded).strip("-")
    if not slug:
        return "x-" + _digest(name)
    if any(not c.isascii() and unicodedata.category(c)[0] in "LN" for c in decomposed):
        return f"{slug}-{_digest(name)}"
    return slug


SECTIONS = ("events", "actors", "tags", "years", "places", "sources")
# Names no actor, place, tag or source may have: each section's index page, and the
# sections themselves.
RESERVED_PAGES = ("index", *SECTIONS)
# The sections the nav lists (places are linked from event pages only).
NAV_SECTIONS = ("events", "actors", "tags", "years", "sources")


def src_uri(section: str, key: str) -> str:
    # The validator refuses a key in RESERVED_PAGES: "index" is each section's own index page.
    return f"{section}/{key}.md"


def path(section: str, key: str) -> str:
    return f"{section}/{key}/"


def event_path(event_id: str) -> str:
    return path("events", event_id)


def actor_key(actor: str) -> str:
    """Spellings that slug alike ("MIIT", "Miit") are one actor with one page."""
    return slugify(actor)


def actor_path(actor: str) -> str:
    return path("actors", actor_key(actor))


def place_key(place: str) -> str:
    return slugify(place)


def place_path(place: str) -> str:
    return path("places", place_key(place))


def tag_path(tag_id: str) -> str:
    return path("tags", tag_id)


def year_key(year: int) -> str:
    return f"{year:04d}"


def year_path(year: int) -> str:
    return path("years", year_key(year))


def web_source_key(url: str) -> str:
    """The key of a source cited inline by ``title`` + ``url``: ``web-`` and its address.

    The scheme, a ``www.`` prefix, case and a trailing slash do not count, so
    one page cited as http and as https is one source.
    """
    address = web_address(url)
    slug = slugify(address)
    if len(slug) > _WEB_KEY_MAX:
        digest = hashlib.sha1(address.encode("utf-8")).hexdigest()[:10]
        slug = slug[:_WEB_KEY_MAX].rstrip("-") + "-" + digest
    return "web-" + slug


def web_address(url: str) -> str:
    """What two citations of one web source share: host without ``www.``, path without a
    trailing slash, and query, in lower case."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    return (host + parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")).lower()


def source_path(key: str) -> str:
    return path("sources", key)


def section_path(section: str) -> str:
    return f"{section}/"


def section_src_uri(section: str) -> str:
    return f"{section}/index.md"


def relative(from_path: str, to_path: str) -> str:
    """A link from the page at ``from_path`` to ``to_path``, both directory URLs.

    Relative links keep the site working under any base URL (GitHub Pages
    project sites, the embed inside an iframe, a local ``file://`` copy).
    """
    depth = from_path.count("/") if from_path else 0
    return "../" * depth + to_path


# --- the engine's own files: where each is on every site ----------------------------

# Shipped with the package (policy_timeline/assets/), added to every site by the plugin.
PLOTLY_URI = "assets/vendor/plotly/plotly-basic-4.1.1.min.js"
# plotly.js's own words (its toolbar's tooltips), its month and day names and its
# number separators in the site's language: the locales of the same plotly.js release
# (the npm package plotly.js@4.1.1, dist/plotly-locale-*.js, byte for byte; the
# plotly.js-locales package stops at 3.7.0, CommonJS, with 3.x's toolbar messages).
# By the catalogue language a site speaks (render.catalogue.base_language), the name
# plotly.js registers the locale under, which a chart's config names; English is
# plotly.js's own. A page loads its language's file with plotly.js, never before.
PLOTLY_LOCALES = {"de": "de", "es": "es", "fr": "fr", "zh": "zh-CN"}
PLOTLY_LOCALES_DIR = "assets/vendor/plotly/locales/"


def plotly_locale_uri(name: str) -> str:
    """The file of the plotly.js locale registered as ``name`` (its file name is lower case)."""
    return f"{PLOTLY_LOCALES_DIR}plotly-locale-{name.lower()}.js"


def plotly_locale(page_url: str, language: str) -> dict[str, str]:
    """The data attributes that name the plotly.js locale of a site speaking ``language``
    (a catalogue's language) to a chart on ``page_url``: ``plotly-locale``, its name, and
    ``plotly-locale-src``, its file from this page; none for English and a language
    plotly.js has no vendored locale of."""
    name = PLOTLY_LOCALES.get(language)
    if name is None:
        return {}
    return {"plotly-locale": name, "plotly-locale-src": relative(page_url, plotly_locale_uri(name))}


TIMELINE_SCRIPT = "assets/javascripts/timeline.js"
# The timeline's scripts, in the order a page loads them: classic scripts sharing one
# object (ARCHITECTURE.md, "The scripts"), timeline.js last; templates/embed.html
# writes the same list.
TIMELINE_SCRIPTS = tuple(
    f"assets/javascripts/{name}.js"
    for name in (
        "timeline-view",
        "timeline-figure",
        "timeline-load",
        "timeline-chart",
        "timeline-zoom",
        "timeline-card",
        "timeline-toolbar",
        "timeline",
    )
)
TABLES_SCRIPT = "assets/javascripts/tables.js"
EMBED_SCRIPT = "assets/javascripts/embed.js"
BUILDER_SCRIPT = "assets/javascripts/embed-builder.js"
PAGES_CSS = "assets/stylesheets/pages.css"
TIMELINE_CSS = "assets/stylesheets/timeline.css"
EMBED_CSS = "assets/stylesheets/embed.css"
ASSETS = (
    PLOTLY_URI,
    "assets/vendor/plotly/LICENSE.txt",
    *(plotly_locale_uri(name) for name in sorted(PLOTLY_LOCALES.values())),
    f"{PLOTLY_LOCALES_DIR}LICENSE.txt",
    *TIMELINE_SCRIPTS,
    TABLES_SCRIPT,
    EMBED_SCRIPT,
    BUILDER_SCRIPT,
    PAGES_CSS,
    TIMELINE_CSS,
    EMBED_CSS,
)
# On every page of the site (the embed page has its own template).
STYLESHEETS = (PAGES_CSS, TIMELINE_CSS)
SCRIPTS = (TABLES_SCRIPT, *TIMELINE_SCRIPTS)

# Written by each build.
FIGURE_URI = "assets/timeline/timeline.json"
# The same data as a script, for /embed/: inside an iframe sandboxed without
# allow-same-origin the page's origin is opaque, and fetch() of the JSON is a
# cross-origin request most hosts refuse. A <script src> is not.
FIGURE_SCRIPT_URI = "assets/timeline/timeline.js"
FIGURES_URI = "assets/timeline/figures.json"
BY_YEAR_URI = "assets/timeline/by-year.json"

# The standalone timeline for articles, and the page that makes its snippet.
EMBED_URI = "embed/index.md"
EMBED_PATH = "embed/"
BUILDER_PATH = "embed/builder/"
