"""The answers of an issue made with the "Suggest an event" form, read as data.

GitHub writes an issue form's answers into the issue's body as Markdown: each
answer under a heading that is its question's label (``### Date``), an empty
answer as ``_No response_``, a dropdown's choices by their labels, several
joined by commas. This module finds the form's headings
(``policy_timeline.authoring.issue_form.FIELDS``), maps the dropdowns' labels
back to the vocabulary's ids, says what leaves nothing to write, and makes the
values ``new.create_event`` writes an event file from.
"""

from __future__ import annotations

from policy_timeline.authoring.issue_form import FormField, dropdown_options
from policy_timeline.authoring.new import EventValues
from policy_timeline.source import language_tags
from policy_timeline.source.dates import DateError, PartialDate
from policy_timeline.source.errors import printable
from policy_timeline.source.model import Vocabulary

NO_RESPONSE = "_No response_"
_HEADING = "### "


def parse_answers(body: str, fields: tuple[FormField, ...]) -> tuple[dict[str, str], list[str]]:
    """({field id: answer} for each answer given, problems). An answer is the text between
    its heading and the next heading of the form; ``_No response_`` and blank are no answer."""
    labels = {f.label: f for f in fields}
    lines = body.replace("\r\n", "\n").split("\n")
    found: list[tuple[int, FormField]] = []
    for number, line in enumerate(lines):
        if line.startswith(_HEADING) and line[len(_HEADING) :].strip() in labels:
            found.append((number, labels[line[len(_HEADING) :].strip()]))
    if not found:
        return {}, [
            "the issue has none of the questions of the Suggest an event form ("
            + ", ".join(f'"### {f.label}"' for f in fields[:3])
            + "...); expected an issue made with that form"
        ]
    problems = []
    seen: dict[str, int] = {}
    for _, form_field in found:
        seen[form_field.id] = seen.get(form_field.id, 0) + 1
    for form_field in fields:
        if seen.get(form_field.id, 0) > 1:
            problems.append(
                f'the line "### {form_field.label}" is there {seen[form_field.id]} times; '
                "the form writes it once, before its answer, so the answers cannot be told "
                "apart. Expected no answer with a line of its own that is a question of the form"
            )
    if problems:
        return {}, problems
    answers = {}
    for index, (start, form_field) in enumerate(found):
        end = found[index + 1][0] if index + 1 < len(found) else len(lines)
        text = "\n".join(lines[start + 1 : end])
        if form_field.id == "details":
            # Markdown: a first line's indent is part of it; blank lines around are not.
            text = text.strip("\n").rstrip()
        else:
            text = text.strip()
        if text and text != NO_RESPONSE:
            answers[form_field.id] = text
    return answers, []


class _Options:
    """A dropdown's options, looked up by label or id: exactly, else ignoring case; the first
    option that a text names wins. A dict lookup each, so that reading an answer costs its
    length, whatever the number of its pieces."""

    def __init__(self, options: list[tuple[str, str]]) -> None:
        self.exact: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        for term_id, label in options:
            for name in (label, term_id):
                self.exact.setdefault(name, term_id)
        for term_id, label in options:
            for name in (label, term_id):
                self.folded.setdefault(name.casefold(), term_id)
        # The most comma-separated pieces one option's name spans: no longer run can name one.
        self.span = 1 + max((name.count(",") for name in self.exact), default=0)

    def match(self, value: str) -> str | None:
        found = self.exact.get(value)
        return found if found is not None else self.folded.get(value.casefold())


def _match(value: str, options: list[tuple[str, str]]) -> str | None:
    """The id of the option ``value`` names by its label or its id (exactly, else ignoring case)."""
    return _Options(options).match(value)


def choice(value: str, options: list[tuple[str, str]]) -> str:
    """A dropdown's answer as an id; an answer that names no option stays as written, and the
    validator says what is expected."""
    return _match(value.strip(), options) or value.strip()


