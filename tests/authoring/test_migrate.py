"""``policy-timeline migrate``: title_zh rewritten as titles.zh in place, in a real folder.

Only the line or lines of title_zh change; every other byte stays (CRLF files, bodies with
trailing spaces, comments); a second run changes nothing; a file that cannot be rewritten
safely is left as it was, and said why.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

from policy_timeline.source.validate import validate_project

BAD_EVENTS = FIXTURES / "bad" / "events"
REST = "date: {date}\nlane: central\nkind: plan\nsummary: S.\nsources:\n  - ref: naughton-2020\n"

# name -> (file before, file after): after None when it is left as it was.
FILES: dict[str, tuple[bytes, bytes | None]] = {
    "2017-01-plain.md": (
        b"---\ntitle: Plain\ntitle_zh: \xe8\xa7\x84\xe5\x88\x92\n" + REST.format(date="2017-01").encode()
        + b"---\nBody with trailing spaces  \n\ttab\n\n",
        b"---\ntitle: Plain\ntitles:\n  zh: \xe8\xa7\x84\xe5\x88\x92\n"
        + REST.format(date="2017-01").encode() + b"---\nBody with trailing spaces  \n\ttab\n\n",
    ),
    "2017-02-crlf.md": (
        ("---\r\ntitle: CRLF\r\ntitle_zh: \"规划\"   # as the State Council writes it\r\n"
         + REST.format(date="2017-02").replace("\n", "\r\n") + "---\r\nBody\r\n").encode(),
        ("---\r\ntitle: CRLF\r\ntitles:\r\n  zh: \"规划\"   # as the State Council writes it\r\n"
         + REST.format(date="2017-02").replace("\n", "\r\n") + "---\r\nBody\r\n").encode(),
    ),
    "2017-03-folded.md": (
        ("---\ntitle: Folded\ntitle_zh: >\n  新一代\n  规划\n" + REST.format(date="2017-03")
         + "---\n").encode(),
        ("---\ntitle: Folded\ntitles:\n  zh: \"新一代 规划\"\n" + REST.format(date="2017-03")
         + "---\n").encode(),
    ),
    "2017-04-beside-titles.md": (
        ("---\ntitle: Beside\ntitle_zh: 规划\ntitles:\n    # Spanish\n    es: Plan\n"
         + REST.format(date="2017-04") + "---\n").encode(),
        ("---\ntitle: Beside\ntitles:\n    # Spanish\n    zh: 规划\n    es: Plan\n"
         + REST.format(date="2017-04") + "---\n").encode(),
    ),
    "2017-05-current.md": (
        ("---\ntitle: Current\ntitles: {zh: 规划}\n" + REST.format(date="2017-05")
         + "---\n").encode(),
        None,
    ),
    "2017-06-both.md": (
        ("---\ntitle: Both\ntitle_zh: 规划\ntitles: {zh: 规划}\n" + REST.format(date="2017-06")
         + "---\n").encode(),
        None,
    ),
    "2017-07-flow.md": (
        ("---\ntitle: Flow\ntitle_zh: 规划\ntitles: {es: Plan}\n" + REST.format(date="2017-07")
         + "---\n").encode(),
        None,
    ),
    "2017-08-broken.md": (
        ("---\ntitle: [Broken\ntitle_zh: 规划\n" + REST.format(date="2017-08") + "---\n").encode(),
        None,
    ),
    # A byte-order mark: the validator refuses it; migrate leaves the file to it.
    "2017-09-bom.md": (
        ("\ufeff---\ntitle: BOM\ntitle_zh: 规划\n" + REST.format(date="2017-09") + "---\n").encode(),
        None,
    ),
    # Mentions title_zh in its body only: nothing to do, nothing said.
    "2017-10-body.md": (
        ("---\ntitle: Body\n" + REST.format(date="2017-10") + "---\ntitle_zh: was the old form\n"
         ).encode(),
        None,
    ),
}


@pytest.fixture
def events(tmp_path) -> Path:
    folder = tmp_path / "events"
    (folder / "2017").mkdir(parents=True)
    for name in ("vocabulary.yml", "bibliography.yml"):
        shutil.copy(BAD_EVENTS / name, folder / name)
    for name, (before, _) in FILES.items():
        (folder / "2017" / name).write_bytes(before)
    return folder


def test_migrate_rewrites_only_title_zh_and_tells_each_file(events):
    proc = run_cli("migrate", str(events))
    assert proc.returncode == 1  # four files need a hand
    where = events / "2017"
    assert proc.stdout.splitlines() == [
        f"{where}/2017-01-plain.md: title_zh rewritten as titles.zh",
        f"{where}/2017-02-crlf.md: title_zh rewritten as titles.zh",
        f"{where}/2017-03-folded.md: title_zh rewritten as titles.zh",
        f"{where}/2017-04-beside-titles.md: title_zh rewritten as titles.zh",
        "4 file(s) rewritten, 4 left as they were",
    ]
    assert proc.stderr.splitlines() == [
        f"{where}/2017-06-both.md: not rewritten: titles.zh is there too; keep one of them and "
        "remove title_zh",
        f"{where}/2017-07-flow.md: not rewritten: titles is not written as one `tag: title` line "
        "each; move title_zh by hand",
        f"{where}/2017-08-broken.md: not rewritten: its front matter cannot be read; run "
        "policy-timeline validate",
        f"{where}/2017-09-bom.md: not rewritten: its front matter cannot be read; run "
        "policy-timeline validate",
    ]
    for name, (before, after) in FILES.items():
        assert (where / name).read_bytes() == (after if after is not None else before), name


def test_a_second_run_changes_nothing(events):
    run_cli("migrate", str(events))
    written = {p: p.read_bytes() for p in events.rglob("*.md")}
    proc = run_cli("migrate", str(events))
    assert proc.stdout.splitlines()[-1] == "0 file(s) rewritten, 4 left as they were"
    assert {p: p.read_bytes() for p in events.rglob("*.md")} == written


def test_migrated_files_read_the_same_titles_without_a_warning(tmp_path):
    folder = tmp_path / "events"
    folder.mkdir()
    for name in ("vocabulary.yml", "bibliography.yml"):
        shutil.copy(BAD_EVENTS / name, folder / name)
    for name in ("2017-01-plain.md", "2017-02-crlf.md", "2017-03-folded.md",
                 "2017-04-beside-titles.md"):
        (folder / name).write_bytes(FILES[name][0])
    before, problems = validate_project(folder)
    assert problems == [] and len(before.warnings) == 4
    assert run_cli("migrate", str(folder)).returncode == 0
    after, problems = validate_project(folder)
    assert problems == [] and after.warnings == []
    # The same titles; a folded one loses the line break YAML's ">" ended it with.
    assert [e.titles for e in after.events] == [
        {tag: text.rstrip("\n") for tag, text in e.titles.items()} for e in before.events]
    assert [e.titles for e in after.events][-1] == {"zh": "规划", "es": "Plan"}
    assert [e.body for e in after.events] == [e.body for e in before.events]


def test_migrate_without_a_folder_says_so(tmp_path):
    proc = run_cli("migrate", str(tmp_path / "nowhere"))
    assert proc.returncode == 1
    assert proc.stderr == f"migrate: {tmp_path / 'nowhere'} is not a folder\n"


def test_a_file_over_the_size_limit_is_left_to_the_validator(tmp_path):
    folder = tmp_path / "events"
    folder.mkdir()
    big = ("---\ntitle: Big\ntitle_zh: 规划\n" + REST.format(date="2017-01") + "---\n"
           + "word " * 30_000).encode()
    (folder / "2017-01-big.md").write_bytes(big)
    proc = run_cli("migrate", str(folder))
    assert proc.returncode == 1
    assert proc.stderr == (f"{folder}/2017-01-big.md: not rewritten: larger than an event file "
                           "may be; run policy-timeline validate\n")
    assert (folder / "2017-01-big.md").read_bytes() == big
