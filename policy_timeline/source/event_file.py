"""One event file's checks: read, split at its front matter, its body's checks
(``body_checks``), its YAML (``yaml_nodes``) checked against ``formats.EVENT_RECORD``,
then what one field cannot tell: the id against the file name and the date, an end
before the date, figures, dates outside the timeline's years. Also gathers where it
writes names that get a page, for the checks across files (``names``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policy_timeline import urls
from policy_timeline.source import formats, names
from policy_timeline.source.body_checks import body_problems
from policy_timeline.source.check_collections import check_record
from policy_timeline.source.check_context import INVALID, CheckContext, Invalid
from policy_timeline.source.check_references import ID_RE
from policy_timeline.source.checker import Checker
from policy_timeline.source.dates import PartialDate
from policy_timeline.source.errors import Problem
from policy_timeline.source.file_problems import template_problems
from policy_timeline.source.load import (
    MAX_EVENT_BYTES,
    EventText,
    line_break_problems,
    read_text,
    split_front_matter,
)
from policy_timeline.source.model import Event, event_from
from policy_timeline.source.yaml_nodes import MAP, Node, compose

_ID_DATE_PREFIX = re.compile(r"^([0-9]{4}(?:-[0-9]{2}){0,2})-")


def _field_of_line(event_text: EventText | None, root: Node | None) -> Callable[[int], str]:
    """Which field a file line belongs to, for template markers: a top-level key or the body."""
    starts = (
        sorted((line, key) for key, line in root.key_lines.items())
        if (root is not None and root.kind == MAP)
        else []
    )

    def field_of(number: int) -> str:
        if event_text is None:
            return "file"
        if number > event_text.closing_line:
            return "body"
        owner = "front matter"
        for line, key in starts:
            if line > number:
                break
            owner = key
        return owner

    return field_of


def _check_id(checker: Checker, stem: str, root: Node, date: PartialDate | None) -> None:
    if not ID_RE.fullmatch(stem):
        checker.report(
            1,
            "id",
            f'the file name "{stem}.md" is not a valid id; expected the date '
            "then lowercase words joined by hyphens, e.g. 2017-07-20-short-title.md",
        )
        return
    if date is None:
        return
    match = _ID_DATE_PREFIX.match(stem)
    assert match is not None  # ID_RE matched: the stem starts with a date and a hyphen
    prefix = match.group(1)
    allowed = (
        [date.text[:4]]
        + ([date.text[:7]] if date.month else [])
        + ([date.text] if date.day else [])
    )
    if prefix not in allowed:
        checker.report(
            root.key_lines["date"],
            "id",
            f"the file name starts with {prefix}, which "
            f"does not match date {date.text}; expected it to start with "
            f"{' or '.join(reversed(allowed))}, e.g. "
            f"{allowed[-1]}-{stem[len(prefix) + 1 :]}.md",
        )


def check_event_file(
    path: Path, display: str, context: CheckContext
) -> tuple[Event | None, Checker, list[Problem]]:
    """(Event or None, the checker with its problems and related refs, problems)."""
    checker = Checker(display, context)
    text, read_problems = read_text(path, MAX_EVENT_BYTES)
    if text is None:
        return None, checker, [Problem(display, p.line, p.field, p.message) for p in read_problems]
    event_text, split_problems = split_front_matter(text)
    root = None
    for problem in split_problems:
        checker.report(problem.line, problem.field, problem.message)
    if event_text is not None:
        body_line = event_text.closing_line + 1
        for problem in body_problems(event_text.raw_body, body_line):
            checker.report(problem.line, problem.field, problem.message)
        # YAML would read a key after one of these unseen, at a line off by one.
        yaml_problems = line_break_problems(event_text.front_matter, event_text.front_matter_line)
        if not yaml_problems:
            root, yaml_problems = compose(event_text.front_matter, event_text.front_matter_line)
        for problem in yaml_problems:
            checker.report(problem.line, problem.field, problem.message)
        if root is None and not yaml_problems:
            checker.report(
                1,
                "front matter",
                "is empty; expected the fields " + ", ".join(formats.REQUIRED_EVENT_FIELDS),
            )
    values: dict[str, Any] | Invalid = {}
    warnings: list[Problem] = []
    if root is not None:
        values = check_record(checker, root, formats.EVENT_RECORD, "", missing_line=1, partial=True)
    if root is not None and values is not INVALID:
        _check_id(checker, path.stem, root, values.get("date"))
        if "date" in values and "end" in values:
            _check_end(checker, root, values["date"], values["end"])
        if "figures" in values:
            _check_figures(checker, root.value["figures"], values["figures"], values.get("date"))
        _check_span(checker, root, values, context.years)
        warnings = _title_zh(checker, root, values, display)
    if root is not None and values is not INVALID:
        _name_uses(context, display, root, values)
    checker.problems += template_problems(display, text, _field_of_line(event_text, root))
    if checker.problems:
        return None, checker, checker.problems
    # Front matter that cannot be split off, or that is not fields, is a problem.
    assert event_text is not None and values is not INVALID
    event = event_from(path.stem, display, values, event_text.body, context.measures or {})
    event.warnings = warnings
    return event, checker, []


def _title_zh(checker: Checker, root: Node, values: dict, display: str) -> list[Problem]:
    """``title_zh``, the deprecated form of ``titles: {zh: ...}``: refused beside a
    ``titles.zh``, else read as it with a warning."""
    if "title_zh" not in root.value:
        return []
    line = root.key_lines["title_zh"]
    if "zh" in (values.get("titles") or {}):
        checker.report(
            line,
            "title_zh",
            f"the Chinese title is also titles.zh (line {root.value['titles'].key_lines['zh']}); "
            "expected it once, as titles.zh: remove title_zh",
        )
        return []
    return [
        Problem(
            display,
            line,
            "title_zh",
            "is deprecated and read as titles: {zh: ...} until the next minor release; "
            "run `policy-timeline migrate` to rewrite it",
        )
    ]


def _name_uses(context: CheckContext, display: str, root: Node, values: dict) -> None:
    """Where this event writes actors, places and web sources, for names.problems."""
    for section, key_of in (("actors", urls.actor_key), ("places", urls.place_key)):
        for i, name in enumerate(values.get(section, ())):
            context.name_uses[section].append(
                names.Use(
                    name,
                    key_of(name),
                    urls.same_name(name),
                    display,
                    root.value[section].value[i].line,
                    f"{section}[{i}]",
                )
            )
    for i, source in enumerate(values.get("sources", ())):
        if source.get("url") and not source.get("ref"):
            url = source["url"]
            context.name_uses["sources"].append(
                names.Use(
                    url,
                    urls.web_source_key(url),
                    urls.web_address(url),
                    display,
                    root.value["sources"].value[i].value["url"].line,
                    f"sources[{i}].url",
                )
            )


def _check_span(
    checker: Checker, root: Node, values: dict[str, Any], years: tuple[int, int] | None
) -> None:
    """Dates within the vocabulary's years (each year an event is in has a page)."""
    if years is None:
        return
    for key in ("date", "end"):
        date = values.get(key)
        if date is not None and not years[0] <= date.year <= years[1]:
            checker.report(
                root.key_lines[key],
                key,
                f"{date.text} is outside the years of this "
                f"timeline, {years[0]} to {years[1]}; expected a date in them (the "
                f"span is years: {{first, last}} in {checker.context.vocabulary_path})",
            )


