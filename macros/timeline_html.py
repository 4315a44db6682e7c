"""The HTML around the timeline: its container, its accessible twin list, the embed page.

The container only points at the build's figure file and names the view's
filters in data attributes; ``timeline.js`` does the drawing. The twin list
carries the same events as plain HTML: it is what shows without JavaScript
and what screen readers and search engines read.
"""
from __future__ import annotations

from urllib.parse import quote, urlencode

from . import urls
from .dates import format_span
from .figure import EMBED_URI, FIGURE_SCRIPT_URI, FIGURE_URI, PLOTLY_URI, TimelineFilter
from .model import Event
from .render_pages import GeneratedPage, generated_page
from .sanitize import esc

BUILDER_PATH = "embed/builder/"
EMBED_PATH = "embed/"
HEIGHT_MESSAGE = "policy-timeline:height"
EMBED_SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"
EMBED_HEIGHT_PX = 560
HEIGHT_MIN_PX, HEIGHT_MAX_PX = 200, 2000
TWIN_OPEN_MAX = 200
# The theme's search skips an element with this attribute, then removes it
# (only when it has a value).
SEARCH_EXCLUDE = 'data-search-exclude="true"'

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


def _query(view: TimelineFilter) -> str:
    params = view.params()
    return "?" + urlencode(params, safe=",", quote_via=quote) if params else ""


def plot_container(page_url: str, css_class: str, figure_uri: str, data: list[tuple[str, str]],
                   *, inner: str = "") -> str:
    """A div that timeline.js fills with the Plotly figure at ``figure_uri``.

    Addresses are relative to the page, so the site works under any base URL.
    """
    attrs = {
        "figure": urls.relative(page_url, figure_uri),
        "plotly": urls.relative(page_url, PLOTLY_URI),
        "root": urls.relative(page_url, "") or "./",
        **dict(data),
    }
    data_attrs = "".join(f' data-{name}="{esc(value)}"' for name, value in attrs.items())
    return f'<div class="{css_class}" data-state="waiting"{data_attrs}>{inner}</div>'


def preload_links(page_url: str, figure_uri: str) -> str:
    """Start downloading plotly.js and the figure as soon as the container is parsed.

    The loader asks for them only once the page has loaded; on a slow network
    that wait is most of the time to a drawn chart. ``crossorigin`` matches
    the credentials mode of fetch(), or the browser would download the JSON twice.
    """
    figure = urls.relative(page_url, figure_uri)
    as_figure = 'as="script"' if figure_uri.endswith(".js") else 'as="fetch" crossorigin'
    return (f'<link rel="preload" href="{esc(urls.relative(page_url, PLOTLY_URI))}" as="script">'
            f'<link rel="preload" href="{esc(figure)}" {as_figure}>')


def _twin_item(event: Event, build, page_url: str, filterable: bool) -> str:
    vocabulary = build.project.vocabulary
    href = urls.relative(page_url, urls.event_path(event.id))
    target = ' <span class="pt-target">target</span>' if event.is_target(build.today) else ""
    attrs = ""
    if filterable:
        # The embed filters its list in the browser, the same way as its figure.
        attrs = (f' data-lane="{esc(event.lane)}" data-kind="{esc(event.kind)}"'
                 f' data-tags="{esc(" ".join(event.tags))}"'
                 f' data-first="{event.date.first_day.isoformat()}"'
                 f' data-last="{(event.end or event.date).last_day.isoformat()}"'
                 f' data-id="{esc(event.id)}"')
    return (f'<li{attrs}><time datetime="{event.date.text}">'
            f'{esc(format_span(event.date, event.end))}</time> '
            f'<a href="{esc(href)}">{esc(event.title)}</a>{target} '
            f'<span class="pt-meta">{esc(vocabulary.lanes[event.lane].label)} · '
            f'{esc(vocabulary.kinds[event.kind].label)}</span></li>')


def twin_list(build, view: TimelineFilter, page_url: str, *, filterable: bool = False) -> str:
    events = [e for e in build.project.events if view.matches(e)]
    items = "".join(_twin_item(e, build, page_url, filterable) for e in events)
    noun = "event" if len(events) == 1 else "events"
    # Laying out thousands of open list items costs a second before the chart
    # can start; a long list stays folded, one click (or keypress) away.
    opened = " open" if len(events) <= TWIN_OPEN_MAX else ""
    # Left out of the site search (mkdocs-material's data-search-exclude, which
    # it strips from the page): each event is found on its own page.
    return (f'<details class="pt-twin"{opened} {SEARCH_EXCLUDE}><summary>The {len(events)} {noun} of this '
            f'timeline, as a list</summary><ol class="pt-twin-list">{items}</ol></details>')


