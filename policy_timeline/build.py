"""A build of one events folder: load -> validate -> index, and what renders it reads.

Everything is assembled in memory before anything is written (as Pelican's
generators build their whole context before output): :func:`prepare` loads,
validates and indexes into a :class:`Build`, plain data about the site's
content; ``render.generate.render_site`` then makes every page and file from it
(a ``render.generated.RenderedSite``), which the hosts hand to their engine.
Nothing here renders, and nothing is ever written into docs/.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from policy_timeline.source import dates
from policy_timeline.source.errors import Problem
from policy_timeline.source.history import History, read_history
from policy_timeline.source.model import Event, Project
from policy_timeline.source.settings import AnalysisSettings, SiteSettings
from policy_timeline.source.validate import MapFiles, validate_project
from policy_timeline.timeline import layout as timeline_layout
from policy_timeline.timeline.index import Index, build_index


class ValidationFailed(Exception):
    """The events folder has problems; ``problems`` holds every one of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Build:
    """Plain data about a site's content: the validated project, its index, what
    counts as today, the settings, and what is read or computed from them once
    (the layout, the file history). What is rendered from it is not here
    (``render.generated.RenderedSite``)."""

    project: Project
    index: Index
    today: _dt.date  # what counts as "future"
    settings: AnalysisSettings = field(default_factory=AnalysisSettings)
    site: SiteSettings = field(default_factory=SiteSettings)

    @functools.cached_property
    def layout(self) -> timeline_layout.TimelineLayout:
        """The timeline's layout at every level: the SVG and the chart draw it. Computed
        once, when first read, unless one computed elsewhere was handed in
        (:func:`use_layout`)."""
        return timeline_layout.compute(self.project.events, self.project.vocabulary, self.today)

    @functools.cached_property
    def history(self) -> History:
        """When each event file was added and last changed (git), read once."""
        return read_history(self.project.events_dir, self.project.vocabulary.years)

    def file_path(self, event: Event) -> str:
        """The event's file, relative to the events folder (``2017/x.md``)."""
        return Path(os.path.relpath(event.path, self.project.events_dir)).as_posix()


def use_layout(build: Build, layout: timeline_layout.TimelineLayout) -> None:
    """Hand ``build`` its layout, computed elsewhere from the same events (the mkdocs
    host's worker processes, mkdocs/speed/parts.py), before anything reads it:
    :attr:`Build.layout` then gives it instead of computing its own."""
    build.__dict__["layout"] = layout  # where functools.cached_property keeps its value


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
