"""The Event file format page tells the truth: its example validates, its messages are real,
and it names every field the validator knows."""
from __future__ import annotations

import re
import shutil

from conftest import FIXTURES, REPO, run_cli

from policy_timeline.source import formats, model
from policy_timeline.source.validate import validate_project

PAGE = REPO / "docs" / "reference" / "event-format.md"
BAD_EVENTS = FIXTURES / "bad" / "events"

# A vocabulary and bibliography with just what the page's example cites.
VOCABULARY = """lanes:
  central: {label: Central government, order: 1, colour: "#D55E00"}
kinds:
  plan: {label: Plan, symbol: circle}
tags:
  artificial-intelligence: {label: Artificial intelligence}
  targets: {label: Targets}
measures:
  ai-core-industry: {label: AI core industry, unit: billion yuan, counts: Its value in a year.}
  ai-industry: {label: AI industry, unit: billion yuan, counts: Its value in a year.}
"""
BIBLIOGRAPHY = """zeng-2020:
  title: "China's Artificial Intelligence Innovation: A Top-Down National Command Approach?"
  authors: [Jinghan Zeng]
  venue: Global Policy
  date: 2020-12-01
"""
RELATED = """---
title: A related event
date: 2016-05
lane: central
kind: plan
summary: Related.
sources:
  - {title: A source, url: "https://example.org/r"}
---
"""


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", PAGE.read_text(encoding="utf-8"), re.M | re.S)


def test_the_complete_example_is_valid_and_complete(tmp_path):
    example = _blocks("yaml")[0]
    events = tmp_path / "events"
    (events / "2017").mkdir(parents=True)
    (events / "vocabulary.yml").write_text(VOCABULARY, encoding="utf-8")
    (events / "bibliography.yml").write_text(BIBLIOGRAPHY, encoding="utf-8")
    (events / "2016-05-internet-plus-ai-three-year-plan.md").write_text(RELATED, encoding="utf-8")
    path = events / "2017" / "2017-07-new-generation-ai-development-plan.md"
    path.write_text(example, encoding="utf-8")
    project, problems = validate_project(events)
    assert problems == []
    event = next(e for e in project.events if e.id == path.stem)
    front_matter = example.split("\n---\n", 1)[0]
    for field in formats.EVENT_RECORD.fields:
        # A plan is not a period (`end` has its own row and section); title_zh is deprecated.
        if field.name != "end" and not field.deprecated:
            assert re.search(rf"^{field.name}:", front_matter, re.M), field.name
    assert event.highlight is True and event.figures and event.body
    used = {key for source in event.sources for key, value in vars(source).items() if value}
    assert {"ref", "locator", "quote"} <= used
    assert any(s.url for s in event.sources)


def test_every_declared_field_is_documented():
    text = PAGE.read_text(encoding="utf-8")
    records = (formats.EVENT_RECORD, formats.SOURCE_RECORD, formats.FIGURE_RECORD)
    for record in records:
        for field in record.fields:
            assert f"`{field.name}`" in text, field.name
    for field in formats.VOCABULARY_RECORD.fields:
        assert f"`{field.name}`" in text
    for option in model.FIGURE_TYPES:
        assert f"`{option}`" in text


def test_the_sample_messages_are_what_the_validator_prints(tmp_path):
    events = tmp_path / "events"
    (events / "2017").mkdir(parents=True)
    shutil.copy(BAD_EVENTS / "vocabulary.yml", events)
    shutil.copy(BAD_EVENTS / "bibliography.yml", events)
    (events / "2017" / "2017-07-x.md").write_text(
        "---\ntitle: x\ndate: 2017-7-5\nlane: centrl\nkind: plan\nsources:\n"
        "  - ref: naughton-2020\n  - title: t\n    url: \"javascript:alert(1)\"\n---\n",
        encoding="utf-8")
    proc = run_cli("validate", "events", cwd=tmp_path)
    sample = next(block for block in _blocks("text") if "events/2017/2017-07-x.md" in block)
    sample_lines = sample.splitlines()
    printed = proc.stdout.splitlines()
    assert printed[:-1] == sample_lines[:-1]
    assert printed[-1].startswith("4 errors in 1 file (")
    assert sample_lines[-1].startswith("4 errors in 1 file (")


def test_contributing_shows_what_new_and_validate_print(tmp_path):
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    command = re.search(r"policy-timeline new (.+)$", text, re.M).group(1)
    args = re.findall(r'"[^"]*"|\S+', command)
    events = tmp_path / "events"
    (events / "2018").mkdir(parents=True)
    shutil.copy(BAD_EVENTS / "vocabulary.yml", events)
    made = run_cli("new", *(a.strip('"') for a in args), "--events-dir", "events", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    path = tmp_path / made.stdout.strip()
    assert f"`{made.stdout.strip()}`" in text
    # The mistakes the sample shows.
    event = path.read_text(encoding="utf-8")
    event = (event.replace("date: 2018-07", "date: 2018-7").replace("lane: local", "lane: locl")
             .replace('"TODO: the title of the source"', '"Guangdong plan"'))
    event = re.sub(r'url: "TODO: .*"', "url: www.example.org/plan", event)
    path.write_text(event, encoding="utf-8")
    proc = run_cli("validate", "events", cwd=tmp_path)
    sample = re.search(r"^```text\n(.*?)^```", text, re.M | re.S).group(1).splitlines()
    assert proc.stdout.splitlines()[:-1] == sample[:-1]
    assert sample[-1].startswith("4 errors in 1 file (")
