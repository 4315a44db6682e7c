"""``policy-timeline new "Title" --date 2024-03 --lane LANE --kind KIND [--source KEY]``
(and ``--end``, ``--tags``, ``--summary``).

Writes a new event file with the right id and every required field filled in or marked with a placeholder that the
validator refuses until it is replaced. It never overwrites a file and
checks its arguments against the vocabulary and bibliography first.

``policy-timeline from-issue`` (``policy_timeline.authoring.suggest``) writes its files
with the same code, given more of the fields (:class:`EventValues`) and
leaving to the validator what it reports itself (``strict=False``).
Every value is written as YAML that reads back as exactly its text: no
value can end the front matter, start another field or be read as anything
but a string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from policy_timeline.authoring.site_examples import SiteExamples, site_examples
from policy_timeline.source import chars, language_tags
from policy_timeline.source.check_messages import did_you_mean
from policy_timeline.source.check_scalars import TEMPLATE_MARKERS
from policy_timeline.source.data_files import load_bibliography, load_vocabulary
from policy_timeline.source.dates import DateError, PartialDate
from policy_timeline.source.formats import PLACEHOLDER_PREFIX, SLUG_PATTERN, SUMMARY_MAX
from policy_timeline.source.load import find_event_files
from policy_timeline.source.model import Vocabulary
from policy_timeline.source.yaml_nodes import plain_scalar_tag
from policy_timeline.urls import slugify

MAX_SLUG = 48  # characters of title in the id: enough to tell events apart, short enough to type
_UNSAFE_TITLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _yaml_text(value: str) -> str:
    """A value YAML reads back as this exact text: plain when it is safe, else double-quoted."""
    if re.fullmatch(SLUG_PATTERN, value) and plain_scalar_tag(value) == "str":
        return value
    return chars.yaml_quoted(value)


def _yaml_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(_yaml_text(value) for value in values) + "]"


def _yaml_date(value: str) -> str:
    """A date as written by ``new`` when it is one; any other text quoted, for the validator."""
    try:
        return PartialDate.parse(value).text
    except DateError:
        return chars.yaml_quoted(value)


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


@dataclass(frozen=True)
class EventValues:
    """The fields of an event beyond ``new``'s arguments. What is given is written as a
    field; what is not is a placeholder (summary, a source's title and url) or a
    commented-out example, as ``new`` writes them."""

    summary: str | None = None
    titles: tuple[tuple[str, str], ...] = ()  # (language tag, title) in other languages
    end: str | None = None  # written as a date when it is one, else as text for the validator
    source_title: str | None = None
    source_url: str | None = None
    locator: str | None = None
    quote: str | None = None
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # ids of the vocabulary's tags
    body: str | None = None  # Markdown after the closing ---


def _sources(source: str | None, given: EventValues) -> list[str]:
    todo = PLACEHOLDER_PREFIX
    title = f"title: {chars.yaml_quoted(given.source_title)}" if given.source_title else None
    url = f"url: {chars.yaml_quoted(given.source_url)}" if given.source_url else None
    if source:
        lines = [f"  - ref: {_yaml_text(source)}"]
        lines += [f"    {field}" for field in (title, url) if field]
    else:
        title = title or f'title: "{todo}: the title of the source"'
        url = url or f'url: "{todo}: https://... (the address where it can be read)"'
        lines = [f"  - {title}", f"    {url}"]
    if given.locator:
        lines.append(f"    locator: {_yaml_text(given.locator)}")
    else:
        lines.append('    # locator: "p. 12"   (where in the source: a page, a section heading)')
    if given.quote:
        lines.append(f"    quote: {_yaml_text(given.quote)}")
    if not (source or given.source_title or given.source_url):
        lines.append("    # or, for a source in the bibliography: - ref: KEY")
    return lines


def event_text(
    title: str,
    date: PartialDate,
    lane: str,
    kind: str,
    source: str | None,
    tag_examples: list[str],
    measure_example: str | None = None,
    values: EventValues | None = None,
    examples: SiteExamples | None = None,
) -> str:
    """The file's text. Commented-out examples come from ``examples`` (the site's own first
    actor, place and event), else say what goes there."""
    given = values or EventValues()
    site = examples or SiteExamples()
    todo = PLACEHOLDER_PREFIX
    tags = ", ".join(tag_examples) or "tag-id"
    measure = measure_example or "measure-id"
    summary = (
        _yaml_text(given.summary)
        if given.summary
        else f'"{todo}: one or two sentences of plain text, at most {SUMMARY_MAX} characters"'
    )
    # (field, how it is written when given, its example when not)
    optional: list[tuple[str, str | None, str]] = [
        (
            "titles",
            _yaml_titles(given.titles) if given.titles else None,
            '{es: "the title in another language"}   (one a language tag: es, zh-Hant...)',
        ),
        ("end", _yaml_date(given.end) if given.end else None, str(date.year + 1)),
        (
            "actors",
            _yaml_list(given.actors) if given.actors else None,
            _yaml_list((site.actor,)) if site.actor else "[a person, a body or a firm]",
        ),
        ("places", None, _yaml_list((site.place,)) if site.place else "[a place]"),
        ("tags", _yaml_list(given.tags) if given.tags else None, f"[{tags}]"),
        ("related", None, _yaml_list((site.event_id or "the-id-of-another-event",))),
        ("highlight", None, "true"),
    ]
    written = {name: f"{name}: {value}" for name, value, _ in optional if value}
    lines = [
        "---",
        f"title: {chars.yaml_quoted(title)}",
        *[written[name] for name in ("titles",) if name in written],
        f"date: {date.text}",
        *[written[name] for name in ("end",) if name in written],
        f"lane: {_yaml_text(lane)}",
        f"kind: {_yaml_text(kind)}",
        f"summary: {summary}",
        *[written[name] for name in ("actors", "tags") if name in written],
        "sources:",
        *_sources(source, given),
        "# Optional fields: remove the # of those that apply (see the Event file format page).",
        *[f"# {name}: {example}" for name, _, example in optional if name not in written],
        "# figures:   (type: target, forecast, estimate or actual; low and high for a range)",
        f"#   - {{measure: {measure}, type: target, value: 150, year: 2020}}",
        "---",
        *([given.body] if given.body else []),
        "",
    ]
    return "\n".join(lines)


def _yaml_titles(titles: tuple[tuple[str, str], ...]) -> str:
    """``{"zh": "...", "es": "..."}``: keys and titles quoted, whatever they hold."""
    return (
        "{"
        + ", ".join(f"{chars.yaml_quoted(tag)}: {chars.yaml_quoted(text)}" for tag, text in titles)
        + "}"
    )


def parse_titles(pairs: list[str]) -> tuple[tuple[tuple[str, str], ...], list[str]]:
    """``new``'s ``--title-in TAG=TITLE`` options: the (tag, title) pairs, each tag in its
    canonical case, and what is wrong with the others."""
    titles: dict[str, str] = {}
    problems = []
    for pair in pairs:
        tag, sep, text = pair.partition("=")
        canonical = language_tags.canonical(tag.strip())
        if not sep or not text.strip():
            problems.append(
                f'--title-in "{pair}": expected a language tag, =, then the title, '
                "e.g. --title-in es=Ley de Inteligencia Artificial"
            )
        elif canonical is None:
            problems.append(f"--title-in: {language_tags.problem(tag.strip())}")
        elif canonical in titles:
            problems.append(
                f"--title-in: {canonical} is given twice; expected one title a language"
            )
        elif _UNSAFE_TITLE.search(text) or chars.INVISIBLE.search(text):
            problems.append(
                f"--title-in {canonical}: the title has a line break, a control character or an "
                "invisible or bidi character; expected one line of visible text"
            )
        else:
            titles[canonical] = text.strip()
    return tuple(titles.items()), problems


class _Problem(NamedTuple):
    message: str
    blocking: bool  # nothing can be written; else the validator would also report it


def _argument_problems(
    events_dir: Path, title: str, date: str, lane: str, kind: str, source: str | None
) -> tuple[list[_Problem], PartialDate | None, Vocabulary | None]:
    """(problems, parsed date, vocabulary): every argument checked before anything is written.

    A blocking problem leaves no file to write (no title, no date, no vocabulary);
    the others are what the validator reports of the file once it is written."""
    problems: list[_Problem] = []
    if not title.strip():
        problems.append(_Problem("the title is empty; expected the event's title", True))
    elif _UNSAFE_TITLE.search(title) or chars.INVISIBLE.search(title):
        problems.append(
            _Problem(
                "the title has a line break, a control character or an invisible or "
                "bidi character; expected one line of visible text",
                False,
            )
        )
    elif any(marker in title for marker in TEMPLATE_MARKERS):
        problems.append(
            _Problem(
                "the title contains a template tag ({{, {% or {#); event text is never a template",
                False,
            )
        )
    parsed = None
    try:
        parsed = PartialDate.parse(date)
    except DateError as exc:
        problems.append(_Problem(f"--date: {exc}", True))
    vocabulary, vocab_problems = load_vocabulary(events_dir)
    problems += [_Problem(str(p), True) for p in vocab_problems]
    if vocabulary is not None and parsed is not None:
        first, last = vocabulary.years
        if not first <= parsed.year <= last:
            problems.append(
                _Problem(
                    f"--date: {parsed.text} is outside the years of this timeline, "
                    f"{first} to {last} (years: in the vocabulary)",
                    False,
                )
            )
    if vocabulary is not None:
        for option, value, known in (
            ("--lane", lane, list(vocabulary.lanes)),
            ("--kind", kind, list(vocabulary.kinds)),
        ):
            problem = _choice_problem(option, value, known, "in the vocabulary")
            if problem:
                problems.append(_Problem(problem, False))
    if source is not None:
        bibliography, bib_problems = load_bibliography(events_dir)
        problems += [_Problem(str(p), False) for p in bib_problems]
        if not (events_dir / "bibliography.yml").exists():
            problems.append(
                _Problem(
                    f'--source "{source}": there is no {events_dir / "bibliography.yml"}; '
                    "leave --source out to cite a title and url instead",
                    False,
                )
            )
        elif not bib_problems:
            problem = _choice_problem(
                "--source", source, sorted(bibliography), "a key of the bibliography"
            )
            if problem:
                problems.append(_Problem(problem, False))
    return problems, parsed, vocabulary


def _value_problems(
    values: EventValues, date: PartialDate | None, vocabulary: Vocabulary | None
) -> list[_Problem]:
    """``new``'s --end, --tags and --summary, checked as the validator would check them."""
    problems: list[_Problem] = []
    if values.end is not None:
        try:
            end = PartialDate.parse(values.end)
        except DateError as exc:
            problems.append(_Problem(f"--end: {exc}", False))
        else:
            if date is not None and end.last_day < date.first_day:
                problems.append(
                    _Problem(
                        f"--end: {end.text} is before --date {date.text}; "
                        "expected the end of the period, on or after its date",
                        False,
                    )
                )
    if values.summary is not None:
        summary = values.summary
        if not summary.strip():
            problems.append(_Problem("--summary is empty; expected one or two sentences", False))
        elif len(summary) > SUMMARY_MAX:
            problems.append(
                _Problem(
                    f"--summary has {len(summary)} characters; expected at most {SUMMARY_MAX} "
                    "(longer text goes in the body)",
                    False,
                )
            )
        elif _UNSAFE_TITLE.search(summary) or chars.INVISIBLE.search(summary):
            problems.append(
                _Problem(
                    "--summary has a line break, a control character or an invisible or "
                    "bidi character; expected plain text on one line",
                    False,
                )
            )
    if vocabulary is not None:
        for tag in values.tags:
            problem = _choice_problem("--tags", tag, list(vocabulary.tags), "in the vocabulary")
            if problem:
                problems.append(_Problem(problem, False))
    return problems


