"""The engine as a user gets it: a wheel installed into a new virtual environment, then
``policy-timeline init`` and ``mkdocs build --strict`` in a new folder, anywhere."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile

import pytest
from conftest import BUILD_EPOCH, REPO


def run(*cmd, cwd, env=None):
    full = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "DISABLE_MKDOCS_2_WARNING": "true",
            **(env or {})}
    for name in ("PYTHONPATH", "TIMELINE_EVENTS_DIR", "GITHUB_ACTIONS", "VIRTUAL_ENV"):
        full.pop(name, None)
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=full, capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.mark.site
def test_a_wheel_installed_anywhere_starts_and_builds_a_new_timeline(tmp_path):
    # Built from a copy: the build must not write into the repository.
    source = tmp_path / "source"
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        source.mkdir(exist_ok=True)
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "policy_timeline", source / "policy_timeline",
                    ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp_path / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", wheels, source,
        cwd=tmp_path)
    (wheel,) = wheels.glob("policy_timeline-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    # The files a site needs from the package, not only its Python.
    for needed in ("policy_timeline/assets/vendor/plotly/plotly-basic-4.1.1.min.js",
                   "policy_timeline/assets/javascripts/timeline.js",
                   "policy_timeline/templates/embed.html",
                   "policy_timeline/catalogues/en/pages.yml",
                   "policy_timeline/catalogues/zh/timeline.yml",
                   "policy_timeline/scaffold/.github/workflows/deploy.yml",
                   "policy_timeline/scaffold/events/vocabulary.yml"):
        assert needed in names, needed
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    # The locked dependencies, then the wheel alone (no network beyond PyPI's cache).
    run(py, "-m", "pip", "install", "--quiet", "--require-hashes", "-r",
        REPO / "requirements.lock", cwd=tmp_path)
    run(py, "-m", "pip", "install", "--quiet", "--no-deps", wheel, cwd=tmp_path)
    cli = env_dir / "bin" / "policy-timeline"
    elsewhere = tmp_path / "somewhere"
    elsewhere.mkdir()
    made = run(cli, "init", "my-timeline", "--title", "Water policy", cwd=elsewhere)
    assert "A new timeline in my-timeline" in made.stdout
    site = elsewhere / "my-timeline"
    assert run(cli, "validate", cwd=site).stdout.endswith("1 event checked, no errors "
                                                            "(3 files checked)\n")
    # `validate` works from any folder, given the events folder.
    run(cli, "validate", site / "events", cwd=tmp_path)
    assert run(py, "-m", "policy_timeline", "--version", cwd=tmp_path).stdout.startswith(
        "policy-timeline ")
    run(env_dir / "bin" / "mkdocs", "build", "--strict", "--quiet", cwd=site)
    home = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="pt-view"' in home and "An example plan is published" in home
    assert (site / "site" / "events" / "2024-03-an-example-plan" / "index.html").is_file()
    assert (site / "site" / "assets" / "vendor" / "plotly" / "plotly-basic-4.1.1.min.js").is_file()
    # Nothing compiled is kept in the checkout for the next build to run.
    assert not (site / ".cache").exists()
    # No page of this repository's own timeline came along.
    assert not (site / "site" / "local-before-central").exists()
    assert "China" not in home
    # A second init into the same folder is refused: nothing is overwritten.
    proc = subprocess.run([str(cli), "init", "my-timeline"], cwd=elsewhere, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 1 and "already exists and is not an empty folder" in proc.stderr


def test_the_public_api_is_what_all_lists_and_each_name_resolves():
    """policy_timeline's __all__ is its public API (what a script or another host needs);
    each name comes from the module that defines it, imported on first use."""
    import policy_timeline

    assert set(policy_timeline.__all__) == {"__version__", *policy_timeline._PUBLIC}
    for name in policy_timeline._PUBLIC:
        value = getattr(policy_timeline, name)
        assert value.__module__ == policy_timeline._PUBLIC[name], name
