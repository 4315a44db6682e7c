"""Policy Timeline: a static site generator for policy timelines.

The engine is plain Python, importable and tested without mkdocs, laid out
as its pipeline (ARCHITECTURE.md)::

    source/     load -> check -> validate: event files, the vocabulary, the bibliography
    timeline/   index (cross-links) -> layout -> the view, the SVG, the chart's data
    render/     pages, the timeline block, charts, exports, citations, the feed
    authoring/  new, init, the issue form, from-issue

Hosts sit at the edge: ``policy_timeline.mkdocs`` is the ``policy-timeline``
plugin (and the macros), ``policy-timeline`` (``python -m policy_timeline``)
the command line. What a script or another host needs is below; everything
else is internal and may change between minor versions::

    import policy_timeline as pt

    build = pt.prepare(Path("events"))          # or pt.ValidationFailed, with every problem
    site = pt.render_site(build)                # a RenderedSite: site.pages, site.files by src_uri
    project, problems = pt.validate_project(Path("events"))
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

# Public name -> the module that defines it. Imported on first use, so that
# `import policy_timeline` (and `policy-timeline --version`) stays cheap.
_PUBLIC = {
    "Build": "policy_timeline.build",
    "ValidationFailed": "policy_timeline.build",
    "prepare": "policy_timeline.build",
    "validate_project": "policy_timeline.source.validate",
    "Problem": "policy_timeline.source.errors",
    "Event": "policy_timeline.source.model",
    "Figure": "policy_timeline.source.model",
    "Project": "policy_timeline.source.model",
    "Source": "policy_timeline.source.model",
    "Title": "policy_timeline.source.model",
    "Vocabulary": "policy_timeline.source.model",
    "PartialDate": "policy_timeline.source.dates",
    "AnalysisSettings": "policy_timeline.source.settings",
    "SiteSettings": "policy_timeline.source.settings",
    "Index": "policy_timeline.timeline.index",
    "TimelineLayout": "policy_timeline.timeline.layout",
    "render_site": "policy_timeline.render.generate",
    "RenderedSite": "policy_timeline.render.generated",
    "write_exports": "policy_timeline.render.export",
}

__all__ = [
    "AnalysisSettings",
    "Build",
    "Event",
    "Figure",
    "Index",
    "PartialDate",
    "Problem",
    "Project",
    "RenderedSite",
    "SiteSettings",
    "Source",
    "TimelineLayout",
    "Title",
    "ValidationFailed",
    "Vocabulary",
    "__version__",
    "prepare",
    "render_site",
    "validate_project",
    "write_exports",
]

if TYPE_CHECKING:
    from policy_timeline.build import Build, ValidationFailed, prepare
    from policy_timeline.render.export import write_exports
    from policy_timeline.render.generate import render_site
    from policy_timeline.render.generated import RenderedSite
    from policy_timeline.source.dates import PartialDate
    from policy_timeline.source.errors import Problem
    from policy_timeline.source.model import Event, Figure, Project, Source, Title, Vocabulary
    from policy_timeline.source.settings import AnalysisSettings, SiteSettings
    from policy_timeline.source.validate import validate_project
    from policy_timeline.timeline.index import Index
    from policy_timeline.timeline.layout import TimelineLayout


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'policy_timeline' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
