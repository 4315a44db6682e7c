"""The files host: everything the engine generates, written as files that any engine
reading a docs folder builds (Zensical, which runs no mkdocs plugin).

``policy-timeline generate`` writes, into ``.policy-timeline/`` beside
``mkdocs.yml`` (a folder git ignores; the tracked ``docs/`` stays as it is):

- ``docs/``: the site's own pages and files, each event, actor, tag, year,
  place and source page with their indexes, ``/embed/`` (the hand-written
  builder moved to ``embed/builder.md``, as the plugin moves it), the data
  exports, the feed and the engine's scripts, styles and plotly.js;
- ``theme/``: the engine's templates (the embed page, the theme fixes), with
  the site's own ``custom_dir`` over them;
- ``../.policy-timeline.yml``: the site's ``mkdocs.yml`` (``INHERIT``) with
  that docs folder and theme folder, and the engine's styles and scripts.

- ``blocks/``: the generated pages' HTML blocks, a file per page (files_host/blocks.py).

A generated page is its Markdown as the plugin hands it to mkdocs (headings
and a placeholder per HTML block) and a line naming its blocks' file; the
Markdown extension ``blocks.BlocksExtension``, listed in
``.policy-timeline.yml``, fills the placeholders once Markdown is done. Only
files whose bytes changed are written, and files a previous run wrote that
are gone now are removed, so an engine's preview rebuilds only what changed.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, cast

from policy_timeline import urls
from policy_timeline.files_host import blocks
from policy_timeline.files_host.project import FilesState, SiteProject, files_state
from policy_timeline.files_host.theme_words import PARTIAL, site_words
from policy_timeline.render.generate import render_site

OUT_DIR = ".policy-timeline"
CONFIG_FILE = ".policy-timeline.yml"
PACKAGE = resources.files("policy_timeline")
# The hand-written embed builder moves aside to /embed/builder/, as the plugin moves it:
# /embed/ itself is the generated, standalone timeline.
BUILDER_PAGE = "embed.md"
BUILDER_FILE = urls.BUILDER_PATH.rstrip("/") + ".md"


@dataclass(frozen=True)
class Generated:
    out: Path
    config_file: Path
    written: int  # files whose bytes changed
    removed: int
    pages: int  # generated pages


def _tree(folder: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(folder).as_posix(), path


def docs_files(project: SiteProject) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Every file the docs folder of this site holds, under an engine that runs no
    plugin: the site's own, the generated pages and files, the engine's assets; and
    the files of the generated pages' HTML blocks (``blocks/``)."""
    site = render_site(project.prepare())
    files: dict[str, bytes] = {}
    block_files: dict[str, bytes] = {}
    for rel, path in _tree(project.docs_dir):
        files[BUILDER_FILE if rel == BUILDER_PAGE else rel] = path.read_bytes()
    for uri in urls.ASSETS:
        files.setdefault(uri, (PACKAGE / uri).read_bytes())  # a site may replace an asset
    for uri, page in site.pages.items():
        if uri in files:
            raise FileExistsError(
                f"generated file {uri} would replace docs/{uri}: remove one of them"
            )
        markdown, name, data = blocks.split(page, uri)
        files[uri] = markdown.encode("utf-8")
        if name:
            block_files[name] = data
    files.update(site.files)
    return files, block_files


def theme_files(project: SiteProject) -> dict[str, bytes]:
    """The engine's templates, and the site's own custom_dir over them."""
    # Zensical writes a sitemap of its own, with a template engine of its own.
    files = {
        rel: path.read_bytes()
        for rel, path in _tree(Path(str(PACKAGE / "templates")))
        if rel != "sitemap.xml"
    }
    # The words the templates print where pt_t is not defined, in the site's language.
    files[PARTIAL] = site_words(project.config, project.options.messages)
    if project.custom_dir is not None:
        files.update({rel: path.read_bytes() for rel, path in _tree(project.custom_dir)})
    return files


def _blocks_extension(project: SiteProject) -> list[str]:
    """The Markdown extension that puts the generated pages' HTML back, in the form
    the site lists its own extensions: Zensical adds a list to an inherited list and
    a mapping to a mapping; where the site lists none, Zensical's own defaults are
    listed first, which a list of any extensions would replace."""
    folder = json.dumps(str(project.root / OUT_DIR / blocks.FOLDER), ensure_ascii=False)
    listed = project.config.get("markdown_extensions")
    if isinstance(listed, dict):
        return ["markdown_extensions:", f"  {blocks.NAME}:", f"    folder: {folder}"]
    defaults = _zensical_defaults() if "markdown_extensions" not in project.config else []
    return ["markdown_extensions:", *defaults, f"  - {blocks.NAME}:", f"      folder: {folder}"]


def _zensical_defaults() -> list[str]:
    """Zensical's default Markdown extensions as YAML list items (its configuration
    reads ``!!python/name:`` for the functions some take); none without Zensical."""
    try:
        from zensical.config import DEFAULT_MARKDOWN_EXTENSIONS
    except ImportError:
        return []
    lines = []
    defaults = cast("dict[str, dict[str, Any]]", DEFAULT_MARKDOWN_EXTENSIONS)
    for name, options in defaults.items():
        lines.append(f"  - {name}:" if options else f"  - {name}")
        for key, value in options.items():
            if callable(value):
                value = f"!!python/name:{value.__module__}.{value.__qualname__}"
            else:
                value = json.dumps(value, ensure_ascii=False)
            lines.append(f"      {key}: {value}")
    return lines


