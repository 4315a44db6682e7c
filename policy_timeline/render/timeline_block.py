"""The HTML of a timeline view: controls, the chart (its build-time SVG), the legend,
the selected-event card, the accessible twin list; the embed page and its builder.

A view is finished HTML: it reads and works without JavaScript (the SVG and
the list), and ``timeline.js`` brings it to life from the data attributes it
carries: the controls, the URL, the card, the keyboard, and the Plotly chart
that replaces the SVG once the reader starts to interact. Every contributor
string is escaped here (``sanitize.esc``) or in ``svg.py``.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from policy_timeline import urls
from policy_timeline.render.generated import SEARCH_EXCLUDE, GeneratedPage, generated_page
from policy_timeline.source.dates import format_span
from policy_timeline.source.model import Event
from policy_timeline.source.sanitize import esc
from policy_timeline.source.symbols import PATHS
from policy_timeline.timeline.layout import TimelineLayout
from policy_timeline.timeline.plotly_figure import dark_colour
from policy_timeline.timeline.svg import timeline_svgs
from policy_timeline.timeline.view import TimelineFilter

if TYPE_CHECKING:
    from policy_timeline.build import Build

HEIGHT_MESSAGE = "policy-timeline:height"
EMBED_SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads"
EMBED_HEIGHT_PX = 640
HEIGHT_MIN_PX, HEIGHT_MAX_PX = 200, 4000
# SEARCH_EXCLUDE (generated.py) goes on the view's parts, not the view: the search
# stops skipping at the first closing tag of its name. Each event is found on its
# own page.
KEYS_HELP = (
    "Tab to the chart, then: ← and → step through the events, Home and End go to "
    "the first and the last, Enter opens the event's page, Escape clears the "
    "selection, + and − zoom."
)

# The host page's half of the height handshake; shown on the builder page and
# copied with the iframe snippet. It trusts no origin (a sandboxed embed posts
# from an opaque one): it matches the sending iframe and clamps the height.
RESIZE_SNIPPET = f"""<script>
window.addEventListener("message", function (event) {{
  var data = event.data;
  if (!data || data.type !== "{HEIGHT_MESSAGE}") return;
  var frames = document.getElementsByTagName("iframe");
  for (var i = 0; i < frames.length; i++) {{
    if (frames[i].contentWindow === event.source) {{
      var height = Math.min({HEIGHT_MAX_PX}, Math.max({HEIGHT_MIN_PX}, Number(data.height) || 0));
      frames[i].style.height = height + "px";
    }}
  }}
}});
</script>"""


def _fragment(view: TimelineFilter) -> str:
    """The view as the builder's fragment (a ``?q=`` would open the theme's search there)."""
    params = view.params()
    return "#" + urlencode(params, safe=",", quote_via=quote) if params else ""


def plot_container(
    page_url: str, css_class: str, figure_uri: str, data: list[tuple[str, str]], *, inner: str = ""
) -> str:
    """A div that timeline.js fills with a Plotly figure from ``figure_uri``
    (the analysis charts use it too).

    Addresses are relative to the page, so the site works under any base URL.
    """
    attrs = {
        "figure": urls.relative(page_url, figure_uri),
        "plotly": urls.relative(page_url, urls.PLOTLY_URI),
        "root": urls.relative(page_url, "") or "./",
        **dict(data),
    }
    data_attrs = "".join(f' data-{name}="{esc(value)}"' for name, value in attrs.items())
    return f'<div class="{css_class}" data-state="waiting"{data_attrs}>{inner}</div>'


# --- pieces of a view -----------------------------------------------------------------


def glyph(symbol: str, *, hollow: bool = False, css: str = "") -> str:
    """A kind's marker as a small inline SVG (the controls and the legend)."""
    cls = "pt-glyph" + (" pt-hollow" if hollow else "") + (f" {css}" if css else "")
    return (
        f'<svg class="{cls}" viewBox="-8 -8 16 16" width="16" height="16" aria-hidden="true" '
        f'focusable="false"><path d="{PATHS[symbol]}"/></svg>'
    )


