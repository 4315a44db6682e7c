"""The version is said once in code and repeated, in step, where people read it."""
from __future__ import annotations

import re

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
