"""The macros hand-written pages may call (``render_macros: true``), for mkdocs-macros.

Thin on purpose: each macro asks the build in progress (``build.current``)
and the page being rendered, and hands both to the core. A site loads them
as mkdocs-macros' module (``module_name:``, see this repository's
``macros/``) or as a pluglet (``modules: [policy_timeline.mkdocs.macros]``).
"""

from __future__ import annotations

from typing import Any

from policy_timeline.build import current
from policy_timeline.render import charts, timeline_block
from policy_timeline.timeline.view import Names, TimelineFilter


def define_env(env: Any) -> None:
    def page_url() -> str:
        return env.page.url if env.page is not None else ""

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
        build = current()
        view = TimelineFilter.parse(
            build.project.vocabulary, lanes=lanes, kinds=kinds, tags=tags, start=start, end=end, q=q
        )
        # Ids in the view's HTML are unique on its page, however many views it has.
        url = page_url()
        views_on_page[url] = views_on_page.get(url, 0) + 1
        return build.defer(
            timeline_block.timeline_view(build, view, url, uid=f"pt-v{views_on_page[url]}")
        )

    @env.macro
    def embed_builder() -> str:
        """The embed builder's controls, preview and snippet (docs/embed.md)."""
        return timeline_block.embed_builder(current(), page_url(), env.conf["site_name"])

    @env.macro
    def embed_resize_snippet() -> str:
        return timeline_block.resize_snippet_html()

    @env.macro
    def targets_and_outcomes() -> str:
        """The events' figures, a chart per measure: targets, forecasts, estimates, actuals."""
        return charts.targets_and_outcomes_html(current(), page_url())

    @env.macro
    def local_before_central() -> str:
        """Plans per year by lane; years between the first local plan and the national one,
        both named in the plugin's analysis options."""
        build = current()
        return charts.local_before_central_html(build, page_url(), build.settings)
