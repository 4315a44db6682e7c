"""The checks of single values: text, dates, flags, numbers, whole numbers and periods.

Each reads one scalar node as its declaration says (``formats.Text``, ``DateText``...)
and returns the Python value, or :data:`INVALID` once it has reported why not. YAML's
own readings are undone: an unquoted ``yes`` is not text, a quoted ``"12"`` is not a
number, and each message says how to write what was meant.
"""

from __future__ import annotations

import math
import re
import sys

import yaml

from policy_timeline.source import chars, formats
from policy_timeline.source.check_context import INVALID, Checking, Invalid
from policy_timeline.source.check_messages import clip, described
from policy_timeline.source.dates import DateError, PartialDate
from policy_timeline.source.formats import DateText, Flag, Integer, Number, Text, YearSpan
from policy_timeline.source.yaml_nodes import SCALAR, Node

TEMPLATE_MARKERS = ("{{", "{%", "{#")
_YAML_READS = {
    "bool": "true/false",
    "int": "a number",
    "float": "a number",
    "timestamp": "a date",
    "null": "no value",
}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
_YEAR_SPAN = re.compile(r"([0-9]{4})-([0-9]{4})")
_PERIOD_FORM = "the first and the last year joined by a hyphen, e.g. 2015-2016"
_FLOAT_MAX = sys.float_info.max  # numbers are floats in the charts, the exports and JSON


def not_scalar(checker: Checking, node: Node, field: str, expected: str) -> bool:
    if node.kind == SCALAR:
        return False
    checker.report(node.line, field, f"found {described(node)}; expected {expected}")
    return True


def string(checker: Checking, node: Node, field: str, expected: str = "text") -> str | Invalid:
    """The text of a scalar YAML keeps as a string, with a hint to quote YAML's coercions."""
    if not_scalar(checker, node, field, expected):
        return INVALID
    if node.tag in _YAML_READS:
        raw = node.value
        if node.tag == "null" and not raw.strip():
            checker.report(node.line, field, f"is empty; expected {expected}")
        else:
            quoted = raw.replace('"', '\\"')
            checker.report(
                node.line,
                field,
                f"{clip(raw)} is read by YAML as "
                f'{_YAML_READS[node.tag]}, not text; quote it: "{clip(quoted)}"',
            )
        return INVALID
    return node.value


def check_text(checker: Checking, node: Node, spec: Text, field: str) -> str | Invalid:
    value = string(checker, node, field)
    if value is INVALID:
        return value
    stripped = value.strip()
    if not stripped:
        checker.report(node.line, field, "is empty; expected text")
        return INVALID
    # The prefix holds no space: stripped at the end too, the text starts the same.
    if stripped.startswith(formats.PLACEHOLDER_PREFIX):
        checker.report(
            node.line,
            field,
            f'still holds the placeholder "{clip(stripped, 80)}"; replace it with the real text',
        )
        return INVALID
    if spec.one_line and "\n" in stripped:
        checker.report(
            node.line,
            field,
            f"is on {stripped.count(chr(10)) + 1} lines; expected the title on one line",
        )
        return INVALID
    if spec.max_length is not None and len(value) > spec.max_length:
        checker.report(
            node.line,
            field,
            f"is {len(value)} characters long; expected at most "
            f"{spec.max_length} (one or two sentences; longer text goes in the body)",
        )
        return INVALID
    found = chars.refused(value)
    if found:
        char = found.group()
        checker.report(
            node.line,
            field,
            f"holds {chars.name(char)}, {chars.kind(char)}, at "
            f"character {found.start() + 1}; remove it",
        )
        return INVALID
    if node.written is not None:
        decoded = [m for m in TEMPLATE_MARKERS if m in value and m not in node.written]
        if decoded:
            checker.report(
                node.line,
                field,
                f'its escapes decode to "{decoded[0]}", which looks '
                "like a template tag, and event text is never a template; write "
                f'the two characters apart ("{decoded[0][0]} {decoded[0][1]}")',
            )
            return INVALID
    if spec.pattern is not None and not re.fullmatch(spec.pattern, value):
        checker.report(
            node.line,
            field,
            f'"{clip(value)}" is not in the expected form; expected something like {spec.example}',
        )
        return INVALID
    return value