def lane_styles(layout: TimelineLayout) -> str:
    """Each lane's colour as CSS, for the light and the dark scheme (the SVG, the legend)."""
    rules = []
    for n, lane in enumerate(layout.lanes):
        rules.append(f".pt-view .pt-l{n}{{--pt-c:{lane.colour}}}")
        rules.append(
            f"[data-md-color-scheme=slate] .pt-view .pt-l{n},"
            f"[data-theme=dark] .pt-view .pt-l{n}{{--pt-c:{dark_colour(lane.colour)}}}"
        )
    return f"<style>{''.join(rules)}</style>"


def _checkbox(name: str, value: str, label: str, checked: bool, mark: str = "") -> str:
    return (
        f'<label class="pt-check"><input type="checkbox" name="{name}" value="{esc(value)}"'
        f"{' checked' if checked else ''}>{mark}<span>{esc(label)}</span></label>"
    )


def controls(build: Build, view: TimelineFilter, uid: str) -> str:
    """The reader's filters: real form controls with labels, folded into one
    "Filters" button on narrow screens. Without JavaScript they are hidden."""
    vocabulary = build.project.vocabulary
    layout = build.layout
    lanes = "".join(
        _checkbox(
            "lanes",
            lane.id,
            lane.label,
            not view.lanes or lane.id in view.lanes,
            f'<span class="pt-swatch pt-l{n}" aria-hidden="true"></span>',
        )
        for n, lane in enumerate(layout.lanes)
    )
    kinds = "".join(
        _checkbox(
            "kinds",
            kind.id,
            kind.label,
            not view.kinds or kind.id in view.kinds,
            glyph(kind.symbol),
        )
        for kind in vocabulary.kinds.values()
    )
    tags = "".join(
        _checkbox("tags", tag.id, tag.label, tag.id in view.tags)
        for tag in vocabulary.tags.values()
    )
    events = build.project.events
    first = min((e.date.year for e in events), default=2000)
    last = max(((e.end or e.date).year for e in events), default=first)
    start = view.start.year if view.start else ""
    end = view.end.year if view.end else ""
    tag_box = (
        f'<details class="pt-tags"><summary>Tags <span class="pt-tag-count"></span>'
        f'</summary><fieldset><legend class="pt-sr">Tags</legend>{tags}</fieldset>'
        f"</details>"
        if tags
        else ""
    )
    return (
        f'<details class="pt-filters" open><summary class="pt-filters-button">Filters'
        f'<span class="pt-active-count"></span></summary>'
        f'<form class="pt-controls" role="search" aria-label="Filter the timeline" '
        f"{SEARCH_EXCLUDE}>"
        f'<label class="pt-search"><span>Search</span> <input type="search" name="q" '
        f'value="{esc(view.q)}" placeholder="Titles and summaries" autocomplete="off"></label>'
        f'<fieldset class="pt-lanes"><legend>Lanes</legend>{lanes}</fieldset>'
        f'<fieldset class="pt-kinds"><legend>Kinds</legend>{kinds}</fieldset>'
        f"{tag_box}"
        f'<fieldset class="pt-years"><legend>Years</legend>'
        f'<label>From <input type="number" name="from" inputmode="numeric" min="{first}" '
        f'max="{last}" placeholder="{first}" value="{start}"></label> '
        f'<label>to <input type="number" name="to" inputmode="numeric" min="{first}" '
        f'max="{last}" placeholder="{last}" value="{end}"></label></fieldset>'
        f'<button type="reset" class="pt-button pt-reset">Clear filters</button>'
        f"</form></details>"
    )


