"""The version is said once in code and repeated, in step, where people read it."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import yaml
from conftest import REPO

from policy_timeline import __version__


def test_the_changelog_and_citation_name_the_packages_version():
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    released = re.findall(r"^## (\d+\.\d+\.\d+) \((\d{4}-\d{2}-\d{2})\)$", changelog, re.M)
    assert released and released[0][0] == __version__, "CHANGELOG.md's newest release is not __version__"
    assert "## Unreleased" in changelog.split(f"## {__version__}")[0]
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert str(citation["version"]) == __version__
    assert str(citation["date-released"]) == released[0][1]
    assert citation["authors"] and citation["title"] and citation["license"] == "MIT"


def _check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "scripts" / "check_release.py"), *args],
                          capture_output=True, text=True, timeout=120)


def test_a_release_tag_must_name_the_version():
    ok = _check("--tag", f"v{__version__}")
    assert ok.returncode == 0 and ok.stdout == f"release {__version__}: tag hold\n"
    wrong = _check("--tag", "v9.9.9")
    assert wrong.returncode == 1
    assert wrong.stdout == (f"tag 'v9.9.9' does not name the package's version: expected "
                            f"'v{__version__}' (policy_timeline/__init__.py, __version__)\n")


def test_a_dist_folder_needs_one_sdist_and_one_wheel_that_holds_what_a_site_needs(tmp_path):
    wheel = tmp_path / f"policy_timeline-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("policy_timeline/__init__.py", "")
    proc = _check("--dist", str(tmp_path))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == (f"{tmp_path}: expected one sdist, policy_timeline-{__version__}.tar.gz; "
                        "found []")
    assert f"{wheel.name}: lacks policy_timeline/templates/policy-timeline/event.html" in lines
    assert f"{wheel.name}: lacks policy_timeline/scaffold/.gitignore" in lines


def test_the_release_workflow_publishes_by_trusted_publishing_with_pinned_actions():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "release.yml").read_text(
        encoding="utf-8"))
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    # Only the publishing job may ask for an identity token.
    assert [name for name, job in jobs.items()
            if job.get("permissions", {}).get("id-token")] == ["publish"]
    steps = [step for job in jobs.values() for step in job["steps"]]
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "scripts/check_release.py --tag" in runs and "make dist" in runs
