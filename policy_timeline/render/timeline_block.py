"""The HTML of a timeline view: controls, the chart (its build-time SVG), the legend,
the selected-event card, the accessible twin list; the embed page and its builder.
All of it comes from the templates under ``templates/policy-timeline/``
(``timeline.html`` and its partials, the view's ``<div>`` and its data attributes
included, and the host page's resize script the builder shows and copies), which a
site can override; this module writes no markup.

A view is finished HTML: it reads and works without JavaScript (the SVG and
the list), and ``timeline.js`` brings it to life from the data attributes it
carries: the controls, the URL, the card, the keyboard, and the Plotly chart
that replaces the SVG once the reader starts to interact. Every contributor
string is escaped by the templates' autoescaping (the SVG's too:
``render/timeline_svg.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from markupsafe import Markup

from policy_timeline import urls
from policy_timeline.render import templates
from policy_timeline.render.catalogue import site_messages
from policy_timeline.render.generated import GeneratedPage, generated_page
from policy_timeline.render.timeline_svg import draw
from policy_timeline.timeline import layout as lay
from policy_timeline.timeline.svg import axis_years, first_view
from policy_timeline.timeline.view import TimelineFilter

if TYPE_CHECKING:
    from policy_timeline.build import Build

HEIGHT_MESSAGE = "policy-timeline:height"
EMBED_SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads"
EMBED_HEIGHT_PX = 640
# A view of more events links to the events index instead of carrying their list:
# at 1,000 events the list was 35 kB of the home page's 124 kB (gzipped).
LIST_INLINE_MAX = 100
HEIGHT_MIN_PX, HEIGHT_MAX_PX = 200, 4000


def resize_script(template_dirs: tuple[Path, ...] = ()) -> str:
    """The host page's half of the height handshake (``resize-script.html``): text the
    builder copies with the iframe snippet and ``resize-snippet.html`` shows."""
    return templates.render(
        template_dirs,
        "resize-script.html",
        message=HEIGHT_MESSAGE,
        min_height=HEIGHT_MIN_PX,
        max_height=HEIGHT_MAX_PX,
    )


def _fragment(view: TimelineFilter) -> str:
    """The view as the builder's fragment (a ``?q=`` would open the theme's search there)."""
    params = view.params()
    return "#" + urlencode(params, safe=",", quote_via=quote) if params else ""


# --- a view ----------------------------------------------------------------------------


def _years(build: Build) -> tuple[int, int]:
    """The first and the last year the events span."""
    events = build.project.events
    first = min((e.date.year for e in events), default=2000)
    last = max(((e.end or e.date).year for e in events), default=first)
    return first, last


def _context(build: Build, view: TimelineFilter, page_url: str, uid: str) -> dict[str, Any]:
    """What the view's templates get (templates/policy-timeline/timeline.html)."""
    first, last = _years(build)
    return {
        "uid": uid,
        "view": view,
        "vocabulary": build.project.vocabulary,
        "lanes": build.layout.lanes,
        "first": first,
        "last": last,
        "today": build.today,
        "href": templates.hrefs(page_url),
    }


def controls(build: Build, view: TimelineFilter, uid: str) -> str:
    """The reader's filters (templates/policy-timeline/partials/timeline-controls.html)."""
    return templates.render(
        build.site.template_dirs,
        "partials/timeline-controls.html",
        **_context(build, view, "", uid),
    )


def timeline_view(
    build: Build, view: TimelineFilter, page_url: str, *, embed: bool = False, uid: str = "pt-v1"
) -> str:
    """A whole timeline view (templates/policy-timeline/timeline.html), in one line of
    HTML on purpose: Markdown leaves a raw HTML block alone only up to its first blank
    line."""
    layout = build.layout
    lane_ids = [lane.id for lane in layout.lanes]
    shown_lanes = [lane_ids.index(lane) for lane in view.lanes] if view.lanes else None
    visible = [view.shows(e) for e in layout.events]
    figure_uri = urls.FIGURE_SCRIPT_URI if embed else urls.FIGURE_URI
    attrs = {
        "figure": urls.relative(page_url, figure_uri),
        "plotly": urls.relative(page_url, urls.PLOTLY_URI),
        # plotly.js's own words in the site's language, loaded with plotly.js.
        **urls.plotly_locale(page_url, site_messages(build.site).language),
        "root": urls.relative(page_url, "") or "./",
        "builder": urls.relative(page_url, urls.BUILDER_PATH),
        **({"height-message": HEIGHT_MESSAGE} if embed else {}),
        **dict(view.params()),
    }
    # The one drawing a page inlines: the narrowest width class's level, which serves
    # every width (svg.first_view).
    svg = draw(
        build.site.template_dirs,
        first_view(
            layout,
            build.project.vocabulary,
            page_url,
            visible,
            shown_lanes,
            uid,
            site_messages(build.site),
        ),
    )
    builder = None if embed else urls.relative(page_url, urls.BUILDER_PATH) + _fragment(view)
    events = [e for e in build.project.events if view.matches(e)]
    return templates.render(
        build.site.template_dirs,
        "timeline.html",
        **_context(build, view, page_url, uid),
        embed=embed,
        attrs=attrs,
        svg=Markup(svg),
        held_years=axis_years(layout),
        shown=len(events),
        total=len(layout.events),
        used_kinds={e.kind for e in build.project.events},
        # The list in the page only while it is short (partials/timeline-list.html).
        events=events if len(events) <= LIST_INLINE_MAX else None,
        builder=builder,
    )


def embed_page(build: Build) -> GeneratedPage:
    """/embed/: the whole timeline; the page's URL parameters pick the view in the browser."""
    page_url = urls.EMBED_URI[: -len("index.md")]
    body = timeline_view(build, TimelineFilter(), page_url, embed=True)
    # Generated pages never go through Jinja; the template adds the chrome-less frame.
    return generated_page(
        "---\ntemplate: embed.html\ntitle: Timeline\nsearch:\n  exclude: true\n---\n\n", [body]
    )


def _chart_height(build: Build) -> int:
    """The first view's drawing, in pixels: every event, as the embed paints it first."""
    layout = build.layout
    level = layout.levels[layout.classes[0].level]
    _, height = lay.rows_shown(layout, level, [True] * len(layout.events), None)
    return round(height + lay.AXIS_PX)


def embed_builder(build: Build, page_url: str, site_name: str) -> str:
    """The builder's form (templates/policy-timeline/embed-builder.html)."""
    first, last = _years(build)
    embed = urls.relative(page_url, urls.EMBED_PATH)
    return templates.render(
        build.site.template_dirs,
        "embed-builder.html",
        vocabulary=build.project.vocabulary,
        first=first,
        last=last,
        embed=embed,
        height=EMBED_HEIGHT_PX,
        min_height=HEIGHT_MIN_PX,
        max_height=HEIGHT_MAX_PX,
        sandbox=EMBED_SANDBOX,
        resize=resize_script(build.site.template_dirs),
        site_name=site_name,
        message=HEIGHT_MESSAGE,
        script=urls.relative(page_url, urls.BUILDER_SCRIPT),
        chart_height=_chart_height(build),
    )


def resize_snippet_html(build: Build | None = None) -> str:
    """The host-side resize script as a code block (the builder copies the same text)."""
    dirs = build.site.template_dirs if build is not None else ()
    return templates.render(dirs, "resize-snippet.html", snippet=resize_script(dirs))