def check_date(checker: Checking, node: Node, spec: DateText, field: str) -> PartialDate | Invalid:
    if not_scalar(checker, node, field, f"a date: {_DATE_FORMS}"):
        return INVALID
    raw = node.value.strip()
    # An unquoted 2009 (int) or 2017-07-20 (timestamp) is read back as written.
    if node.tag not in ("str", "int", "timestamp"):
        checker.report(
            node.line, field, f"{clip(raw) or 'nothing'} is not a date; expected {_DATE_FORMS}"
        )
        return INVALID
    if node.tag == "timestamp" and len(raw) > 10:
        checker.report(
            node.line,
            field,
            f"{clip(raw)} is a date with a time of day; expected {_DATE_FORMS}, without a time",
        )
        return INVALID
    if len(raw) > 40:
        checker.report(node.line, field, f'"{clip(raw)}" is not a date; expected {_DATE_FORMS}')
        return INVALID
    try:
        return PartialDate.parse(raw)
    except DateError as exc:
        checker.report(node.line, field, str(exc))
        return INVALID


def check_flag(checker: Checking, node: Node, spec: Flag, field: str) -> bool | Invalid:
    if not_scalar(checker, node, field, "true or false"):
        return INVALID
    raw = node.value.strip()
    if node.tag == "bool" and raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    if node.tag == "str":
        checker.report(
            node.line, field, f'"{clip(raw)}" is text; expected true or false, without quotes'
        )
        return INVALID
    hint = " (yes, no, on and off are ambiguous in YAML)" if node.tag == "bool" else ""
    checker.report(
        node.line,
        field,
        f"{clip(raw) or 'nothing'} is not a flag; expected true or false{hint}",
    )
    return INVALID


def number(checker: Checking, node: Node, field: str, expected: str) -> int | float | Invalid:
    if not_scalar(checker, node, field, expected):
        return INVALID
    raw = node.value.strip()
    if node.tag in ("int", "float"):
        constructor = (
            _CONSTRUCTOR.construct_yaml_int
            if node.tag == "int"
            else _CONSTRUCTOR.construct_yaml_float
        )
        try:
            value = constructor(yaml.ScalarNode(node.tag, raw))
        except ValueError:  # more digits than Python turns into an int
            value = math.inf
        if isinstance(value, float) and not math.isfinite(value):
            checker.report(
                node.line, field, f"{clip(raw)} is not a finite number; expected {expected}"
            )
            return INVALID
        if isinstance(value, int) and not -_FLOAT_MAX <= value <= _FLOAT_MAX:
            checker.report(
                node.line,
                field,
                f"{clip(raw)} is {len(raw.lstrip('+-'))} digits "
                f"long, more than a number here can hold; expected {expected}, at most "
                f"{_FLOAT_MAX:.17g} either side of 0",
            )
            return INVALID
        return value
    if node.tag == "str":
        checker.report(
            node.line, field, f'"{clip(raw)}" is text; expected {expected}, without quotes'
        )
    else:
        checker.report(
            node.line, field, f"{clip(raw) or 'nothing'} is not a number; expected {expected}"
        )
    return INVALID


def check_number(checker: Checking, node: Node, spec: Number, field: str) -> int | float | Invalid:
    return number(checker, node, field, "a number such as 12.5")


def check_integer(checker: Checking, node: Node, spec: Integer, field: str) -> int | Invalid:
    expected = "a whole number" + (
        f" from {spec.minimum} to {spec.maximum}"
        if spec.minimum is not None and spec.maximum is not None
        else ""
    )
    value = number(checker, node, field, expected)
    if value is INVALID:
        return value
    if (
        not isinstance(value, int)
        or (spec.minimum is not None and value < spec.minimum)
        or (spec.maximum is not None and value > spec.maximum)
    ):
        checker.report(node.line, field, f"{clip(node.value.strip())} is not {expected}")
        return INVALID
    return value


def check_year_span(
    checker: Checking, node: Node, spec: YearSpan, field: str
) -> tuple[int, int] | Invalid:
    if not_scalar(checker, node, field, _PERIOD_FORM):
        return INVALID
    raw = node.value.strip()
    match = _YEAR_SPAN.fullmatch(raw)
    if not match:
        checker.report(
            node.line,
            field,
            f"{clip(raw) or 'nothing'} is not a period; expected {_PERIOD_FORM}",
        )
        return INVALID
    first, last = int(match[1]), int(match[2])
    if last == first:
        checker.report(
            node.line,
            field,
            f"{raw} is a single year; expected year: {first} instead of a period",
        )
        return INVALID
    if last < first:
        checker.report(
            node.line,
            field,
            f"{raw} ends before it starts; expected the first year, then the last: {last}-{first}",
        )
        return INVALID
    return (first, last)
