"""The Makefile's own promises: `make help` lists every target whole, and an old
Python is refused in one line before anything is installed."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO


def documented_targets() -> dict[str, str]:
    """`## name: description` lines of the Makefile, as written."""
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return dict(re.findall(r"^## ([\w-]+): (.*)$", text, flags=re.M))


def test_make_help_lists_every_target_with_its_description_whole():
    out = subprocess.run(
        ["make", "--no-print-directory", "help"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    lines = out.splitlines()
    targets = documented_targets()
    assert {"site", "serve", "test", "validate", "lint", "clean"} <= targets.keys()
    assert len(lines) == len(targets)
    for line, (name, description) in zip(lines, targets.items(), strict=True):
        # A colon inside a description (e.g. "strict: any warning fails") stays in it.
        assert line.split(None, 1) == [name, description], line


def test_an_old_python_is_refused_in_one_line_that_names_it(tmp_path):
    # A stand-in interpreter that reports 3.10: the check runs it and nothing else.
    fake = tmp_path / "python3.10"
    fake.write_text(
        "#!/bin/sh\n"
        f'exec {sys.executable} -c "import sys; sys.version_info = (3, 10, 14); '
        'exec(sys.argv[2])" -- "$2"\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    done = subprocess.run(
        ["make", "--no-print-directory", "python", f"PYTHON={fake}"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    # make's own closing line ("make: ***", "make[1]: ***" when make runs make) aside.
    errors = [line for line in done.stderr.splitlines() if not re.match(r"make(\[\d+\])?: \*\*\*", line)]
    assert errors == [f"make: Python 3.11 or newer is needed; {fake} is 3.10. Install it, or run make PYTHON=python3.11"]
