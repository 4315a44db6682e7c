"""The macros hand-written pages may call (``render_macros: true``), for mkdocs-macros.

Thin on purpose: each macro asks the site the plugin is rendering
(``generated.current``: its build) and the page being rendered, and hands both
to the core. Under an engine that runs
no plugin (Zensical, which runs mkdocs-macros modules itself), there is no build
in progress: the macros prepare one here, once per process, from the same
settings (``files_host.project``), and again when an event file changes. A site
loads them as mkdocs-macros' module (``module_name:``, see this repository's
``macros/``) or as a pluglet (``modules: [policy_timeline.mkdocs.macros]``).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from policy_timeline.build import Build
from policy_timeline.files_host.links import for_source_file
from policy_timeline.files_host.project import FilesState, files_state, read_project
from policy_timeline.render import charts, timeline_block
from policy_timeline.render.generated import RenderedSite, current
from policy_timeline.timeline.view import Names, TimelineFilter


@functools.lru_cache(maxsize=1)
def _prepared(config_file: Path, state: FilesState) -> Build:
    # ``state``, the events folder's files, is only the cache's key: a change, a new build.
    return read_project(config_file).prepare()


def _config_file(env: Any) -> Path:
    """The site's mkdocs.yml: the file mkdocs read, or the one beside the project."""
    conf = env.conf
    named = conf.get("config_file_path") if hasattr(conf, "get") else None
    root = Path(named).parent if named else Path(getattr(env, "project_dir", "."))
    return root / "mkdocs.yml"


def build_for(env: Any) -> tuple[Build, RenderedSite | None]:
    """The build the plugin is running, and the site it renders; else one prepared
    here, and None."""
    try:
        site = current()
    except RuntimeError:
        config_file = _config_file(env).resolve()
        events = read_project(config_file).events_dir
        return _prepared(config_file, files_state([events])), None
    return site.build, site


def _source_uri(env: Any) -> str:
    """The page's source file, relative to the docs folder (``local-before-central.md``)."""
    page = env.page
    path = str(getattr(page, "path", None) or getattr(getattr(page, "file", None), "src_uri", ""))
    if os.path.isabs(path):
        docs = env.conf.get("docs_dir") or ""
        path = os.path.relpath(path, os.path.join(getattr(env, "project_dir", "."), docs))
    return path.replace(os.sep, "/")


def define_env(env: Any) -> None:
    def page_url() -> str:
        return env.page.url if env.page is not None else ""

    def finished(
        prepared: tuple[Build, RenderedSite | None], html: str, *, defer: bool = False
    ) -> str:
        """With the plugin, a deferred block goes in after Markdown and the search
        (RenderedSite.defer); without it, the engine reads links in raw HTML against
        the page's source file (files_host.links)."""
        site = prepared[1]
        if site is not None:
            return site.defer(html) if defer else html
        return for_source_file(html, _source_uri(env)) if env.page is not None else html

    views_on_page: dict[str, int] = {}

    @env.macro
    def timeline(
        lanes: Names = None,
        kinds: Names = None,
        tags: Names = None,
        start: object = None,
        end: object = None,
        q: object = None,
    ) -> str:
        """The timeline, its controls and its twin list: timeline(lanes=["local"], start=2009)."""
        prepared = build_for(env)
        build = prepared[0]
        view = TimelineFilter.parse(
            build.project.vocabulary, lanes=lanes, kinds=kinds, tags=tags, start=start, end=end, q=q
        )
        # Ids in the view's HTML are unique on its page, however many views it has.
        url = page_url()
        views_on_page[url] = views_on_page.get(url, 0) + 1
        html = timeline_block.timeline_view(build, view, url, uid=f"pt-v{views_on_page[url]}")
        return finished(prepared, html, defer=True)

    @env.macro
    def embed_builder() -> str:
        """The embed builder's controls, preview and snippet (docs/embed.md)."""
        prepared = build_for(env)
        html = timeline_block.embed_builder(prepared[0], page_url(), env.conf["site_name"])
        return finished(prepared, html)

    @env.macro
    def embed_resize_snippet() -> str:
        # The build gives the site's template folders: a site may override the snippet.
        return timeline_block.resize_snippet_html(build_for(env)[0])

    @env.macro
    def targets_and_outcomes() -> str:
        """The events' figures, a chart per measure: targets, forecasts, estimates, actuals."""
        prepared = build_for(env)
        return finished(prepared, charts.targets_and_outcomes_html(prepared[0], page_url()))

    @env.macro
    def local_before_central() -> str:
        """Plans per year by lane; years between the first local plan and the national one,
        both named in the plugin's analysis options."""
        prepared = build_for(env)
        build = prepared[0]
        html = charts.local_before_central_html(build, page_url(), build.settings)
        return finished(prepared, html)