def _check_end(checker: Checker, root: Node, date: PartialDate, end: PartialDate) -> None:
    if end.last_day < date.first_day:
        checker.report(
            root.key_lines["end"],
            "end",
            f"{end.text} is before date {date.text}; expected end on or after date",
        )


def _check_figures(
    checker: Checker, node: Node, figures: list[dict], date: PartialDate | None
) -> None:
    """What one field cannot tell: a range that runs backwards; a forecast not
    stated before the year it is about."""
    for i, (item, figure) in enumerate(zip(node.value, figures)):
        field = f"figures[{i}]"
        if "low" in figure and "high" in figure and figure["low"] >= figure["high"]:
            low, high = item.value["low"].value.strip(), item.value["high"].value.strip()
            relation = "equal to" if figure["low"] == figure["high"] else "above"
            checker.report(
                item.key_lines["low"],
                f"{field}.low",
                f"{low} is {relation} high "
                f"{high}; expected low below high (for one number, write value)",
            )
        if figure["type"] == "forecast" and date is not None:
            key = "year" if "year" in figure else "period"
            first = figure["year"] if key == "year" else figure["period"][0]
            if first <= date.year:
                checker.report(
                    item.key_lines[key],
                    f"{field}.{key}",
                    f"{item.value[key].value.strip()} is not after the event's date "
                    f"{date.text}; a forecast is stated before the year it is about, "
                    f"so expected a year after {date.year} (a figure stated in or "
                    "after its year is an estimate)",
                )