def toolbar(uid: str) -> str:
    """Zoom, the whole span, and downloads of the view: plain buttons, never over the chart."""
    buttons = (
        ("zoom-in", "Zoom in", "+"),
        ("zoom-out", "Zoom out", "\u2212"),
        ("reset", "Reset zoom to the first view", "Reset zoom"),
        ("all", "All years, the whole span", "All years"),
        ("png", "Download the view as PNG", "PNG"),
        ("svg", "Download the view as SVG", "SVG"),
    )
    return (
        f'<div class="pt-toolbar" role="toolbar" aria-label="Timeline view" {SEARCH_EXCLUDE} '
        f'aria-controls="{uid}-stage">'
        + "".join(
            f'<button type="button" class="pt-button" data-action="{action}" '
            f'aria-label="{esc(label)}" title="{esc(label)}">{esc(text)}</button>'
            for action, label, text in buttons
        )
        + "</div>"
    )


def legend(build: Build) -> str:
    """What the shapes mean: the kinds on the timeline, hollow targets, bars, clusters."""
    vocabulary = build.project.vocabulary
    used = {e.kind for e in build.project.events}
    kinds = "".join(
        f"<li>{glyph(k.symbol)}{esc(k.label)}</li>"
        for k in vocabulary.kinds.values()
        if k.id in used
    )
    return (
        f'<div class="pt-legend" {SEARCH_EXCLUDE}><ul class="pt-legend-kinds" '
        f'aria-label="Kinds">{kinds}</ul>'
        '<ul class="pt-legend-marks">'
        f"<li>{glyph('circle', hollow=True)}hollow: a target, or not yet happened</li>"
        '<li><span class="pt-legend-bar" aria-hidden="true"></span>a bar: a period</li>'
        '<li><span class="pt-legend-cluster" aria-hidden="true">+3</span>'
        "more events there: zoom in</li></ul></div>"
    )


def card(uid: str) -> str:
    """The selected event, filled in by timeline.js; previous and next step through the view."""
    return (
        f'<section class="pt-card" id="{uid}-card" hidden aria-labelledby="{uid}-card-title" '
        f"{SEARCH_EXCLUDE}>"
        '<p class="pt-card-when"></p>'
        f'<h3 class="pt-card-title" id="{uid}-card-title"></h3>'
        '<p class="pt-card-zh" lang="zh"></p>'
        '<p class="pt-card-summary"></p>'
        '<p class="pt-card-meta"><span class="pt-card-sources"></span> '
        '<a class="pt-card-link" href="">Open the event page</a></p>'
        '<div class="pt-card-nav">'
        '<button type="button" class="pt-button" data-action="prev">← Previous</button>'
        '<span class="pt-card-position"></span>'
        '<button type="button" class="pt-button" data-action="next">Next →</button>'
        '<button type="button" class="pt-button pt-card-close" data-action="close" '
        'aria-label="Close the card">Close</button></div></section>'
    )


def _twin_item(event: Event, build: Build, page_url: str) -> str:
    vocabulary = build.project.vocabulary
    href = urls.relative(page_url, urls.event_path(event.id))
    target = ' <span class="pt-target">target</span>' if event.is_target(build.today) else ""
    # timeline.js filters the list as it filters the chart, by the event's id.
    return (
        f'<li data-id="{esc(event.id)}"><time datetime="{event.date.text}">'
        f"{esc(format_span(event.date, event.end))}</time> "
        f'<a href="{esc(href)}">{esc(event.title)}</a>{target} '
        f'<span class="pt-meta">{esc(vocabulary.lanes[event.lane].label)} · '
        f"{esc(vocabulary.kinds[event.kind].label)}</span></li>"
    )


def twin_list(build: Build, view: TimelineFilter, page_url: str) -> str:
    events = [e for e in build.project.events if view.matches(e)]
    items = "".join(_twin_item(e, build, page_url) for e in events)
    noun = "event" if len(events) == 1 else "events"
    # Folded: the timeline above shows the same events, and the list is one
    # click (or keypress) away; open, a long one would push everything after
    # the timeline pages down.
    return (
        f'<details class="pt-twin" {SEARCH_EXCLUDE}><summary>The {len(events)} {noun} of this '
        f'timeline, as a list</summary><ol class="pt-twin-list">{items}</ol></details>'
    )


