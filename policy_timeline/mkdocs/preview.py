"""The live preview while event files have errors: every page shows them.

``mkdocs serve`` stops answering requests while a build fails ("the server
will appear stuck"), so under ``serve`` the plugin lets a build with invalid
events succeed as a preview of the errors instead: every page it would have
made (the hand-written ones, the last good build's generated ones, and a page
per event file) shows the validator's messages, and the next save that fixes
them brings the timeline back. ``mkdocs build`` still refuses to build.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from pathlib import Path

from policy_timeline import urls
from policy_timeline.render.catalogue import Messages, english
from policy_timeline.source.errors import Problem
from policy_timeline.source.load import find_event_files


def error_markdown(problems: Sequence[Problem], messages: Messages | None = None) -> str:
    """The whole of a page while the events have errors, in the site's language.

    The messages quote contributors' text, so they are escaped into a
    ``<pre>`` block, not handed to Markdown.
    """
    said = messages or english()
    listed = "\n".join(html.escape(str(problem), quote=False) for problem in problems)
    title = html.escape(said.t("preview.title"), quote=False)
    return (
        f"# {title}\n\n"
        '<div class="admonition failure pt-preview-errors" role="alert" markdown="0">\n'
        f'<p class="admonition-title">'
        f"{html.escape(said.plural('preview.count', len(problems)), quote=False)}</p>\n"
        f"<p>{html.escape(said.t('preview.help'), quote=False)}</p>\n"
        f"<pre><code>{listed}</code></pre>\n"
        "</div>\n"
    )


def error_page_uris(
    events_dir: Path, last_good: Iterable[str], nav_missing: Iterable[str]
) -> list[str]:
    """The generated pages a preview with errors still has, so that a reader on any of
    them sees the errors rather than a 404: the last good build's, one per event
    file (found by name, since the files could not be read), and the nav's."""
    uris = set(last_good) | set(nav_missing)
    try:
        found = find_event_files(events_dir)
    except OSError:
        found = None
    if found is not None:
        uris.update(urls.src_uri("events", Path(rel).stem) for rel in found.events)
    return sorted(uri for uri in uris if uri.endswith(".md"))
