"""``policy-timeline init DIR``: a new timeline site, ready to build.

Copies the files of ``scaffold/`` (mkdocs.yml, a home page with the
timeline, the embed builder's page, an About page to fill in, the Event file
format page, an events folder with a vocabulary, a bibliography and one
example event, the workflows, the pre-commit configuration, a README and
``requirements.txt``) into a new folder, names the site, and writes the JSON
Schema and the issue form *Suggest an event* of its vocabulary. The result
passes ``policy-timeline validate`` and builds with ``mkdocs build --strict``.

``requirements.txt`` is the one file that names the engine (``engine``: this
version from the package index by default, or any pip requirement); the
workflows and the pre-commit hooks install from it and name no version.
"""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from policy_timeline import __version__
from policy_timeline.authoring.issue_form import form_path, write_form
from policy_timeline.source import chars
from policy_timeline.source.data_files import load_bibliography, load_vocabulary
from policy_timeline.source.schema import schema_path, write_schema

TEMPLATE = resources.files("policy_timeline") / "scaffold"


class ScaffoldError(Exception):
    """The folder cannot take a new site (it exists and is not empty)."""


def _files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        rel = f"{prefix}{entry.name}"
        out += _files(entry, rel + "/") if entry.is_dir() else [(rel, entry)]
    return out


def default_engine() -> str:
    """The requirement a new site installs: this engine's version, from the package index."""
    return f"policy-timeline=={__version__}"


def engine_problem(engine: str) -> str | None:
    """Why ``engine`` cannot be the line of ``requirements.txt``, or None."""
    if not engine.strip():
        return "--engine is empty; expected a pip requirement (a version, a path, a wheel, a URL)"
    if chars.INVISIBLE.search(engine) or any(ord(c) < 32 or ord(c) == 127 for c in engine):
        return (
            "--engine has a line break or a control or invisible character; expected one "
            "pip requirement on one line"
        )
    if engine.strip().startswith(("#", "-")):
        return (
            f'--engine "{engine.strip()}" is a comment or a pip option; expected a requirement '
            "(policy-timeline==0.2.0, ./policy_timeline-0.2.0-py3-none-any.whl, "
            "git+https://...)"
        )
    return None


def write_site(folder: Path, title: str, engine: str | None = None) -> list[Path]:
    """Write a new site into ``folder`` (created; refused if it holds anything).

    ``engine``: the line of ``requirements.txt`` (default: :func:`default_engine`)."""
    folder = Path(folder)
    engine = default_engine() if engine is None else engine
    problem = engine_problem(engine)
    if problem:
        raise ScaffoldError(problem)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ScaffoldError(
            f"{folder} already exists and is not an empty folder; "
            "choose a new folder for the new timeline"
        )
    title = " ".join(title.split()) or "A policy timeline"
    written = []
    for rel, source in _files(TEMPLATE):
        if rel.endswith((".pyc",)) or "__pycache__" in rel:
            continue
        text = source.read_text(encoding="utf-8")
        # The name as YAML reads it back (a JSON string is a YAML double-quoted scalar).
        text = text.replace("__SITE_NAME_YAML__", json.dumps(title, ensure_ascii=False))
        text = text.replace("__SITE_NAME__", title)
        # The new site installs the engine it was made with, as requirements.txt names it.
        text = text.replace("__ENGINE_REQUIREMENT__", engine.strip())
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    vocabulary, problems = load_vocabulary(folder / "events")
    if vocabulary is None or problems:  # the package's own template: a bug, loudly
        raise ScaffoldError(
            "the scaffold's vocabulary does not validate: " + "; ".join(str(p) for p in problems)
        )
    bibliography, _ = load_bibliography(folder / "events")
    out = schema_path(folder / "events")
    write_schema(vocabulary, out, bibliography)
    written.append(out)
    form = form_path(folder / "events")
    write_form(vocabulary, form, examples_dir=folder / "events")
    written.append(form)
    return written
