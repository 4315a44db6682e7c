"""Check a release before it is published: ``python scripts/check_release.py [--tag vX.Y.Z] [--dist DIR]``.

- ``--tag``: the tag names ``policy_timeline.__version__``, which is CHANGELOG.md's
  newest release and CITATION.cff's version (with its date).
- ``--dist``: the folder holds exactly one sdist and one wheel of that version, and
  the wheel carries what a site needs at run time (templates, scripts, plotly.js,
  the scaffold of ``init``), not only the Python modules.

Prints every problem, one a line, and exits 1 on any (0 when all hold).
"""

from __future__ import annotations

import argparse
import re
import sys
import zipfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
# What a wheel must hold besides the modules: each a site needs when it builds.
WHEEL_MUST_HOLD = (
    "policy_timeline/templates/main.html",
    "policy_timeline/templates/embed.html",
    "policy_timeline/templates/policy-timeline/event.html",
    "policy_timeline/assets/javascripts/timeline.js",
    "policy_timeline/assets/stylesheets/timeline.css",
    "policy_timeline/assets/vendor/plotly/plotly-basic-4.1.1.min.js",
    "policy_timeline/scaffold/mkdocs.yml",
    "policy_timeline/scaffold/.gitignore",
    "policy_timeline/files_host/generate.py",
    "policy_timeline/py.typed",
)


def version() -> str:
    text = (REPO / "policy_timeline" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.M)
    return found.group(1) if found else ""


def tag_problems(tag: str) -> list[str]:
    ours = version()
    problems = []
    if tag != f"v{ours}":
        problems.append(f"tag {tag!r} does not name the package's version: expected 'v{ours}' "
                        "(policy_timeline/__init__.py, __version__)")
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    released = re.findall(r"^## (\d+\.\d+\.\d+) \((\d{4}-\d{2}-\d{2})\)$", changelog, re.M)
    if not released or released[0][0] != ours:
        newest = released[0][0] if released else "none"
        problems.append(f"CHANGELOG.md: the newest release is {newest}, expected {ours}")
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    if str(citation.get("version")) != ours:
        problems.append(f"CITATION.cff: version is {citation.get('version')}, expected {ours}")
    if released and str(citation.get("date-released")) != released[0][1]:
        problems.append(f"CITATION.cff: date-released is {citation.get('date-released')}, "
                        f"expected {released[0][1]} (CHANGELOG.md)")
    return problems


def dist_problems(dist: Path) -> list[str]:
    ours = version()
    wheels = sorted(dist.glob("*.whl"))
    sdists = sorted(dist.glob("*.tar.gz"))
    problems = []
    if [w.name for w in wheels] != [f"policy_timeline-{ours}-py3-none-any.whl"]:
        problems.append(f"{dist}: expected one wheel, policy_timeline-{ours}-py3-none-any.whl; "
                        f"found {[w.name for w in wheels]}")
    if [s.name for s in sdists] != [f"policy_timeline-{ours}.tar.gz"]:
        problems.append(f"{dist}: expected one sdist, policy_timeline-{ours}.tar.gz; found "
                        f"{[s.name for s in sdists]}")
    for wheel in wheels:
        names = set(zipfile.ZipFile(wheel).namelist())
        problems += [f"{wheel.name}: lacks {name}" for name in WHEEL_MUST_HOLD if name not in names]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tag", help="the release's git tag, e.g. v0.3.0")
    parser.add_argument("--dist", type=Path, help="the folder python -m build wrote")
    args = parser.parse_args(argv)
    problems = (tag_problems(args.tag) if args.tag else []) + (
        dist_problems(args.dist) if args.dist else [])
    for problem in problems:
        print(problem)
    if not problems:
        print(f"release {version()}: " + ", ".join(
            what for what, given in (("tag", args.tag), ("dist", args.dist)) if given) + " hold")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
