"""The settings a site gives in mkdocs.yml, as the core takes them: one reading for
both hosts, the mkdocs plugin and the files host (files_host/) for engines that
run no plugin."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

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