@dataclass(frozen=True)
class NewEvent:
    """What ``new`` did: the file it wrote, or why it wrote nothing."""

    path: Path | None
    problems: tuple[str, ...] = ()


def create_event(
    events_dir: Path,
    title: str,
    *,
    date: str,
    lane: str,
    kind: str,
    source: str | None = None,
    values: EventValues | None = None,
    strict: bool = True,
) -> NewEvent:
    """Write a new event file into ``events_dir`` (its year's folder when there is one).

    ``strict`` (``new``): every problem of the arguments stops it. Otherwise only what
    leaves nothing to write does (no title, a date that is not one, no vocabulary, an
    id that exists): a lane that is not in the vocabulary, say, is written as given,
    for the validator to report at its line."""
    events_dir = Path(events_dir)
    if not events_dir.is_dir():
        return NewEvent(None, (f"{events_dir} is not a folder; expected the events folder",))
    title = title.strip()
    problems, parsed, vocabulary = _argument_problems(events_dir, title, date, lane, kind, source)
    if strict and values is not None:
        problems += _value_problems(values, parsed, vocabulary)
    stopping = [p.message for p in problems if strict or p.blocking]
    if stopping or parsed is None or vocabulary is None:
        return NewEvent(None, tuple(stopping))
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
    text = event_text(
        title,
        parsed,
        lane,
        kind,
        source,
        list(vocabulary.tags)[:3],
        next(iter(vocabulary.measures), None),
        values,
        site_examples(events_dir),
    )
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        return NewEvent(None, (f"{path} already exists",))
    return NewEvent(path)
