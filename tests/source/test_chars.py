"""The characters text may not hold, checked against the running Python's Unicode data,
and every one of them escaped in a message."""
from __future__ import annotations

import sys
import unicodedata

import pytest
import yaml

from policy_timeline.source import chars
from policy_timeline.source.chars import yaml_quoted
from policy_timeline.source.errors import Problem, printable


def test_format_ranges_are_unicode_category_cf():
    expected = [c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    listed = [c for first, last in chars.FORMAT_RANGES for c in range(first, last + 1)]
    assert listed == expected


def test_every_refused_character_is_escaped_in_a_message():
    refused = [chr(c) for c in range(sys.maxunicode + 1)
               if chars.CONTROL.match(chr(c)) or chars.INVISIBLE.match(chr(c))
               or chars.LINE_BREAKS.match(chr(c))]
    assert len(refused) > 200 and "\u202e" in refused and "\u200b" in refused
    shown = str(Problem("events/a.md", 3, "title", "".join(refused)))
    assert shown.isascii() and shown.isprintable()
    assert printable("\u202e\x1b\n\u2028\U000e0041") == "\\u202e\\x1b\\x0a\\u2028\\U000e0041"
    # Letters, accents, CJK and emoji stay as they are.
    assert printable("Zhāng 国务院 🙂 Stаte") == "Zhāng 国务院 🙂 Stаte"


@pytest.mark.parametrize("text", [
    "plain", 'quote " and \\ backslash', "tab\tnewline\nCR\r", "NEL\x85 LS\u2028 PS\u2029",
    "C1 \x80\x9f DEL \x7f", "bidi \u202e zero-width \u200b BOM \ufeff", "中文 and emoji \U0001f600",
    "--- front matter ---", "{{ jinja }} {% x %}", "&anchor *alias !!python/object:os.system",
    "", " leading and trailing ",
])
def test_yaml_quoted_reads_back_as_exactly_the_text(text):
    quoted = yaml_quoted(text)
    assert "\n" not in quoted and "\r" not in quoted
    assert yaml.safe_load(f"key: {quoted}\n") == {"key": text}


def test_the_quick_searches_find_what_the_character_classes_find():
    """chars.refused and chars.has_line_break skip the searches ASCII text cannot match;
    on every refused character, alone, in ASCII and in other text, they find what the
    classes' own searches find, at the same place."""
    every = [chr(c) for c in range(sys.maxunicode + 1)
             if chars.CONTROL.match(chr(c)) or chars.INVISIBLE.match(chr(c))
             or chars.LINE_BREAKS.match(chr(c))]
    texts = ["", "plain ASCII", "tab\tand\nnewline", "CRLF\r\n", "CR\r only", "中文 é 🙂"]
    for char in every:
        texts += [char, f"ASCII {char} after", f"中文 {char} é", f"\u200b then {char}"]
    for text in texts:
        slow = chars.CONTROL.search(text) or chars.INVISIBLE.search(text)
        quick = chars.refused(text)
        assert (quick and (quick.start(), quick.group())) == (slow and (slow.start(), slow.group()))
        assert chars.has_line_break(text) == bool(chars.LINE_BREAKS.search(text)), repr(text)
    assert chars.refused("ASCII\x1b") and not chars.refused("ASCII\t\n")
    assert chars.has_line_break("a\rb") and not chars.has_line_break("a\r\nb")
