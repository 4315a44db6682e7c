"""The plugin's options in mkdocs.yml and the settings the core takes from them: one
reading for both hosts, the mkdocs plugin (mkdocs/plugin.py) and the files host
(files_host/) for engines that run no plugin. It sits below both, so neither host
imports the other's modules for it; it uses mkdocs' config schema classes, which
both engines' configuration files follow."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from policy_timeline.render import catalogue
from policy_timeline.source.settings import AnalysisSettings, SiteSettings

# The branch edit links name: the one in edit_uri ("edit/main/docs/"), else main.
_BRANCH = re.compile(r"(?:edit|blob|tree)/([^/]+)/")


def site_settings(
    *,
    name: str,
    url: str | None,
    repo_url: str | None,
    edit_uri: str | None,
    author: str | None,
    custom_dir: Path | None = None,
    language: str | None = None,
    messages: Mapping[str, Any] | None = None,
) -> SiteSettings:
    branch = _BRANCH.match(edit_uri or "")
    return SiteSettings(
        name=name,
        url=url or None,
        repo_url=repo_url or None,
        branch=branch.group(1) if branch else "main",
        author=author,
        # The theme's custom_dir overrides the engine's page templates too
        # (custom_dir/policy-timeline/event.html), as it does the theme's.
        template_dirs=(custom_dir,) if custom_dir else (),
        language=str(language or catalogue.DEFAULT),
        messages=catalogue.overrides_tuple(messages),
    )


def analysis_settings(analysis: object) -> AnalysisSettings:
    """The plugin's ``analysis:`` options (a validated sub-config)."""
    return AnalysisSettings(
        getattr(analysis, "national_plan", None),
        getattr(analysis, "local_lane", None),
        getattr(analysis, "plan_kind", None),
        getattr(analysis, "plan_tag", None),
        getattr(analysis, "plan_measure", None),
    )


class MessagesOption(c.Type[dict]):
    """The plugin's ``messages:`` option, a site's own text for single interface
    strings (``{timeline.showing: "…"}``, nested maps too): every key must be one the
    English catalogue has, every placeholder one its string takes."""

    def __init__(self) -> None:
        super().__init__(dict, default={})

    def run_validation(self, value: object) -> dict:
        checked = super().run_validation(value)
        problems = catalogue.override_problems(checked)
        if problems:
            raise ValidationError("; ".join(problems))
        return checked


class AnalysisConfig(base.Config):
    """What the analysis pages compare (see settings.AnalysisSettings)."""

    national_plan = c.Optional(c.Type(str))
    local_lane = c.Optional(c.Type(str))
    plan_kind = c.Optional(c.Type(str))
    plan_tag = c.Optional(c.Type(str))
    plan_measure = c.Optional(c.Type(str))


class PolicyTimelineConfig(base.Config):
    # The events folder, relative to mkdocs.yml; $TIMELINE_EVENTS_DIR overrides it (tests,
    # benchmarks, a fork's preview of another folder).
    events_dir = c.Type(str, default="events")
    analysis = c.SubConfig(AnalysisConfig)
    # Who a suggested citation of an event names; default: "<site_name> contributors".
    citation_author = c.Optional(c.Type(str))
    # The measured build shortcuts (mkdocs/speed/pages.py, mkdocs/speed/search.py,
    # mkdocs/speed/template_cache.py); $TIMELINE_BUILD_SHORTCUTS=off overrides.
    build_shortcuts = c.Type(bool, default=True)
    # Worker processes (mkdocs/speed/workers.py): 0, by the machine: on a build of
    # 1,000 events or more, one a CPU beside the build's own makes the event pages'
    # parts; 1, none; 2 or more, that many make the parts and check the files.
    # $TIMELINE_BUILD_WORKERS overrides.
    build_workers = c.Type(int, default=0)
    # A site's own text for single interface strings, by catalogue key
    # (render/catalogue.py); the language is the theme's.
    messages = MessagesOption()
