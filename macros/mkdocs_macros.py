"""mkdocs-macros glue: the macros hand-written pages may call (``render_macros: true``).

Thin on purpose: each macro asks the build in progress (``pipeline.current``)
and the page being rendered, and hands both to the core.
"""
from __future__ import annotations

from . import charts, pipeline, timeline_html
from .figure import TimelineFilter


def define_env(env):
    # The local-before-central settings (extra: policy_timeline: in mkdocs.yml). mkdocs-macros
    # calls define_env on_config, before the hook's on_files builds the chart files.
    charts.configure(env.conf.get("extra"))

    def page_url() -> str:
        return env.page.url if env.page is not None else ""

    views_on_page: dict[str, int] = {}

    @env.macro
    def timeline(lanes=None, kinds=None, tags=None, start=None, end=None, q=None):
        """The interactive timeline and its twin list: timeline(lanes=["local"], start=2009)."""
        build = pipeline.current()
        view = TimelineFilter.parse(build.project.vocabulary, lanes=lanes, kinds=kinds,
                                    tags=tags, start=start, end=end, q=q)
        # Ids in the view's HTML are unique on its page, however many views it has.
        url = page_url()
        views_on_page[url] = views_on_page.get(url, 0) + 1
        return timeline_html.timeline_view(build, view, url, uid=f"pt-v{views_on_page[url]}")

    @env.macro
    def embed_builder():
        """The embed builder's controls, preview and snippet (docs/embed.md)."""
        return timeline_html.embed_builder(pipeline.current(), page_url(), env.conf["site_name"])

    @env.macro
    def embed_resize_snippet():
        return timeline_html.resize_snippet_html()

    @env.macro
    def targets_and_outcomes():
        """The events' figures, a chart per measure: targets, forecasts, estimates, actuals."""
        return charts.targets_and_outcomes_html(pipeline.current(), page_url())

    @env.macro
    def local_before_central():
        """Plans per year by lane; years between the first local plan and the national one,
        both named in mkdocs.yml (extra: policy_timeline:)."""
        return charts.local_before_central_html(pipeline.current(), page_url(),
                                                charts.settings())
