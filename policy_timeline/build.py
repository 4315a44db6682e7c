"""A build of one events folder: load -> validate -> index, and what renders it reads.

Everything is assembled in memory before anything is written (as Pelican's
generators build their whole context before output): :func:`prepare` loads,
validates and indexes; ``render.generate.render_site`` then fills :attr:`Build.pages`
and :attr:`Build.files`, which the mkdocs plugin hands to mkdocs and
``policy-timeline export`` writes without it. Nothing here is ever written
into docs/.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import os
import re
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from policy_timeline.render.generated import GeneratedPage, PartsSource, SearchCopy
from policy_timeline.source import dates
from policy_timeline.source.errors import Problem
from policy_timeline.source.history import History, read_history
from policy_timeline.source.model import Event, Project
from policy_timeline.source.settings import AnalysisSettings, SiteSettings
from policy_timeline.source.validate import MapFiles, validate_project
from policy_timeline.timeline import layout as timeline_layout
from policy_timeline.timeline.index import Index, build_index

DEFERRED = "<!--pt-deferred-{}-->"
_DEFERRED_RE = re.compile(r"<!--pt-deferred-([0-9]+)-->")


class ValidationFailed(Exception):
    """The events folder has problems; ``problems`` holds every one of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Build:
    project: Project
    index: Index
    today: _dt.date  # what counts as "future"
    settings: AnalysisSettings = field(default_factory=AnalysisSettings)
    site: SiteSettings = field(default_factory=SiteSettings)
    # Generated pages by src_uri ("events/<id>.md").
    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    # Generated assets by src_uri ("assets/timeline/timeline.json"), as bytes.
    files: dict[str, bytes] = field(default_factory=dict)
    # HTML a macro made for a hand-written page, put in once the page is Markdown
    # and indexed (defer, page_content).
    deferred: dict[int, str] = field(default_factory=dict)
    # Where event pages' parts are being made apart, when they are (the mkdocs
    # host's worker processes, mkdocs/speed/parts.py); without it, each event page
    # makes its own when it is filled in.
    event_parts: PartsSource | None = None
    # The layout as a worker process computes it (mkdocs/speed/parts.py), when one does.
    layout_from_worker: Future[timeline_layout.TimelineLayout] | None = None

    @functools.cached_property
    def layout(self) -> timeline_layout.TimelineLayout:
        """The timeline's layout at every level: the SVG and the chart draw it."""
        if self.layout_from_worker is not None:
            from_worker, self.layout_from_worker = self.layout_from_worker, None
            try:
                # Computed without its events, which the worker need not send back.
                computed = from_worker.result()
            except Exception:  # a worker that died: the same layout is made here
                pass
            else:
                return dataclasses.replace(computed, events=tuple(self.project.events))
        return timeline_layout.compute(self.project.events, self.project.vocabulary, self.today)

    @functools.cached_property
    def history(self) -> History:
        """When each event file was added and last changed (git), read once."""
        return read_history(self.project.events_dir, self.project.vocabulary.years)

    def close(self) -> None:
        """Let the workers go (an event page not yet filled makes its own parts)."""
        if self.event_parts is not None:
            self.event_parts.close()

    def file_path(self, event: Event) -> str:
        """The event's file, relative to the events folder (``2017/x.md``)."""
        return Path(os.path.relpath(event.path, self.project.events_dir)).as_posix()

    def defer(self, html: str) -> str:
        """A placeholder for ``html`` that page_content replaces after Markdown and the
        search index: a macro's timeline view (a megabyte at 5,000 events, none of it
        searched) is neither parsed by Markdown's HTML block handling nor by the
        search plugin. Hand-written pages are trusted text; contributor text reaches
        them only escaped, so it cannot forge a placeholder."""
        number = len(self.deferred)
        self.deferred[number] = html
        return DEFERRED.format(number)

    def page_content(
        self,
        src_uri: str,
        html: str,
        *,
        searchable_only: bool = False,
        search_copy: SearchCopy | None = None,
    ) -> str:
        """A page's HTML once Markdown is done: a generated page gets its HTML blocks back
        (see generated.GeneratedPage.fill).

        The last fill lets go of the page's blocks: from then on the page's
        HTML is held by mkdocs only, not twice (a third of peak memory at
        5,000 events).
        """
        page = self.pages.get(src_uri) if searchable_only else self.pages.pop(src_uri, None)
        if page is not None:
            return page.fill(html, searchable_only=searchable_only, search_copy=search_copy)
        if searchable_only or "<!--pt-deferred-" not in html:
            return html
        return _DEFERRED_RE.sub(lambda m: self.deferred.pop(int(m.group(1)), m.group()), html)


def prepare(
    events_dir: Path,
    *,
    settings: AnalysisSettings | None = None,
    site: SiteSettings | None = None,
    today: _dt.date | None = None,
    report: Callable[[str], None] | None = None,
    map_files: MapFiles = map,
) -> Build:
    """Load, validate and index ``events_dir``; ValidationFailed with every problem of
    every file when any file has one.

    ``report`` gets one line per stage, with its counts and time (the build's log);
    ``map_files``: how the event files' checks are run (see validate.MapFiles).
    """
    started = time.perf_counter()
    project, problems = validate_project(Path(events_dir), map_files=map_files)
    validated = time.perf_counter()
    if problems or project is None:
        if report:
            report(
                f"validated {events_dir}: {len(problems)} error(s) in {validated - started:.2f} s"
            )
        raise ValidationFailed(problems)
    if report:
        report(
            f"validated {len(project.events)} events in {validated - started:.2f} s ({events_dir})"
        )
        for warning in project.warnings:
            report(f"warning: {warning}")
    index = build_index(project)
    if report:
        report(
            f"indexed {len(index.actors)} actors, {len(index.tags)} tags, {len(index.years)} "
            f"years, {len(index.places)} places and {len(index.sources)} sources in "
            f"{time.perf_counter() - validated:.2f} s"
        )
    return Build(
        project=project,
        index=index,
        today=today or dates.today(),
        settings=settings or AnalysisSettings(),
        site=site or SiteSettings(),
    )


_current: Build | None = None


def current() -> Build:
    """The build mkdocs is running, for the macros hand-written pages call."""
    if _current is None:
        raise RuntimeError(
            "no timeline build in progress: the policy-timeline plugin has not "
            "run (is it in mkdocs.yml's plugins?)"
        )
    return _current


def set_current(build: Build | None) -> None:
    """The plugin sets the build once it is prepared and clears it when mkdocs is done."""
    global _current
    _current = build
