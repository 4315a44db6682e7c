"""The GitHub issue form "Suggest an event", made from the vocabulary.

``.github/ISSUE_TEMPLATE/suggest-an-event.yml`` lets someone who does not use
git suggest an event: its dropdowns offer the labels of the vocabulary's
lanes, kinds and tags. ``policy-timeline issue-form`` rewrites it after the
vocabulary changes, and a test holds the committed file equal to what the
command writes. ``FIELDS`` is also what ``policy_timeline.authoring.issue_answers``
reads an issue's answers by: GitHub writes each answer under a heading that is its
field's label.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from policy_timeline.authoring.site_examples import SiteExamples, site_examples
from policy_timeline.source.formats import SUMMARY_MAX
from policy_timeline.source.model import Vocabulary

FORM_FILE = Path(".github") / "ISSUE_TEMPLATE" / "suggest-an-event.yml"
FORM_LABEL = "suggested event"  # the one label the form gives its issues
ACCEPTED_LABEL = "accepted"  # a maintainer's: the workflow turns the issue into a pull request
TITLE_PREFIX = "[Event]: "
# GitHub refuses a dropdown option named "None": it is the answer of a dropdown left empty.
_RESERVED_OPTION = "none"


@dataclass(frozen=True)
class FormField:
    id: str  # the key the converter knows the answer by
    label: str  # the question, and the heading GitHub writes the answer under
    type: str  # "input", "textarea" or "dropdown"
    description: str
    required: bool = False
    placeholder: str | None = None
    section: str | None = None  # a dropdown's vocabulary section: lanes, kinds or tags
    multiple: bool = False


FIELDS: tuple[FormField, ...] = (
    FormField(
        "title",
        "Event title",
        "input",
        "What happened, in a few words, in English.",
        required=True,
    ),
    FormField(
        "title_other",
        "Title in another language",
        "input",
        "Optional: the title as the source gives it in its own language, when that is not "
        "the timeline's.",
    ),
    FormField(
        "title_language",
        "Language of that title",
        "input",
        "With a title in another language: its language tag (BCP 47), e.g. es, fr, zh, "
        "zh-Hant or pt-BR.",
    ),
    FormField(
        "date",
        "Date",
        "input",
        "YYYY, YYYY-MM or YYYY-MM-DD, only as precise as the source: 2017, 2017-07 or "
        "2017-07-20 (with leading zeros).",
        required=True,
    ),
    FormField(
        "end",
        "End date",
        "input",
        "Optional, for a period only: its end, in the same forms (YYYY, YYYY-MM or YYYY-MM-DD).",
    ),
    FormField(
        "lane",
        "Lane",
        "dropdown",
        "The row of the timeline: who acted.",
        required=True,
        section="lanes",
    ),
    FormField(
        "kind",
        "Kind",
        "dropdown",
        "What the event is.",
        required=True,
        section="kinds",
    ),
    FormField(
        "summary",
        "Summary",
        "textarea",
        f"One or two sentences of plain text, at most {SUMMARY_MAX} characters.",
        required=True,
    ),
    FormField(
        "source_ref",
        "Bibliography key",
        "input",
        "The source: to cite a work of the timeline's bibliography (events/bibliography.yml), "
        "its key. Otherwise leave this empty and give the source's title and URL below.",
    ),
    FormField(
        "source_title",
        "Source title",
        "input",
        "The source's title, for a source that is not in the bibliography.",
    ),
    FormField(
        "source_url",
        "Source URL",
        "input",
        "Where the source can be read: the full address, starting with https:// or http://.",
        placeholder="https://",
    ),
    FormField(
        "locator",
        "Where in the source",
        "input",
        "Optional: a page, a section heading or a paragraph.",
        placeholder="p. 12",
    ),
    FormField(
        "quote",
        "Quote",
        "textarea",
        "Optional: a short exact quotation from the source that supports the event.",
    ),
    FormField(
        "tags",
        "Tags",
        "dropdown",
        "Optional: any that apply.",
        section="tags",
        multiple=True,
    ),
    FormField(
        "actors",
        "Actors",
        "input",
        "Optional: who acted (people, bodies, firms), separated by commas.",
    ),
    FormField(
        "details",
        "Details",
        "textarea",
        "Optional: longer text, in Markdown, shown on the event's page after the summary.",
    ),
)

_INTRO = """\
Suggest an event for the timeline: fill in what you know, with a source a reader can check.
A maintainer reviews the suggestion. Once they accept it, a pull request with the event file
is opened for you, and a comment here links to it and says what, if anything, is left to fix.

