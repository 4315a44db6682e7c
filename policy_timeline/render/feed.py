"""An Atom feed of events, the newest additions first (``feed.xml``).

An event's "addition" is the commit that added its file and its "update" the
last one that changed it (history.py). Without that history the feed orders
events by their own date, newest first, and dates entries with the build's
date (pinned by ``SOURCE_DATE_EPOCH``): deterministic, if less telling.
Atom needs absolute addresses, so a site without ``site_url`` has no feed.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from policy_timeline import urls
from policy_timeline.render.catalogue import site_messages
from policy_timeline.render.cite import author
from policy_timeline.source.model import Event

if TYPE_CHECKING:
    from policy_timeline.build import Build

FEED_URI = "feed.xml"
FEED_SIZE = 50  # entries: the newest additions; the exports hold every event


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


def atom_feed(build: Build) -> bytes | None:
    site = build.site
    if not site.url:
        return None
    events = newest_additions(build)
    said = site_messages(site)
    updated = max((_dates(build, e)[1] for e in events), default=build.today)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(site.language)}>',
        f"  <title>{escape(said.t('feed.title', site=site.name))}</title>",
        f"  <id>{escape(site.absolute(''))}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(site.absolute(FEED_URI))}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(site.absolute(""))}/>',
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <author><name>{escape(author(build))}</name></author>",
    ]
    for event in events:
        added, changed = _dates(build, event)
        address = site.absolute(urls.event_path(event.id))
        lines += [
            "  <entry>",
            f"    <title>{escape(said.t('feed.entry', date=said.date(event.date), title=event.title))}</title>",
            f"    <id>{escape(address)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(address)}/>',
            f"    <published>{_stamp(added)}</published>",
            f"    <updated>{_stamp(changed)}</updated>",
            f"    <summary>{escape(event.summary)}</summary>",
            *(
                f"    <category term={quoteattr(tag)}"
                f" label={quoteattr(build.project.vocabulary.tags[tag].label)}/>"
                for tag in event.tags
                if tag in build.project.vocabulary.tags
            ),
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")