def timeline_view(build, view: TimelineFilter, page_url: str, *, embed: bool = False) -> str:
    """The container, the twin list and (on site pages) the "Embed this view" link.

    One line of HTML on purpose: Markdown leaves a raw HTML block alone only
    up to its first blank line.
    """
    container = plot_container(
        page_url, "pt-timeline", FIGURE_SCRIPT_URI if embed else FIGURE_URI, view.params(),
        inner='<p class="pt-fallback">The interactive timeline needs JavaScript; '
              'the list below has the same events.</p>')
    parts = [preload_links(page_url, FIGURE_SCRIPT_URI if embed else FIGURE_URI), container,
             twin_list(build, view, page_url, filterable=embed)]
    if not embed:
        builder = urls.relative(page_url, BUILDER_PATH) + _query(view)
        parts.append(f'<p class="pt-embed-link"><a href="{esc(builder)}">Embed this view</a></p>')
    return f'<div class="pt-view">{"".join(parts)}</div>'


def embed_page(build) -> GeneratedPage:
    """/embed/: the whole timeline; the page's URL parameters pick the view in the browser."""
    page_url = EMBED_URI[: -len("index.md")]
    body = timeline_view(build, TimelineFilter(), page_url, embed=True)
    # Generated pages never go through Jinja; the template adds the chrome-less frame.
    return generated_page("---\ntemplate: embed.html\ntitle: Timeline\nsearch:\n  exclude: true\n"
                          "---\n\n", [body])


def _checkboxes(name: str, legend: str, items: list[tuple[str, str]], chosen) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" name="{name}" value="{esc(value)}"'
        f'{" checked" if value in chosen else ""}> {esc(label)}</label>'
        for value, label in items)
    return f'<fieldset class="pt-choices"><legend>{esc(legend)}</legend>{boxes}</fieldset>'


BUILDER_SCRIPT = "assets/javascripts/embed-builder.js"


def embed_builder(build, page_url: str, site_name: str) -> str:
    """The builder's form, from the vocabulary: a fork with other lanes needs no code change."""
    vocabulary = build.project.vocabulary
    events = build.project.events
    first = min((e.date.year for e in events), default=2000)
    last = max(((e.end or e.date).year for e in events), default=first)
    none = ()
    form = "".join([
        _checkboxes("lanes", "Lanes", [(l.id, l.label) for l in vocabulary.lanes_in_order()], none),
        _checkboxes("kinds", "Kinds", [(k.id, k.label) for k in vocabulary.kinds.values()], none),
        _checkboxes("tags", "Tags", [(t.id, t.label) for t in vocabulary.tags.values()], none),
        '<fieldset class="pt-choices"><legend>Years</legend>'
        f'<label>From <input type="number" name="from" min="{first}" max="{last}" '
        f'placeholder="{first}"></label> '
        f'<label>to <input type="number" name="to" min="{first}" max="{last}" '
        f'placeholder="{last}"></label></fieldset>',
        '<fieldset class="pt-choices"><legend>Theme</legend>'
        '<label><input type="radio" name="theme" value="light" checked> Light</label>'
        '<label><input type="radio" name="theme" value="dark"> Dark</label></fieldset>',
    ])
    embed = urls.relative(page_url, EMBED_PATH)
    return (
        f'<form class="pt-builder" {SEARCH_EXCLUDE} data-embed="{esc(embed)}" data-height="{EMBED_HEIGHT_PX}" '
        f'data-sandbox="{EMBED_SANDBOX}" data-resize="{esc(RESIZE_SNIPPET)}" '
        f'data-title="{esc(site_name)}" '
        f'data-script="{esc(urls.relative(page_url, BUILDER_SCRIPT))}">{form}</form>'
        '<p class="pt-caption">Preview</p>'
        f'<iframe class="pt-preview" src="{esc(embed)}" title="Preview of the embedded timeline" '
        f'sandbox="{EMBED_SANDBOX}" height="{EMBED_HEIGHT_PX}"></iframe>'
        '<p class="pt-caption"><label for="pt-snippet">The snippet: paste it into your '
        'page’s HTML</label></p>'
        '<textarea id="pt-snippet" class="pt-snippet" rows="14" readonly></textarea>'
        '<p><button type="button" class="md-button pt-copy">Copy the snippet</button> '
        '<span class="pt-copy-status" role="status"></span></p>'
    )


def resize_snippet_html() -> str:
    """The host-side resize script as a code block (the builder copies the same text)."""
    return f'<pre class="pt-resize-snippet"><code>{esc(RESIZE_SNIPPET)}</code></pre>'
