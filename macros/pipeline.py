"""The build, in the order of its file names: load -> validate -> index -> render.

Everything is assembled in memory before mkdocs writes anything (as Pelican's
generators build their whole context before output). The mkdocs hook calls
:func:`build` once per build and hands the result to mkdocs as generated
files; ``python -m macros export`` calls the same renderers without mkdocs.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from . import dates
from . import layout as timeline_layout
from .model import Project


class ValidationFailed(Exception):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Build:
    project: Project
    index: object                      # macros.index.Index
    today: object                      # datetime.date: what counts as "future"
    # Generated pages by src_uri ("events/<id>.md"): render_pages.GeneratedPage.
    pages: dict[str, object] = field(default_factory=dict)
    # Generated assets by src_uri ("assets/timeline/timeline.json"), as bytes.
    # Neither is ever written into docs/.
    files: dict[str, bytes] = field(default_factory=dict)

    @functools.cached_property
    def layout(self) -> timeline_layout.TimelineLayout:
        """The timeline's layout at every level: the SVG and the chart draw it."""
        return timeline_layout.compute(self.project.events, self.project.vocabulary, self.today)

    def page_content(self, src_uri: str, html: str, *, searchable_only: bool = False) -> str:
        """A page's HTML once Markdown is done: a generated page gets its HTML blocks back
        (see render_pages.GeneratedPage.fill).

        The last fill lets go of the page's blocks: from then on the page's
        HTML is held by mkdocs only, not twice (a third of peak memory at
        5,000 events).
        """
        page = self.pages.get(src_uri) if searchable_only else self.pages.pop(src_uri, None)
        return page.fill(html, searchable_only=searchable_only) if page is not None else html


_current: Build | None = None


def current() -> Build:
    """The build in progress, for macros called while mkdocs renders pages."""
    if _current is None:
        raise RuntimeError("no timeline build in progress: the mkdocs hook has not run")
    return _current


def load(events_dir: Path):
    """load + validate: the project, or ValidationFailed with every problem of every file."""
    from .validate import validate_project

    project, problems = validate_project(Path(events_dir))
    if problems:
        raise ValidationFailed(problems)
    return project


def build(events_dir: Path) -> Build:
    global _current
    from . import export, figure, index, render_pages, timeline_html

    project = load(events_dir)
    idx = index.build_index(project)
    result = Build(project=project, index=idx, today=dates.today())
    result.pages.update(render_pages.render_all(result))
    result.pages[figure.EMBED_URI] = timeline_html.embed_page(result)
    result.files.update(figure.site_files(result))
    result.files.update(export.site_files(result))
    _current = result
    return result
