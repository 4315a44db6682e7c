"""Examples for ``new``'s commented-out fields and the issue form's placeholders, taken from
the site's own files: its first event (in file order: the first year's folder first), the
first actor and place its events name, the first key of its bibliography. A site about
another field never sees another site's examples.

Event files are read lightly (front matter only, any problem skipped: the validator reports
it), in file order until each example is found, and at most ``MAX_READ`` of them: ``new``
costs the same on a site of 50 events as of 5,000.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from policy_timeline.source.load import (
    BIBLIOGRAPHY_FILE,
    MAX_EVENT_BYTES,
    find_event_files,
    read_text,
    split_front_matter,
)

_TextLoader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
MAX_READ = 200  # event files read at most, in file order, for their examples


@dataclass(frozen=True)
class SiteExamples:
    """What the site's files give as examples; None where they give nothing."""

    title: str | None = None  # of the first event
    date: str | None = None  # of the same event
    event_id: str | None = None  # of the same event
    actor: str | None = None  # the first actor an event names
    place: str | None = None  # the first place an event names
    source_key: str | None = None  # the bibliography's first key


def _first_text(values: Any) -> str | None:
    if isinstance(values, list):
        return next((v.strip() for v in values if isinstance(v, str) and v.strip()), None)
    return None


def _front_matter(path: Path) -> dict[str, Any] | None:
    text, problems = read_text(path, MAX_EVENT_BYTES)
    if text is None or problems:
        return None
    split, _ = split_front_matter(text)
    if split is None:
        return None
    try:
        # Every value as its text (no dates, numbers or tags made): what an example shows.
        data = yaml.load(split.front_matter, Loader=_TextLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _bibliography_key(events_dir: Path) -> str | None:
    path = events_dir / BIBLIOGRAPHY_FILE
    if not path.is_file():
        return None
    text, problems = read_text(path, MAX_EVENT_BYTES * 64)
    try:
        data = yaml.load(text, Loader=_TextLoader) if text is not None and not problems else None
    except (yaml.YAMLError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    return next((key for key in data if isinstance(key, str)), None)


def site_examples(events_dir: Path) -> SiteExamples:
    """The examples of the site whose events folder is ``events_dir``."""
    events_dir = Path(events_dir)
    if not events_dir.is_dir():
        return SiteExamples()
    first: tuple[str, str, str] | None = None  # (date, id, title)
    actor = place = None
    for rel in find_event_files(events_dir).events[:MAX_READ]:
        data = _front_matter(events_dir / rel)
        if data is None:
            continue
        title, date = data.get("title"), data.get("date")
        if first is None and isinstance(title, str) and title.strip() and date:
            first = (str(date), Path(rel).stem, " ".join(title.split()))
        actor = actor or _first_text(data.get("actors"))
        place = place or _first_text(data.get("places"))
        if first and actor and place:
            break
    date, event_id, title = first or (None, None, None)
    return SiteExamples(
        title=title,
        date=date,
        event_id=event_id,
        actor=actor,
        place=place,
        source_key=_bibliography_key(events_dir),
    )
