"""A tab in the front matter is named as a tab, at its line and column, with the fix: libyaml
says only "found character that cannot start any token"."""
from __future__ import annotations

from conftest import FIXTURES, run_cli

from policy_timeline.source.validate import validate_project

TABS = FIXTURES / "bad" / "tabs"
FIX = "YAML does not allow tabs in indentation; indent with spaces"


def test_each_tab_in_indentation_is_named_at_its_line_and_column():
    _, problems = validate_project(TABS)
    assert [(p.path.rsplit("/", 1)[-1], p.line, p.field, p.message) for p in problems] == [
        ("2017-tab-after-spaces.md", 10, "yaml", f"a tab character at column 3: {FIX}"),
        ("2017-tab-in-block.md", 8, "yaml", f"a tab character at column 1: {FIX}"),
        ("2017-tab-indent.md", 8, "yaml", f"a tab character at column 1: {FIX}"),
    ]
    assert not any("cannot start any token" in p.message for p in problems)


def test_a_tab_between_a_key_and_its_value_is_space():
    _, problems = validate_project(TABS)
    assert all("2017-tab-after-a-key.md" not in p.path for p in problems)


def test_validate_prints_the_tab_as_path_line_field_message():
    proc = run_cli("validate", str(TABS))
    assert proc.returncode == 1
    assert f"{TABS}/2017-tab-indent.md:8: yaml: a tab character at column 1: {FIX}" in (
        proc.stdout.splitlines())