def choices(value: str, options: list[tuple[str, str]]) -> tuple[str, ...]:
    """Several choices as ids. GitHub joins them with ", ", and a label may hold a comma:
    at each point, the longest run of comma-separated pieces that names an option.

    Linear in the answer: a run is tried only as long as the longest option's name has
    pieces (a fixed number, the vocabulary's, not the contributor's), each by a dict lookup,
    and the choices are kept in a dict (insertion order, no repeats)."""
    lookup = _Options(options)
    pieces = value.split(",")
    out: dict[str, None] = {}
    start = 0
    while start < len(pieces):
        for end in range(min(len(pieces), start + lookup.span), start, -1):
            term_id = lookup.match(",".join(pieces[start:end]).strip())
            if term_id is not None:
                break
        else:
            end = start + 1
            term_id = pieces[start].strip() or None
        if term_id is not None:
            out.setdefault(term_id, None)
        start = end
    return tuple(out)


def _listed(value: str) -> tuple[str, ...]:
    """Comma-separated names, each stripped, without empty ones or repeats."""
    return tuple(dict.fromkeys(name.strip() for name in value.split(",") if name.strip()))


def _label(fields: tuple[FormField, ...], field_id: str) -> str:
    return next((f.label for f in fields if f.id == field_id), field_id)


def _missing(fields: tuple[FormField, ...], field_id: str, expected: str) -> str:
    return f'the answer to "{_label(fields, field_id)}" is missing; expected {expected}'


def answer_problems(answers: dict[str, str], fields: tuple[FormField, ...]) -> list[str]:
    """What leaves nothing to write: a required answer missing, no source, a date that is not
    one (the file's name starts with the date)."""
    problems = []
    for form_field in fields:
        if form_field.required and form_field.id not in answers:
            problems.append(_missing(fields, form_field.id, form_field.description.rstrip(".")))
    if "date" in answers:
        try:
            PartialDate.parse(answers["date"])
        except DateError as exc:
            problems.append(f'the answer to "{_label(fields, "date")}": {printable(str(exc))}')
    if "source_ref" not in answers:
        title, url = "source_title" in answers, "source_url" in answers
        if not title and not url:
            problems.append(
                f'no source: expected a "{_label(fields, "source_ref")}", or a '
                f'"{_label(fields, "source_title")}" and a "{_label(fields, "source_url")}"'
            )
        elif not url:
            problems.append(_missing(fields, "source_url", "where the source can be read"))
        elif not title:
            problems.append(_missing(fields, "source_title", "the source's title"))
    if ("title_other" in answers) != ("title_language" in answers):
        given, other = (
            ("title_other", "title_language")
            if "title_other" in answers
            else ("title_language", "title_other")
        )
        problems.append(
            f'the answer to "{_label(fields, given)}" needs one to "{_label(fields, other)}"; '
            "expected both (a title and its language tag, e.g. es) or neither"
        )
    return problems


def _other_title(answers: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The title in another language, by its tag (in its canonical case when it is one;
    the validator tells the contributor what is wrong with one that is not)."""
    if "title_other" not in answers or "title_language" not in answers:
        return ()
    tag = answers["title_language"].strip()
    return ((language_tags.canonical(tag) or tag, answers["title_other"]),)


def event_values(answers: dict[str, str], vocabulary: Vocabulary) -> EventValues:
    tags = (
        choices(answers["tags"], dropdown_options(vocabulary, "tags")) if "tags" in answers else ()
    )
    return EventValues(
        summary=answers.get("summary"),
        titles=_other_title(answers),
        end=answers.get("end"),
        source_title=answers.get("source_title"),
        source_url=answers.get("source_url"),
        locator=answers.get("locator"),
        quote=answers.get("quote"),
        actors=_listed(answers["actors"]) if "actors" in answers else (),
        tags=tags,
        body=answers.get("details"),
    )
