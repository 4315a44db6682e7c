"""The ``policy-timeline`` mkdocs plugin: event handlers only, each priority explained.

It prepares the build (load, validate, index) before mkdocs touches the
site folder, renders every generated page and file, hands them to mkdocs
with ``File.generated`` (never written into docs/), adds the engine's own
assets and templates, and puts generated pages' HTML back around the
search plugin. All the work is in the core; this file only connects it.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from policy_timeline import urls
from policy_timeline.build import ValidationFailed, prepare
from policy_timeline.mkdocs import preview
from policy_timeline.mkdocs.checkout import tracked_compiled_files
from policy_timeline.mkdocs.speed import collector, parts
from policy_timeline.mkdocs.speed.pages import (
    PrebuiltPage,
    headings_markdown,
    theme_once_per_folder,
)
from policy_timeline.mkdocs.speed.search import as_left_by_search, search_copy, search_view
from policy_timeline.mkdocs.speed.template_cache import bytecode_cache
from policy_timeline.mkdocs.speed.workers import file_map
from policy_timeline.mkdocs.staging import StagedSiteDir
from policy_timeline.options import PolicyTimelineConfig, analysis_settings, site_settings
from policy_timeline.render import cite, templates
from policy_timeline.render.catalogue import site_messages
from policy_timeline.render.generated import RenderedSite, SearchCopy, current, set_current
from policy_timeline.render.pages import EventPartsFailed
from policy_timeline.source.errors import Problem
from policy_timeline.source.settings import AnalysisSettings, SiteSettings

if TYPE_CHECKING:
    # Only serve uses it: importing it starts watchdog's, a cost every build would pay.
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.policy_timeline")

PACKAGE = resources.files("policy_timeline")
# The hand-written embed builder (docs/embed.md) moves aside to /embed/builder/:
# /embed/ itself is the generated, standalone timeline.
BUILDER_PAGE = "embed.md"
# mkdocs-macros lists its modules, variables and macros at INFO on every build.
MACROS_LOGGER = "mkdocs.plugins.mkdocs_macros"
# jieba (the theme's search splits Chinese into words with it) says at DEBUG, on
# stderr, how long its dictionary took to load.
JIEBA_LOGGER = "jieba"
# Set by `make deploy-site` (and the deploy workflow): this build is published,
# so its site_url must be the address it is published at.
DEPLOY_ENV = "TIMELINE_DEPLOY"
# With the theme's search: text an input method enters runs the query too.
SEARCH_INPUT_SCRIPT = "assets/javascripts/search-input.js"


class PolicyTimelinePlugin(BasePlugin[PolicyTimelineConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        # The site rendered from the build, while mkdocs writes it.
        self.rendered: RenderedSite | None = None
        self.command = "build"
        self.dirty = False
        # The folder a build writes into until it has succeeded (staging.py).
        self._staged: StagedSiteDir | None = None
        # Under serve, the problems of a build whose events are invalid: the
        # preview shows them on every page (preview.py) instead of hanging.
        self.problems: list[Problem] = []
        self._last_good_pages: set[str] = set()
        self._rendered_at = 0.0
        self._pages_written = 0
        self._search_copy: SearchCopy | None = None
        # Where the generated files wait for mkdocs to copy them (_add_generated).
        self._files_dir: str | None = None
        # A generated page while the search reads its view (on_page_context).
        self._before_search: dict[str, str] = {}

    # --- settings ---------------------------------------------------------------------

    def events_dir(self, config: MkDocsConfig) -> Path:
        base_dir = Path(config.config_file_path).resolve().parent
        folder = base_dir / (os.environ.get("TIMELINE_EVENTS_DIR") or self.config.events_dir)
        # Messages name files as a contributor types them: events/2017/x.md, not
        # /home/.../events/2017/x.md, when the folder is below the current one.
        try:
            return folder.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return folder

    def shortcuts(self) -> bool:
        return self.config.build_shortcuts and os.environ.get("TIMELINE_BUILD_SHORTCUTS") != "off"

    def copies_for_search(self, config: MkDocsConfig) -> bool:
        """Whether the search reads copies of generated blocks and views of generated
        pages (search.py): a build shortcut, made for mkdocs-material's search
        plugin only, and only when it reads pages (``enabled``)."""
        return self.shortcuts() and _material_search(config)

    def _site_dir(self, config: MkDocsConfig) -> str:
        """The site folder as the user named it, while the build writes into its staging folder."""
        return str(self._staged.target) if self._staged is not None else config.site_dir

    def workers(self) -> int:
        override = os.environ.get("TIMELINE_BUILD_WORKERS", "")
        return int(override) if override.isdigit() else self.config.build_workers

    def analysis(self) -> AnalysisSettings:
        return analysis_settings(self.config.analysis)

    def site(self, config: MkDocsConfig) -> SiteSettings:
        custom_dir = config.theme.custom_dir
        return site_settings(
            name=config.site_name,
            url=config.site_url,
            repo_url=config.repo_url,
            edit_uri=config.edit_uri,
            author=self.config.citation_author,
            custom_dir=Path(custom_dir) if custom_dir else None,
            language=config.theme.get("language"),
            messages=self.config.messages,
        )

    # --- events -------------------------------------------------------------------------

    # Default priority: runs before any plugin's on_config.
    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        # One line per stage is what a build prints; mkdocs -v (DEBUG) still shows
        # mkdocs-macros' start-up listing.
        if not log.isEnabledFor(logging.DEBUG):
            logging.getLogger(MACROS_LOGGER).setLevel(logging.WARNING)
            logging.getLogger(JIEBA_LOGGER).setLevel(logging.WARNING)

    # Default priority: nothing here depends on another plugin's on_config.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.command == "gh-deploy" or os.environ.get(DEPLOY_ENV) == "1":
            problem = urls.site_url_problem(config.site_url)
            if problem:
                raise Abort(
                    f"site_url {problem}: a published site's canonical links, sitemap, "
                    "feed and embed snippets are made from it. Set site_url in mkdocs.yml, "
                    "or the SITE_URL environment variable, to the address the site is "
                    "published at (the deploy workflow sets it from GitHub Pages)"
                )
        compiled = tracked_compiled_files(Path(config.config_file_path).resolve().parent)
        if compiled:
            raise Abort(
                f"git tracks compiled Python ({', '.join(compiled[:5])}"
                f"{', …' if len(compiled) > 5 else ''}): Python may run such a file instead "
                "of its source, so nothing was built. Remove it (git rm --cached) and add "
                "__pycache__/ and *.pyc to .gitignore"
            )
        # The engine's templates (the embed page, the theme fixes in main.html and
        # partials/) come after the site's own custom_dir, which can still override
        # them, and before the theme's.
        dirs = config.theme.dirs
        dirs.insert(1 if config.theme.custom_dir else 0, str(PACKAGE / "templates"))
        # Every page with a timeline or a table needs these; listing them here keeps
        # a site's mkdocs.yml free of the engine's file names.
        for css in urls.STYLESHEETS:
            if css not in config.extra_css:
                config.extra_css.append(css)
        scripts = [str(script) for script in config.extra_javascript]
        for js in urls.SCRIPTS:
            if js not in scripts:
                config.extra_javascript.append(js)
        if _material_search(config) and SEARCH_INPUT_SCRIPT not in scripts:
            config.extra_javascript.append(SEARCH_INPUT_SCRIPT)
        self._search_copy = search_copy if self.copies_for_search(config) else None
        # A build writes into a staging folder, swapped in once it has succeeded
        # (staging.py); serve builds into a folder of its own, and a dirty build
        # adds to the site folder on purpose.
        self._staged = None
        if self.command != "serve" and not self.dirty:
            self._staged = StagedSiteDir(config.site_dir)
            config.site_dir = self._staged.begin(strict=bool(config.strict))
        return config

    # The build runs here, before mkdocs reads any file. Default priority:
    # mkdocs-macros reads current() only when it renders pages, much later.
    #
    # Under serve, invalid events make a preview of the errors instead
    # (preview.py): a failed build would leave every request hanging.
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        set_current(None)
        self.rendered = None
        self.problems = []
        self._pages_written = 0
        # What this makes lives to the end of the build: made with Python's collector
        # paused, then frozen until on_post_build (collector.py).
        with collector.long_lived(self.shortcuts()):
            self._prepare_and_render(config)

    def _prepare_and_render(self, config: MkDocsConfig) -> None:
        workers = self.workers()
        try:
            build = prepare(
                self.events_dir(config),
                settings=self.analysis(),
                site=self.site(config),
                report=log.info,
                map_files=file_map(workers),
            )
        except ValidationFailed as failed:
            if self.command == "serve":
                # Said once the build is done (on_post_build): the last thing printed,
                # not scrolled away by mkdocs' notices about the nav.
                self.problems = failed.problems
                return
            for problem in failed.problems:
                log.error(str(problem))
            raise Abort(
                f"{len(failed.problems)} error(s) in event files; nothing was "
                f"built, and {self._site_dir(config)} was left as it was"
            ) from None
        started = time.perf_counter()
        site, used = parts.render_site(
            build, workers=workers, compiled=bytecode_cache() if self.shortcuts() else None
        )
        self.rendered = site
        self._rendered_at = time.perf_counter()
        log.info(
            f"rendered {len(site.pages)} pages and {len(site.files)} files "
            f"in {self._rendered_at - started:.2f} s"
            + (
                f" (event pages' parts by {used} worker process{'es' if used > 1 else ''})"
                if used
                else ""
            )
        )
        self._last_good_pages = set(site.pages)
        set_current(site)
        if build.history.missing:
            log.info(f"no last-changed dates from git: {build.history.missing}")
        # Said at INFO, not WARNING: a commit stays in the history once merged, and a
        # warning would fail every later --strict build for something no edit can fix.
        for warning in build.history.warnings:
            log.info(f"git history: {warning}")

    # Default priority: on_files runs for every plugin before mkdocs reads any page,
    # so the generated pages are in place before mkdocs-macros renders the
    # hand-written ones. Generated pages carry no render_macros, so with
    # render_by_default: false mkdocs-macros never renders them.
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.problems:
            self._add_error_pages(files, config)
        else:
            self._add_generated(files, config)
        assets = (*urls.ASSETS, SEARCH_INPUT_SCRIPT) if _material_search(config) else urls.ASSETS
        for src_uri in assets:
            if files.get_file_from_path(src_uri) is None:  # a site may replace an asset
                files.append(File.generated(config, src_uri, abs_src_path=str(PACKAGE / src_uri)))
        builder = files.get_file_from_path(BUILDER_PAGE)
        if builder is not None:
            builder.dest_uri = urls.BUILDER_PATH + "index.html"
        return files

    def _add_generated(self, files: Files, config: MkDocsConfig) -> None:
        site = current()
        headings = headings_markdown(config)
        shortcuts = self.shortcuts()
        for src_uri in sorted(site.pages):
            self._refuse_clash(files, src_uri)
            file = File.generated(config, src_uri, content=site.pages[src_uri].markdown)
            files.append(file)
            if shortcuts:
                PrebuiltPage(file, config, headings)  # becomes file.page; the nav uses it too
        # The generated files (the exports, the timeline's data: 35 MB at 5,000 events)
        # go to a folder of the build's own, which mkdocs copies them from, and are let
        # go: the build does not hold them while it writes every page.
        self._files_dir = tempfile.mkdtemp(prefix="policy-timeline-files-")
        for src_uri in sorted(site.files):
            self._refuse_clash(files, src_uri)
            path = Path(self._files_dir, src_uri)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(site.files[src_uri])
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
        site.files.clear()

    def _remove_files_dir(self) -> None:
        if self._files_dir is not None:
            shutil.rmtree(self._files_dir, ignore_errors=True)
            self._files_dir = None

    def _add_error_pages(self, files: Files, config: MkDocsConfig) -> None:
        """The preview of errors: the pages a reader may be on, each showing them
        (on_page_markdown puts the messages in)."""
        nav_missing = [
            uri for uri in _nav_files(config.nav) if files.get_file_from_path(uri) is None
        ]
        for src_uri in preview.error_page_uris(
            self.events_dir(config), self._last_good_pages, nav_missing
        ):
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content=""))

    # Before mkdocs-macros (0): a preview of errors replaces every page's Markdown
    # and keeps mkdocs-macros from rendering it (the macros need a build).
    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if not self.problems:
            return markdown
        page.meta["render_macros"] = False
        return preview.error_markdown(self.problems, site_messages(self.site(config)))

    @staticmethod
    def _refuse_clash(files: Files, src_uri: str) -> None:
        if files.get_file_from_path(src_uri) is not None:
            raise Abort(
                f"generated file {src_uri} would replace docs/{src_uri}: remove one of them"
            )

    # A generated page's Markdown holds only its headings and a placeholder for
    # each block of finished HTML (generated.GeneratedPage); the blocks go
    # in just before the page is written, in two steps around the search
    # plugin's own on_page_context (priority 0), where it indexes page.content:
    # searchable blocks before it (100), lists of other events after it (-100).
    # Filling them this late, not in on_page_content, keeps mkdocs from holding
    # every page's HTML while it reads the rest of the site.
    @event_priority(100)
    def _fill_searchable_blocks(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.rendered is not None:
            try:
                filled = self.rendered.page_content(
                    page.file.src_uri,
                    page.content or "",
                    searchable_only=True,
                    search_copy=self._search_copy,
                )
            except EventPartsFailed as failed:
                raise Abort(str(failed)) from None
            if self._search_copy is not None and page.file.generated_by is not None:
                # The search reads a view of the page that it indexes the same
                # (search.search_view); the page comes back after it.
                self._before_search[page.file.src_uri] = filled
                filled = search_view(filled)
            page.content = filled
        if page.file.generated_by is not None:
            page.edit_url = self._edit_url(page.file.src_uri)
        return context

    def _edit_url(self, src_uri: str) -> str | None:
        """A generated page has no file in docs/ to edit: an event page's edit link
        opens its event file, the others have none."""
        build = self.rendered.build if self.rendered is not None else None
        section, _, name = src_uri.partition("/")
        event = build.index.by_id.get(name[:-3]) if build and section == "events" else None
        if build is None or event is None:
            return None
        links = cite.edit_links(build, event)
        return links[0] if links else None

    @event_priority(-100)
    def _fill_unsearched_blocks(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.rendered is not None:
            kept = self._before_search.pop(page.file.src_uri, None)
            content = as_left_by_search(kept) if kept is not None else page.content or ""
            try:
                page.content = self.rendered.page_content(page.file.src_uri, content)
            except EventPartsFailed as failed:
                raise Abort(str(failed)) from None
        return context

    on_page_context = CombinedEvent(_fill_searchable_blocks, _fill_unsearched_blocks)

    # Default priority: runs once the page is written, whoever wrote it.
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # mkdocs keeps every page's HTML until the build ends, though nothing
        # reads it once the page is written (the search plugin took its text in
        # on_page_context). Letting go of a generated page's HTML keeps peak
        # memory from growing with every event page.
        if page.file.generated_by is not None:
            page.content = None
        self._pages_written += 1
        return output

    # Default priority: the theme's templates are loaded by then, whatever other
    # plugins add to the environment.
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        theme_once_per_folder(env, self.shortcuts())
        # The interface's strings for the engine's theme templates (embed.html,
        # main.html), in the site's language (render/catalogue.py).
        env.globals["pt_t"] = templates.markup_aware(site_messages(self.site(config)).t)
        return env

    # First, before the theme's search writes its index (a build shortcut).
    @event_priority(100)
    def _before_others_post_build(self, *, config: MkDocsConfig) -> None:
        if self.shortcuts():
            collector.give_back_free_memory()

    # Last, after every plugin's on_post_build (Material's offline plugin runs at
    # -100): the search index and whatever else they write is in the staging
    # folder by then, and only then does it become the site folder.
    @event_priority(-1000)
    def _after_others_post_build(self, *, config: MkDocsConfig) -> None:
        set_current(None)
        self._remove_files_dir()
        if self.rendered is not None:
            self.rendered.close()
        collector.release()
        if self._staged is not None:
            staged, self._staged = self._staged, None
            config.site_dir = str(staged.target)
            if not staged.finish():
                log.info(f"warnings in strict mode: {config.site_dir} was left as it was")
                return
        if self.problems:
            for problem in self.problems:
                log.error(str(problem))
            log.warning(
                f"{len(self.problems)} error(s) in event files: the preview shows "
                "them on every page until the files are fixed"
            )
            return
        log.info(
            f"wrote {self._pages_written} pages to {config.site_dir} "
            f"in {time.perf_counter() - self._rendered_at:.2f} s"
        )

    on_post_build = CombinedEvent(_before_others_post_build, _after_others_post_build)

    # A build that fails anywhere leaves the site folder as it was.
    def on_build_error(self, *, error: Exception) -> None:
        set_current(None)
        self._remove_files_dir()
        if self.rendered is not None:
            self.rendered.close()
        collector.release()
        if self._staged is not None:
            self._staged.abandon()
            self._staged = None

    # Default priority: only adds a path to watch.
    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        # The live preview reloads when an event, the vocabulary or the bibliography changes.
        server.watch(str(self.events_dir(config)))
        return server


def _material_search(config: MkDocsConfig) -> bool:
    """Whether the site searches with mkdocs-material's search plugin, turned on."""
    return any(
        type(plugin).__module__.startswith("material.plugins.search")
        and getattr(plugin.config, "enabled", True)
        for plugin in config.plugins.values()
    )


def _nav_files(nav: Any) -> Iterator[str]:
    """The file paths named in mkdocs.yml's nav (a list of strings and titled entries)."""
    if isinstance(nav, str):
        if "://" not in nav:
            yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_files(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_files(value)
