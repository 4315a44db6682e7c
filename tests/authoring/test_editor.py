"""The editor setup CONTRIBUTING promises: VS Code's "Validate events" task puts each
problem the validator prints at its file and line.

VS Code itself is not run here: the test reads the task's problem matcher from
.vscode/tasks.json and applies its pattern (a JavaScript regular expression
that means the same in Python) to the validator's real output, as VS Code
applies it line by line.
"""
from __future__ import annotations

import json
import re

from conftest import REPO, run_cli

TASKS = REPO / ".vscode" / "tasks.json"


def matcher() -> dict:
    tasks = json.loads(TASKS.read_text(encoding="utf-8"))["tasks"]
    (task,) = [t for t in tasks if t["label"] == "Validate events"]
    assert task["command"] == "make validate" and task["group"]["isDefault"] is True
    assert task["problemMatcher"]["fileLocation"] == ["relative", "${workspaceFolder}"]
    return task["problemMatcher"]["pattern"]


def test_the_task_finds_every_problem_at_its_file_and_line():
    pattern = matcher()
    regexp = re.compile(pattern["regexp"])
    proc = run_cli("validate", "tests/fixtures/bad/events")
    assert proc.returncode == 1
    problems = [line for line in proc.stdout.splitlines() if re.match(r"\S+\.(md|yml):\d+: ", line)]
    assert len(problems) > 20
    for line in proc.stdout.splitlines():
        found = regexp.match(line)
        if line in problems:
            assert found, line
            path, number, message = (found.group(pattern[k]) for k in ("file", "line", "message"))
            assert (REPO / path).is_file(), path
            assert f"{path}:{number}: {message}" == line
        else:  # the summary line is not a problem
            assert found is None, line


def test_a_name_with_spaces_or_colons_in_its_message_still_splits_at_the_line_number():
    regexp = re.compile(matcher()["regexp"])
    found = regexp.match('events/2017/a b.md:12: sources[0].url: "x:y:1" is not an http(s) URL')
    assert found.groups() == ("events/2017/a b.md", "12", 'sources[0].url: "x:y:1" is not an http(s) URL')
