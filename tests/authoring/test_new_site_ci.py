"""A new site passes its own pull-request check on its first push: the steps of the
``pull-request.yml`` that ``init`` writes, run in order in a fresh virtual environment, with
the engine as a wheel built from this checkout and named by ``--engine``.

Offline: pip reads only the wheelhouse ``make test`` prepares (``.venv/wheelhouse``: the wheels
of requirements.lock and the build backend, downloaded once, beforehand), never an index.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml
from conftest import BUILD_EPOCH, REPO

pytestmark = pytest.mark.site

WHEELHOUSE = Path(os.environ.get("TIMELINE_WHEELHOUSE") or REPO / ".venv" / "wheelhouse")
# The steps that are GitHub's own, not the site's: the checkout and the Python.
GITHUB_STEPS = ("actions/checkout@", "actions/setup-python@")


def _offline_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(WHEELHOUSE),
           "PIP_DISABLE_PIP_VERSION_CHECK": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH,
           "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
    for name in ("PYTHONPATH", "TIMELINE_EVENTS_DIR", "VIRTUAL_ENV", "PIP_EXTRA_INDEX_URL",
                 "PIP_INDEX_URL", "PIP_CONFIG_FILE"):
        env.pop(name, None)
    # No pip configuration of this machine (its indexes, its find-links): only the wheelhouse.
    env["PIP_CONFIG_FILE"] = os.devnull
    return {**env, **(extra or {})}


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


def _wheel(tmp_path: Path) -> Path:
    """A wheel of this checkout, built from a copy (the build writes nothing here)."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "policy_timeline", source / "policy_timeline",
                    ignore=shutil.ignore_patterns("__pycache__"))
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w",
          str(tmp_path / "wheels"), str(source)], tmp_path, _offline_env())
    (wheel,) = (tmp_path / "wheels").glob("policy_timeline-*.whl")
    return wheel


def test_a_new_sites_pull_request_workflow_passes_offline_on_its_first_push(tmp_path):
    assert (WHEELHOUSE / ".complete").is_file(), (
        f"{WHEELHOUSE} is missing: `make test` prepares it (make {WHEELHOUSE.relative_to(REPO)}"
        "/.complete), or set TIMELINE_WHEELHOUSE")
    wheel = _wheel(tmp_path)
    site = tmp_path / "eu-ai-act"
    # The wheel's own init (imported from the wheel): its scaffold is what the wheel holds.
    made = _run([sys.executable, "-m", "policy_timeline", "init", str(site), "--title",
                 "EU AI Act", "--engine", str(wheel)], tmp_path,
                {**os.environ, "PYTHONPATH": str(wheel)})
    assert "A new timeline in" in made.stdout
    # The repository as actions/checkout gives it: git history, each file committed.
    git = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_AUTHOR_DATE": f"@{BUILD_EPOCH} +0000", "GIT_COMMITTER_DATE": f"@{BUILD_EPOCH} +0000"}
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "."],
                    ["git", "commit", "-q", "-m", "A new timeline"]):
        _run(command, site, {**os.environ, **git})

    workflow = yaml.safe_load((site / ".github" / "workflows" / "pull-request.yml").read_text())
    env_dir = tmp_path / "runner-python"
    venv.create(env_dir, with_pip=True)
    path = f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}"
    ran = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert step["uses"].startswith(GITHUB_STEPS), step["uses"]
                continue
            env = _offline_env({**workflow.get("env", {}), **job.get("env", {}),
                                **step.get("env", {}), "PATH": path, "GITHUB_ACTIONS": "true"})
            # GitHub's default shell on Linux: bash -e, with pipefail.
            _run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                 site, env)
            ran.append(step["run"])
    assert ran == ["pip install -r requirements.txt", "policy-timeline validate",
                   "mkdocs build --strict --site-dir site"]
    # The engine the steps ran is the wheel requirements.txt names.
    shown = _run([str(env_dir / "bin" / "pip"), "show", "-f", "policy-timeline"], site,
                 _offline_env())
    assert str(env_dir) in shown.stdout
    home = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert "EU AI Act" in home and 'class="pt-view"' in home
    # No empty heading (the event card's is made by its script when it opens).
    assert not re.search(r"<h([1-6])\b[^>]*>\s*</h\1>", home)
    assert (site / "site" / "reference" / "event-format" / "index.html").is_file()
    assert (site / "site" / "about" / "index.html").is_file()
    # Nothing of this repository's timeline in any page or data file of the new site
    # (test_init.CHINA; the engine's scripts and vendored libraries aside).
    china = re.compile(r"title_zh|State Council|Shanghai|\bMOST\b|MIIT|zeng-2020|naughton|新一代"
                       r"|人工智能|China|Chinese|Beijing|Guangdong|yuan|[Pp]rovincial")
    written = [p for p in (site / "site").rglob("*") if p.suffix in (".html", ".json", ".csv",
                                                                     ".xml", ".md")
               and "assets" not in p.relative_to(site / "site").parts]
    assert len(written) > 10
    assert {str(p): china.findall(p.read_text(encoding="utf-8")) for p in written
            if china.search(p.read_text(encoding="utf-8"))} == {}
