"""The theme's templates, compiled once and kept on disk between builds (a build shortcut).

mkdocs makes a new Jinja environment for every build, so every build compiles the
theme's templates again: about 0.3 s of a site's fixed cost, the same for 50
events as for 5,000. Jinja's own bytecode cache keeps the compiled code under
the project's ``.cache/`` (as mkdocs-material's plugins keep theirs), keyed by
each template's file and checked against its source, so an edited template is
compiled again. What the templates render is the same bytes either way.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache

log = logging.getLogger("mkdocs.plugins.policy_timeline")

# Below the folder of mkdocs.yml.
CACHE_DIR = Path(".cache") / "policy-timeline" / "templates"


def keep_compiled_templates(env: Environment, project_dir: Path) -> Path | None:
    """Give ``env`` a bytecode cache in ``project_dir/.cache/…``; the folder, or None
    where it cannot be made or written (the build then compiles as mkdocs does)."""
    folder = project_dir / CACHE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.debug("policy-timeline: no template cache in %s: %s", folder, error)
        return None
    if not os.access(folder, os.W_OK | os.X_OK):
        log.debug("policy-timeline: no template cache: %s is not writable", folder)
        return None
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return folder