def engine_config(project: SiteProject) -> str:
    lists = {
        "extra_css": urls.STYLESHEETS,
        "extra_javascript": urls.SCRIPTS,
    }
    lines = [
        "# Written by `policy-timeline generate`: this site's mkdocs.yml for engines that",
        "# run no plugin (Zensical). Do not edit; it is written again on every run.",
        "INHERIT: mkdocs.yml",
        f"docs_dir: {OUT_DIR}/docs",
        # Built aside, then moved to site/ once the build has succeeded (make site-zensical).
        f"site_dir: {OUT_DIR}/site",
        "theme:",
        f"  custom_dir: {OUT_DIR}/theme",
    ]
    for key, values in lists.items():
        lines.append(f"{key}:")
        lines.extend(f"  - {value}" for value in values)
    lines.extend(_blocks_extension(project))
    return "\n".join(lines) + "\n"


def _sync(folder: Path, files: dict[str, bytes]) -> tuple[int, int]:
    """Make ``folder`` hold exactly ``files``: write what changed, remove the rest."""
    return _write(folder, files), _prune(folder, files)


def _write(folder: Path, files: dict[str, bytes], *, named_by_digest: bool = False) -> int:
    """Write the files of ``files`` whose bytes changed; how many. A file named by the
    digest of its bytes has not changed if it is there whole (its size)."""
    written = 0
    for rel, data in files.items():
        path = folder / rel
        try:
            if named_by_digest and path.stat().st_size == len(data):
                continue
            if not named_by_digest and path.read_bytes() == data:
                continue
        except OSError:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1
    return written


def _prune(folder: Path, files: dict[str, bytes]) -> int:
    """Remove the files of ``folder`` that ``files`` does not hold, and empty folders."""
    removed = 0
    for rel, path in list(_tree(folder)) if folder.is_dir() else []:
        if rel not in files:
            path.unlink()
            removed += 1
    for path in sorted(folder.rglob("*"), reverse=True) if folder.is_dir() else []:
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed


def _clear_links(out: Path) -> None:
    """Nothing is ever written through a symbolic link a commit planted: a folder
    that holds one, or is one, is removed (the link itself, never its target)."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        os.unlink(out)
        return
    for _folder, dirs, names in os.walk(out):
        if any(os.path.islink(os.path.join(_folder, name)) for name in (*dirs, *names)):
            shutil.rmtree(out)  # does not follow links
            return


def generate(project: SiteProject, *, report: Callable[[str], None] | None = None) -> Generated:
    """Write the docs folder, the theme folder and the engine's configuration."""
    out = project.root / OUT_DIR
    _clear_links(out)
    docs, block_files = docs_files(project)
    # A page's blocks are there before the page and go after it: a preview that sees
    # a page change finds the file its Markdown names.
    written = _write(out / blocks.FOLDER, block_files, named_by_digest=True)
    docs_written, removed = _sync(out / "docs", docs)
    theme_written, theme_removed = _sync(out / "theme", theme_files(project))
    written, removed = written + docs_written, removed + _prune(out / blocks.FOLDER, block_files)
    config_file = project.root / CONFIG_FILE
    if config_file.is_symlink():
        config_file.unlink()
    config = engine_config(project)
    if not config_file.is_file() or config_file.read_text(encoding="utf-8") != config:
        config_file.write_text(config, encoding="utf-8")
    (out / ".gitignore").write_text("*\n", encoding="utf-8")
    pages = sum(1 for rel in docs if rel.endswith(".md"))
    if report:
        report(
            f"generated {pages} pages and {len(docs) - pages} files into {out / 'docs'}: "
            f"{written + theme_written} written, {removed + theme_removed} removed"
        )
    return Generated(out, config_file, written + theme_written, removed + theme_removed, pages)


def clean(project: SiteProject) -> None:
    """Remove what generate writes."""
    shutil.rmtree(project.root / OUT_DIR, ignore_errors=True)
    (project.root / CONFIG_FILE).unlink(missing_ok=True)


def watch(
    project: SiteProject,
    *,
    report: Callable[[str], None],
    interval: float = 0.3,
    rounds: int | None = None,
) -> None:
    """Generate again whenever an event file, a page of the docs folder or the
    configuration changes (a preview beside ``zensical serve``), until stopped
    (or after ``rounds`` looks). Invalid events are reported and leave the last
    good output in place."""
    from policy_timeline.build import ValidationFailed

    watched = [project.events_dir, project.docs_dir, project.root / "mkdocs.yml"]
    seen: FilesState | None = None
    done = 0
    while rounds is None or done < rounds:
        state = files_state(watched)
        if state != seen:
            seen = state
            try:
                generate(project, report=report)
            except ValidationFailed as failed:
                for problem in failed.problems:
                    report(str(problem))
                report(
                    f"{len(failed.problems)} error(s) in event files: the preview shows "
                    "the last valid events until they are fixed"
                )
        done += 1
        time.sleep(interval)