def timeline_view(
    build: Build, view: TimelineFilter, page_url: str, *, embed: bool = False, uid: str = "pt-v1"
) -> str:
    """A whole timeline view. One line of HTML on purpose: Markdown leaves a raw
    HTML block alone only up to its first blank line."""
    layout = build.layout
    lane_ids = [lane.id for lane in layout.lanes]
    shown_lanes = [lane_ids.index(lane) for lane in view.lanes] if view.lanes else None
    visible = [view.shows(e) for e in layout.events]
    figure_uri = urls.FIGURE_SCRIPT_URI if embed else urls.FIGURE_URI
    attrs = {
        "figure": urls.relative(page_url, figure_uri),
        "plotly": urls.relative(page_url, urls.PLOTLY_URI),
        "root": urls.relative(page_url, "") or "./",
        "builder": urls.relative(page_url, urls.BUILDER_PATH),
        **({"height-message": HEIGHT_MESSAGE} if embed else {}),
        **dict(view.params()),
    }
    data_attrs = "".join(f' data-{name}="{esc(value)}"' for name, value in attrs.items())
    count = sum(1 for e in layout.events if view.matches(e))
    # An embed sits in an article's column: the SVG for pages wider than any
    # column would only add to its first load.
    widest = len(layout.classes) - 2 if embed else None
    stage = (
        f'<div class="pt-stage" id="{uid}-stage" tabindex="0" role="application" '
        f'aria-roledescription="timeline" aria-label="Timeline chart" '
        f'aria-describedby="{uid}-keys">'
        f'<div class="pt-static" {SEARCH_EXCLUDE}>{timeline_svgs(layout, build.project.vocabulary, page_url, visible, shown_lanes, uid, widest)}</div>'
        "</div>"
    )
    parts = [
        lane_styles(layout),
        # Without JavaScript, the controls, the toolbar and the card can do nothing.
        (
            "<noscript><style>.pt-view .pt-filters,.pt-view .pt-bar-top,.pt-view .pt-keys"
            "{display:none!important}</style></noscript>"
        ),
        controls(build, view, uid),
        f'<div class="pt-bar-top"><p class="pt-count" role="status" {SEARCH_EXCLUDE}>'
        f"Showing {count} of "
        f"{len(layout.events)} events</p>{toolbar(uid)}</div>",
        stage,
        card(uid),
        f'<p class="pt-keys" id="{uid}-keys" {SEARCH_EXCLUDE}>{esc(KEYS_HELP)}</p>',
        legend(build),
        '<p class="pt-live pt-sr" aria-live="polite"></p>',
        twin_list(build, view, page_url),
    ]
    if not embed:
        builder = urls.relative(page_url, urls.BUILDER_PATH) + _fragment(view)
        parts.append(f'<p class="pt-embed-link"><a href="{esc(builder)}">Embed this view</a></p>')
    return (
        f'<div class="pt-view" id="{uid}" data-state="static"{data_attrs}>'
        + "".join(parts)
        + "</div>"
    )


def embed_page(build: Build) -> GeneratedPage:
    """/embed/: the whole timeline; the page's URL parameters pick the view in the browser."""
    page_url = urls.EMBED_URI[: -len("index.md")]
    body = timeline_view(build, TimelineFilter(), page_url, embed=True)
    # Generated pages never go through Jinja; the template adds the chrome-less frame.
    return generated_page(
        "---\ntemplate: embed.html\ntitle: Timeline\nsearch:\n  exclude: true\n---\n\n", [body]
    )