Answers are kept as plain text: nothing you write is run or read as code or as a template."""


def dropdown_options(vocabulary: Vocabulary, section: str) -> list[tuple[str, str]]:
    """(id, label) of a vocabulary section, in the order the site shows them."""
    if section == "lanes":
        return [(lane.id, lane.label) for lane in vocabulary.lanes_in_order()]
    terms = vocabulary.kinds if section == "kinds" else vocabulary.tags
    return [(term.id, term.label) for term in terms.values()]


def form_fields(vocabulary: Vocabulary) -> tuple[FormField, ...]:
    """The form's fields for this vocabulary: no tags question when there are no tags."""
    return tuple(
        field
        for field in FIELDS
        if field.section is None or dropdown_options(vocabulary, field.section)
    )


def form_problems(vocabulary: Vocabulary) -> list[str]:
    """What GitHub would refuse in the form, or what would make an answer ambiguous."""
    problems = []
    for field in FIELDS:
        if field.section is None:
            continue
        seen: dict[str, str] = {}
        for term_id, label in dropdown_options(vocabulary, field.section):
            if label.strip().lower() == _RESERVED_OPTION:
                problems.append(
                    f'{field.section}.{term_id}.label: "{label}" is reserved by GitHub\'s issue '
                    "forms (the answer of a dropdown left empty); expected another label"
                )
            if label in seen:
                problems.append(
                    f'{field.section}.{term_id}.label: "{label}" is also the label of '
                    f"{field.section}.{seen[label]}; expected labels unique in a section, "
                    "so that an answer names one"
                )
            seen.setdefault(label, term_id)
    return problems


def _placeholders(examples: SiteExamples) -> dict[str, str | None]:
    """The placeholders the site's own files give (its first event, actor, source key)."""
    return {
        "title": examples.title,
        "date": examples.date,
        "source_ref": examples.source_key,
        "actors": examples.actor,
    }


def _element(field: FormField, vocabulary: Vocabulary, examples: SiteExamples) -> dict[str, Any]:
    attributes: dict[str, Any] = {"label": field.label, "description": field.description}
    placeholder = _placeholders(examples).get(field.id) or field.placeholder
    if placeholder is not None:
        attributes["placeholder"] = placeholder
    if field.section is not None:
        if field.multiple:
            attributes["multiple"] = True
        attributes["options"] = [label for _, label in dropdown_options(vocabulary, field.section)]
    return {
        "type": field.type,
        "id": field.id,
        "attributes": attributes,
        "validations": {"required": field.required},
    }


def form_data(vocabulary: Vocabulary, examples: SiteExamples | None = None) -> dict[str, Any]:
    examples = examples or SiteExamples()
    return {
        "name": "Suggest an event",
        "description": "Propose an event for the timeline, with its source. No git needed.",
        "title": TITLE_PREFIX,
        "labels": [FORM_LABEL],
        "body": [
            {"type": "markdown", "attributes": {"value": _INTRO + "\n"}},
            *(_element(field, vocabulary, examples) for field in form_fields(vocabulary)),
        ],
    }


class _Dumper(yaml.SafeDumper):
    """Text of several lines as a literal block, the way a person would write it."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)

_HEADER = """\
# Generated by `policy-timeline issue-form` from events/vocabulary.yml: the dropdowns
# offer the labels of its lanes, kinds and tags. Do not edit it by hand: change the
# vocabulary, then run the command again (a test compares this file with its output).
# .github/workflows/suggest-event.yml turns an issue made with it into a pull request
# once a maintainer adds the label "accepted".
"""


def form_yaml(vocabulary: Vocabulary, examples: SiteExamples | None = None) -> str:
    """The form as committed: a header, then the YAML, in a stable order. Its placeholders
    are ``examples``: the site's own first event, actor and bibliography key."""
    body = yaml.dump(
        form_data(vocabulary, examples),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=4096,
        default_flow_style=False,
    )
    return _HEADER + body


def form_path(events_dir: Path) -> Path:
    """Where a site keeps the form: ``.github/ISSUE_TEMPLATE/`` beside its events folder."""
    return Path(events_dir).resolve().parent / FORM_FILE


def write_form(vocabulary: Vocabulary, out: Path, examples_dir: Path | None = None) -> bool:
    """Write the form of ``vocabulary`` to ``out``, its placeholders from the events folder
    ``examples_dir`` when given; False when it was up to date."""
    out = Path(out)
    examples = site_examples(examples_dir) if examples_dir is not None else None
    text = form_yaml(vocabulary, examples)
    if out.is_file() and out.read_text(encoding="utf-8") == text:
        return False
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8", newline="\n")
    return True
