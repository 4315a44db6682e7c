"""An Atom feed of events, the newest additions first (``feed.xml``).

An event's "addition" is the commit that added its file and its "update" the
last one that changed it (history.py). Without that history the feed orders
events by their own date, newest first, and dates entries with the build's
date (pinned by ``SOURCE_DATE_EPOCH``): deterministic, if less telling.
Atom needs absolute addresses, so a site without ``site_url`` has no feed.
The XML is the template ``feed.xml.html``'s, which a site can override.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from policy_timeline import urls
from policy_timeline.render import templates
from policy_timeline.render.catalogue import Messages, site_messages
from policy_timeline.render.cite import author
from policy_timeline.source.model import Event

if TYPE_CHECKING:
    from policy_timeline.build import Build

FEED_URI = "feed.xml"
FEED_SIZE = 50  # entries: the newest additions; the exports hold every event
# In templates/policy-timeline/, or a site's custom_dir: .html, or mkdocs would copy
# it into the site as one of the theme's static files.
TEMPLATE = "feed.xml.html"


def _stamp(day: _dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _dates(build: Build, event: Event) -> tuple[_dt.date, _dt.date]:
    """(added, updated): from git, or the build's date for both."""
    dates = build.history.of(build.file_path(event))
    if dates is None:
        return build.today, build.today
    return dates.added, dates.changed


def newest_additions(build: Build, size: int = FEED_SIZE) -> list[Event]:
    """The events the feed lists: newest addition first, then the latest event date,
    then the id (a stable order when many were added by one commit)."""

    def key(event: Event) -> tuple[int, int, int, int, str]:
        added, _ = _dates(build, event)
        year, month, day = event.date.sort_key
        return (-added.toordinal(), -year, -month, -day, event.id)

    return sorted(build.project.events, key=key)[:size]


@dataclass(frozen=True)
class Entry:
    """An event as the feed template gets it (``entries``)."""

    event: Event
    title: str  # its date and title, as the feed words them
    address: str
    published: str
    updated: str
    summary: str
    tags: list[tuple[str, str]]  # (term, label): the tags the vocabulary has


_ATTR_REFERENCES = {"\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}


def xml_attr(value: str) -> Markup:
    """``value`` escaped for an attribute of the feed, a tab or a line break as a character
    reference: an XML parser reads a raw one in an attribute as a space (as saxutils'
    ``quoteattr`` wrote them)."""
    escaped = str(escape(value))
    for char, reference in _ATTR_REFERENCES.items():
        escaped = escaped.replace(char, reference)
    return Markup(escaped)


def _entry(build: Build, said: Messages, event: Event) -> Entry:
    added, changed = _dates(build, event)
    tags = build.project.vocabulary.tags
    return Entry(
        event=event,
        title=said.t("feed.entry", date=said.date(event.date), title=event.title),
        address=build.site.absolute(urls.event_path(event.id)),
        published=_stamp(added),
        updated=_stamp(changed),
        summary=event.summary,
        tags=[(tag, tags[tag].label) for tag in event.tags if tag in tags],
    )


def atom_feed(build: Build) -> bytes | None:
    """The feed, from ``feed.xml.html`` (the site's own first); None without a site_url."""
    site = build.site
    if not site.url:
        return None
    events = newest_additions(build)
    said = site_messages(site)
    updated = max((_dates(build, e)[1] for e in events), default=build.today)
    xml = templates.render(
        site.template_dirs,
        TEMPLATE,
        xml_attr=xml_attr,
        language=site.language,
        title=said.t("feed.title", site=site.name),
        address=site.absolute(""),
        self_address=site.absolute(FEED_URI),
        updated=_stamp(updated),
        author=author(build),
        entries=[_entry(build, said, event) for event in events],
    )
    return (xml + "\n").encode("utf-8")
