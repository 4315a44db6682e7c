"""What a site configures for its analysis pages: the plugin's ``analysis`` options.

The *Local before central* page compares the first local plan with a
national one, both named here, not in a docs page: a fork of another policy
field names its own, or none, and its page says what is missing (in the site's
language: render/charts/, catalogues/<lang>/charts.yml).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class AnalysisSettings:
    """The national plan (an event id), the local lane, the kind and tag that make an
    event a plan, and the measure whose figures count plans where sources give counts."""

    national_plan: str | None = None
    local_lane: str | None = None
    plan_kind: str | None = None
    plan_tag: str | None = None
    plan_measure: str | None = None


@dataclass(frozen=True)
class SiteSettings:
    """What a site's configuration tells the pages about where they live.

    ``url`` (mkdocs' site_url) makes absolute addresses: citations, the feed.
    ``repo_url`` and ``branch`` make each event's "Edit this event" and
    "History" links (GitHub's form: ``/edit/BRANCH/path``, ``/commits/BRANCH/path``);
    without a repo_url there are none. ``author`` is who a citation names.
    ``template_dirs``: folders whose ``policy-timeline/*.html`` override the engine's
    page templates, searched in order before the package's own (render/templates.py).
    ``language`` (the theme's ``language``) picks the interface's message catalogue;
    ``messages`` are the site's overrides of single strings, as (dotted key, text)
    pairs (render/catalogue.py).
    """

    name: str = "Policy timeline"
    url: str | None = None
    repo_url: str | None = None
    branch: str = "main"
    author: str | None = None
    template_dirs: tuple[Path, ...] = ()
    language: str = "en"
    messages: tuple[tuple[str, str], ...] = ()

    @property
    def citation_author(self) -> str:
        return self.author or f"{self.name} contributors"

    def absolute(self, path: str) -> str:
        """A site path ("events/x/") as an address: absolute when the site has a url."""
        return (self.url.rstrip("/") + "/" + path) if self.url else path
