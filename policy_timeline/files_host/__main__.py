"""``python -m policy_timeline.files_host [mkdocs.yml]``: the same as ``policy-timeline generate``."""

import sys
from pathlib import Path

from policy_timeline.files_host.generate import generate
from policy_timeline.files_host.project import read_project

generate(read_project(Path(sys.argv[1] if len(sys.argv) > 1 else "mkdocs.yml")), report=print)
