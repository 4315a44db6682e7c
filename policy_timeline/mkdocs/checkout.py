"""Nothing executable is read from a path a commit can create.

Python runs a module's compiled file in ``__pycache__`` instead of its source
when the file says so (an "unchecked hash" ``.pyc``, PEP 552), whatever the
source says. A commit that adds one beside the site's macros module (or the
engine, installed from the checkout) would run it in the next build of that
branch. ``make`` keeps Python's compiled files outside the checkout
(``PYTHONPYCACHEPREFIX``), which makes Python ignore every ``__pycache__`` in
it; and a build refuses to start when git tracks a compiled Python file.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

COMPILED = ("*.pyc", "*.pyo")  # git matches these in every folder


def tracked_compiled_files(project_dir: Path) -> list[str]:
    """The compiled Python files git tracks in the checkout that holds
    ``project_dir``; none where there is no git or no repository."""
    try:
        done = subprocess.run(
            ["git", "-C", str(project_dir), "ls-files", "-z", "--full-name", "--", *COMPILED],
            capture_output=True,
            timeout=60,
            check=False,
            env={**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    if done.returncode != 0:
        return []
    names = done.stdout.decode("utf-8", "backslashreplace").split("\0")
    return sorted(name for name in names if name)