def _checkboxes(
    name: str, legend: str, items: list[tuple[str, str]], chosen: Collection[str]
) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" name="{name}" value="{esc(value)}"'
        f"{' checked' if value in chosen else ''}> {esc(label)}</label>"
        for value, label in items
    )
    return f'<fieldset class="pt-choices"><legend>{esc(legend)}</legend>{boxes}</fieldset>'


def embed_builder(build: Build, page_url: str, site_name: str) -> str:
    """The builder's form, from the vocabulary: a fork with other lanes needs no code change."""
    vocabulary = build.project.vocabulary
    events = build.project.events
    first = min((e.date.year for e in events), default=2000)
    last = max(((e.end or e.date).year for e in events), default=first)
    none = ()
    form = "".join(
        [
            _checkboxes(
                "lanes",
                "Lanes",
                [(lane.id, lane.label) for lane in vocabulary.lanes_in_order()],
                none,
            ),
            _checkboxes(
                "kinds", "Kinds", [(k.id, k.label) for k in vocabulary.kinds.values()], none
            ),
            _checkboxes("tags", "Tags", [(t.id, t.label) for t in vocabulary.tags.values()], none),
            '<fieldset class="pt-choices"><legend>Years</legend>'
            f'<label>From <input type="number" name="from" min="{first}" max="{last}" '
            f'placeholder="{first}"></label> '
            f'<label>to <input type="number" name="to" min="{first}" max="{last}" '
            f'placeholder="{last}"></label></fieldset>',
            '<fieldset class="pt-choices"><legend>Search</legend>'
            '<label>Words <input type="search" name="q" placeholder="in titles and summaries">'
            "</label></fieldset>",
            '<fieldset class="pt-choices"><legend>Theme</legend>'
            '<label><input type="radio" name="theme" value="light" checked> Light</label>'
            '<label><input type="radio" name="theme" value="dark"> Dark</label></fieldset>',
        ]
    )
    embed = urls.relative(page_url, urls.EMBED_PATH)
    return (
        f'<form class="pt-builder" {SEARCH_EXCLUDE} data-embed="{esc(embed)}" data-height="{EMBED_HEIGHT_PX}" '
        f'data-sandbox="{EMBED_SANDBOX}" data-resize="{esc(RESIZE_SNIPPET)}" '
        f'data-title="{esc(site_name)}" data-message="{HEIGHT_MESSAGE}" '
        f'data-min-height="{HEIGHT_MIN_PX}" data-max-height="{HEIGHT_MAX_PX}" '
        f'data-script="{esc(urls.relative(page_url, urls.BUILDER_SCRIPT))}">{form}</form>'
        # The snippet and its button come before the preview: the preview's height follows
        # what it shows, so anything under it moves whenever a choice changes the view.
        '<p class="pt-caption"><label for="pt-snippet">The snippet: paste it into your '
        "page’s HTML</label></p>"
        '<textarea id="pt-snippet" class="pt-snippet" rows="8" readonly></textarea>'
        '<p><button type="button" class="md-button pt-copy">Copy the snippet</button> '
        '<span class="pt-copy-status" role="status"></span></p>'
        '<p class="pt-caption">Preview</p>'
        # No src: the builder gives the preview its first address, with the view the page
        # was opened with. (With one here, that first load of the whole timeline would be
        # cut short at once, for nothing.)
        f'<iframe class="pt-preview" title="Preview of the embedded timeline" '
        f'sandbox="{EMBED_SANDBOX}" height="{EMBED_HEIGHT_PX}"></iframe>'
        f"<noscript><p>The builder and its preview need JavaScript; the embed itself "
        f'works without it: <a href="{esc(embed)}">see the embed</a>.</p></noscript>'
    )


def resize_snippet_html() -> str:
    """The host-side resize script as a code block (the builder copies the same text)."""
    return f'<pre class="pt-resize-snippet"><code>{esc(RESIZE_SNIPPET)}</code></pre>'
