"""``policy-timeline new "Title" --date 2017-07 --lane central --kind plan [--source KEY]``.

Writes a new event file with the right id, the schema line for editors, and
every required field filled in or marked with a placeholder that the
validator refuses until it is replaced. It never overwrites a file and
checks its arguments against the vocabulary and bibliography first.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import chars
from .checker import TEMPLATE_MARKERS, did_you_mean
from .dates import DateError, PartialDate
from .load import find_event_files, plain_scalar_tag
from .model import PLACEHOLDER_PREFIX, SLUG_PATTERN, SUMMARY_MAX, Vocabulary
from .schema import schema_path
from .urls import slugify
from .validate import load_bibliography, load_vocabulary

MAX_SLUG = 48  # characters of title in the id: enough to tell events apart, short enough to type
_UNSAFE_TITLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _yaml_text(value: str) -> str:
    """A value YAML reads back as this exact text: plain when it is safe, else double-quoted."""
    if re.fullmatch(SLUG_PATTERN, value) and plain_scalar_tag(value) == "str":
        return value
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(value, ensure_ascii=False)


def event_id(date: PartialDate, title: str) -> str:
    """The date at its precision, then the title's first words as a slug."""
    # "Council's" gives "councils", not "council-s".
    words = slugify(re.sub(r"['\u2019]", "", title)).split("-")
    slug = words[0]
    for word in words[1:]:
        if len(slug) + 1 + len(word) > MAX_SLUG:
            break
        slug += "-" + word
    return f"{date.text}-{slug[:MAX_SLUG].strip('-')}"


def _choice_problem(option: str, value: str, known: list[str], where: str) -> str | None:
    if value in known:
        return None
    return (
        f'{option} "{value}" is not {where}{did_you_mean(value, known) or "."} '
        f"Expected one of: {', '.join(known)}"
    )


def event_text(
    title: str,
    date: PartialDate,
    lane: str,
    kind: str,
    source: str | None,
    schema_ref: str,
    tag_examples: list[str],
    measure_example: str | None = None,
) -> str:
    todo = PLACEHOLDER_PREFIX
    if source:
        sources = [
            f"  - ref: {_yaml_text(source)}",
            '    # locator: "p. 12"   (where in the source: a page, a section heading)',
        ]
    else:
        sources = [
            f'  - title: "{todo}: the title of the source"',
            f'    url: "{todo}: https://... (the address where it can be read)"',
            '    # locator: "p. 12"   (where in the source: a page, a section heading)',
            "    # or, for a source in the bibliography: - ref: KEY",
        ]
    tags = ", ".join(tag_examples) or "tag-id"
    measure = measure_example or "measure-id"
    lines = [
        "---",
        f"# yaml-language-server: $schema={schema_ref}",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"date: {date.text}",
        f"lane: {_yaml_text(lane)}",
        f"kind: {_yaml_text(kind)}",
        f'summary: "{todo}: one or two sentences of plain text, at most {SUMMARY_MAX} characters"',
        "sources:",
        *sources,
        "# Optional fields: remove the # of those that apply (see the Event file format page).",
        '# title_zh: ""',
        f"# end: {date.year + 1}",
        "# actors: [State Council]",
        "# places: [Shanghai]",
        f"# tags: [{tags}]",
        "# related: [2017-07-new-generation-ai-development-plan]",
        "# highlight: true",
        "# figures:   (type: target, forecast, estimate or actual; low and high for a range)",
        f"#   - {{measure: {measure}, type: target, value: 150, year: 2020}}",
        "---",
        "",
    ]
    return "\n".join(lines)


def _argument_problems(
    events_dir: Path, title: str, date: str, lane: str, kind: str, source: str | None
) -> tuple[list[str], PartialDate | None, Vocabulary | None]:
    """(problems, parsed date, vocabulary): every argument checked before anything is written."""
    problems: list[str] = []
    if not title.strip():
        problems.append("the title is empty; expected the event's title")
    elif _UNSAFE_TITLE.search(title) or chars.INVISIBLE.search(title):
        problems.append(
            "the title has a line break, a control character or an invisible or "
            "bidi character; expected one line of visible text"
        )
    elif any(marker in title for marker in TEMPLATE_MARKERS):
        problems.append(
            "the title contains a template tag ({{, {% or {#); event text is never a template"
        )
    parsed = None
    try:
        parsed = PartialDate.parse(date)
    except DateError as exc:
        problems.append(f"--date: {exc}")
    vocabulary, vocab_problems = load_vocabulary(events_dir)
    problems += [str(p) for p in vocab_problems]
    if vocabulary is not None and parsed is not None:
        first, last = vocabulary.years
        if not first <= parsed.year <= last:
            problems.append(
                f"--date: {parsed.text} is outside the years of this timeline, "
                f"{first} to {last} (years: in the vocabulary)"
            )
    if vocabulary is not None:
        for option, value, known in (
            ("--lane", lane, list(vocabulary.lanes)),
            ("--kind", kind, list(vocabulary.kinds)),
        ):
            problem = _choice_problem(option, value, known, "in the vocabulary")
            if problem:
                problems.append(problem)
    if source is not None:
        bibliography, bib_problems = load_bibliography(events_dir)
        problems += [str(p) for p in bib_problems]
        if not (events_dir / "bibliography.yml").exists():
            problems.append(
                f'--source "{source}": there is no {events_dir / "bibliography.yml"}; '
                "leave --source out to cite a title and url instead"
            )
        elif not bib_problems:
            problem = _choice_problem(
                "--source", source, sorted(bibliography), "a key of the bibliography"
            )
            if problem:
                problems.append(problem)
    return problems, parsed, vocabulary


@dataclass(frozen=True)
class NewEvent:
    """What ``new`` did: the file it wrote, or why it wrote nothing."""

    path: Path | None
    problems: tuple[str, ...] = ()


def create_event(
    events_dir: Path, title: str, *, date: str, lane: str, kind: str, source: str | None = None
) -> NewEvent:
    """Write a new event file into ``events_dir`` (its year's folder when there is one)."""
    events_dir = Path(events_dir)
    if not events_dir.is_dir():
        return NewEvent(None, (f"{events_dir} is not a folder; expected the events folder",))
    title = title.strip()
    problems, parsed, vocabulary = _argument_problems(events_dir, title, date, lane, kind, source)
    if problems or parsed is None or vocabulary is None:
        return NewEvent(None, tuple(problems))
    new_id = event_id(parsed, title)
    found = find_event_files(events_dir)
    clash = next((rel for rel in found.events if Path(rel).stem == new_id), None)
    if clash is not None:
        return NewEvent(
            None,
            (
                f"an event with the id {new_id} already exists: "
                f"{events_dir / clash}; edit it, or choose another title",
            ),
        )
    # A timeline kept in one folder per year gets the new file in its year's folder.
    year_folder = events_dir / f"{parsed.year:04d}"
    folder = year_folder if year_folder.is_dir() else events_dir
    path = folder / f"{new_id}.md"
    schema_ref = Path(
        os.path.relpath(schema_path(events_dir).resolve(), folder.resolve())
    ).as_posix()
    text = event_text(
        title,
        parsed,
        lane,
        kind,
        source,
        schema_ref,
        list(vocabulary.tags)[:3],
        next(iter(vocabulary.measures), None),
    )
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        return NewEvent(None, (f"{path} already exists",))
    return NewEvent(path)
